"""The question asked when an edit was refused because another member changed the request
first: the refusal's sentence, what the user was changing, and *Reload* or *Keep mine*.

Nothing is written until the user answers; either answer leaves nothing lost silently
(*Reload* drops the user's edit in plain sight, *Keep mine* writes it on the fresh copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from foidesk.core.errors import ChangedElsewhere
from foidesk.core.i18n import N_, _

#: The fields of a request as the edit dialog names them.
FIELD_LABELS = {
    "title": N_("Title"),
    "authority": N_("Authority"),
    "regime": N_("Law"),
    "sent_on": N_("Sent"),
    "body": N_("Request text"),
    "reference": N_("Reference"),
    "tags": N_("Tags"),
    "status": N_("Status"),
}

#: Longer values (a request's text) are cut to this many characters in the list.
VALUE_CHARS = 80


class ChangedElsewhereDialog(QMessageBox):
    """Asks whether to reload the request or keep the user's edit (non-blocking: ``open``)."""

    reload_chosen = Signal()
    keep_chosen = Signal()

    def __init__(
        self, refusal: ChangedElsewhere, changing: Sequence[tuple[str, str]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changed-elsewhere")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("Changed elsewhere"))
        sentence = str(refusal)
        self.setText(sentence[:1].upper() + sentence[1:])
        self.setInformativeText(_changing_html(changing))
        self.reload_button = self.addButton(_("&Reload"), QMessageBox.ButtonRole.RejectRole)
        self.reload_button.setToolTip(_("Drop your edit and show the request as it is now"))
        self.keep_button = self.addButton(_("&Keep mine"), QMessageBox.ButtonRole.AcceptRole)
        self.keep_button.setToolTip(_("Write your edit again, over the request as it is now"))
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(self.reload_button)
        self.buttonClicked.connect(self._answered)

    def _answered(self, button: QAbstractButton) -> None:
        if button is self.keep_button:
            self.keep_chosen.emit()
        else:
            self.reload_chosen.emit()


def _changing_html(changing: Sequence[tuple[str, str]]) -> str:
    """The fields the refused edit would have written, each with its new value."""
    rows = "".join(
        f"<li>{escape(_(FIELD_LABELS.get(name, name)))}: <b>{escape(_shortened(value))}</b></li>"
        for name, value in changing
    )
    intro = _("You were changing:")
    return f"<p>{escape(intro)}</p><ul>{rows}</ul>"


def _shortened(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= VALUE_CHARS else flat[: VALUE_CHARS - 1] + "…"
