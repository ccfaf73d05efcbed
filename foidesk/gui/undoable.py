"""Every edit the window offers, as an operation with its undo.

Each function captures what it needs from the first run (the new id, the old
values) so that undo and redo can replay it exactly. None says which views to
repaint: the desk publishes what each step changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path

from foidesk.core.desk import Desk
from foidesk.core.errors import ChangedElsewhere
from foidesk.core.i18n import _, ngettext
from foidesk.core.records import (
    AuthorityRecord,
    ClockEventRecord,
    MessageRecord,
    NewAttachment,
    NewMessage,
    NewRequest,
    ReplyProposalRecord,
    RequestDetail,
)
from foidesk.core.vocabulary import MessageKind
from foidesk.gui.operations import Operations, UndoSteps
from foidesk.gui.thread_pane import ShownRequest, shown_request


def create_request(
    ops: Operations, new: NewRequest, on_done: Callable[[RequestDetail], None] | None = None
) -> None:
    """Undo moves the new request to the trash; redo brings it back."""
    ops.perform(
        _("New request “{title}”").format(title=new.title),
        lambda desk: desk.add_request(new),
        undo=lambda d: UndoSteps(
            undo=lambda desk: desk.delete_request(d.id),
            redo=lambda desk: desk.restore_request(d.id),
        ),
        on_done=on_done,
    )


@dataclass(frozen=True)
class RequestEdit:
    """The editable fields of a request, as the edit dialog returns them."""

    title: str
    authority: str
    regime: str
    sent_on: date | None
    body: str
    reference: str
    tags: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, detail: RequestDetail) -> RequestEdit:
        s = detail.summary
        reference = s.reference or ""
        return cls(s.title, s.authority, s.regime, s.sent_on, detail.body, reference, s.tags)

    def rebased(self, shown: RequestDetail, fresh: RequestDetail) -> RequestEdit:
        """This edit made again on ``fresh``: the fields it changed from ``shown`` keep
        its values, the others take ``fresh``'s (another member's change to them stays)."""
        was, now = RequestEdit.of(shown), RequestEdit.of(fresh)
        kept = {
            f.name: getattr(self if getattr(self, f.name) != getattr(was, f.name) else now, f.name)
            for f in fields(self)
        }
        return RequestEdit(**kept)

    def apply(self, desk: Desk, request_id: int, version: int | None) -> RequestDetail:
        """Write these fields on the request as it was at ``version`` (see ``check_version``)."""
        return desk.update_request(
            request_id,
            expected_version=version,
            title=self.title,
            authority=self.authority,
            regime=self.regime,
            sent_on=self.sent_on,
            body=self.body,
            reference=self.reference,
            tags=self.tags,
        )


#: What the window does when an edit is refused because the request changed elsewhere.
Refused = Callable[[ChangedElsewhere], None]


def _unchanged_since(
    desk: Desk, request_id: int, still: Callable[[RequestDetail], bool]
) -> RequestDetail:
    """The request as it is now, if what an undo or redo step takes back is still as
    the step left it (``still``); otherwise the step is refused as a change made
    elsewhere. Other writes since — a message added, a field the step does not touch,
    by anyone — do not stand in its way."""
    current = desk.get_request(request_id)
    if not still(current):
        raise ChangedElsewhere(request_id, current.changed_by, current.changed_at)
    return current


def _first(
    detail: RequestDetail, write: Callable[[Desk, int | None], RequestDetail]
) -> Callable[[Desk], ShownRequest]:
    """The edit itself, made on the version of the request the window showed."""

    def run(desk: Desk) -> ShownRequest:
        return shown_request(desk, write(desk, detail.version))

    return run


def _fields_step(
    request_id: int, source: RequestEdit, target: RequestEdit
) -> Callable[[Desk], RequestDetail]:
    """Undo (or redo) of an edit: the fields it changed go from ``source``'s values back
    to ``target``'s, if they still hold ``source``'s; the others stay as they are now."""
    changed = [
        f.name for f in fields(RequestEdit) if getattr(source, f.name) != getattr(target, f.name)
    ]

    def holds_source(current: RequestDetail) -> bool:
        now = RequestEdit.of(current)
        return all(getattr(now, name) == getattr(source, name) for name in changed)

    def step(desk: Desk) -> RequestDetail:
        current = _unchanged_since(desk, request_id, holds_source)
        now = RequestEdit.of(current)
        written = replace(now, **{name: getattr(target, name) for name in changed})
        return written.apply(desk, request_id, current.version)

    return step


def edit_request(
    ops: Operations, before: RequestDetail, after: RequestEdit, refused: Refused | None = None
) -> None:
    """``before``: the request as the window showed it (its version is checked)."""
    old = RequestEdit.of(before)
    rid = before.id
    ops.perform(
        _("Edit “{title}”").format(title=after.title),
        _first(before, lambda desk, version: after.apply(desk, rid, version)),
        undo=lambda _: UndoSteps(_fields_step(rid, after, old), _fields_step(rid, old, after)),
        refused=refused,
    )


def set_status(
    ops: Operations, shown: RequestDetail, new: str, label: str, refused: Refused | None = None
) -> None:
    """Undo takes the change back out of the history, as if it had not been made, if it
    is still the latest; redo makes it again if the history is as undo left it.
    ``shown``: the request as the window showed it (its version is checked)."""
    rid = shown.id
    before = shown.status_history

    def steps(made: ShownRequest) -> UndoSteps:
        after = made.detail.status_history

        def take_back(desk: Desk) -> RequestDetail:
            current = _unchanged_since(desk, rid, lambda now: now.status_history == after)
            return desk.undo_status_change(rid, expected_version=current.version)

        def change(desk: Desk) -> RequestDetail:
            current = _unchanged_since(desk, rid, lambda now: now.status_history == before)
            return desk.set_status(rid, new, expected_version=current.version)

        return UndoSteps(take_back, change)

    ops.perform(
        _("Status “{status}”").format(status=label),
        _first(shown, lambda desk, version: desk.set_status(rid, new, expected_version=version)),
        undo=steps,
        refused=refused,
    )


def delete_request(ops: Operations, request_id: int, title: str) -> None:
    ops.perform(
        _("Delete “{title}”").format(title=title),
        lambda desk: desk.delete_request(request_id),
        undo=lambda _: UndoSteps(
            lambda desk: desk.restore_request(request_id),
            lambda desk: desk.delete_request(request_id),
        ),
    )


def restore_request(ops: Operations, request_id: int, title: str) -> None:
    ops.perform(
        _("Restore “{title}”").format(title=title),
        lambda desk: desk.restore_request(request_id),
        undo=lambda _: UndoSteps(
            lambda desk: desk.delete_request(request_id),
            lambda desk: desk.restore_request(request_id),
        ),
    )


def file_messages(ops: Operations, message_ids: Sequence[int], request_id: int) -> None:
    """Unfiled messages dragged onto a request; undo puts them back in the tray."""
    ids = tuple(message_ids)

    def file_all(desk: Desk, target: int | None) -> None:
        for mid in ids:
            desk.file_message(mid, target)

    ops.perform(
        ngettext("File {count} message", "File {count} messages", len(ids)).format(count=len(ids)),
        lambda desk: file_all(desk, request_id),
        undo=lambda _: UndoSteps(
            lambda desk: file_all(desk, None), lambda desk: file_all(desk, request_id)
        ),
    )


def add_message(ops: Operations, request_id: int, new: NewMessage) -> None:
    ops.perform(
        _("Add message ({kind})").format(kind=_kind_label(new.kind)),
        lambda desk: desk.add_message(request_id, new),
        undo=lambda m: UndoSteps(
            lambda desk: desk.delete_message(m.id),
            lambda desk: desk.restore_message(m.id),
        ),
    )


def delete_message(ops: Operations, message: MessageRecord) -> None:
    ops.perform(
        _("Delete message “{subject}”").format(
            subject=message.subject or _kind_label(message.kind)
        ),
        lambda desk: desk.delete_message(message.id),
        undo=lambda _: UndoSteps(
            lambda desk: desk.restore_message(message.id),
            lambda desk: desk.delete_message(message.id),
        ),
    )


def attach_files(ops: Operations, message: MessageRecord, paths: Sequence[Path]) -> None:
    """Files dropped on a message card; undo detaches exactly the files added."""
    files = tuple(NewAttachment(p.name, p) for p in paths)
    added: list[int] = []

    def attach(desk: Desk) -> MessageRecord:
        before = {a.id for a in desk.get_message(message.id).attachments}
        record = desk.attach_files(message.id, files)
        added[:] = [a.id for a in record.attachments if a.id not in before]
        return record

    def detach(desk: Desk) -> None:
        for attachment_id in added:
            desk.remove_attachment(attachment_id)

    ops.perform(
        ngettext("Attach {count} file", "Attach {count} files", len(files)).format(
            count=len(files)
        ),
        attach,
        undo=lambda _: UndoSteps(detach, attach),
    )


@dataclass
class _EventId:
    """A row's id, which changes each time redo re-creates the row."""

    value: int


