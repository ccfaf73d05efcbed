"""The thread of one request, oldest message first, as readable cards."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from foidesk.core.formatting import human_size
from foidesk.core.records import MessageRecord, RequestDetail
from foidesk.core.vocabulary import MessageKind, RequestStatus


class ThreadView(QTextBrowser):
    """Renders a request's messages; never loads anything from the network."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("Request thread")
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml("<p style='color:gray'>Select a request to read its thread.</p>")

    def show_request(self, detail: RequestDetail) -> None:
        s = detail.summary
        parts = [
            f"<h2>{escape(s.title)}</h2>",
            f"<p>To <b>{escape(s.authority)}</b> under <code>{escape(s.regime)}</code>"
            + (f" · reference {escape(s.reference)}" if s.reference else "")
            + f" · {escape(RequestStatus(s.status).label)}</p>",
        ]
        parts += [_card(m) for m in detail.messages]
        if not detail.messages:
            parts.append("<p style='color:gray'>No correspondence yet.</p>")
        self.setHtml("".join(parts))

    def loadResource(self, kind: int, name: object) -> object:
        return None  # never fetch images or style sheets named by a message


def _card(message: MessageRecord) -> str:
    outgoing = message.direction == "outgoing"
    background = "#eef4fb" if outgoing else "#f6f6f2"
    who = "You" if outgoing and not message.from_addr else message.from_addr or "Unknown sender"
    when = message.date.astimezone().strftime("%a %d %b %Y, %H:%M") if message.date else ""
    arrow = "Sent" if outgoing else "Received"
    chips = "".join(
        f"<li>{escape(a.filename)} <span style='color:gray'>({human_size(a.size)})</span></li>"
        for a in message.attachments
    )
    attachments = (
        f"<p><b>{len(message.attachments)} attachments</b></p><ul>{chips}</ul>"
        if message.attachments
        else ""
    )
    body = escape(message.body_text).replace("\n", "<br>")
    return (
        f"<table width='100%' cellpadding='10' style='background:{background};"
        f"margin-top:12px'><tr><td>"
        f"<p><b>{arrow}</b> · {escape(MessageKind(message.kind).label)} · {escape(who)}"
        f"<br><span style='color:gray'>{escape(when)}</span></p>"
        f"<p><b>{escape(message.subject)}</b></p><p>{body}</p>{attachments}"
        f"</td></tr></table>"
    )
