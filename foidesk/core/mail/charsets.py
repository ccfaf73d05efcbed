"""Decodes message text whose declared character set may be missing, unknown or wrong.

Mail in the wild labels Windows-1252 as ISO-8859-1 or US-ASCII, names
charsets Python has never heard of, and sometimes names Python codecs that
are not charsets at all ("rot13", "punycode"), or none at all over GB2312
Chinese. Text is always returned; when its charset had to be guessed, the
guess (made by charset-normalizer, a maintained detector) is recorded as an
assumption that the message's details show.
"""

from __future__ import annotations

import codecs
import re

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

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
#: How much of a text the detector reads: its verdict settles within a few kB.
_DETECT_BYTES = 65_536
#: Fewer 8-bit bytes than this (two CJK characters) give a detector nothing to go on.
_MIN_EIGHT_BIT = 4
_EIGHT_BIT = re.compile(rb"[\x80-\xff]")
#: How much messier than the detector's cleanest reading a more common one may be.
_MARGIN = 0.05
#: The encodings mail is most often written in, commonest first.
_COMMON = (
    "cp1252", "cp1251", "cp1250", "gb18030", "cp932", "big5", "cp949", "iso8859-2",
    "koi8-r", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp874", "euc_jp",
    "iso2022_jp", "koi8-u", "cp1258", "iso8859-15", "iso8859-5", "iso8859-7",
)  # fmt: skip
_DISPLAY = {
    "utf-8": "UTF-8",
    "latin-1": "Latin-1",
    "iso8859-1": "Latin-1",
    "cp932": "Shift_JIS",
    "cp949": "EUC-KR",
    "big5": "Big5",
    "koi8-r": "KOI8-R",
}


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
    """Decode ``data`` by its declared charset; when that is absent, unknown or wrong,
    detect one and record the assumption.

    The declared charset is kept whenever it decodes cleanly: a detector is a
    guess, the sender's label is evidence.
    """
    codec = codec_for(label)
    if label and codec is None:
        guessed, used = guess_text(data)
        notes.assume(Phrase(wording.UNKNOWN_CHARSET, label=_shown(label), used=used))
        return guessed
    try:
        return scrub_text(data.decode(codec or "ascii"))
    except (UnicodeDecodeError, LookupError):
        guessed, used = guess_text(data)
    if label:
        notes.assume(Phrase(wording.DECLARED_CHARSET_INVALID, label=_shown(label), used=used))
    else:
        notes.assume(Phrase(wording.NO_DECLARED_CHARSET, used=used))
    return guessed


def scrub_text(text: str) -> str:
    """Remove NUL and lone surrogates, which no database text column accepts."""
    if not _UNSAFE_CHARS.search(text):
        return text
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def guess_text(data: bytes) -> tuple[str, str]:
    """Decode undeclared 8-bit text: UTF-8 if valid, else what a detector finds.

    Returns the text and the name of the charset used, for the record.
    """
    try:
        return scrub_text(data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError:
        pass
    codec = detect_codec(data)
    return scrub_text(data.decode(codec, "replace")), display_name(codec)


def detect_codec(data: bytes) -> str:
    """The codec that reads undeclared, non-UTF-8 ``data`` best.

    charset-normalizer judges every candidate by how messy its text looks.
    Several code pages often read a text equally cleanly (Windows-1251 and
    Mac Cyrillic differ in a few letters; short Western text fits a dozen),
    so among the candidates as clean as its best, the one mail is most often
    written in wins: Windows-1252 first (the WHATWG default for undeclared
    text), then the web's other common encodings.
    """
    from charset_normalizer import from_bytes  # loaded on first use: most mail is UTF-8
    from charset_normalizer.md import mess_ratio

    sample = data[:_DETECT_BYTES]
    western = _decoded_or_none(sample, "cp1252")
    if len(_EIGHT_BIT.findall(sample)) < _MIN_EIGHT_BIT:  # too little to judge
        return "cp1252" if western is not None else "latin-1"
    matches = list(from_bytes(sample))
    if not matches:
        return "cp1252" if western is not None else "latin-1"
    cleanest = min(match.chaos for match in matches)
    if western is not None and mess_ratio(western) <= cleanest + _MARGIN:
        return "cp1252"
    candidates = [match for match in matches if match.chaos <= cleanest + _MARGIN]
    return min(_preference(match.could_be_from_charset) for match in candidates)[1]


def _preference(names: list[str]) -> tuple[int, str]:
    """How common the most common of ``names`` is in mail (lower is commoner), and it."""
    ranked = [
        (_COMMON.index(codec), codec)
        for name in names
        if (codec := codec_for(name))
        if codec in _COMMON
    ]
    if ranked:
        return min(ranked)
    return len(_COMMON), codec_for(names[0]) or "cp1252"


def display_name(codec: str) -> str:
    """How a codec is named to the user: "Windows-1252", "GB18030", "Shift_JIS"."""
    name = codecs.lookup(codec).name
    return _DISPLAY.get(name) or (
        f"Windows-{name[2:]}" if re.fullmatch(r"cp125\d", name) else name.upper()
    )


def _decoded_or_none(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _shown(label: str) -> str:
    """A label fit for a warning sentence: printable and short."""
    printable = "".join(char for char in label if char.isprintable())
    return printable[:40]
