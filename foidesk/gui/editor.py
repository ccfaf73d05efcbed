"""Opening the editing dialogs and turning what the user entered into operations.

Dialogs open with ``open()`` (never a nested ``exec`` loop), and the data a
dialog needs (authorities, the trash) is fetched on the worker first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from foidesk.core.changes import Changes
from foidesk.core.desk import Desk
from foidesk.core.errors import ChangedElsewhere
from foidesk.core.i18n import _
from foidesk.core.records import AuthorityRecord, ReplyProposalRecord, RequestDetail
from foidesk.core.replies import ReplyKind
from foidesk.core.vocabulary import RequestStatus
from foidesk.gui import undoable as edits
from foidesk.gui.authority_dialog import AuthorityDialog
from foidesk.gui.changed_elsewhere import ChangedElsewhereDialog
from foidesk.gui.clock_event_dialog import ClockEventDialog
from foidesk.gui.message_dialog import MessageDialog
from foidesk.gui.operations import Operations
from foidesk.gui.reply_proposal_bar import ReplyCorrectionDialog
from foidesk.gui.request_dialog import RequestDialog
from foidesk.gui.trash_dialog import TrashDialog

#: Gives the request on screen (its detail as last loaded), if any.
CurrentRequest = Callable[[], RequestDetail | None]


class EditingController(QObject):
    def __init__(
        self,
        ops: Operations,
        current: CurrentRequest,
        select: Callable[[int | None], None],
        parent: QWidget,
        reload: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._current = current
        self._select = select
        self._reload = reload
        self._parent = parent
        self.dialog: QDialog | None = None

    def _show(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    # --- requests ----------------------------------------------------------------------

    def new_request(self) -> None:
        self._ops.worker.submit(
            lambda desk: (desk.list_authorities(), desk.today(), desk.request_letter_templates()),
            lambda found: self._open_request_dialog(found[0], found[1], None, found[2]),
        )

    def edit_request(self) -> None:
        detail = self._current()
        if detail is None:
            return
        self._ops.worker.submit(
            lambda desk: (desk.list_authorities(), desk.today()),
            lambda found: self._open_request_dialog(found[0], found[1], detail),
        )

    def _open_request_dialog(
        self,
        authorities: list[AuthorityRecord],
        today: date,
        detail: RequestDetail | None,
        templates: dict[str, str] | None = None,
    ) -> None:
        dialog = RequestDialog(authorities, Desk.regimes(), today, detail, self._parent, templates)

        def accepted() -> None:
            if detail is None:
                edits.create_request(
                    self._ops, dialog.new_request(), on_done=lambda d: self._select(d.id)
                )
            else:
                self._edit(detail, dialog.request_edit())

        self._show(dialog, accepted)

    def _edit(self, shown: RequestDetail, edit: edits.RequestEdit) -> None:
        def refused(refusal: ChangedElsewhere) -> None:
            changing = changed_fields(shown, edit)
            self._ask(refusal, shown.id, changing, lambda d: self._edit(d, edit.rebased(shown, d)))

        edits.edit_request(self._ops, shown, edit, refused)

    def delete_request(self) -> None:
        detail = self._current()
        if detail is not None:
            edits.delete_request(self._ops, detail.id, detail.summary.title)
            self._select(None)

    def set_status(self, old: str, new: str) -> None:
        detail = self._current()
        if detail is not None:
            self._set_status(detail, new)

    def _set_status(self, shown: RequestDetail, new: str) -> None:
        label = RequestStatus(new).label

        def refused(refusal: ChangedElsewhere) -> None:
            self._ask(refusal, shown.id, [("status", label)], lambda d: self._set_status(d, new))

        edits.set_status(self._ops, shown, new, label, refused)

    def _ask(
        self,
        refusal: ChangedElsewhere,
        request_id: int,
        changing: list[tuple[str, str]],
        keep: Callable[[RequestDetail], None],
    ) -> None:
        """Another member changed the request first: *Reload* shows theirs and drops the
        edit; *Keep mine* writes the edit again on the request as it is now."""
        dialog = ChangedElsewhereDialog(refusal, changing, self._parent)
        self.dialog = dialog
        dialog.reload_chosen.connect(self._reload)
        dialog.keep_chosen.connect(
            lambda: self._ops.worker.submit(lambda desk: desk.get_request(request_id), keep)
        )
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    # --- messages and clock events --------------------------------------------------------

    def add_message(self) -> None:
        detail = self._current()
        if detail is None:
            return
        dialog = MessageDialog(datetime.now(UTC), self._parent)
        self._show(dialog, lambda: edits.add_message(self._ops, detail.id, dialog.new_message()))

    def record_event(self) -> None:
        detail = self._current()
        if detail is None:
            return
        self._ops.worker.submit(
            lambda desk: desk.today(), lambda today: self._event_dialog(detail, today)
        )

    def _event_dialog(self, detail: RequestDetail, today: date) -> None:
        dialog = ClockEventDialog(today, self._parent)

        def accepted() -> None:
            kind, on, until, note, label = dialog.values()
            edits.add_clock_event(self._ops, detail.id, kind, on, until, note, label)

        self._show(dialog, accepted)

    # --- replies: confirm or correct what foidesk proposes -------------------------------

    def confirm_reply(self, proposal: ReplyProposalRecord) -> None:
        label = ReplyKind(proposal.kind).label
        edits.decide_reply(self._ops, proposal.message_id, None, None, label)

    def correct_reply(self, proposal: ReplyProposalRecord) -> None:
        dialog = ReplyCorrectionDialog(proposal, self._parent)

        def accepted() -> None:
            kind, status = dialog.values()
            edits.decide_reply(self._ops, proposal.message_id, kind, status, ReplyKind(kind).label)

        self._show(dialog, accepted)

    # --- authorities -------------------------------------------------------------------

    def new_authority(self) -> None:
        dialog = AuthorityDialog(Desk.regimes(), None, self._parent)
        self._show(dialog, lambda: edits.add_authority(self._ops, dialog.fields(), lambda _a: None))

    def edit_authority(self) -> None:
        detail = self._current()
        if detail is None:
            return
        wanted = detail.summary.authority_id
        self._ops.worker.submit(
            lambda desk: next(a for a in desk.list_authorities() if a.id == wanted),
            self._open_authority_dialog,
        )

    def _open_authority_dialog(self, authority: AuthorityRecord) -> None:
        dialog = AuthorityDialog(Desk.regimes(), authority, self._parent)
        self._show(dialog, lambda: edits.edit_authority(self._ops, authority, dialog.fields()))

    # --- trash -------------------------------------------------------------------------

    def show_trash(self) -> None:
        dialog = TrashDialog(self._parent)
        self.dialog = dialog

        def reload() -> None:
            self._ops.worker.submit(lambda desk: desk.trashed_requests(), dialog.set_requests)

        def purge(request_id: int, title: str) -> None:
            self._ops.perform(
                _("Delete “{title}” for good").format(title=title),
                lambda desk: desk.purge_request(request_id),
            )

        dialog.restore_requested.connect(
            lambda rid, title: edits.restore_request(self._ops, rid, title)
        )
        dialog.purge_requested.connect(purge)

        def on_change(changes: Changes, _serial: int) -> None:
            if changes.trash or changes.everything:
                reload()

        self._ops.changes.changed.connect(on_change)

        def closed(_result: int) -> None:
            self._ops.changes.changed.disconnect(on_change)
            dialog.deleteLater()

        dialog.finished.connect(closed)
        reload()
        dialog.open()


def changed_fields(before: RequestDetail, after: edits.RequestEdit) -> list[tuple[str, str]]:
    """The fields ``after`` changes on ``before``, each with its new value as text."""
    old = edits.RequestEdit.of(before)
    changed = []
    for field in fields(after):
        value = getattr(after, field.name)
        if value != getattr(old, field.name):
            changed.append((field.name, _value_text(value)))
    return changed


def _value_text(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
