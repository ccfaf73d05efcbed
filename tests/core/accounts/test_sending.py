"""Sending from a real Dovecot submission server, relayed to a real SMTP receiver, with
the copy in the real IMAP Sent folder: what arrives, what is kept, and every fault."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from account_fixtures import AUTHORITY_EMAIL, PASSWORD, REQUEST_MESSAGE_ID, USER, add_request
from account_fixtures import new_account as account_on
from imap_server import ImapServer, running_server, submission_available
from keyring_server import Keyring
from smtp_receiver import SmtpReceiver, running_receiver
from sqlalchemy import func, select

from foidesk.core.accounts import AccountError, LetterDraft, LetterState, MailServerError, deliver
from foidesk.core.accounts.sending import SendingDesk
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.desk import Desk
from foidesk.core.storage.tables import Message

PDF = b"%PDF-1.4\n% a small letter annex\n%%EOF\n"


@dataclass
class Postroom:
    desk: Desk
    server: ImapServer
    receiver: SmtpReceiver
    request_id: int
    tmp: Path

    def draft(self, kind: str = "internal_review_request", **changes: Any) -> LetterDraft:
        values: dict[str, Any] = {
            "request_id": self.request_id,
            "kind": kind,
            "subject": "Internal review: pothole repairs",
            "body": "Dear FOI team,\n\nPlease review the handling of my request.\n",
        }
        values.update(changes)
        return LetterDraft(**values)

    def sent_folder(self, message_id: str, folder: str = "Sent") -> list[bytes]:
        client = self.server.client(USER)
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search(["HEADER", "Message-ID", f"<{message_id}>"])
            return [d[b"BODY[]"] for d in client.fetch(uids, ["BODY.PEEK[]"]).values()]
        finally:
            client.logout()

    def thread_messages(self, message_id: str) -> list[tuple[Any, ...]]:
        """(direction, kind, request, has its original, id) of each message by that id."""
        with self.desk.db.reading() as session:
            rows = session.scalars(select(Message).where(Message.message_id == message_id))
            return [
                (r.direction, r.kind, r.request_id, r.raw_sha256 is not None, r.id) for r in rows
            ]

    def message_count(self) -> int:
        with self.desk.db.reading() as session:
            return int(session.scalar(select(func.count()).select_from(Message)) or 0)


@pytest.fixture
def receiver() -> Iterator[SmtpReceiver]:
    with running_receiver() as started:
        yield started


@pytest.fixture
def postroom(
    desk: Desk, receiver: SmtpReceiver, keyring_session: Keyring, tmp_path: Path
) -> Iterator[Postroom]:
    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    users = {USER: PASSWORD}
    with running_server(users, relay_port=receiver.port, sent_folder="Sent") as server:
        request_id = add_request(desk)
        desk.add_account(account_on(server, display_name="Sam Writer"), PASSWORD)
        yield Postroom(desk, server, receiver, request_id, tmp_path)


def test_the_letter_arrives_whole_and_is_kept_once_in_sent_and_in_the_thread(
    postroom: Postroom,
) -> None:
    room = postroom
    annex = room.tmp / "annex.pdf"
    annex.write_bytes(PDF)
    kinds = {d.kind for d in room.desk.deadlines(room.request_id)}
    assert DeadlineKind.INTERNAL_REVIEW not in kinds

    letter = room.desk.queue_letter(room.draft(attachments=(annex,)))
    assert letter.state == LetterState.QUEUED
    sent = room.desk.send_letter(letter.id)

    (mail,) = room.receiver.wait_for(1)
    assert mail.recipients == (AUTHORITY_EMAIL,)
    assert mail.sender == "sam@example.net"
    parsed = email.message_from_bytes(mail.data, policy=email.policy.default)
    assert parsed["To"] == f"Council <{AUTHORITY_EMAIL}>"
    assert parsed["From"] == "Sam Writer <sam@example.net>"
    assert parsed["Message-ID"] == f"<{letter.message_id}>"
    assert letter.message_id.endswith("@example.net")
    assert parsed["In-Reply-To"] == f"<{REQUEST_MESSAGE_ID}>"
    assert parsed["References"] == f"<{REQUEST_MESSAGE_ID}>"
    assert parsed["X-Foidesk-Kind"] == "internal_review_request"
    assert parsed["Date"] is not None
    (attached,) = list(parsed.iter_attachments())
    assert attached.get_filename() == "annex.pdf"
    assert attached.get_content() == PDF

    assert len(room.sent_folder(letter.message_id)) == 1
    assert "a copy was put in the folder Sent" in sent.sent_copy
    (row,) = room.thread_messages(letter.message_id)
    assert row == ("outgoing", "internal_review_request", room.request_id, True, sent.message.id)
    assert sent.letter.state == LetterState.SENT
    assert room.desk.outbox() == []
    kinds = {d.kind for d in room.desk.deadlines(room.request_id)}
    assert DeadlineKind.INTERNAL_REVIEW in kinds  # the review clock started


def test_the_sent_copy_fetched_or_dropped_later_is_the_same_message(postroom: Postroom) -> None:
    room = postroom
    letter = room.desk.queue_letter(room.draft())
    room.desk.send_letter(letter.id)
    (delivered,) = room.receiver.wait_for(1)
    (sent_copy,) = room.sent_folder(letter.message_id)
    before = room.message_count()

    room.server.append(USER, [sent_copy])  # the copy arrives in the INBOX (a Cc to oneself)
    (fetched,) = room.desk.fetch_mail().accounts
    dropped = room.tmp / "as-received.eml"
    dropped.write_bytes(delivered.data)
    report = room.desk.import_paths([dropped])

    assert (fetched.duplicates, fetched.filed, fetched.unfiled) == (1, 0, 0)
    assert report.count("duplicate") == 1
    assert room.message_count() == before
    assert len(room.thread_messages(letter.message_id)) == 1


def test_a_server_that_is_down_keeps_the_letter_and_retry_sends_it(postroom: Postroom) -> None:
    room = postroom
    letter = room.desk.queue_letter(room.draft())
    room.server.stop()

    with pytest.raises(MailServerError, match="refused the connection"):
        room.desk.send_letter(letter.id)
    (waiting,) = room.desk.outbox()
    assert waiting.state == LetterState.FAILED
    assert "refused the connection (is it down" in waiting.reason
    assert room.thread_messages(letter.message_id) == []

    room.server.start()
    sent = room.desk.send_letter(letter.id)

    assert len(room.receiver.wait_for(1)) == 1
    assert sent.sent_now and room.desk.outbox() == []
    assert len(room.thread_messages(letter.message_id)) == 1
    assert room.desk.outbox_letter(letter.id).attempts == 2


def test_a_wrong_password_is_the_servers_reason(
    desk: Desk, receiver: SmtpReceiver, keyring_session: Keyring
) -> None:
    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    with running_server({USER: PASSWORD}, relay_port=receiver.port) as server:
        request_id = add_request(desk)
        desk.add_account(account_on(server), "not-the-password")
        letter = desk.queue_letter(
            LetterDraft(request_id, "follow_up", "Any news?", "Dear FOI team, any news?")
        )
        with pytest.raises(MailServerError, match="refused the user name or password"):
            desk.send_letter(letter.id)
        (waiting,) = desk.outbox()
    assert "refused the user name or password of account work" in waiting.reason
    assert receiver.mails == []


def test_a_certificate_for_another_name_sends_nothing(
    desk: Desk, receiver: SmtpReceiver, keyring_session: Keyring
) -> None:
    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    with running_server({USER: PASSWORD}, relay_port=receiver.port) as server:
        request_id = add_request(desk)
        smtp = f"127.0.0.1:{server.submission_port}"
        desk.add_account(account_on(server, smtp=smtp), PASSWORD)
        letter = desk.queue_letter(LetterDraft(request_id, "follow_up", "Any news?", "Any news?"))
        mismatch = r"certificate for another name than 127\.0\.0\.1"
        with pytest.raises(MailServerError, match=mismatch):
            desk.send_letter(letter.id)
    assert desk.outbox()[0].state == LetterState.FAILED
    assert receiver.mails == []


class Killed(BaseException):
    """The process dying at a chosen step (nothing after it runs)."""


def dying_at(desk: Desk, step: str) -> Callable[[Callable[[SendingDesk], Any]], Any]:
    """A desk call that runs every database step until ``step``, and dies there."""
    names: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> Any:
            names.append(name)
            if name == step:
                raise Killed(step)
            return getattr(desk, name)

    return lambda run: run(Spy())  # type: ignore[arg-type]


def test_killed_after_the_server_took_it_is_not_sent_again(postroom: Postroom) -> None:
    room = postroom
    letter = room.desk.queue_letter(room.draft())
    with pytest.raises(Killed):
        deliver(dying_at(room.desk, "finish_sending"), letter.id)
    assert room.desk.outbox_letter(letter.id).state == LetterState.ACCEPTED
    assert room.thread_messages(letter.message_id) == []

    again = room.desk.send_letter(letter.id)

    assert not again.sent_now
    assert len(room.receiver.wait_for(2, timeout=2)) == 1
    assert len(room.sent_folder(letter.message_id)) == 1
    assert len(room.thread_messages(letter.message_id)) == 1


def test_left_sending_after_the_smtp_step_is_found_in_sent_not_sent_again(
    postroom: Postroom,
) -> None:
    """The database refused the note that the server had taken the letter (locked, full):
    the row stays "sending", but the Sent copy is made, and the next attempt finds it."""
    room = postroom
    letter = room.desk.queue_letter(room.draft())
    with pytest.raises(Killed):
        deliver(dying_at(room.desk, "mark_accepted"), letter.id)
    assert room.desk.outbox_letter(letter.id).state == LetterState.SENDING
    assert len(room.receiver.wait_for(1)) == 1

    again = room.desk.send_letter(letter.id)

    assert not again.sent_now and "already in the folder Sent" in again.sent_copy
    assert len(room.receiver.wait_for(2, timeout=2)) == 1
    assert len(room.sent_folder(letter.message_id)) == 1
    assert len(room.thread_messages(letter.message_id)) == 1


def test_an_uncertain_letter_whose_sent_folder_cannot_be_searched_is_not_sent(
    postroom: Postroom,
) -> None:
    room = postroom
    letter = room.desk.queue_letter(room.draft())
    with pytest.raises(Killed):
        deliver(dying_at(room.desk, "mark_accepted"), letter.id)
    room.server.stop()

    with pytest.raises(MailServerError, match="may already have gone out"):
        room.desk.send_letter(letter.id)
    waiting = room.desk.outbox_letter(letter.id)
    assert waiting.state == LetterState.FAILED and "was not sent again" in waiting.reason
    assert len(room.receiver.mails) == 1


def test_no_password_anywhere_in_the_profile(postroom: Postroom) -> None:
    room = postroom
    room.desk.send_letter(room.desk.queue_letter(room.draft()).id)
    room.desk.close()
    secret = PASSWORD.encode()
    for path in room.desk.profile.data_dir.rglob("*"):
        if path.is_file():
            assert secret not in path.read_bytes(), path


def test_which_account_and_which_address(
    desk: Desk, dovecot: ImapServer, keyring_session: Keyring
) -> None:
    request_id = add_request(desk)
    draft = LetterDraft(request_id, "follow_up", "Any news?", "Any news?")
    with pytest.raises(AccountError, match="no mail account to send from"):
        desk.queue_letter(draft)
    desk.add_account(account_on(dovecot, name="work"), PASSWORD)
    desk.add_account(account_on(dovecot, name="home"), PASSWORD)
    with pytest.raises(AccountError, match=r"several accounts \(home, work\)"):
        desk.queue_letter(draft)
    assert desk.queue_letter(LetterDraft(request_id, "follow_up", "S", "B", account="home"))
    desk.add_authority("Silent Office")
    from foidesk.core.records import NewRequest

    silent = desk.add_request(NewRequest("Minutes", "Silent Office", None)).summary.id
    with pytest.raises(AccountError, match="Silent Office has no FOI email address"):
        desk.queue_letter(LetterDraft(silent, "request", "Minutes", "Please.", account="home"))
    with pytest.raises(AccountError, match="is not a file"):
        desk.queue_letter(
            LetterDraft(request_id, "follow_up", "S", "B", (Path("/nonexistent/x.pdf"),), "home")
        )


def test_a_sent_folder_found_by_its_name_or_said_to_be_missing(
    desk: Desk, receiver: SmtpReceiver, keyring_session: Keyring
) -> None:
    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    with running_server({USER: PASSWORD}, relay_port=receiver.port) as server:
        request_id = add_request(desk)
        desk.add_account(account_on(server), PASSWORD)
        first = desk.queue_letter(LetterDraft(request_id, "follow_up", "One", "One."))
        none = desk.send_letter(first.id)
        client = server.client(USER)
        client.create_folder("Sent Items")
        client.logout()
        second = desk.queue_letter(LetterDraft(request_id, "follow_up", "Two", "Two."))
        named = desk.send_letter(second.id)
    assert "has no Sent folder" in none.sent_copy
    assert "a copy was put in the folder Sent Items" in named.sent_copy
    assert len(receiver.wait_for(2)) == 2


def test_a_draft_is_recorded_once_when_the_user_says_it_was_sent(
    desk: Desk, tmp_path: Path
) -> None:
    request_id = add_request(desk)
    from foidesk.core.accounts import Route

    letter = desk.queue_letter(
        LetterDraft(request_id, "clarification", "My clarification", "I meant 2023."), Route.DRAFT
    )
    path = desk.save_draft(letter.id, tmp_path / "letter.eml")
    draft = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert draft["X-Unsent"] == "1" and draft["Date"] is None
    assert draft["To"] == f"Council <{AUTHORITY_EMAIL}>"
    assert path.stat().st_mode & 0o077 == 0
    assert desk.outbox()[0].state == LetterState.WAITING

    message = desk.confirm_sent(letter.id)

    assert (message.direction, message.kind) == ("outgoing", "clarification")
    assert desk.outbox() == []
    with pytest.raises(AccountError):
        desk.confirm_sent(letter.id)
    with desk.db.reading() as session:
        count = session.scalar(select(func.count()).where(Message.message_id == letter.message_id))
    assert count == 1


def test_one_attempt_at_a_time(postroom: Postroom) -> None:
    """A second attempt while one is under way (another process, a second Retry) waits
    its turn instead of taking the first one's row for a crashed attempt."""
    from foidesk.core.storage.filelock import FileLock

    room = postroom
    letter = room.desk.queue_letter(room.draft())
    with FileLock(room.desk.sending_lock(letter.id)) as held:
        assert held.try_acquire()
        with pytest.raises(AccountError, match="is being sent right now"):
            room.desk.send_letter(letter.id)
        with pytest.raises(AccountError, match="is being sent right now"):
            room.desk.discard_letter(letter.id)
    assert room.desk.outbox_letter(letter.id).state == LetterState.QUEUED
    room.desk.send_letter(letter.id)
    assert len(room.receiver.wait_for(1)) == 1


