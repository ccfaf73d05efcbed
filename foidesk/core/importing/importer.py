"""Import correspondence files: emails (.eml, .msg, .mbox) and any other file.

Each message is one unit of work — checked for duplicates, filed, stored with
its original bytes and attachments, all in one transaction — so a failure or a
kill mid-import leaves no half message and no orphan file. A file that cannot
be read is reported with a clear sentence and the others still go in.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.errors import FoideskError, NotFoundError, StorageError
from foidesk.core.i18n import _, ngettext
from foidesk.core.importing import filing, reasons
from foidesk.core.importing.duplicates import attachment_digests, content_digest, find_same
from foidesk.core.importing.spooling import spool_folder
from foidesk.core.mail import (
    MailError,
    ParsedMessage,
    detect_kind,
    iter_mbox,
    parse_email_bytes,
    parse_email_file,
    parse_msg_file,
)
from foidesk.core.mail.names import safe_filename
from foidesk.core.operations import replies
from foidesk.core.operations.messages import in_thread
from foidesk.core.phrases import Phrase, shown
from foidesk.core.progress import NoProgress, Progress, check_cancelled
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.storage import message_writes as messages
from foidesk.core.storage.file_store import sha256_bytes, sha256_of
from foidesk.core.storage.tables import Attachment, Message, Request

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from foidesk.core.changes import Changes
    from foidesk.core.operations.base import Unit
    from foidesk.core.records import MessageRecord, RequestDetail
    from foidesk.core.storage.database import Database
    from foidesk.core.storage.file_store import AttachmentStore


class ImportingDesk(Protocol):
    """What importing needs of an open profile (the ``Desk``, which this module must not
    import: the desk imports it)."""

    @property
    def db(self) -> Database: ...

    @property
    def store(self) -> AttachmentStore: ...

    def writing_files(self, changes: Changes = ...) -> AbstractContextManager[Unit]: ...

    def add_message(self, request_id: int | None, new: NewMessage) -> MessageRecord: ...

    def get_request(self, request_id: int) -> RequestDetail: ...

    def get_setting(self, key: str, default: str | None = None) -> str | None: ...


Status = Literal["imported", "duplicate", "unfiled", "attached", "error"]
OWN_ADDRESSES_SETTING = "identity.emails"
MAX_EMAIL_BYTES = 1 << 30
#: Emails from this size on are read from their file, their large parts decoded into
#: files as they are read (``mail/stream.py``): memory stays near the largest part's size
#: instead of several times the email's.
STREAM_FROM_BYTES = 1 << 20
#: Notes listed per file at most (an mbox of broken mail would repeat itself).
MAX_FILE_NOTES = 100


@dataclass(frozen=True)
class ImportedAttachment:
    filename: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ImportedFile:
    """What became of one file given to the importer."""

    path: str
    status: Status
    request_id: int | None = None
    message_ids: tuple[int, ...] = ()
    attachments: tuple[ImportedAttachment, ...] = ()
    error: str | None = None
    filed_by: str = ""
    duplicates: int = 0
    #: What was repaired or cut while reading its messages ("message 3: ..." in an mbox).
    warnings: tuple[str, ...] = ()
    #: Which character sets were assumed where its messages' labels were missing or wrong.
    charset_notes: tuple[str, ...] = ()
    #: Message-IDs it reused from different messages already here (imported all the same).
    reused_message_ids: tuple[str, ...] = ()

    def details(self) -> list[str]:
        """What else a user should know about the file, one sentence a line: skipped
        duplicates, reused Message-IDs, assumed character sets, repairs."""
        lines = []
        if self.duplicates and self.status != "duplicate":
            skipped = ngettext(
                "{count} message already imported was skipped",
                "{count} messages already imported were skipped",
                self.duplicates,
            )
            lines.append(skipped.format(count=self.duplicates))
        reused = _(
            "Message-ID <{message_id}> was already used by a different message; imported and marked"
        )
        lines += [reused.format(message_id=r) for r in self.reused_message_ids]
        lines += [_("character set: {note}").format(note=shown(n)) for n in self.charset_notes]
        lines += [_("warning: {warning}").format(warning=shown(w)) for w in self.warnings]
        return lines


@dataclass(frozen=True)
class ImportReport:
    files: tuple[ImportedFile, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when every file was handled; refused files make it False."""
        return all(f.status != "error" for f in self.files)

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)


