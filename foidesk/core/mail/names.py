"""Display names for attachments that are safe to show and to offer on save.

Nothing taken from a message is ever used as a filesystem path; the store
keeps content by hash. These names still reach the user (in a list, in a
"Save as" box), so they must not lie about the file type (right-to-left
overrides), smuggle a path (``../../etc/passwd``) or name a Windows device.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Iterable

from foidesk.core.mail.limits import MAX_NAME_BYTES, MAX_NAME_CHARS

# Characters that Windows refuses in file names; ":" also starts an NTFS
# alternate data stream. Separators are handled before this.
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_DRIVE = re.compile(r"^[A-Za-z]:")
_SPACES = re.compile(r"\s+")
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{stem}{digit}" for stem in ("COM", "LPT") for digit in "123456789¹²³"}
)
_MAX_EXT_CHARS = 16
# Our own table first: the platform's mimetypes database differs between
# machines and would make generated names unpredictable.
_EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.ms-outlook": ".msg",
    "application/ms-tnef": ".dat",
    "application/zip": ".zip",
    "application/octet-stream": ".bin",
    "message/rfc822": ".eml",
    "message/delivery-status": ".txt",
    "message/disposition-notification": ".txt",
    "text/plain": ".txt",
    "text/html": ".html",
    "text/csv": ".csv",
    "text/calendar": ".ics",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
}


def extension_for(media_type: str | None) -> str:
    """A file extension (with its dot) for a media type, or "" if none is known."""
    if not media_type:
        return ""
    media_type = media_type.strip().lower()
    known = _EXTENSIONS.get(media_type)
    if known is not None:
        return known
    guessed = mimetypes.guess_extension(media_type, strict=False)
    return guessed or ""


def safe_filename(
    name: str | None, *, fallback_stem: str = "attachment", media_type: str | None = None
) -> str:
    """Turn a name from a message into a harmless display name.

    Keeps only the last path component, drops invisible and control
    characters, defuses Windows device names and bounds the length while
    keeping the extension. When nothing usable is left, the name is made from
    ``fallback_stem`` and an extension for ``media_type``.
    """
    cleaned = _clean(name or "")
    if cleaned.startswith(".") and _is_bare_extension(cleaned):
        cleaned = _clean(fallback_stem) + cleaned
    cleaned = _trim_ends(cleaned)
    if not cleaned:
        fallback = _trim_ends(_clean(fallback_stem)) or "attachment"
        cleaned = fallback + extension_for(media_type)
    return _bound(_defuse_device_name(cleaned))


def dedupe_names(names: Iterable[str]) -> list[str]:
    """Make names unique within one message: "report.pdf", "report (2).pdf".

    Comparison ignores case because Windows and macOS file systems do, and a
    "save all" must not let one attachment overwrite another.
    """
    used: set[str] = set()
    unique: list[str] = []
    for name in names:
        candidate = name
        counter = 1
        while candidate.casefold() in used:
            counter += 1
            stem, ext = split_extension(name)
            candidate = _bound(f"{stem} ({counter}){ext}", keep_suffix=f" ({counter})")
        used.add(candidate.casefold())
        unique.append(candidate)
    return unique


def split_extension(name: str) -> tuple[str, str]:
    """Split "a.tar.pdf" into ("a.tar", ".pdf"); a long or spaced tail is no extension."""
    dot = name.rfind(".")
    if dot <= 0:
        return name, ""
    ext = name[dot:]
    if len(ext) > _MAX_EXT_CHARS or " " in ext:
        return name, ""
    return name[:dot], ext


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name)
    name = "".join(_visible(char) for char in name)
    name = _last_component(name)
    name = _DRIVE.sub("", name)
    name = _WINDOWS_FORBIDDEN.sub("_", name)
    return _SPACES.sub(" ", name)


def _visible(char: str) -> str:
    """Drop controls, bidi overrides and other invisible format characters."""
    category = unicodedata.category(char)
    if category in {"Cc", "Cf", "Cs"}:
        return " " if char in "\t\n\r\x0b\x0c" else ""
    if category in {"Zl", "Zp"}:
        return " "
    return char


def _last_component(name: str) -> str:
    """Keep what follows the last / or \\ so no directory part survives."""
    return re.split(r"[/\\]", name)[-1]


def _trim_ends(name: str) -> str:
    return name.strip(" .")


def _is_bare_extension(name: str) -> bool:
    return name.count(".") == 1 and 1 < len(name) <= 11 and name[1:].isalnum()


def _defuse_device_name(name: str) -> str:
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    return f"_{name}" if stem in _RESERVED else name


def _bound(name: str, keep_suffix: str = "") -> str:
    """Shorten the stem so the whole name fits, keeping the extension."""
    stem, ext = split_extension(name)
    if _fits(name):
        return name
    stem = stem.removesuffix(keep_suffix)[:MAX_NAME_CHARS]
    while stem and not _fits(stem + keep_suffix + ext):
        stem = stem[:-1]
    return _trim_ends(stem) + keep_suffix + ext


def _fits(name: str) -> bool:
    return len(name) <= MAX_NAME_CHARS and len(name.encode("utf-8")) <= MAX_NAME_BYTES


def media_type_for(name: str) -> str:
    """A media type guessed from a file name, for files that came without one."""
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"
