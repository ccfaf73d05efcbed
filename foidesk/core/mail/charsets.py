"""Decodes message text whose declared character set may be missing, unknown or wrong.

Mail in the wild labels Windows-1252 as ISO-8859-1 or US-ASCII, names
charsets Python has never heard of, and sometimes names Python codecs that
are not charsets at all ("rot13", "punycode"). Text is always returned, with
a warning when it had to be guessed.
"""

from __future__ import annotations

import codecs
import re

from foidesk.core.mail.notes import Notes

# Labels Python does not know, mapped to the codec mail clients mean by them.
_ALIASES = {
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "x-sjis": "cp932",
    "x-mac-roman": "mac-roman",
    "x-unicode-2-0-utf-8": "utf-8",
}
# Decoders that are a strict subset of what senders actually send under that
# label; the superset reads the same text and more (the WHATWG choices).
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
# Python codecs that are not character sets, or that are slow on hostile input.
_REFUSED = frozenset(
    {
        "unicode-escape",
        "raw-unicode-escape",
        "undefined",
        "idna",
        "punycode",
        "charmap",
        "rot-13",
        "base64",
        "hex",
        "zlib",
        "bz2",
        "quopri",
        "uu",
    }
)
_UNSAFE_CHARS = re.compile("[\x00\ud800-\udfff]")


def codec_for(label: str | None) -> str | None:
    """The Python codec to use for a charset label, or None if there is none."""
    if not label:
        return None
    label = label.strip().strip('"').lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    if name in _REFUSED:
        return None
    return _SUPERSETS.get(name, name)


def decode_text(data: bytes, label: str | None, notes: Notes) -> str:
    """Decode ``data`` by its declared charset, falling back to a warned-about guess."""
    codec = codec_for(label)
    if label and codec is None:
        guessed, used = guess_text(data)
        notes.add(f"unknown character set {_shown(label)}; text decoded as {used}")
        return guessed
    try:
        return scrub_text(data.decode(codec or "ascii"))
    except (UnicodeDecodeError, LookupError):
        guessed, used = guess_text(data)
        if label:
            notes.add(f"text declared as {_shown(label)} was not valid; decoded as {used}")
        return guessed


def scrub_text(text: str) -> str:
    """Remove NUL and lone surrogates, which no database text column accepts."""
    if not _UNSAFE_CHARS.search(text):
        return text
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def guess_text(data: bytes) -> tuple[str, str]:
    """Decode undeclared 8-bit text: UTF-8 if valid, else Windows-1252, else Latin-1.

    Returns the text and the name of the guess, for a warning.
    """
    for codec, shown in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return scrub_text(data.decode(codec)), shown
        except UnicodeDecodeError:
            continue
    return scrub_text(data.decode("latin-1")), "Latin-1"


def _shown(label: str) -> str:
    """A label fit for a warning sentence: printable and short."""
    printable = "".join(char for char in label if char.isprintable())
    return repr(printable[:40])
