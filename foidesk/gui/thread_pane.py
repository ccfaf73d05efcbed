"""The centre of the window: the selected request's header above its thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from foidesk.core.changes import Changes
from foidesk.core.deadlines import Deadline
from foidesk.core.desk import Desk
from foidesk.core.errors import NotFoundError
from foidesk.core.records import ReplyProposalRecord, RequestDetail
from foidesk.gui.reply_proposal_bar import ReplyProposalBar
from foidesk.gui.request_header import RequestHeader
from foidesk.gui.tasks.database import DeskWorker
from foidesk.gui.thread_view import ThreadView


@dataclass(frozen=True)
class ShownRequest:
    """What the pane shows of a request: its thread and its deadlines, read together."""

    detail: RequestDetail
    deadlines: tuple[Deadline, ...]
    #: Replies whose proposal waits for the user (``core/replies``), oldest first.
    proposals: tuple[ReplyProposalRecord, ...] = ()


def shown_request(desk: Desk, detail: RequestDetail) -> ShownRequest:
    """An operation's result made ready to show, on the database thread, so the pane
    need not fetch what the operation already returned."""
    return ShownRequest(detail, desk.deadlines(detail.id), tuple(desk.open_proposals(detail.id)))


class ThreadPane(QWidget):
    """Loads a request (thread and deadlines, in one job) and shows it."""

    shown = Signal(object)  # request id or None, once painted content is in place

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._request_id: int | None = None
        self._fresh_at = -1  # the serial of changes the request on show already includes
        self.header = RequestHeader()
        self.header.set_regime_names(dict(Desk.regimes()))
        self.header.hide()
        self.view = ThreadView()
        self.proposal_bar = ReplyProposalBar()
        self.proposal_bar.show_message_requested.connect(self.view.scroll_to_message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.proposal_bar)
        layout.addWidget(self.view, 1)

    @property
    def request_id(self) -> int | None:
        return self._request_id

    @property
    def detail(self) -> RequestDetail | None:
        return self.view.detail

    def show_request(self, request_id: int | None) -> None:
        self._request_id = request_id
        if request_id is None:
            self.header.hide()
            self.proposal_bar.show_proposals(())
            self.view.show_nothing()
            self.shown.emit(None)
            return
        self.reload()

    def reload(self) -> None:
        rid = self._request_id
        if rid is None:
            return

        def load(desk: Desk) -> tuple[ShownRequest, int]:
            return shown_request(desk, desk.get_request(rid)), desk.feed.serial

        self._worker.submit(load, self._loaded, on_error=self._gone, channel="thread")

    def apply(self, changes: Changes, serial: int) -> None:
        """Reload the request on show if ``changes`` touch it — unless what is on show
        was read after them (an operation handed it over: ``offer``)."""
        rid = self._request_id
        touched = (
            changes.concerns_thread(rid)
            or changes.concerns_request(rid)
            or changes.moves_deadlines_of(rid)
        )
        if touched and serial > self._fresh_at:
            self.reload()

    def offer(self, result: object, serial: int) -> None:
        """An operation's result: shown at once if it is the request on show."""
        if isinstance(result, ShownRequest) and result.detail.id == self._request_id:
            self._loaded((result, serial))

    def _loaded(self, loaded: tuple[ShownRequest, int]) -> None:
        shown, serial = loaded
        if shown.detail.id != self._request_id:
            return
        self._fresh_at = serial
        self._show(shown)

    def _show(self, loaded: ShownRequest) -> None:
        self.header.show_request(loaded.detail, loaded.deadlines)
        self.header.show()
        self.proposal_bar.show_proposals(loaded.proposals)
        self.view.show_request(loaded.detail)
        self.shown.emit(loaded.detail.id)

    def _gone(self, exc: BaseException) -> None:
        """The request went to the trash (or away) while it was being loaded."""
        if not isinstance(exc, NotFoundError):
            raise exc
        self.show_request(None)
