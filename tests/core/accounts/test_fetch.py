"""Fetching from a real Dovecot: what is taken, what is left untouched, and resuming."""

from __future__ import annotations

from typing import Any

import pytest
from account_fixtures import AUTHORITY_EMAIL, REFERENCE, REQUEST_MESSAGE_ID, USER, Mailroom
from mailmaker import make_email
from sqlalchemy import func, select

from foidesk.core.changes import Changes
from foidesk.core.storage.tables import Message

PRIVATE_TOKEN = "PRIVATE-d41c9-body"
PRIVATE_HEADER_TOKEN = "PRIVATE-77ab2-header"


def private_mail(number: int = 1) -> bytes:
    return make_email(
        sender="Alex <alex@friends.example>",
        subject=f"Dinner on Saturday {number}",
        body=f"See you there. {PRIVATE_TOKEN}\n",
        message_id=f"<private-{number}@friends.example>",
        headers={"X-Note": PRIVATE_HEADER_TOKEN},
    )


def reply_to_thread() -> bytes:
    return make_email(
        sender="Someone Else <clerk@elsewhere.example>",
        subject="Re: your request",
        message_id="<thread-reply@elsewhere.example>",
        in_reply_to=f"<{REQUEST_MESSAGE_ID}>",
    )


def from_authority() -> bytes:
    return make_email(
        sender=f"FOI Team <{AUTHORITY_EMAIL}>",
        subject="Acknowledgement",
        message_id="<ack-1@council.example.gov.uk>",
    )


def naming_reference() -> bytes:
    return make_email(
        sender="Records Office <records@unknown-office.example>",
        subject=f"Your request {REFERENCE}: partial response",
        message_id="<ref-1@unknown-office.example>",
    )


def message_count(room: Mailroom) -> int:
    with room.desk.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


def filed_to(room: Mailroom, message_id: str) -> Any:
    with room.desk.db.reading() as session:
        row = session.scalars(select(Message).where(Message.message_id == message_id)).one()
        return row.request_id, row.filed_by, row.raw_sha256


def unrecent(flags: dict[int, tuple[bytes, ...]]) -> dict[int, set[bytes]]:
    """Flags without \\Recent, which a server clears for whichever session sees it first."""
    return {uid: set(f) - {b"\\Recent"} for uid, f in flags.items()}


def test_files_replies_by_thread_authority_and_reference(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, [reply_to_thread(), from_authority(), naming_reference()])
    seen: list[Changes] = []
    room.desk.feed.subscribe(seen.append)

    report = room.desk.fetch_mail()

    (result,) = report.accounts
    assert (result.filed, result.unfiled, result.duplicates, result.errors) == (3, 0, 0, [])
    for message_id in (
        "thread-reply@elsewhere.example",
        "ack-1@council.example.gov.uk",
        "ref-1@unknown-office.example",
    ):
        request_id, _filed_by, raw = filed_to(room, message_id)
        assert request_id == room.request_id
        assert raw is not None  # the bytes as fetched are kept as evidence
    assert len(seen) == 1 and room.request_id in seen[0].threads and seen[0].accounts


@pytest.mark.sqlite_only  # reads the SQLite file's bytes for private text
def test_private_mail_is_not_downloaded_stored_or_marked(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, [private_mail(1), from_authority(), private_mail(2)])
    before = unrecent(room.server.flags(USER))

    result = room.desk.fetch_mail().accounts[0]

    assert (result.filed, result.left_alone) == (1, 2)
    assert unrecent(room.server.flags(USER)) == before  # no \Seen, nothing moved or deleted
    sent = room.server.sent_to_clients()
    assert b"Dinner on Saturday" in sent  # its subject was looked at: a header asked for
    assert PRIVATE_TOKEN.encode() not in sent  # but its body never left the server
    assert PRIVATE_HEADER_TOKEN.encode() not in sent  # nor any header not asked for
    assert message_count(room) == 2  # the request's own message and the acknowledgement
    database = room.desk.profile.sqlite_path
    assert database is not None
    room.desk.db.dispose()
    stored = b"".join(p.read_bytes() for p in database.parent.rglob("*") if p.is_file())
    assert b"Dinner on Saturday" not in stored and b"friends.example" not in stored


def test_a_second_fetch_reads_only_new_mail(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, [private_mail(1), from_authority()])
    room.desk.fetch_mail()
    room.server.append(USER, [naming_reference()])

    again = room.desk.fetch_mail().accounts[0]

    assert (again.filed, again.left_alone, again.duplicates) == (1, 0, 0)
    nothing = room.desk.fetch_mail().accounts[0]
    assert (nothing.filed, nothing.left_alone, nothing.duplicates) == (0, 0, 0)


def test_a_mail_dragged_in_and_also_fetched_is_one_message(mailroom: Mailroom, tmp_path) -> None:
    room = mailroom
    mail = from_authority()
    dropped = tmp_path / "ack.eml"
    dropped.write_bytes(mail)
    room.desk.import_paths([dropped])
    room.server.append(USER, [mail])

    result = room.desk.fetch_mail().accounts[0]

    assert (result.filed, result.duplicates) == (0, 1)
    assert message_count(room) == 2


def test_a_new_uidvalidity_reads_the_folder_again_and_skips_duplicates(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, [from_authority(), private_mail(1)])
    room.desk.fetch_mail()
    room.server.change_uidvalidity(USER, 4242)
    room.server.append(USER, [naming_reference()])

    result = room.desk.fetch_mail().accounts[0]

    assert (result.filed, result.duplicates, result.left_alone) == (1, 1, 1)
    assert message_count(room) == 3


def test_a_reply_to_a_mail_fetched_in_the_same_run_is_taken_too(mailroom: Mailroom) -> None:
    room = mailroom
    follow_up = make_email(
        sender="Deputy <deputy@elsewhere.example>",
        subject="Re: Acknowledgement",
        message_id="<follow-up@elsewhere.example>",
        in_reply_to="<ack-1@council.example.gov.uk>",
    )
    room.server.append(USER, [from_authority(), follow_up])

    result = room.desk.fetch_mail().accounts[0]

    assert (result.filed, result.left_alone) == (2, 0)


def test_a_malformed_mail_is_reported_and_the_rest_fetched(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, [from_authority()])
    # The server finds the authority's From line; a mail reader finds no headers at all.
    broken = f"a first line that is no header\r\nFrom: {AUTHORITY_EMAIL}\r\n\r\nbody\r\n"
    room.server.deliver_raw(USER, broken.encode())
    room.server.append(USER, [naming_reference()])

    result = room.desk.fetch_mail().accounts[0]

    assert result.filed == 2
    assert len(result.errors) == 1
    assert "could not be read" in result.errors[0] and "no headers" in result.errors[0]
    assert "Traceback" not in result.errors[0]
