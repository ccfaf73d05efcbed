"""The example request a new user can load: a complete, realistic FOI thread.

Modelled on a typical request to a UK department: the request, an automated
acknowledgement, and a partially successful response with six attachments.
The words and files are foidesk's own; the authority's address is on a reserved
example domain so that nothing is ever sent anywhere.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from foidesk.core.desk import Desk
from foidesk.core.importing import reasons
from foidesk.core.phrases import Phrase
from foidesk.core.records import NewAttachment, NewMessage, NewRequest, RequestDetail
from foidesk.core.sample.files import pdf_document, png_bars

AUTHORITY = "Department for Work and Pensions"
AUTHORITY_EMAIL = "foi-requests@dwp.example.org"
REQUESTER = "Sam Requester <sam.requester@example.net>"
TITLE = "Records of outbound calls to claimants"
REFERENCE = "FOI2024/01234"
SENT = date(2024, 3, 22)

REQUEST_BODY = """\
Dear Department for Work and Pensions,

1. When a work coach telephones a Universal Credit claimant for a work search
appointment, is the call logged on the claimant's account, including calls the
claimant does not answer? Please provide an example of such a log entry (with
personal data removed) and explain how a claimant can obtain their own call
records.

2. Can staff record outbound calls to claimants? If so, in what circumstances,
and how is the claimant's consent obtained?

3. Please provide the guidance work coaches follow to confirm a claimant's
identity when they call them.

4. Caller ID can be spoofed. What guidance exists on how a claimant can check
that a caller really is from the Department?

Yours faithfully,

Sam Requester
"""

ACKNOWLEDGEMENT_BODY = """\
This is an automated confirmation that your request for information has been
received by the FOI mailbox.

If your email is a valid request under section 8 of the Freedom of Information
Act 2000, you can normally expect a response within 20 working days.

Please add this address to your contacts so that our reply is not treated as
junk mail.
"""

RESPONSE_BODY = f"""\
Dear Sam Requester,

Thank you for your request received on 22 March 2024, reference {REFERENCE}.

We hold some of the information you asked for. Part 1: calls are recorded as
a journal entry on the claimant's account; a redacted example is attached
(Annex A), and claimants can ask for their records through a subject access
request. Part 2: outbound calls are not routinely recorded; the policy is
attached (Annex B). Part 3: the identity check guidance is attached (Annex C).
Part 4: we do not hold specific guidance beyond the advice in Annex D.

Some names of junior staff have been withheld under section 40(2).

If you are unhappy with this response you may ask for an internal review
within 40 working days, and then complain to the Information Commissioner.

Yours sincerely,

Central FOI Team
"""


def load_sample(desk: Desk) -> RequestDetail:
    """Add the example request and its thread; returns it as stored."""
    if not any(a.name == AUTHORITY for a in desk.list_authorities()):
        desk.add_authority(
            AUTHORITY,
            email=AUTHORITY_EMAIL,
            regime="uk-foia",
            short_name="DWP",
            jurisdiction="United Kingdom",
        )
    request = desk.add_request(
        NewRequest(
            title=TITLE,
            authority=AUTHORITY,
            sent_on=SENT,
            regime="uk-foia",
            body=REQUEST_BODY,
            reference=REFERENCE,
            tags=("example", "welfare"),
        )
    )
    desk.add_message(
        request.id,
        NewMessage(
            direction="incoming",
            kind="acknowledgement",
            from_addr=AUTHORITY_EMAIL,
            to=(REQUESTER,),
            sent_at=datetime(2024, 3, 22, 9, 41, tzinfo=UTC),
            received_at=datetime(2024, 3, 22, 9, 42, tzinfo=UTC),
            subject=f"Automatic reply: Freedom of Information request - {TITLE}",
            body_text=ACKNOWLEDGEMENT_BODY,
            message_id="ack-20240322-0941@dwp.example.org",
            filed_by=Phrase(reasons.EXAMPLE),
        ),
    )
    desk.add_message(
        request.id,
        NewMessage(
            direction="incoming",
            kind="response",
            from_addr=f"Central FOI Team <{AUTHORITY_EMAIL}>",
            to=(REQUESTER,),
            sent_at=datetime(2024, 4, 19, 15, 5, tzinfo=UTC),
            received_at=datetime(2024, 4, 19, 15, 6, tzinfo=UTC),
            subject=f"RE: Freedom of Information request - {TITLE} [{REFERENCE}]",
            body_text=RESPONSE_BODY,
            message_id="resp-20240419-1505@dwp.example.org",
            attachments=_response_attachments(),
            filed_by=Phrase(reasons.EXAMPLE),
        ),
    )
    return desk.set_status(request.id, "partially_successful", on=date(2024, 4, 19))


def _response_attachments() -> tuple[NewAttachment, ...]:
    return (
        NewAttachment(
            f"{REFERENCE.replace('/', '-')} response letter.pdf",
            pdf_document(
                f"Freedom of Information request {REFERENCE}",
                [p for p in RESPONSE_BODY.split("\n\n") if p.strip()],
            ),
            "application/pdf",
        ),
        NewAttachment("Annex A - example call journal entry.csv", _call_log_csv(), "text/csv"),
        NewAttachment(
            "Annex B - outbound call recording policy.pdf",
            pdf_document(
                "Annex B: Recording outbound calls",
                [
                    "Outbound calls made by work coaches are not recorded as a matter of routine.",
                    "Where a call is recorded for quality or training purposes the claimant is "
                    "told at the start of the call and may ask for the recording to be stopped.",
                    "Recordings are kept for no longer than 90 days unless needed for a complaint.",
                ],
            ),
            "application/pdf",
        ),
        NewAttachment(
            "Annex C - identity verification guidance.pdf",
            pdf_document(
                "Annex C: Confirming a claimant's identity by telephone",
                [
                    "Before discussing a claim, the work coach asks two questions drawn from the "
                    "claimant's account, such as the first line of the address and the date of the "
                    "last payment.",
                    "Staff never ask for a full bank account number, a password or a PIN.",
                ],
            ),
            "application/pdf",
        ),
        NewAttachment(
            "Annex D - advice to claimants.txt",
            (
                b"If you are unsure whether a call is genuine, end the call and contact us on the "
                b"number shown in your online account. We will never ask for your password.\n"
            ),
            "text/plain",
        ),
        NewAttachment(
            "Annex E - calls by outcome, March 2024.png", png_bars([62, 23, 9, 6]), "image/png"
        ),
    )


def _call_log_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "time", "contact type", "outcome", "note"])
    writer.writerow(["2024-02-05", "10:15", "Outbound call", "No answer", "Voicemail left"])
    writer.writerow(["2024-02-05", "14:30", "Outbound call", "Answered", "Work search review"])
    writer.writerow(["2024-02-19", "11:00", "Outbound call", "Answered", "Appointment booked"])
    return buffer.getvalue().encode()