@dataclass(frozen=True)
class _Outcome:
    """One message's fate inside a file."""

    status: Status
    request_id: int | None
    message_id: int | None
    attachments: tuple[ImportedAttachment, ...]
    filed_by: str
    warnings: tuple[str, ...] = ()
    charset_notes: tuple[str, ...] = ()
    reused_message_id: str | None = None
    number: int = 1  # its place in the file (an mbox holds many)


def import_paths(
    desk: ImportingDesk,
    paths: Sequence[Path],
    *,
    request_id: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and folders (recursively); ``request_id`` files everything there."""
    progress = progress or NoProgress()
    run = ImportRun(desk, paths, request_id)
    while not run.finished:
        check_cancelled(progress)
        progress.report(run.done, run.total, run.next_name)
        run.import_next()
    progress.report(run.total, run.total, "")
    return run.report()


class ImportRun:
    """An import one file at a time: the command line runs it to the end at once, the
    window a file per job on its database thread, so other work goes on between files.

    What it refuses, it refuses before any file: a read-only or damaged profile, or a
    request that does not exist."""

    def __init__(
        self, desk: ImportingDesk, paths: Sequence[Path], request_id: int | None = None
    ) -> None:
        desk.db.ensure_writable()
        if request_id is not None:
            desk.get_request(request_id)  # fail early, and clearly, on a wrong id
        self._desk = desk
        self._request_id = request_id
        self._files = list(expand(paths))
        self._context = ImportContext.read(desk)
        self._results: list[ImportedFile] = []

    @property
    def total(self) -> int:
        return len(self._files)

    @property
    def done(self) -> int:
        return len(self._results)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def next_name(self) -> str:
        return "" if self.finished else self._files[self.done].name

    def import_next(self) -> ImportedFile:
        path = self._files[self.done]
        try:
            result = import_file(self._desk, path, self._request_id, self._context)
        except StorageError as exc:  # the disk, not the file: the rest would fail too
            before = ngettext(
                "{error} ({done} of {total} file was imported before this; "
                "importing it again skips what is already in)",
                "{error} ({done} of {total} files were imported before this; "
                "importing them again skips what is already in)",
                self.total,
            )
            raise type(exc)(before.format(error=exc, done=self.done, total=self.total)) from exc
        self._results.append(result)
        return result

    def report(self) -> ImportReport:
        return ImportReport(tuple(self._results))


def expand(paths: Sequence[Path]) -> Iterator[Path]:
    """Files as given, and every file below a folder (not following links to folders)."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        else:
            yield path


@dataclass(frozen=True)
class ImportContext:
    """Read once per import: the user's own addresses, and what filing compares each
    message with (requests' names, authorities' addresses)."""

    own: frozenset[str]
    index: filing.FilingIndex

    @classmethod
    def read(cls, desk: ImportingDesk) -> ImportContext:
        with desk.db.reading() as session:
            index = filing.FilingIndex.read(session)
        return cls(own_addresses(desk), index)


def import_file(
    desk: ImportingDesk, path: Path, request_id: int | None, context: ImportContext | None = None
) -> ImportedFile:
    """Import one file; ``context`` as read for the whole import (read here if None)."""
    context = ImportContext.read(desk) if context is None else context
    outcomes: list[_Outcome] = []
    unreadable: list[str] = []
    try:
        if not path.is_file():
            raise FoideskError(_("no such file"))
        if path.stat().st_size == 0:
            raise FoideskError(_("the file is empty"))
        kind = detect_kind(path)
        if kind == "file":
            return _import_plain_file(desk, path, request_id)
        for number, item in enumerate(_messages(desk, path, kind), start=1):
            if isinstance(item, MailError):
                unreadable.append(str(item))
            else:
                outcome = _import_message(desk, item, request_id, context)
                outcomes.append(replace(outcome, number=number))
    except StorageError:
        raise
    except (MailError, FoideskError) as exc:
        unreadable.append(str(exc))
    except OSError as exc:
        unreadable.append(_("cannot read the file: {reason}").format(reason=exc.strerror or exc))
    return _summarise(path, outcomes, unreadable)


def _messages(desk: ImportingDesk, path: Path, kind: str) -> Iterator[ParsedMessage | MailError]:
    if kind == "msg":
        yield parse_msg_file(path)
    elif kind == "mbox":
        yield from iter_mbox(path)
    else:
        size = path.stat().st_size
        if size > MAX_EMAIL_BYTES:
            raise MailError(_("the email is larger than 1 GB; foidesk does not import it"))
        if size < STREAM_FROM_BYTES:
            yield parse_email_bytes(path.read_bytes())
            return
        with spool_folder(desk.store) as folder:  # removed once the message is stored
            yield parse_email_file(path, folder)


def _import_message(
    desk: ImportingDesk, parsed: ParsedMessage, request_id: int | None, context: ImportContext
) -> _Outcome:
    raw_sha256 = sha256_of(parsed.original)[0] if parsed.original else sha256_bytes(parsed.raw)
    digest = content_digest(parsed, attachment_digests(parsed))
    with desk.writing_files() as unit:
        session = unit.session
        verdict = find_same(session, desk.store, parsed, raw_sha256, digest)
        if verdict.same is not None:
            same = verdict.same
            return _Outcome(
                "duplicate", same.request_id, same.id, (), Phrase(reasons.ALREADY_IMPORTED)
            )
        if request_id is not None:
            target = filing.Filing(request_id, Phrase(reasons.CHOSEN))
        else:
            target = filing.file_message(session, parsed, context.index)
        request = session.get(Request, target.request_id) if target.request_id else None
        if request is not None and request.deleted_at is not None:  # trashed meanwhile
            request, target = None, filing.Filing(None, Phrase(reasons.REQUEST_TRASHED))
        direction = filing.guess_direction(context.index.addresses, parsed, context.own)
        if request is not None:
            unit.touch(request.id)  # before the message moves its clock
        unit.changed(in_thread(request.id if request is not None else None))
        new = _new_message(parsed, direction, filing.guess_kind(parsed, direction), target.reason)
        new = replace(new, content_sha256=digest, message_id_reused=bool(verdict.reused_by))
        row = messages.insert_message(session, unit.files, request, new)
        replies.propose(session, row, _head(parsed))
        stored = tuple(ImportedAttachment(a.filename, a.size, a.sha256) for a in row.attachments)
        status: Status = "imported" if request is not None else "unfiled"
        return _Outcome(
            status,
            target.request_id,
            row.id,
            stored,
            target.reason,
            parsed.warnings,
            parsed.charset_notes,
            parsed.message_id if verdict.reused_by else None,
        )


def _head(parsed: ParsedMessage) -> bytes:
    """The start of the original email, where its headers are (for a reply's proposal)."""
    if parsed.raw:
        return parsed.raw[: replies.HEAD_BYTES]
    if parsed.original is not None:
        with parsed.original.open("rb") as stream:
            return stream.read(replies.HEAD_BYTES)
    return b""


def _new_message(parsed: ParsedMessage, direction: str, kind: str, reason: str) -> NewMessage:
    return NewMessage(
        direction=direction,
        kind=kind,
        sent_at=parsed.sent_at,
        received_at=datetime.now(UTC),
        from_addr=parsed.from_addr,
        to=parsed.to,
        cc=parsed.cc,
        subject=parsed.subject,
        body_text=parsed.body_text,
        body_html=parsed.body_html,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        original=parsed.original or parsed.raw,
        original_format=parsed.source_format,
        filed_by=reason,
        charset_notes=parsed.charset_notes,
        attachments=tuple(
            NewAttachment(a.filename, a.source, a.media_type) for a in parsed.attachments
        ),
    )


def _import_plain_file(desk: ImportingDesk, path: Path, request_id: int | None) -> ImportedFile:
    """A document that is not an email: kept as a note holding the file."""
    name = safe_filename(path.name)
    sha256, _size = sha256_of(path)
    with desk.db.reading() as session:
        if request_id is not None:
            if session.get(Request, request_id) is None:
                raise NotFoundError(_("no request with id {id}").format(id=request_id))
            if _already_attached(session, request_id, sha256):
                return ImportedFile(
                    path=str(path),
                    status="duplicate",
                    request_id=request_id,
                    filed_by=Phrase(reasons.ALREADY_IN_THREAD),
                    duplicates=1,
                )
    media_type = mimetypes.guess_type(name)[0]
    record = desk.add_message(
        request_id,
        NewMessage(
            direction="incoming",
            kind="note",
            received_at=datetime.now(UTC),
            subject=_("Document: {name}").format(name=name),
            filed_by=Phrase(reasons.DOCUMENT),
            attachments=(NewAttachment(name, path, media_type),),
        ),
    )
    stored = tuple(ImportedAttachment(a.filename, a.size, a.sha256) for a in record.attachments)
    status: Status = "attached" if request_id is not None else "unfiled"
    return ImportedFile(
        path=str(path),
        status=status,
        request_id=request_id,
        message_ids=(record.id,),
        attachments=stored,
        filed_by=Phrase(reasons.DOCUMENT),
    )


def _already_attached(session: Session, request_id: int, sha256: str) -> bool:
    found = session.scalar(
        select(Attachment.id)
        .join(Message)
        .where(Message.request_id == request_id, Attachment.sha256 == sha256)
        .limit(1)
    )
    return found is not None


def _summarise(path: Path, outcomes: list[_Outcome], unreadable: list[str]) -> ImportedFile:
    fresh = [o for o in outcomes if o.status != "duplicate"]
    several = len(outcomes) > 1
    request_ids = {o.request_id for o in outcomes if o.request_id is not None}
    status: Status = "duplicate"
    if unreadable or not outcomes:
        status = "error"
    elif fresh:
        status = "imported" if any(o.status == "imported" for o in fresh) else "unfiled"
    return ImportedFile(
        path=str(path),
        status=status,
        request_id=next(iter(request_ids)) if len(request_ids) == 1 else None,
        message_ids=tuple(o.message_id for o in outcomes if o.message_id is not None),
        attachments=tuple(a for o in fresh for a in o.attachments),
        error=_error_text(unreadable, len(outcomes)) if status == "error" else None,
        filed_by=reasons.joined([o.filed_by for o in outcomes]),
        duplicates=len(outcomes) - len(fresh),
        warnings=_listed(outcomes, "warnings", several),
        charset_notes=_listed(outcomes, "charset_notes", several),
        reused_message_ids=tuple(o.reused_message_id for o in fresh if o.reused_message_id),
    )


def _listed(outcomes: list[_Outcome], name: str, several: bool) -> tuple[str, ...]:
    """One list of the messages' notes, each led by its message's number in an mbox."""
    found: dict[str, None] = {}
    for outcome in outcomes:
        for note in getattr(outcome, name):
            if several:
                note = Phrase(reasons.IN_MESSAGE, number=outcome.number, note=note)
            found.setdefault(note, None)
    listed = tuple(found)
    if len(listed) > MAX_FILE_NOTES:
        more = len(listed) - MAX_FILE_NOTES
        return (*listed[:MAX_FILE_NOTES], Phrase(reasons.MORE_NOT_LISTED, count=more))
    return listed


def _error_text(unreadable: list[str], handled: int) -> str:
    if not unreadable:
        return _("The mailbox holds no messages.")
    first = _sentence(unreadable[0])
    if handled == 0 and len(unreadable) == 1:
        return first
    failed = ngettext(
        "{count} message could not be read (first: {first})",
        "{count} messages could not be read (first: {first})",
        len(unreadable),
    ).format(count=len(unreadable), first=first)
    imported = ngettext(
        "{count} other message was imported", "{count} other messages were imported", handled
    ).format(count=handled)
    # Translators: joins the two halves of the report on a mailbox with unreadable messages.
    return _("{failed}; {imported}.").format(failed=failed, imported=imported)


def own_addresses(desk: ImportingDesk) -> frozenset[str]:
    """The user's own addresses (setting ``identity.emails``): mail from them was sent."""
    stored = desk.get_setting(OWN_ADDRESSES_SETTING) or ""
    return frozenset(a.strip().lower() for a in stored.split(",") if a.strip())


def _sentence(text: str) -> str:
    text = text.strip() or "unreadable"
    return text[0].upper() + text[1:]
