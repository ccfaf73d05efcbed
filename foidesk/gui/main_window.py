"""The main window: the request list beside the selected request's thread."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foidesk import __version__
from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError
from foidesk.core.sample import load_sample

from .request_list import RequestListModel
from .thread_view import ThreadView

EMPTY_TEXT = (
    "<h2>No requests yet</h2>"
    "<p>foidesk keeps your Freedom of Information requests and everything the authority "
    "sends back, and tells you when each answer is due.</p>"
    "<p>Load the example request to look around, or add your own with "
    "<code>foidesk request add</code> on the command line.</p>"
)


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.setWindowTitle("foidesk")
        self.resize(1100, 700)
        self.model = RequestListModel()
        self.table = self._make_table()
        self.thread_view = ThreadView()
        self.empty_state = self._make_empty_state()
        self.pages = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.thread_view)
        splitter.setSizes([420, 680])
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(splitter)
        self.setCentralWidget(self.pages)
        self._make_menus()
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Requests")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        return table

    def _make_empty_state(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(EMPTY_TEXT)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(560)
        self.load_example_button = QPushButton("Load example request")
        self.load_example_button.setAccessibleName("Load example request")
        self.load_example_button.clicked.connect(self.load_example)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.load_example_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        example = QAction("Load &example request", self)
        example.triggered.connect(self.load_example)
        file_menu.addAction(example)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About foidesk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def refresh(self) -> None:
        rows = self.desk.list_requests()
        self.model.set_rows(rows)
        self.pages.setCurrentIndex(1 if rows else 0)
        if rows:
            self.table.selectRow(0)

    def load_example(self) -> None:
        try:
            load_sample(self.desk)
        except FoideskError as exc:
            QMessageBox.warning(self, "Could not load the example", str(exc))
            return
        self.refresh()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            self.thread_view.show_nothing()
            return
        request_id = self.model.request_id(indexes[0].row())
        self.thread_view.show_request(self.desk.get_request(request_id))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About foidesk",
            f"<b>foidesk {__version__}</b><br>Freedom of Information requests "
            f"and their correspondence.<br><br>Data folder:<br>"
            f"<code>{self.desk.profile.data_dir}</code>",
        )
