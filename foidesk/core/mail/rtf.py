"""Turns an RTF message body (from a TNEF blob) into HTML or text, within a time limit.

Outlook writes HTML mail as RTF that *encapsulates* the HTML (``\\fromhtml1``,
[MS-OXRTFEX]); RTFDE, the library extract-msg uses for the same job, gives
that HTML back, which is then sanitised like any other. Mail composed as rich
text is plain RTF, read into text by striprtf (small, pure Python,
maintained). Both parse untrusted input in Python, so they run in a child
process that is stopped after ``RTF_SECONDS`` (``limited.py``).
"""

from __future__ import annotations

from foidesk.core.mail import wording
from foidesk.core.mail.charsets import guess_text
from foidesk.core.mail.limited import run_limited
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

#: Wall time one RTF body may take to convert.
RTF_SECONDS = 20.0
#: Larger RTF bodies are not converted (the original email keeps them).
MAX_RTF_BYTES = 20 * 1024 * 1024
_HEADER_BYTES = 1024


def rtf_body(rtf: bytes, notes: Notes, seconds: float = RTF_SECONDS) -> tuple[str | None, str]:
    """``(html, text)`` for an RTF body; ``(None, "")`` with a warning when it cannot be read."""
    if len(rtf) > MAX_RTF_BYTES:
        notes.add(Phrase(wording.RTF_TOO_LARGE))
        return None, ""
    result, problem = run_limited(convert_rtf, (rtf,), seconds)
    if not isinstance(result, tuple) or problem:
        notes.add(Phrase(wording.RTF_UNREADABLE))
        return None, ""
    html, text = result
    return (html if isinstance(html, str) else None), (text if isinstance(text, str) else "")


def convert_rtf(rtf: bytes) -> tuple[str | None, str]:
    """The conversion itself (run in the child): encapsulated HTML or text, else plain RTF."""
    head = rtf[:_HEADER_BYTES]
    if b"\\fromhtml" in head or b"\\fromtext" in head:
        found = _deencapsulate(rtf)
        if found is not None:
            return found
    from striprtf.striprtf import rtf_to_text

    text = str(rtf_to_text(rtf.decode("latin-1"), errors="replace"))  # type: ignore[no-untyped-call]
    return None, text.replace("\r\n", "\n").strip("\n")


def _deencapsulate(rtf: bytes) -> tuple[str | None, str] | None:
    from RTFDE.deencapsulate import DeEncapsulator

    try:
        reader = DeEncapsulator(rtf)
        reader.deencapsulate()
    except Exception:  # not encapsulated after all, or damaged: read it as plain RTF
        return None
    if reader.content_type == "html":
        html = reader.html
        return (guess_text(html)[0] if isinstance(html, bytes) else str(html)), ""
    text = reader.text
    return None, guess_text(text)[0] if isinstance(text, bytes) else str(text)
