"""Every letter kind for every law, filled from a real request and read back as email."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from foidesk.core.deadlines import DeadlineKind
from foidesk.core.desk import Desk
from foidesk.core.letters import LetterError, LetterKind
from foidesk.core.next_steps.laws import LAWS, law_of
from foidesk.core.profile import Profile
from foidesk.core.records import NewRequest
from foidesk.core.vocabulary import REGIME_IDS

TODAY = date(2025, 4, 22)
QUESTION = "Please send me:\n1. the number of fines issued in 2024\n2. the income from them"
QUOTED = "> Please send me:\n> 1. the number of fines issued in 2024\n> 2. the income from them"

#: Letters a law gives its own template, with the section that template cites.
OWN_CITATIONS = {
    ("us-foia", LetterKind.INTERNAL_REVIEW_REQUEST): "§ 552(a)(6)(A)(i)(III)",
    ("us-foia", LetterKind.COMPLAINT): "§ 552(h)(3)",
    ("eu-1049", LetterKind.INTERNAL_REVIEW_REQUEST): "Article 7(2) and 7(4)",
    ("eu-1049", LetterKind.COMPLAINT): "Article 228 TFEU",
}


@pytest.fixture
def desk(profile: Profile) -> Iterator[Desk]:
    with Desk.open(profile, today=lambda: TODAY) as opened:
        yield opened


def _request(desk: Desk, regime: str) -> int:
    desk.add_authority(f"Authority under {regime}", email=f"foi@{regime}.example.org")
    return desk.add_request(
        NewRequest(
            title="Bus lane fines",
            authority=f"Authority under {regime}",
            sent_on=date(2025, 3, 3),
            regime=regime,
            body=QUESTION,
            reference="FOI-2025-17",
        )
    ).id


def _citation(desk: Desk, request_id: int, regime: str, kind: LetterKind) -> str:
    """The legal basis the letter must cite."""
    law = law_of(regime)
    if (regime, kind) in OWN_CITATIONS:
        return OWN_CITATIONS[(regime, kind)]
    response = next(d for d in desk.deadlines(request_id) if d.kind is DeadlineKind.RESPONSE)
    if kind is LetterKind.FOLLOW_UP or (kind is LetterKind.CLARIFICATION and law.language == "de"):
        return response.explanation.source
    section = {
        LetterKind.REQUEST: law.request_section,
        LetterKind.CLARIFICATION: law.clarification_section,
        LetterKind.INTERNAL_REVIEW_REQUEST: law.review_section,
        LetterKind.COMPLAINT: law.complaint_section,
        LetterKind.FEE_ANSWER: law.fee_section,
    }[kind]
    return section or law.law


def _lacks(regime: str, kind: LetterKind) -> bool:
    law = law_of(regime)
    if kind is LetterKind.INTERNAL_REVIEW_REQUEST:
        return law.review is None
    if kind is LetterKind.COMPLAINT:
        return law.regulator is None
    return False


@pytest.mark.parametrize("regime", sorted(set(REGIME_IDS) - {"custom"}))
def test_each_letter_for_each_law_reads_back_as_a_draft(
    desk: Desk, tmp_path: Path, regime: str
) -> None:
    request_id = _request(desk, regime)
    for kind in LetterKind:
        _check_letter(desk, tmp_path / f"{kind.value}.eml", request_id, regime, kind)


def _check_letter(desk: Desk, out: Path, request_id: int, regime: str, kind: LetterKind) -> None:
    if _lacks(regime, kind):
        with pytest.raises(LetterError):
            desk.write_letter_draft(request_id, kind.value, out)
        assert not out.exists()
        return
    desk.write_letter_draft(request_id, kind.value, out)
    with out.open("rb") as stream:
        message = BytesParser(policy=policy.default).parse(stream)
    letter = desk.letter(request_id, kind.value)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == letter.subject and "Bus lane fines" in letter.subject
    body = message.get_content()
    assert body == letter.body
    if kind is LetterKind.COMPLAINT:
        assert message["To"] == letter.to  # the regulator's address, or none (post, web form)
    else:
        assert message["To"] == f"foi@{regime}.example.org"
    assert (QUESTION if kind is LetterKind.REQUEST else QUOTED) in body, kind
    assert _citation(desk, request_id, regime, kind) in body, kind
    if kind is not LetterKind.REQUEST:
        assert "FOI-2025-17" in letter.subject
    assert "$" not in body, kind  # every placeholder was filled
    german = LAWS[regime].language == "de"
    assert ("Mit freundlichen Grüßen" in body) is german
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_chase_says_which_deadline_was_missed_and_by_how_many_working_days(
    desk: Desk,
) -> None:
    letter = desk.letter(_request(desk, "uk-foia"), "follow_up")
    assert "Your answer was due by 1 April 2025 (FOIA s.10(1))" in letter.body
    # 2 Apr to 22 Apr 2025 less Good Friday and Easter Monday
    assert "it is now 13 working days late" in letter.body
    assert letter.subject == "Overdue: Bus lane fines (your reference: FOI-2025-17)"


def test_a_german_chase_is_in_german_with_the_days_in_german(desk: Desk) -> None:
    letter = desk.letter(_request(desk, "de-ifg"), "follow_up")
    assert letter.language == "de" and letter.subject.startswith("Erinnerung: Bus lane fines")
    assert "vom 3. März 2025" in letter.body
    assert "Die Frist ist am 3. April 2025 abgelaufen" in letter.body
    assert "um 19 Tage überschritten" in letter.body


def test_a_complaint_says_who_the_regulator_is_and_what_to_include(desk: Desk) -> None:
    letter = desk.letter(_request(desk, "scot-foisa"), "complaint")
    assert letter.to == "enquiries@foi.scot"
    assert "Kinburn Castle" in letter.body and "https://www.foi.scot/appeal" in letter.body
    assert "- your name and an address for correspondence" in letter.body


def test_nothing_to_chase_before_the_deadline(profile: Profile) -> None:
    with Desk.open(profile, today=lambda: date(2025, 3, 10)) as early:
        request_id = _request(early, "uk-foia")
        with pytest.raises(LetterError, match="nothing to chase"):
            early.letter(request_id, "follow_up")


def test_a_users_template_is_used_until_reset(desk: Desk) -> None:
    request_id = _request(desk, "uk-foia")
    ours, mine = desk.letter_template("uk-foia", "follow_up")
    assert not mine and ours.startswith("Subject: Overdue: $title")
    desk.save_letter_template(
        "uk-foia", "follow_up", "Subject: Chasing $title\n\nHello $authority,\n$question\n"
    )
    letter = desk.letter(request_id, "follow_up")
    assert letter.subject == "Chasing Bus lane fines" and letter.custom_template
    assert letter.body.startswith("Hello Authority under uk-foia,\n> Please send me:")
    assert desk.letter_template("uk-foia", "follow_up")[1]
    assert not desk.letter_template("uk-eir", "follow_up")[1]  # one law's, not every law's
    desk.reset_letter_template("uk-foia", "follow_up")
    assert desk.letter_template("uk-foia", "follow_up") == (ours, False)
    assert desk.letter(request_id, "follow_up").subject.startswith("Overdue:")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Hello $title", "must begin with a line 'Subject: …'"),
        ("Subject: x\n\n${__class__}", "unknown placeholder"),
        ("Subject: x\n\n$nope", r"unknown placeholder \$nope"),
        ("Subject: x\n\nCosts $5", "not a placeholder"),
    ],
)
def test_a_bad_template_is_refused_in_one_sentence_and_nothing_changes(
    desk: Desk, text: str, error: str
) -> None:
    with pytest.raises(LetterError, match=error):
        desk.save_letter_template("uk-foia", "request", text)
    assert not desk.letter_template("uk-foia", "request")[1]


def test_unknown_law_or_kind_and_existing_files(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(LetterError, match="unknown law"):
        desk.save_letter_template("../../etc", "request", "Subject: x\n")
    with pytest.raises(LetterError, match="unknown letter kind"):
        desk.letter_template("uk-foia", "poem")
    request_id = _request(desk, "uk-foia")
    folder = tmp_path / "letters"
    folder.mkdir()
    out = folder / "kept.eml"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(LetterError, match="already exists"):
        desk.write_letter_draft(request_id, "request", out)
    assert out.read_text(encoding="utf-8") == "mine"
    desk.write_letter_draft(request_id, "request", out, replace=True)
    assert b"X-Unsent: 1" in out.read_bytes()
    assert [p.name for p in folder.iterdir()] == ["kept.eml"]  # no partial file left


def test_a_draft_has_the_senders_address_and_threads_under_the_sent_request(
    desk: Desk,
) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from foidesk.core.letters.eml import to_message
    from foidesk.core.records import NewMessage

    request_id = _request(desk, "uk-foia")
    assert desk.letter_facts(request_id).from_addr is None  # no mail account
    assert "From" not in to_message(desk.letter(request_id, "request"))
    sent = NewMessage(
        direction="outgoing",
        kind="request",
        sent_at=datetime(2025, 3, 3, 9, tzinfo=UTC),
        subject="Bus lane fines",
        message_id="<req-17@mail.example.org>",
    )
    desk.add_message(request_id, sent)
    chase = desk.letter(request_id, "follow_up")
    assert chase.in_reply_to == "<req-17@mail.example.org>"
    signed = to_message(replace(chase, from_addr="ann@example.org", from_name="Ann Example"))
    assert signed["From"] == "Ann Example <ann@example.org>"
    assert signed["In-Reply-To"] == signed["References"] == "<req-17@mail.example.org>"


def test_a_users_template_lives_in_the_profiles_database(profile: Profile) -> None:
    before = {p.name for p in profile.data_dir.iterdir()} if profile.data_dir.exists() else set()
    with Desk.open(profile, today=lambda: TODAY) as first:
        first.save_letter_template("ie-foi", "complaint", "Subject: $title\n\n$question\n")
        made = {p.name for p in profile.data_dir.iterdir()}
    with Desk.open(profile, today=lambda: TODAY) as again:
        assert again.letter_template("ie-foi", "complaint") == (
            "Subject: $title\n\n$question\n",
            True,
        )
    with Desk.open(profile, today=lambda: TODAY) as reopened:
        reopened.save_letter_template("ie-foi", "complaint", "Subject: x\n\ny\n")
        assert {p.name for p in profile.data_dir.iterdir()} == made  # no file beside it
    assert before <= made
