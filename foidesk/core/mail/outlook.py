"""Reads Outlook ``.msg`` files (OLE2 compound files) through extract-msg.

Everything is copied out of the extract-msg object into plain values inside
one ``try``, and the object is always closed, so no open file or library
object outlives the call and any failure of the library on a damaged file
becomes one ``MailError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import extract_msg
from extract_msg.enums import BodyTypes, ErrorBehavior
from extract_msg.exceptions import UnrecognizedMSGTypeError, UnsupportedMSGTypeError

from foidesk.core.i18n import _
from foidesk.core.mail import wording
from foidesk.core.mail.addresses import bare_email, display_form
from foidesk.core.mail.autoreply import AUTO_HEADERS, is_auto_submitted
from foidesk.core.mail.charsets import guess_text, scrub_text
from foidesk.core.mail.dates import parse_date, to_utc
from foidesk.core.mail.eml import name_files
from foidesk.core.mail.errors import MailError
from foidesk.core.mail.header_values import RawHeaders
from foidesk.core.mail.html_text import html_to_text
from foidesk.core.mail.limits import MAX_SUBJECT_CHARS
from foidesk.core.mail.model import ParsedMessage
from foidesk.core.mail.msgids import all_ids, first_id
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.outlook_attachments import read_attachments
from foidesk.core.mail.parts import FoundFile
from foidesk.core.mail.sniff import OLE_MAGIC
from foidesk.core.mail.text_clean import normalise_newlines, one_line
from foidesk.core.phrases import Phrase

_TOLERANT = (
    ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.RTFDE | ErrorBehavior.STANDARDS_VIOLATION
)
# Message classes Outlook gives to out-of-office replies, rule replies and reports.
_AUTOMATED_CLASSES = ("ipm.note.rules.ooftemplate", "ipm.note.rules.replytemplate", "report.")
_RECIPIENT_TO, _RECIPIENT_CC = 1, 2


@dataclass(frozen=True, slots=True)
class _Outlook:
    """The values read out of an Outlook message, before normalising."""

    message_class: str
    subject: str
    sender: str
    recipients: tuple[tuple[int, str, str], ...]
    sent_at: datetime | None
    body: str
    html: bytes | None
    message_id: str | None
    in_reply_to: str | None
    header: Message
    files: list[FoundFile]


def parse_msg_file(path: Path) -> ParsedMessage:
    """Parse an Outlook ``.msg`` file; ``raw`` is the file's bytes.

    Raises ``MailError`` if the file is not an Outlook message or is damaged;
    ``OSError`` if it cannot be read at all.
    """
    raw = path.read_bytes()
    if not raw.startswith(OLE_MAGIC):
        raise MailError(_("not an Outlook message: the file is not in Outlook's format"))
    notes = Notes()
    outlook = _read(raw, notes)
    return _build(outlook, raw, notes)


def _read(raw: bytes, notes: Notes) -> _Outlook:
    try:
        msg = extract_msg.openMsg(raw, errorBehavior=_TOLERANT, delayAttachments=True)
    except (UnrecognizedMSGTypeError, UnsupportedMSGTypeError) as error:
        raise MailError(_("not an email: this Outlook file is not a mail message")) from error
    except Exception as error:  # the library raises many types on damaged files
        raise MailError(
            _("Outlook file is damaged: {error}").format(error=_reason(error))
        ) from error
    try:
        return _copy_out(msg, notes)
    except Exception as error:  # same: any library failure here means a damaged file
        raise MailError(
            _("Outlook file is damaged: {error}").format(error=_reason(error))
        ) from error
    finally:
        msg.close()


def _copy_out(msg: Any, notes: Notes) -> _Outlook:
    return _Outlook(
        message_class=str(msg.classType or ""),
        subject=str(msg.subject or ""),
        sender=str(getattr(msg, "sender", None) or ""),
        recipients=tuple(
            (int(recipient.type), str(recipient.name or ""), str(recipient.email or ""))
            for recipient in getattr(msg, "recipients", ())
        ),
        sent_at=_date(getattr(msg, "date", None)),
        body=str(getattr(msg, "body", None) or ""),
        html=_html_bytes(msg),
        message_id=getattr(msg, "messageId", None),
        in_reply_to=getattr(msg, "inReplyTo", None),
        header=getattr(msg, "header", None) or Message(),
        files=read_attachments(msg.attachments, notes),
    )


def _date(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _html_bytes(msg: Any) -> bytes | None:
    """The HTML body, but not the one extract-msg invents from the plain text."""
    if not getattr(msg, "detectedBodies", BodyTypes.NONE) & (BodyTypes.HTML | BodyTypes.RTF):
        return None
    html = msg.htmlBody
    return bytes(html) if html else None


def _build(outlook: _Outlook, raw: bytes, notes: Notes) -> ParsedMessage:
    headers = RawHeaders(outlook.header, notes)
    subject = one_line(outlook.subject or headers.decoded("subject") or "", MAX_SUBJECT_CHARS)
    sender = _first_address(outlook.sender)
    body_html = guess_text(outlook.html)[0] if outlook.html else None
    body_text = normalise_newlines(scrub_text(outlook.body)) or (
        html_to_text(body_html) if body_html else ""
    )
    auto_headers = {name: value for name in AUTO_HEADERS if (value := headers.first(name))}
    return ParsedMessage(
        message_id=first_id(outlook.message_id),
        in_reply_to=first_id(outlook.in_reply_to or headers.first("in-reply-to")),
        references=all_ids(" ".join(headers.all("references"))),
        subject=subject,
        from_addr=display_form(*sender) if sender else one_line(outlook.sender),
        from_email=bare_email(sender[1]) if sender else None,
        to=_recipients(outlook, _RECIPIENT_TO),
        cc=_recipients(outlook, _RECIPIENT_CC),
        sent_at=_sent_at(outlook, headers, notes),
        body_text=body_text,
        body_html=body_html,
        attachments=name_files(outlook.files),
        auto_submitted=outlook.message_class.lower().startswith(_AUTOMATED_CLASSES)
        or is_auto_submitted(auto_headers, subject, body_text),
        raw=raw,
        source_format="msg",
        warnings=notes.as_tuple(),
        charset_notes=notes.charsets(),
    )


def _first_address(value: str) -> tuple[str, str] | None:
    pairs = getaddresses([value]) if value else []
    for display, address in pairs:
        if display or address:
            return one_line(display), one_line(address)
    return None


def _recipients(outlook: _Outlook, kind: int) -> tuple[str, ...]:
    return tuple(
        display_form(one_line(name), one_line(address))
        for recipient_kind, name, address in outlook.recipients
        if recipient_kind == kind and (name or address)
    )


def _sent_at(outlook: _Outlook, headers: RawHeaders, notes: Notes) -> datetime | None:
    if outlook.sent_at is not None:
        return to_utc(outlook.sent_at, notes)
    raw = headers.first("date")
    parsed = parse_date(raw, notes) if raw else None
    if parsed is None:
        notes.add(Phrase(wording.NO_DATE))
    return parsed


def _reason(error: Exception) -> str:
    text = one_line(str(error), 200)
    return text or type(error).__name__
