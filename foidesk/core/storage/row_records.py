"""Turning ORM rows into the frozen records faces receive."""

from __future__ import annotations

from foidesk.core import phrases
from foidesk.core.records import (
    AttachmentRecord,
    AuthorityRecord,
    ClockEventRecord,
    MessageRecord,
    RequestDetail,
    RequestSummary,
    StatusChangeRecord,
)
from foidesk.core.storage.tables import (
    Attachment,
    Authority,
    ClockEventRow,
    Message,
    Request,
    StatusChange,
)

ADDRESS_SEPARATOR = "\n"


def join_addresses(addresses: tuple[str, ...]) -> str:
    return ADDRESS_SEPARATOR.join(a for a in addresses if a)


def split_addresses(text: str) -> tuple[str, ...]:
    return tuple(a for a in text.split(ADDRESS_SEPARATOR) if a)


def authority_record(row: Authority) -> AuthorityRecord:
    return AuthorityRecord(
        id=row.id,
        name=row.name,
        short_name=row.short_name,
        email=row.email,
        jurisdiction=row.jurisdiction,
        default_regime=row.default_regime,
        is_school=row.is_school,
        notes=row.notes,
        region=row.region,
    )


def attachment_record(row: Attachment) -> AttachmentRecord:
    return AttachmentRecord(
        id=row.id,
        message_id=row.message_id,
        filename=row.filename,
        media_type=row.media_type,
        size=row.size,
        sha256=row.sha256,
        text_state=row.text_state,
    )


def message_record(row: Message) -> MessageRecord:
    return MessageRecord(
        id=row.id,
        request_id=row.request_id,
        direction=row.direction,
        kind=row.kind,
        sent_at=row.sent_at,
        received_at=row.received_at,
        from_addr=row.from_addr,
        to=split_addresses(row.to_addrs),
        cc=split_addresses(row.cc_addrs),
        subject=row.subject,
        body_text=row.body_text,
        body_html=row.body_html,
        message_id=row.message_id,
        in_reply_to=row.in_reply_to,
        references=tuple(row.references.split()),
        filed_by=phrases.decode(row.filed_by),
        has_original=row.raw_sha256 is not None,
        attachments=tuple(attachment_record(a) for a in row.attachments),
        charset_notes=tuple(phrases.decode(line) for line in row.charset_notes.split("\n") if line),
        message_id_reused=row.message_id_reused,
    )


def request_summary(row: Request, message_count: int) -> RequestSummary:
    return RequestSummary(
        id=row.id,
        title=row.title,
        authority_id=row.authority_id,
        authority=row.authority.name,
        regime=row.regime,
        status=row.status,
        sent_on=row.sent_on,
        reference=row.reference,
        tags=tuple(sorted(t.name for t in row.tags)),
        last_activity_at=row.last_activity_at,
        message_count=message_count,
    )


def request_detail(row: Request, messages: list[Message]) -> RequestDetail:
    return RequestDetail(
        summary=request_summary(row, len(messages)),
        received_on=row.received_on,
        body=row.body,
        notes=row.notes,
        is_school=row.authority.is_school,
        custom_rule=row.custom_rule,
        messages=tuple(message_record(m) for m in messages),
        status_history=tuple(status_change_record(s) for s in row.status_changes),
        clock_events=tuple(clock_event_record(e) for e in row.clock_events),
        version=row.version,
        changed_by=row.changed_by,
        changed_at=row.updated_at,
    )


def status_change_record(row: StatusChange) -> StatusChangeRecord:
    return StatusChangeRecord(
        status=row.status, changed_on=row.changed_on, note=row.note, changed_by=row.changed_by
    )


def clock_event_record(row: ClockEventRow) -> ClockEventRecord:
    return ClockEventRecord(id=row.id, kind=row.kind, on=row.on, until=row.until, note=row.note)
