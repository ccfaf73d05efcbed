"""A request's thread as rich text: one card per message, oldest first.

Pure string building (plus palette colours), so it is fast for 200-message
threads and testable without a window. Links use the ``foidesk:`` scheme and
images the ``icon:`` scheme; the view resolves both itself and never loads
anything named by a message.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QColor, QPalette

from foidesk.core.formatting import human_size, sanitize_html
from foidesk.core.i18n import _, ngettext, pgettext
from foidesk.core.phrases import shown
from foidesk.core.records import AttachmentRecord, MessageRecord, RequestDetail
from foidesk.core.vocabulary import MessageKind
from foidesk.gui.dates import moment_text
from foidesk.gui.quoting import split_quoted

CHIPS_PER_ROW = 3
#: Kinds folded by default: they rarely say anything the next message does not.
FOLDED_KINDS = frozenset({MessageKind.ACKNOWLEDGEMENT.value})
ICON_SIZE = 18
_FILE_ICONS = {
    "application/pdf": "file-pdf",
    "text/csv": "file-csv",
    "message/rfc822": "file-mail",
    "application/vnd.ms-outlook": "file-mail",
    "application/zip": "file-archive",
}
_SUFFIX_ICONS = {
    ".xls": "file-sheet",
    ".xlsx": "file-sheet",
    ".ods": "file-sheet",
    ".doc": "file-doc",
    ".docx": "file-doc",
    ".odt": "file-doc",
    ".rtf": "file-doc",
    ".eml": "file-mail",
    ".msg": "file-mail",
    ".zip": "file-archive",
    ".7z": "file-archive",
}


@dataclass(frozen=True)
class ThreadColours:
    """Card colours derived from the palette, so light and dark both read well."""

    incoming: str
    outgoing: str
    incoming_edge: str
    outgoing_edge: str
    chip: str
    muted: str
    text: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> ThreadColours:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Highlight)
        dark = base.lightness() < 128
        return cls(
            incoming=_mix(base, text, 0.05).name(),
            outgoing=_mix(base, accent, 0.16 if dark else 0.09).name(),
            incoming_edge=_mix(base, text, 0.25).name(),
            outgoing_edge=_mix(base, accent, 0.7).name(),
            chip=_mix(base, text, 0.10 if dark else 0.07).name(),
            muted=_mix(text, base, 0.38).name(),
            text=text.name(),
        )


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


@dataclass(frozen=True)
class Folding:
    """Which cards and quotes the user opened or closed (by message id)."""

    opened: frozenset[int] = frozenset()
    closed: frozenset[int] = frozenset()
    quotes_shown: frozenset[int] = frozenset()

    def is_folded(self, message: MessageRecord) -> bool:
        if message.id in self.opened:
            return False
        return message.id in self.closed or message.kind in FOLDED_KINDS

    def toggled(self, message: MessageRecord) -> Folding:
        if self.is_folded(message):
            return Folding(
                self.opened | {message.id}, self.closed - {message.id}, self.quotes_shown
            )
        return Folding(self.opened - {message.id}, self.closed | {message.id}, self.quotes_shown)

    def quote_toggled(self, message_id: int) -> Folding:
        shown = self.quotes_shown ^ {message_id}
        return Folding(self.opened, self.closed, shown)


def thread_html(detail: RequestDetail, folding: Folding, colours: ThreadColours) -> str:
    """The whole thread; each card is one top-level table, in message order."""
    if not detail.messages:
        text = _(
            "No correspondence yet. Drop emails or files here, or use {command} to record "
            "a call or a letter."
        ).format(command="<b>" + escape(_("Request ▸ Add message…")) + "</b>")
        return f"<p style='color:{colours.muted}'>{text}</p>"
    return "".join(card_html(m, folding, colours) for m in detail.messages)


def card_html(message: MessageRecord, folding: Folding, colours: ThreadColours) -> str:
    outgoing = message.direction == "outgoing"
    background = colours.outgoing if outgoing else colours.incoming
    edge = colours.outgoing_edge if outgoing else colours.incoming_edge
    margin = "margin-left:56px; margin-right:0" if outgoing else "margin-right:56px"
    folded = folding.is_folded(message)
    inner = _folded_line(message, colours) if folded else _open_card(message, folding, colours)
    return (
        f"<table width='100%' cellspacing='0' cellpadding='10' border='1' "
        f"style='border-style:solid; border-color:{edge}; {margin}; margin-bottom:10px' "
        f"bgcolor='{background}'><tr><td>{inner}</td></tr></table>"
    )


def _heading(message: MessageRecord, colours: ThreadColours, folded: bool) -> str:
    outgoing = message.direction == "outgoing"
    direction = _travelled(message.kind, outgoing)
    who = escape(_sender(message))
    when = moment_text(message.date) if message.date else _("no date")
    toggle = pgettext("message card", "Show") if folded else pgettext("message card", "Fold")
    party = (
        _("to {who}").format(who=who)
        if outgoing and not message.from_addr
        else _("from {who}").format(who=who)
    )
    return (
        f"<img src='icon:{'outgoing' if outgoing else 'incoming'}' width='{ICON_SIZE}' "
        f"height='{ICON_SIZE}' style='vertical-align:middle'>&nbsp;<b>{direction}</b>"
        f" · {escape(_kind_label(message.kind))}"
        f" · {party}"
        f" &nbsp;<span style='color:{colours.muted}'>{escape(when)}</span>"
        f" &nbsp;<a href='foidesk:toggle/{message.id}'>{toggle}</a>"
    )


def _travelled(kind: str, outgoing: bool) -> str:
    """Sent or received; a note (a phone call, a note to self) neither: it was recorded."""
    if kind == MessageKind.NOTE:
        return pgettext("message", "Recorded")
    return pgettext("message", "Sent") if outgoing else pgettext("message", "Received")


def _folded_line(message: MessageRecord, colours: ThreadColours) -> str:
    count = len(message.attachments)
    attachments = ngettext("{count} attachment", "{count} attachments", count)
    files = f" · {attachments.format(count=count)}" if count else ""
    subject = escape(message.subject or _("(no subject)"))
    return (
        f"<p>{_heading(message, colours, True)}<br>"
        f"<span style='color:{colours.muted}'>{subject}{files}</span></p>"
    )


def _open_card(message: MessageRecord, folding: Folding, colours: ThreadColours) -> str:
    subject = escape(message.subject) if message.subject else "<i>" + _("(no subject)") + "</i>"
    parts = [
        f"<p>{_heading(message, colours, False)}</p>",
        f"<p style='font-size:large'><b>{subject}</b></p>",
        _body(message, folding, colours),
    ]
    if message.attachments:
        parts.append(_chips(message.attachments, colours))
    if message.filed_by:
        parts.append(
            f"<p style='color:{colours.muted}; font-size:small'>"
            f"{escape(shown(message.filed_by))}</p>"
        )
    notes = [_("Character set: {note}").format(note=shown(n)) for n in message.charset_notes]
    if message.message_id_reused:
        notes.append(_("Its Message-ID was already used by a different message; both are kept."))
    for note in notes:
        parts.append(f"<p style='color:{colours.muted}; font-size:small'>{escape(note)}</p>")
    return "".join(parts)


def _body(message: MessageRecord, folding: Folding, colours: ThreadColours) -> str:
    if message.body_html and not message.body_text.strip():
        return f"<div>{sanitize_html(message.body_html)}</div>"
    new, quoted = split_quoted(message.body_text)
    html = _plain(new)
    if quoted:
        if message.id in folding.quotes_shown:
            hide = _("Hide quoted text")
            html += (
                f"<p><a href='foidesk:quote/{message.id}'>{hide}</a></p>"
                f"<blockquote style='color:{colours.muted}'>{_plain(quoted)}</blockquote>"
            )
        else:
            lines = quoted.count("\n") + 1
            count = ngettext("({count} line)", "({count} lines)", lines).format(count=lines)
            show = _("Show quoted text")
            html += (
                f"<p><a href='foidesk:quote/{message.id}'>{show}</a>"
                f" <span style='color:{colours.muted}'>{count}</span></p>"
            )
    return html


def _plain(text: str) -> str:
    """Plain text kept exactly as written: line breaks and runs of spaces preserved."""
    return f"<p style='white-space:pre-wrap'>{escape(text.strip())}</p>"


def _chips(attachments: Collection[AttachmentRecord], colours: ThreadColours) -> str:
    count = len(attachments)
    cells = [_chip(a, colours) for a in attachments]
    rows = [
        "<tr>" + "".join(cells[i : i + CHIPS_PER_ROW]) + "</tr>"
        for i in range(0, len(cells), CHIPS_PER_ROW)
    ]
    title = ngettext("{count} attachment", "{count} attachments", count).format(count=count)
    return f"<p><b>{title}</b></p><table cellspacing='6' cellpadding='6'>{''.join(rows)}</table>"


def _chip(attachment: AttachmentRecord, colours: ThreadColours) -> str:
    open_link, save_link = pgettext("attachment", "Open"), _("Save as…")
    return (
        f"<td bgcolor='{colours.chip}'>"
        f"<a href='foidesk:open/{attachment.id}' "
        f"style='text-decoration:none; color:{colours.text}'>"
        f"<img src='icon:{file_icon(attachment)}' width='{ICON_SIZE + 4}' "
        f"height='{ICON_SIZE + 4}' style='vertical-align:middle'>&nbsp;"
        f"{escape(attachment.filename)}</a>"
        f"<br><span style='color:{colours.muted}'>{human_size(attachment.size)}</span>"
        f" · <a href='foidesk:open/{attachment.id}'>{open_link}</a>"
        f" · <a href='foidesk:save/{attachment.id}'>{save_link}</a></td>"
    )


def file_icon(attachment: AttachmentRecord) -> str:
    """The icon for an attachment, by type, then by name, then a generic file."""
    media = attachment.media_type.lower()
    if media in _FILE_ICONS:
        return _FILE_ICONS[media]
    if media.startswith("image/"):
        return "file-image"
    suffix = (
        "." + attachment.filename.rsplit(".", 1)[-1].lower() if "." in attachment.filename else ""
    )
    if suffix in _SUFFIX_ICONS:
        return _SUFFIX_ICONS[suffix]
    if media.startswith("text/"):
        return "file-text"
    if "spreadsheet" in media or "excel" in media:
        return "file-sheet"
    if "word" in media or "document" in media:
        return "file-doc"
    return "file-generic"


def _sender(message: MessageRecord) -> str:
    if message.direction == "outgoing" and not message.from_addr:
        return ", ".join(message.to) or _("the authority")
    return message.from_addr or _("unknown sender")


def _kind_label(kind: str) -> str:
    try:
        return MessageKind(kind).label
    except ValueError:
        return kind.replace("_", " ").capitalize()
