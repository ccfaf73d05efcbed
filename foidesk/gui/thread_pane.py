"""The centre of the window: the selected request's header above its thread."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from foidesk.core.deadlines.deadline import Deadline
from foidesk.core.desk import Desk
from foidesk.core.errors import NotFoundError
from foidesk.core.records import RequestDetail
from foidesk.gui.request_header import RequestHeader
from foidesk.gui.thread_view import ThreadView
from foidesk.gui.worker import DeskWorker


@dataclass(frozen=True)
class _Loaded:
    detail: RequestDetail
    deadlines: tuple[Deadline, ...]


class ThreadPane(QWidget):
    """Loads a request (thread and deadlines, in one job) and shows it."""

    shown = Signal(object)  # request id or None, once painted content is in place

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._request_id: int | None = None
        self.header = RequestHeader()
        self.header.set_regime_names(dict(Desk.regimes()))
        self.header.hide()
        self.view = ThreadView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 0)
        layout.addWidget(self.header)
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
            self.view.show_nothing()
            self.shown.emit(None)
            return
        self.reload()

    def reload(self) -> None:
        rid = self._request_id
        if rid is None:
            return

        def load(desk: Desk) -> _Loaded:
            return _Loaded(desk.get_request(rid), desk.deadlines(rid))

        self._worker.submit(load, self._show, on_error=self._gone, channel="thread")

    def _show(self, loaded: _Loaded) -> None:
        if loaded.detail.id != self._request_id:
            return
        self.header.show_request(loaded.detail, loaded.deadlines)
        self.header.show()
        self.view.show_request(loaded.detail)
        self.shown.emit(loaded.detail.id)

    def _gone(self, exc: BaseException) -> None:
        """The request went to the trash (or away) while it was being loaded."""
        if not isinstance(exc, NotFoundError):
            raise exc
        self.show_request(None)
