"""The authority dialog's region: chosen from the regions whose holidays a law counts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.authority_dialog import AuthorityDialog


def test_new_authority_region_defaults_to_the_laws_choice(qtbot: QtBot, desk: Desk) -> None:
    dialog = AuthorityDialog(Desk.regimes())
    qtbot.addWidget(dialog)
    assert dialog.region.currentData() is None
    assert dialog.region.currentText() == "Not set: the law's default"
    dialog.name.setText("Department of Home Affairs")
    dialog.region.setCurrentIndex(dialog.region.findData("AU-NSW"))
    fields = dialog.fields()
    assert fields["region"] == "AU-NSW"
    saved = desk.add_authority(**fields)  # type: ignore[arg-type]
    assert saved.region == "AU-NSW"


def test_editing_shows_and_keeps_the_stored_region(qtbot: QtBot, desk: Desk) -> None:
    stored = desk.add_authority("Stadt Köln", regime="de-ifg", region="de-nw")
    assert stored.region == "DE-NW"
    dialog = AuthorityDialog(Desk.regimes(), stored)
    qtbot.addWidget(dialog)
    assert dialog.region.currentText() == "North Rhine-Westphalia (DE-NW)"
    dialog.region.setCurrentIndex(0)
    changed = desk.update_authority(stored.id, **dialog.fields())
    assert changed.region is None


def test_a_region_foidesk_has_no_name_for_is_still_shown(qtbot: QtBot, desk: Desk) -> None:
    stored = desk.add_authority("Los Angeles Police Department", region="US-CA")
    dialog = AuthorityDialog(Desk.regimes(), stored)
    qtbot.addWidget(dialog)
    assert (dialog.region.currentText(), dialog.region.currentData()) == ("US-CA", "US-CA")
