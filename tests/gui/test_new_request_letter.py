"""*New request* starts from the law's request letter and shows the authority's FOI address."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.letters import request_letter
from foidesk.gui.main_window import MainWindow
from foidesk.gui.request_dialog import RequestDialog


def _dialog(qtbot: QtBot, window: MainWindow) -> RequestDialog:
    window.editing.new_request()
    qtbot.waitUntil(lambda: isinstance(window.editing.dialog, RequestDialog), timeout=10_000)
    dialog = window.editing.dialog
    assert isinstance(dialog, RequestDialog)
    return dialog


def test_the_request_text_becomes_the_laws_request_letter(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    desk.add_authority("Home Office", email="foi@homeoffice.example.org", regime="uk-foia")
    dialog = _dialog(qtbot, window)
    assert dialog.as_letter.isVisibleTo(dialog) and not dialog.address.isVisibleTo(dialog)
    dialog.title.setText("Visa refusals 2023")
    dialog.authority.setCurrentText("Home Office")
    assert dialog.address.isVisibleTo(dialog)
    assert dialog.address.text() == "FOI address: foi@homeoffice.example.org"
    dialog.body.setPlainText("How many visas were refused in 2023?")
    dialog.as_letter.click()
    text = dialog.body.toPlainText()
    assert text.startswith("Dear Home Office,\n\nUnder section 1 of the Freedom of Information Act")
    assert "How many visas were refused in 2023?" in text and "(FOIA s.10(1))" in text
    dialog.reject()


def test_a_users_own_request_template_is_the_one_offered(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    desk.save_letter_template("de-ifg", "request", "Subject: $title\n\nHallo,\n$question\n")
    desk.add_authority("Bundesamt", regime="de-ifg")
    dialog = _dialog(qtbot, window)
    dialog.authority.setCurrentText("Bundesamt")
    dialog.body.setPlainText("Bitte senden Sie mir den Vertrag.")
    dialog.as_letter.click()
    assert dialog.body.toPlainText() == "Hallo,\nBitte senden Sie mir den Vertrag.\n"
    dialog.reject()


def test_every_law_has_a_request_letter_that_fills(desk: Desk) -> None:
    for regime, template in desk.request_letter_templates().items():
        letter = request_letter(
            template,
            regime=regime,
            title="Budget",
            authority="Leeds City Council",
            authority_email=None,
            question="Please send the budget.",
            sent_on=date(2024, 4, 2),
            today=date(2024, 4, 10),
        )
        assert "Please send the budget." in letter.body and "$" not in letter.body
        assert "Under ," not in letter.body and "()" not in letter.body
