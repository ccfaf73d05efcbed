"""The whole archive as open data: four tidy tables, as CSV or JSON.

One row per thing, one column per fact, the same columns in both formats
(``TABLE_COLUMNS``; README, "Exporting"): ``requests``, ``messages`` (metadata only:
no text), ``deadlines`` (as the deadline engine judges them today — the same values
``foidesk request show`` prints — with whether each was met and by how much) and
``status_history``. Dates are ISO 8601 (``2024-04-19``; times ``2024-04-19T15:05:00+00:00``,
in UTC); lists (tags, addresses) are joined with ``; `` in CSV and are arrays in JSON.
Trashed requests, and messages in the trash or in the Unfiled tray, are left out.

Rows are read in batches and written as they come, so memory stays flat for a large
archive. All four files are written under temporary names and renamed only once every
one is complete: a failure or a kill leaves no half set of tables.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from foidesk.core.deadlines import Deadline, DeadlineState, request_deadlines
from foidesk.core.deadlines import request_clocks as clocks
from foidesk.core.export.atomic import check_target, commit, temporary_beside, worded
from foidesk.core.export.errors import ExportError
from foidesk.core.i18n import _, in_source_language
from foidesk.core.progress import NoProgress, Progress, check_cancelled
from foidesk.core.storage.row_records import split_addresses
from foidesk.core.storage.tables import (
    Attachment,
    Authority,
    Message,
    Request,
    StatusChange,
    Tag,
    request_tag,
)

BATCH = 1000
Row = dict[str, Any]


class TableFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "requests": (
        "request_id",
        "title",
        "authority",
        "authority_email",
        "regime",
        "status",
        "reference",
        "sent_on",
        "received_on",
        "tags",
        "message_count",
        "created_at",
        "last_activity_at",
    ),
    "messages": (
        "message_id",
        "request_id",
        "direction",
        "kind",
        "date",
        "sent_at",
        "received_at",
        "from",
        "to",
        "cc",
        "subject",
        "header_message_id",
        "in_reply_to",
        "attachment_count",
        "attachment_bytes",
        "has_original",
        "filed_by",
    ),
    "deadlines": (
        "request_id",
        "kind",
        "label",
        "due",
        "state",
        "met",
        "met_on",
        "late_by",
        "overdue_by",
        "days_left",
        "unit",
        "opens_on",
    ),
    "status_history": ("request_id", "status", "changed_on", "note"),
}


@dataclass(frozen=True)
class TablesReport:
    folder: Path
    format: str
    files: tuple[Path, ...]
    rows: dict[str, int]


def table_paths(folder: Path, fmt: TableFormat) -> dict[str, Path]:
    return {name: folder / f"{name}.{fmt.value}" for name in TABLE_COLUMNS}


def write_tables(
    session: Session,
    folder: Path,
    fmt: TableFormat,
    today: date,
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> TablesReport:
    """Write the four tables into ``folder`` (made if only it is missing), all or none."""
    progress = progress or NoProgress()
    _make_folder(folder)
    paths = table_paths(folder, fmt)
    for path in paths.values():
        check_target(path, overwrite=overwrite)
    sources = {
        "requests": _requests(session),
        "messages": _messages(session),
        "deadlines": _deadlines(session, today),
        "status_history": _status_history(session),
    }
    try:
        counts = _write_all(paths, sources, fmt, progress)
    except OSError as exc:
        raise worded(exc, folder) from exc
    progress.report(len(sources), len(sources))
    return TablesReport(folder, fmt.value, tuple(paths.values()), counts)


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise ExportError(_("{path} is a file: name a folder for the tables").format(path=folder))
    if not folder.parent.is_dir():
        raise ExportError(_("the folder {folder} does not exist").format(folder=folder.parent))
    try:
        folder.mkdir()
    except OSError as exc:
        raise worded(exc, folder.parent) from exc


def _write_all(
    paths: dict[str, Path],
    sources: Mapping[str, Iterable[Row]],
    fmt: TableFormat,
    progress: Progress,
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with in_source_language(), contextlib.ExitStack() as stack:  # data reads the same anywhere
        opened = [stack.enter_context(temporary_beside(p)) for p in paths.values()]
        for step, ((name, rows), (stream, _temp)) in enumerate(
            zip(sources.items(), opened, strict=True)
        ):
            progress.report(step, len(sources), name)
            text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
            counts[name] = _write_table(text, name, rows, fmt, progress)
            text.flush()
            text.detach()
        for (stream, temp), target in zip(opened, paths.values(), strict=True):
            commit(stream, temp, target)
    return counts


def _write_table(
    stream: TextIO, name: str, rows: Iterable[Row], fmt: TableFormat, progress: Progress
) -> int:
    columns = TABLE_COLUMNS[name]
    count = 0
    writer = csv.writer(stream, lineterminator="\r\n") if fmt is TableFormat.CSV else None
    if writer is not None:
        writer.writerow(columns)
    else:
        stream.write("[")
    for row in rows:
        if writer is not None:
            writer.writerow([_csv_value(row[c]) for c in columns])
        else:
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps({c: _json_value(row[c]) for c in columns}, ensure_ascii=False))
        count += 1
        if count % BATCH == 0:
            check_cancelled(progress)
    if writer is None:
        stream.write("\n]\n")
    return count


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# --- the rows -------------------------------------------------------------------------


def _requests(session: Session) -> Iterator[Row]:
    tags = _tags(session)
    counted = session.execute(
        select(Message.request_id, func.count())
        .where(Message.deleted_at.is_(None), Message.request_id.is_not(None))
        .group_by(Message.request_id)
    )
    counts = {int(rid): int(n) for rid, n in counted if rid is not None}
    query = (
        select(Request, Authority.name, Authority.email)
        .join(Authority, Authority.id == Request.authority_id)
        .where(Request.deleted_at.is_(None))
        .order_by(Request.id)
        .execution_options(yield_per=BATCH)
    )
    for request, authority, email in session.execute(query):
        yield {
            "request_id": request.id,
            "title": request.title,
            "authority": authority,
            "authority_email": email,
            "regime": request.regime,
            "status": request.status,
            "reference": request.reference,
            "sent_on": _iso(request.sent_on),
            "received_on": _iso(request.received_on),
            "tags": tags.get(request.id, ()),
            "message_count": counts.get(request.id, 0),
            "created_at": _iso(request.created_at),
            "last_activity_at": _iso(request.last_activity_at),
        }
        session.expunge(request)


def _tags(session: Session) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(request_tag.c.request_id, Tag.name)
        .join(Tag, Tag.id == request_tag.c.tag_id)
        .order_by(Tag.name)
    )
    for request_id, name in rows:
        found.setdefault(request_id, []).append(name)
    return {rid: tuple(names) for rid, names in found.items()}


def _messages(session: Session) -> Iterator[Row]:
    files = (
        select(
            Attachment.message_id,
            func.count().label("n"),
            func.coalesce(func.sum(Attachment.size), 0).label("bytes"),
        )
        .group_by(Attachment.message_id)
        .subquery()
    )
    query = (
        select(
            Message.id,
            Message.request_id,
            Message.direction,
            Message.kind,
            Message.sent_at,
            Message.received_at,
            Message.from_addr,
            Message.to_addrs,
            Message.cc_addrs,
            Message.subject,
            Message.message_id,
            Message.in_reply_to,
            Message.raw_sha256,
            Message.filed_by,
            files.c.n,
            files.c.bytes,
        )
        .join(Request, Request.id == Message.request_id)
        .outerjoin(files, files.c.message_id == Message.id)
        .where(Message.deleted_at.is_(None), Request.deleted_at.is_(None))
        .order_by(Message.request_id, Message.sort_at, Message.id)
        .execution_options(yield_per=BATCH)
    )
    for row in session.execute(query):
        yield {
            "message_id": row.id,
            "request_id": row.request_id,
            "direction": row.direction,
            "kind": row.kind,
            "date": _iso(row.sent_at or row.received_at),
            "sent_at": _iso(row.sent_at),
            "received_at": _iso(row.received_at),
            "from": row.from_addr,
            "to": split_addresses(row.to_addrs),
            "cc": split_addresses(row.cc_addrs),
            "subject": row.subject,
            "header_message_id": row.message_id,
            "in_reply_to": row.in_reply_to,
            "attachment_count": row.n or 0,
            "attachment_bytes": row.bytes or 0,
            "has_original": row.raw_sha256 is not None,
            "filed_by": row.filed_by,
        }


def _deadlines(session: Session, today: date) -> Iterator[Row]:
    found = sorted(clocks.request_clocks(session), key=lambda c: c.request_id)
    for clock in found:
        for deadline in request_deadlines(clock.clock, today):
            yield deadline_row(clock.request_id, deadline)


def deadline_row(request_id: int, deadline: Deadline) -> Row:
    """A deadline as a row: met or not, and by how much (in its ``unit``)."""
    met = deadline.state is DeadlineState.MET
    overdue = deadline.state is DeadlineState.OVERDUE and deadline.days_left is not None
    return {
        "request_id": request_id,
        "kind": deadline.kind.value,
        "label": deadline.label,
        "due": _iso(deadline.due),
        "state": deadline.state.value,
        "met": met,
        "met_on": _iso(deadline.met_on),
        "late_by": (deadline.late_by or 0) if met else None,
        "overdue_by": -deadline.days_left if overdue and deadline.days_left is not None else None,
        "days_left": deadline.days_left,
        "unit": deadline.unit.value,
        "opens_on": _iso(deadline.opens_on),
    }


def _status_history(session: Session) -> Iterator[Row]:
    query = (
        select(
            StatusChange.request_id, StatusChange.status, StatusChange.changed_on, StatusChange.note
        )
        .join(Request, Request.id == StatusChange.request_id)
        .where(Request.deleted_at.is_(None))
        .order_by(StatusChange.request_id, StatusChange.id)
        .execution_options(yield_per=BATCH)
    )
    for request_id, status, changed_on, note in session.execute(query):
        yield {
            "request_id": request_id,
            "status": status,
            "changed_on": _iso(changed_on),
            "note": note,
        }
