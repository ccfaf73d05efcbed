"""What travels in a drag: file URLs from outside, message ids inside the window."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QUrl

from foidesk.core.i18n import N_, _

#: Unfiled messages dragged onto a request: their ids, comma separated.
MESSAGE_IDS_MIME = "application/x-foidesk-message-ids"
#: Said when unfiled messages are dragged anywhere but onto a request.
DROP_MESSAGES_ON_A_REQUEST = N_("Drop the messages on the request they belong to.")
MAIL_SUFFIXES = frozenset({".eml", ".msg", ".mbox", ".mbx"})


def paths_from(data: QMimeData) -> list[Path]:
    """Local files named by a drop (remote URLs are ignored: nothing is fetched)."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def message_ids_from(data: QMimeData) -> list[int]:
    raw = bytes(data.data(MESSAGE_IDS_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


def message_ids_mime(ids: Iterable[int]) -> QMimeData:
    data = QMimeData()
    data.setData(MESSAGE_IDS_MIME, QByteArray(",".join(str(i) for i in ids).encode()))
    return data


def file_urls_mime(paths: Iterable[Path]) -> QMimeData:
    """Real files for the desktop or a mail client (a drag out of the window)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def is_mail_file(path: Path) -> bool:
    return path.suffix.lower() in MAIL_SUFFIXES


def drop_refusal(data: QMimeData) -> str | None:
    """Why ``data`` cannot be dropped on foidesk, in one sentence; None when it can
    (local files, or messages dragged from the Unfiled tray)."""
    if data.hasFormat(MESSAGE_IDS_MIME) or paths_from(data):
        return None
    if data.hasUrls():
        return _(
            "Only files on this computer can be dropped: save the attachment or page "
            "first, then drop the file."
        )
    return _("Only files can be dropped here: emails (.eml, .msg, .mbox) or documents.")