def test_implicit_tls_and_loopback_plain_both_send(
    desk: Desk, receiver: SmtpReceiver, keyring_session: Keyring
) -> None:
    from foidesk.core.accounts import Security

    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    with running_server({USER: PASSWORD}, relay_port=receiver.port, sent_folder="Sent") as server:
        request_id = add_request(desk)
        tls = account_on(
            server, name="tls", smtp=f"localhost:{server.submissions_port}", security=Security.TLS
        )
        plain = account_on(
            server,
            name="plain",
            imap=f"127.0.0.1:{server.imap_port}",
            smtp=f"127.0.0.1:{server.submission_port}",
            security=Security.PLAIN,
        )
        desk.add_account(tls, PASSWORD)
        desk.add_account(plain, PASSWORD)
        for name in ("tls", "plain"):
            letter = desk.queue_letter(
                LetterDraft(request_id, "follow_up", f"By {name}", "Any news?", account=name)
            )
            sent = desk.send_letter(letter.id)
            assert "a copy was put in the folder Sent" in sent.sent_copy
    subjects = sorted(
        email.message_from_bytes(m.data, policy=email.policy.default)["Subject"]
        for m in receiver.wait_for(2)
    )
    assert subjects == ["By plain", "By tls"]


def test_sending_the_request_itself_starts_its_clock(postroom: Postroom) -> None:
    from foidesk.core.records import NewRequest

    room = postroom
    draft_request = room.desk.add_request(
        NewRequest("Gritting routes", "Council", None, status="draft")
    ).summary.id
    assert room.desk.deadlines(draft_request) == ()

    letter = room.desk.queue_letter(
        LetterDraft(draft_request, "request", "Gritting routes", "Please send the routes.")
    )
    sent = room.desk.send_letter(letter.id)

    detail = room.desk.get_request(draft_request)
    assert detail.summary.status == "waiting_response"
    assert detail.summary.sent_on == sent.message.sent_at.astimezone().date()  # type: ignore[union-attr]
    assert DeadlineKind.RESPONSE in {d.kind for d in room.desk.deadlines(draft_request)}
    assert detail.status_history[-1].note == "request sent"