def add_clock_event(
    ops: Operations,
    request_id: int,
    kind: str,
    on: date,
    until: date | None,
    note: str,
    label: str,
) -> None:

    def add(desk: Desk) -> ClockEventRecord:
        return desk.add_clock_event(request_id, kind, on, until=until, note=note)

    def steps(first: ClockEventRecord) -> UndoSteps:
        current = _EventId(first.id)

        def redo(desk: Desk) -> None:
            current.value = add(desk).id

        return UndoSteps(lambda desk: desk.remove_clock_event(current.value), redo)

    ops.perform(_("Record “{event}”").format(event=label), add, undo=steps)


def decide_reply(
    ops: Operations, message_id: int, kind: str | None, status: str | None, label: str
) -> None:
    """Confirm (``kind`` None) or correct a reply's proposal; undo puts the message's
    kind, the request's status and the clock event back and opens the proposal again."""

    def decide(desk: Desk) -> ReplyProposalRecord:
        return desk.confirm_reply(message_id, kind=kind, status=status)

    def again(first: ReplyProposalRecord) -> Callable[[Desk], object]:
        chosen = first.chosen_status or "unchanged"
        return lambda desk: desk.confirm_reply(message_id, kind=first.chosen_kind, status=chosen)

    ops.perform(
        _("Confirm reply as “{kind}”").format(kind=label),
        decide,
        undo=lambda first: UndoSteps(
            lambda desk: desk.undo_reply_decision(message_id), again(first)
        ),
    )


