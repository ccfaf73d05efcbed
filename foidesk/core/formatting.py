"""Small text renderings shared by the window and the command line."""

from __future__ import annotations

from foidesk.core.i18n import ngettext
from foidesk.core.locale_format import format_number


def human_size(size: int) -> str:
    """``1536`` → ``"1.5 kB"``: sizes as people read them (1 kB = 1024 bytes)."""
    if size < 1024:
        return ngettext("{count} byte", "{count} bytes", size).format(count=size)
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            return f"{format_number(value, 1)} {unit}"  # "1.5 kB", "1,5 kB"
    raise AssertionError("unreachable")


def safe_filename(name: str) -> str:
    """A name from outside (an attachment's), cleaned to be a file name, never a path."""
    from foidesk.core.mail.names import safe_filename as cleaned

    return cleaned(name)


def sanitize_html(html: str) -> str:
    """An email's HTML body made safe to show: no scripts, nothing loaded from outside."""
    from foidesk.core.mail.html import sanitize_html as sanitized

    return sanitized(html)
