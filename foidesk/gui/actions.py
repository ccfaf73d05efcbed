"""The window's commands as ``QAction``s with the standard shortcuts, and its menus.

Every command lives in exactly one action, so a menu item, a toolbar button and
a shortcut can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from foidesk.core.i18n import _, pgettext
from foidesk.gui.resources import icon
from foidesk.gui.undo_actions import redo_action, undo_action


@dataclass
class WindowActions:
    new_request: QAction
    new_authority: QAction
    import_files: QAction
    export_ics: QAction
    load_example: QAction
    trash: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    edit_request: QAction
    edit_authority: QAction
    delete_request: QAction
    find: QAction
    filter_list: QAction
    preferences: QAction
    add_message: QAction
    write_message: QAction
    record_event: QAction
    change_status: QAction
    export_bundle: QAction
    show_requests: QAction
    show_calendar: QAction
    next_pane: QAction
    about: QAction

    def request_actions(self) -> tuple[QAction, ...]:
        """Actions that need a request on screen."""
        return (
            self.edit_request,
            self.edit_authority,
            self.delete_request,
            self.add_message,
            self.write_message,
            self.record_event,
            self.change_status,
            self.export_bundle,
        )


_FALLBACKS = {
    QKeySequence.StandardKey.Quit: "Ctrl+Q",
    QKeySequence.StandardKey.Preferences: "Ctrl+,",
}


def _action(
    window: QMainWindow,
    text: str,
    icon_name: str | None = None,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
        if action.shortcut().isEmpty() and shortcut in _FALLBACKS:
            action.setShortcut(QKeySequence(_FALLBACKS[shortcut]))  # platforms without one
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip or text.replace("&", "").rstrip("…"))
    return action


def make_actions(window: QMainWindow, undo_stack: QUndoStack) -> WindowActions:
    undo = undo_action(window, undo_stack)
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = redo_action(window, undo_stack)
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    redo.setIcon(icon("redo"))
    preferences = _action(
        window, _("&Preferences…"), "preferences", QKeySequence.StandardKey.Preferences
    )
    std = QKeySequence.StandardKey
    return WindowActions(
        new_request=_action(window, _("&New request…"), "new", std.New, _("Record a new request")),
        new_authority=_action(window, _("New &authority…"), "authority"),
        import_files=_action(
            window, _("&Import…"), "import", "Ctrl+I", _("Import emails, mailboxes or documents")
        ),
        export_ics=_action(window, _("&Export deadlines (.ics)…"), "export"),
        load_example=_action(window, _("Load &example request")),
        trash=_action(window, _("&Trash…"), "trash", tip=_("Restore or purge deleted requests")),
        quit=_action(window, _("&Quit"), "quit", std.Quit),
        undo=undo,
        redo=redo,
        edit_request=_action(window, _("&Edit request…"), "edit", "Ctrl+E"),
        edit_authority=_action(window, _("Edit a&uthority…"), "authority"),
        delete_request=_action(
            window, _("&Delete request"), "trash", std.Delete, _("Move to the trash")
        ),
        find=_action(
            window,
            _("&Find in everything…"),
            "find",
            std.Find,
            _("Search all requests, messages and attachment text"),
        ),
        filter_list=_action(
            window,
            _("Fi&lter the request list"),
            None,
            "Ctrl+L",
            _("Type to narrow the request list"),
        ),
        preferences=preferences,
        add_message=_action(
            window,
            _("Add &message…"),
            "message-add",
            "Ctrl+M",
            _("Record a call, a letter or a note"),
        ),
        write_message=_action(
            window,
            _("&Write message…"),
            "outgoing",
            "Ctrl+Shift+M",
            _("Write to the authority: send it, save a draft or copy it"),
        ),
        record_event=_action(
            window,
            _("Record &event…"),
            "event",
            "Ctrl+Shift+E",
            _("Clarification, extension, fee notice, review…"),
        ),
        change_status=_action(window, _("Change &status…"), "status", "Ctrl+Shift+S"),
        export_bundle=_action(
            window,
            _("E&xport evidence bundle…"),
            "export",
            tip=_("One ZIP with the correspondence as a PDF, the original emails and every file"),
        ),
        show_requests=_action(window, _("&Requests"), "list", "Ctrl+1"),
        show_calendar=_action(window, _("&Calendar"), "calendar", "Ctrl+2"),
        next_pane=_action(
            window, _("Next &pane"), None, "F6", _("Move between list, thread and filter")
        ),
        about=_action(window, _("&About foidesk"), "about"),
    )


@dataclass
class WindowMenus:
    file: QMenu
    edit: QMenu
    request: QMenu
    mail: QMenu  # its actions are the mail controller's (gui/mail_fetching.py)
    view: QMenu
    help: QMenu
    toolbar: QToolBar


def build_menus(window: QMainWindow, a: WindowActions) -> WindowMenus:
    bar = window.menuBar()
    file = bar.addMenu(_("&File"))
    file.addActions([a.new_request, a.new_authority])
    file.addSeparator()
    file.addActions([a.import_files, a.export_ics, a.load_example])
    file.addSeparator()
    # MainWindow puts the backup actions ("Back up now…", "Restore…") here, before Trash.
    file.addAction(a.trash)
    file.addSeparator()
    file.addAction(a.quit)
    edit = bar.addMenu(_("&Edit"))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.edit_request, a.edit_authority, a.delete_request])
    edit.addSeparator()
    edit.addActions([a.find, a.filter_list])
    edit.addSeparator()
    edit.addAction(a.preferences)
    request = bar.addMenu(_("&Request"))
    request.addActions([a.write_message, a.add_message, a.record_event, a.change_status])
    request.addSeparator()
    request.addAction(a.export_bundle)
    mail = bar.addMenu(_("&Mail"))
    view = bar.addMenu(_("&View"))
    view.addActions([a.show_requests, a.show_calendar])
    view.addSeparator()
    view.addAction(a.next_pane)
    view.addSeparator()
    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(a.about)
    toolbar = window.addToolBar(pgettext("toolbar", "Main"))
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    toolbar.addActions([a.new_request, a.import_files])
    toolbar.addSeparator()
    toolbar.addActions([a.add_message, a.record_event])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addActions([a.show_requests, a.show_calendar])
    return WindowMenus(file, edit, request, mail, view, help_menu, toolbar)