def add_authority(
    ops: Operations, fields: dict[str, object], on_done: Callable[[AuthorityRecord], None]
) -> None:
    """Undo removes the authority again (the desk refuses while a request uses it)."""
    current = _EventId(0)

    def add(desk: Desk) -> AuthorityRecord:
        record = desk.add_authority(**fields)  # type: ignore[arg-type]
        current.value = record.id
        return record

    ops.perform(
        _("New authority “{name}”").format(name=fields["name"]),
        add,
        undo=lambda _: UndoSteps(lambda desk: desk.delete_authority(current.value), add),
        on_done=on_done,
    )


def edit_authority(ops: Operations, before: AuthorityRecord, after: dict[str, object]) -> None:
    old: dict[str, object] = {key: getattr(before, key) for key in after}
    ops.perform(
        _("Edit authority “{name}”").format(name=before.name),
        lambda desk: desk.update_authority(before.id, **after),
        undo=lambda _: UndoSteps(
            lambda desk: desk.update_authority(before.id, **old),
            lambda desk: desk.update_authority(before.id, **after),
        ),
    )


def _kind_label(kind: str) -> str:
    """A message kind as the user reads it (a kind this version does not know, as stored)."""
    try:
        return MessageKind(kind).label
    except ValueError:
        return kind.replace("_", " ")
