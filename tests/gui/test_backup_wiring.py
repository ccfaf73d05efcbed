"""The window offers backups in the File menu and a Backups page in Preferences."""

from __future__ import annotations

from foidesk.gui.main_window import MainWindow


def test_file_menu_has_backup_actions_before_trash(window: MainWindow) -> None:
    texts = [a.text().replace("&", "") for a in window.menus.file.actions()]
    assert "Back up now…" in texts and "Restore…" in texts
    assert texts.index("Back up now…") < texts.index("Trash…")


def test_preferences_has_a_backups_page(window: MainWindow) -> None:
    dialog = window.show_preferences()
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert "Backups" in titles
    dialog.close()
