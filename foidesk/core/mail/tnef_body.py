"""The body of a message whose only body sits inside its winmail.dat (TNEF) blob."""

from __future__ import annotations

from collections.abc import Sequence

from foidesk.core.mail import wording
from foidesk.core.mail.charsets import decode_text
from foidesk.core.mail.html_text import html_to_text
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.rtf import rtf_body
from foidesk.core.mail.text_clean import normalise_newlines
from foidesk.core.mail.tnef import TnefBody
from foidesk.core.phrases import Phrase


def tnef_body(bodies: Sequence[TnefBody], notes: Notes) -> tuple[str | None, str]:
    """``(body_html, body_text)`` from the first TNEF body that reads: HTML, then RTF, then text.

    The HTML is the sender's own, like any other message's: it is sanitised
    when shown (``sanitize_html``), never stored cleaned.
    """
    for body in bodies:
        if body.html:
            html = _text(body.html, notes)
            notes.add(Phrase(wording.BODY_FROM_WINMAIL))
            return html, html_to_text(html)
        if body.rtf:
            converted, text = rtf_body(body.rtf, notes)
            if converted or text.strip():
                notes.add(Phrase(wording.BODY_FROM_WINMAIL))
                text = normalise_newlines(text) if text.strip() else html_to_text(converted or "")
                return converted, text
        if body.text:
            notes.add(Phrase(wording.BODY_FROM_WINMAIL))
            return None, normalise_newlines(_text(body.text, notes))
    return None, ""


def _text(value: bytes | str, notes: Notes) -> str:
    return value if isinstance(value, str) else decode_text(value, None, notes).strip("\x00")
