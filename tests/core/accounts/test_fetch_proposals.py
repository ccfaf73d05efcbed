"""A reply fetched from a real Dovecot gets its proposal, as an imported one does, and
changes no status until the user confirms it."""

from __future__ import annotations

from account_fixtures import AUTHORITY_EMAIL, USER, Mailroom
from mailmaker import make_email
from sqlalchemy import select

from foidesk.core.storage.tables import Message


def _message_id(room: Mailroom, message_id: str) -> int:
    with room.desk.db.reading() as session:
        return int(
            session.scalars(select(Message.id).where(Message.message_id == message_id)).one()
        )


def test_fetched_replies_are_proposed_not_applied(mailroom: Mailroom) -> None:
    room = mailroom
    refusal = make_email(
        sender=f"FOI Team <{AUTHORITY_EMAIL}>",
        subject="Decision on your request",
        body="The report is withheld in full under section 43(2).\n",
        message_id="<refusal-1@council.example.gov.uk>",
    )
    away = make_email(
        sender=f"Clerk <{AUTHORITY_EMAIL}>",
        subject="Out of office",
        body="I am on annual leave until Monday.\n",
        message_id="<away-1@council.example.gov.uk>",
        headers={"Auto-Submitted": "auto-replied"},
    )
    room.server.append(USER, [refusal, away])
    status_before = room.desk.get_request(room.request_id).summary.status

    room.desk.fetch_mail()

    refused = room.desk.reply_proposal(_message_id(room, "refusal-1@council.example.gov.uk"))
    assert (refused.kind, refused.status, refused.decided) == (
        "response_refused",
        "rejected",
        False,
    )
    robot = room.desk.reply_proposal(_message_id(room, "away-1@council.example.gov.uk"))
    assert robot.kind == "auto_reply"
    assert ("header", "Auto-Submitted: auto-replied") in {
        (e.signal, e.text) for e in robot.evidence
    }
    assert room.desk.get_request(room.request_id).summary.status == status_before
    assert len(room.desk.open_proposals(room.request_id)) == 2
