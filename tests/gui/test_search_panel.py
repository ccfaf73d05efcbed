"""The search panel on a real profile: type, filter, pick a result; render it to look at."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytesseract
import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.sample.thread import load_sample
from foidesk.core.search import ExtractionOptions, extract_pending
from foidesk.gui.search_panel import SearchPanel
from foidesk.gui.search_results import MATCH_STYLE, highlighted_html
from foidesk.gui.tasks.database import DeskWorker


@pytest.fixture
def panel(qtbot: QtBot, desk: Desk) -> Iterator[SearchPanel]:
    load_sample(desk)
    extract_pending(desk, options=ExtractionOptions(workers=0))
    worker = DeskWorker(desk)
    widget = SearchPanel(worker)
    qtbot.addWidget(widget)
    widget.resize(720, 560)
    widget.show()
    qtbot.waitUntil(lambda: not worker.busy)
    yield widget
    worker.stop()


def test_typing_searches_after_a_pause_and_lists_ranked_hits(
    qtbot: QtBot, panel: SearchPanel, qtmodeltester: ModelTester
) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        qtbot.keyClicks(panel.field, "identity check")
    assert shown.args == [panel.model.rowCount()] and panel.model.rowCount() >= 2
    qtmodeltester.check(panel.model)
    first = panel.model.hit(0)
    assert "«identity» «check»" in first.snippet
    assert panel.status_label.text().startswith(f"{panel.model.rowCount()} matches · ")
    assert "Records of outbound calls" in panel.model.index(0).data()


def test_filters_narrow_the_results(qtbot: QtBot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.set_query("annex")
    kinds = {panel.model.hit(r).kind for r in range(panel.model.rowCount())}
    assert kinds == {"message", "attachment"}
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.file_type.setCurrentIndex(panel.file_type.findData("image"))
        panel.run_search()
    names = [panel.model.hit(r).context for r in range(panel.model.rowCount())]
    assert names == ["Annex E - calls by outcome, March 2024.png"]
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.status.setCurrentIndex(panel.status.findData("rejected"))
        panel.run_search()
    assert shown.args == [0] and panel.status_label.text() == "No matches."


def test_picking_a_result_opens_its_request_at_the_message(
    qtbot: QtBot, panel: SearchPanel, desk: Desk
) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.set_query("spoofed")
    hit = panel.model.hit(0)
    with qtbot.waitSignal(panel.open_hit, timeout=2000) as opened:
        panel.results.setCurrentIndex(panel.model.index(0))
    assert opened.args == [hit.request_id, hit.message_id, hit.attachment_id]
    message = desk.get_message(opened.args[1])
    assert "spoofed" in message.body_text
    highlighter = panel.highlighter()
    assert highlighter is not None
    with highlighter:
        start, end = highlighter.spans(message.body_text)[0]
        assert message.body_text[start:end] == "spoofed"
        marked = highlighted_html("Caller <ID>\ncan be spoofed.", highlighter)
    assert marked == (f"Caller &lt;ID&gt;<br>can be <span style='{MATCH_STYLE}'>spoofed</span>.")


def test_a_query_that_cannot_run_says_why(qtbot: QtBot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.set_query("NOT calls")
    assert shown.args == [0]
    assert "cannot only exclude words" in panel.status_label.text()
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.set_query("")
    assert shown.args == [0] and "prefix*" in panel.status_label.text()


def test_only_the_newest_query_is_shown(qtbot: QtBot, panel: SearchPanel) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.set_query("journal")
        panel.set_query("spoofed")
    assert all("spoofed" in panel.model.hit(r).snippet for r in range(panel.model.rowCount()))


def test_ctrl_f_target_and_attachment_summary(qtbot: QtBot, panel: SearchPanel) -> None:
    panel.field.setText("old words")
    panel.focus_search()
    assert panel.field.selectedText() == "old words"
    # the sample's chart is an image: a scan, its pages not counted yet
    assert panel.text_label.text().split("\n") == [
        "Attachments: 5 text searchable",
        "Scanned pages: 0 recognised · 0 waiting · 0 failed · 1 new scan",
    ]
    assert panel.authority.itemText(1) == "Department for Work and Pensions"


def test_render_for_review(qtbot: QtBot, panel: SearchPanel, tmp_path: Path) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.set_query("calls recorded")
    panel.results.setCurrentIndex(panel.model.index(1))
    folder = Path(os.environ.get("FOIDESK_SCREENSHOTS", tmp_path))
    target = folder / "search_panel.png"
    assert panel.grab().save(str(target))
    assert target.stat().st_size > 10_000
    assert panel.results.visualRect(panel.model.index(0)).height() > panel.fontMetrics().height()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    assert panel.results.currentIndex().row() == 2


def test_a_hidden_panel_reads_its_choices_only_when_it_shows(qtbot: QtBot, desk: Desk) -> None:
    load_sample(desk)
    worker = DeskWorker(desk)
    hidden = SearchPanel(worker)
    qtbot.addWidget(hidden)
    hidden.refresh_choices()  # as after an import, with the panel closed
    assert not worker.busy  # nothing queued for a panel no one sees
    hidden.show()
    qtbot.waitUntil(lambda: hidden.authority.count() > 1, timeout=10_000)
    assert hidden.authority.findText("Department for Work and Pensions") > 0
    worker.stop()


def test_without_tesseract_the_panel_says_why_scans_are_unread(
    qtbot: QtBot, panel: SearchPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract-not-installed")
    before = panel.text_label.text()
    panel.refresh_choices()
    qtbot.waitUntil(lambda: panel.text_label.text() != before, timeout=10_000)
    assert panel.text_label.text().endswith("\nScans are not read: Tesseract is not installed.")
