"""The reply classifier, kind by kind, in English and German, with its evidence.

These replies are written for the tests, apart from the benchmark's labelled set."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.replies import ReplyInput, ReplyKind, ThreadPlace, classify
from foidesk.core.replies.citations import cited
from foidesk.core.replies.dates import dates_in, new_date
from foidesk.core.replies.text import own_words
from foidesk.core.vocabulary import RequestStatus

K = ReplyKind


def _reply(body: str, subject: str = "Your request", **more: object) -> ReplyInput:
    return ReplyInput(subject=subject, body_text=body, **more)  # type: ignore[arg-type]


CASES = [
    # (kind, status, subject, body, attachments, headers, last sent, regime)
    (
        K.AUTO_REPLY,
        None,
        "Out of Office: FOI request",
        "I am on annual leave until 3 June and will reply on my return.",
        (),
        {"Auto-Submitted": "auto-replied"},
        "request",
        "uk-foia",
    ),
    (
        K.AUTO_REPLY,
        None,
        "Abwesenheitsnotiz",
        "Ich bin bis zum 4. Juni nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.ACKNOWLEDGEMENT,
        None,
        "FOI 1234",
        "We acknowledge receipt of your request. It has been logged and we will respond "
        "within 20 working days.",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.ACKNOWLEDGEMENT,
        None,
        "Ihr Antrag",
        "Ihr Antrag nach dem IFG ist bei uns am 2. Mai eingegangen und wird bearbeitet.",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.CLARIFICATION_REQUEST,
        RequestStatus.WAITING_CLARIFICATION,
        "Re: your request",
        "Before we can proceed, could you please clarify which years you mean?",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.CLARIFICATION_REQUEST,
        RequestStatus.WAITING_CLARIFICATION,
        "Rückfrage",
        "Wir bitten Sie, Ihren Antrag zu präzisieren: welche Sitzungen meinen Sie?",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.FEE_NOTICE,
        None,
        "Fees notice",
        "A fees notice is enclosed: the cost of copies is £25.00, payable before we send them.",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.FEE_NOTICE,
        None,
        "Gebühren",
        "Für die Bearbeitung werden Gebühren in Höhe von 120 Euro anfallen (§ 10 IFG).",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.EXTENSION,
        None,
        "Delay",
        "We need more time to consider the public interest under section 10(3) and "
        "now aim to respond by 21 June 2024.",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.EXTENSION,
        None,
        "Fristverlängerung",
        "Wegen des Umfangs ist eine Bescheidung innerhalb der Monatsfrist nicht möglich; wir "
        "antworten voraussichtlich bis zum 28.06.2024.",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.RESPONSE_SUCCESSFUL,
        RequestStatus.SUCCESSFUL,
        "Response",
        "We hold the information you requested. Please find attached the figures; "
        "they are released in full.",
        ("figures.xlsx",),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.RESPONSE_SUCCESSFUL,
        RequestStatus.SUCCESSFUL,
        "Übersendung",
        "Gerne übersenden wir Ihnen anbei die gewünschten Unterlagen. Ihrem Antrag wird "
        "damit vollständig entsprochen.",
        ("Unterlagen.pdf",),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.RESPONSE_PARTIAL,
        RequestStatus.PARTIALLY_SUCCESSFUL,
        "Response",
        "Please find the report attached. Names of staff have been redacted under section 40(2).",
        ("report.pdf",),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.RESPONSE_PARTIAL,
        RequestStatus.PARTIALLY_SUCCESSFUL,
        "Bescheid",
        "Ihrem Antrag wird teilweise stattgegeben. Personenbezogene Daten wurden nach "
        "§ 5 Abs. 1 IFG geschwärzt.",
        ("Bescheid.pdf",),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.RESPONSE_REFUSED,
        RequestStatus.REJECTED,
        "Refusal",
        "The information is withheld in full under section 43(2) (commercial interests).",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.RESPONSE_REFUSED,
        RequestStatus.REJECTED,
        "Records",
        "The records are withheld in full under FOIA Exemption 7(A), 5 U.S.C. § 552(b)(7)(A).",
        (),
        {},
        "request",
        "us-foia",
    ),
    (
        K.RESPONSE_REFUSED,
        RequestStatus.REJECTED,
        "Ablehnung",
        "Ihren Antrag lehne ich ab. Der Zugang ist nach § 3 Nr. 1 Buchst. c IFG ausgeschlossen.",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.RESPONSE_NOT_HELD,
        RequestStatus.NOT_HELD,
        "Response",
        "The council does not hold the information you asked for.",
        (),
        {},
        "request",
        "uk-foia",
    ),
    (
        K.RESPONSE_NOT_HELD,
        RequestStatus.NOT_HELD,
        "Ihre Anfrage",
        "Die erbetenen Informationen liegen hier nicht vor.",
        (),
        {},
        "request",
        "de-ifg",
    ),
    (
        K.REVIEW_OUTCOME,
        RequestStatus.REJECTED,
        "Internal review",
        "I have completed the internal review and uphold the original decision: section 36 "
        "was correctly applied.",
        (),
        {},
        "internal_review_request",
        "uk-foia",
    ),
    (
        K.REVIEW_OUTCOME,
        RequestStatus.SUCCESSFUL,
        "Widerspruch",
        "Ihrem Widerspruch wird abgeholfen. Die Unterlagen erhalten Sie vollständig anbei.",
        ("Unterlagen.pdf",),
        {},
        "internal_review_request",
        "de-ifg",
    ),
]


@pytest.mark.parametrize(
    ("kind", "status", "subject", "body", "files", "headers", "last", "regime"), CASES
)
def test_each_kind_in_english_and_german(
    kind: ReplyKind,
    status: RequestStatus | None,
    subject: str,
    body: str,
    files: tuple[str, ...],
    headers: dict[str, str],
    last: str,
    regime: str,
) -> None:
    reply = ReplyInput(subject, body, headers, files, sent_on=date(2024, 5, 6))
    proposal = classify(reply, ThreadPlace(last_sent=last, regime=regime))
    assert (proposal.kind, proposal.status) == (kind, status)
    assert proposal.shown_evidence, "a proposal names what it rests on"


def test_the_evidence_names_the_exemption_and_the_header() -> None:
    refused = classify(_reply("The report is withheld in full under section 43(2)."))
    assert ("exemption", "section 43(2)") in {(e.signal, e.text) for e in refused.shown_evidence}
    robot = classify(_reply("Thank you for your email.", headers={"X-Autoreply": "yes"}))
    assert robot.kind is K.AUTO_REPLY
    assert ("header", "X-Autoreply: yes") in {(e.signal, e.text) for e in robot.shown_evidence}


def test_an_extension_proposes_the_date_it_names() -> None:
    proposal = classify(
        _reply(
            "Your request received on 1 May 2024 needs more time; we now aim to respond by "
            "12 June 2024.",
            sent_on=date(2024, 5, 20),
        )
    )
    assert proposal.kind is K.EXTENSION and proposal.until == date(2024, 6, 12)


def test_quoted_request_text_does_not_count() -> None:
    body = (
        "Thank you, we have received your request.\n\n"
        "-----Original Message-----\n"
        "Please send the internal review that withheld the report under section 43(2)."
    )
    assert "section 43" not in own_words(body)
    assert classify(_reply(body)).kind is K.ACKNOWLEDGEMENT


def test_a_reply_without_any_sign_is_other_and_changes_no_status() -> None:
    proposal = classify(_reply("Hello, I have passed this to my colleague."))
    assert proposal.kind is K.OTHER and proposal.status is None


def test_an_answer_to_a_review_request_is_a_review_outcome() -> None:
    body = "Please find attached the information; it is released in full."
    first = classify(_reply(body, attachment_names=("a.pdf",)))
    review = classify(
        _reply(body, attachment_names=("a.pdf",)),
        ThreadPlace(last_sent="internal_review_request"),
    )
    assert first.kind is K.RESPONSE_SUCCESSFUL
    assert (review.kind, review.status) == (K.REVIEW_OUTCOME, RequestStatus.SUCCESSFUL)


@pytest.mark.parametrize(
    ("text", "regime", "exemptions", "not_held"),
    [
        ("withheld under s.43 and section 40(2)", "uk-foia", ("s.43", "section 40(2)"), ()),
        ("(b)(6) and Exemption 5", "us-foia", ("(b)(6)", "Exemption 5"), ()),
        ("nach § 3 Nr. 1 IFG", "de-ifg", ("§ 3 Nr. 1 IFG",), ()),
        ("Article 4(1)(b) of Regulation 1049/2001", "eu-1049", ("Article 4(1)(b)",), ()),
        ("under section 24A of the FOI Act", "au-foi", (), ("section 24A",)),
        ("under section 18(g) of the OIA", "nz-oia", (), ("section 18(g)",)),
        ("section 10(3) allows us to extend", "uk-foia", (), ()),
        ("Section 35 and section 35", "uk-foia", ("Section 35",), ()),
    ],
)
def test_citations(
    text: str, regime: str, exemptions: tuple[str, ...], not_held: tuple[str, ...]
) -> None:
    found = cited(text, regime)
    assert (found.exemptions, found.not_held) == (exemptions, not_held)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("respond by 31 march 2026", date(2026, 3, 31)),
        ("no later than april 7, 2026", date(2026, 4, 7)),
        ("bis zum 30.04.2026", date(2026, 4, 30)),
        ("spätestens bis zum 6. mai 2026", date(2026, 5, 6)),
        ("expires on 23/03/2026", date(2026, 3, 23)),
        ("due 2026-04-22", date(2026, 4, 22)),
    ],
)
def test_dates_in_english_and_german(text: str, day: date) -> None:
    assert dates_in(text) == [day]


def test_an_extension_takes_the_latest_date_after_the_reply() -> None:
    text = "your request of 3 february 2026 ... we will now reply by 14 april 2026"
    assert new_date(text, date(2026, 3, 1)) == date(2026, 4, 14)
    assert new_date("received on 3 february 2026", date(2026, 3, 1)) is None
    assert dates_in("on 31.02.2026") == []  # no such day


def test_the_quick_check_before_each_rule_never_skips_a_match() -> None:
    """``Rule.start`` only saves time: on every labelled reply each rule finds what its
    pattern alone finds."""
    from pathlib import Path

    from foidesk.core.mail import parse_email_bytes
    from foidesk.core.replies.rules import OUTCOME_RULES, RULES
    from foidesk.core.replies.text import normalised

    folder = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "replies"
    texts = [
        normalised(f"{m.subject}\n{m.body_text}")
        for m in (parse_email_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml")))
    ]
    assert len(texts) > 100
    checked = [r for r in RULES + OUTCOME_RULES if r.start]
    assert len(checked) > len(RULES) // 2
    for rule in RULES + OUTCOME_RULES:
        for text in texts:
            found, plain = rule.search(text), rule.pattern.search(text)
            assert (found and found.group(0)) == (plain and plain.group(0)), rule.pattern
