"""Turns message HTML into readable plain text for the thread view and search.

Used when a message has no text/plain part: the text keeps paragraphs and
line breaks, shows links as "text <url>", and drops scripts and styles.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from foidesk.core.mail.html_prepare import defuse_markup
from foidesk.core.mail.urls import is_safe_link


def _names(text: str) -> frozenset[str]:
    """A set of tag names written as one space-separated string."""
    return frozenset(text.split())


_SKIPPED = _names("script style head title template noscript svg math iframe")
_BLOCKS = _names(
    "address article aside blockquote center dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table tbody "
    "thead tfoot tr ul"
)
_PARAGRAPHS = _names("p h1 h2 h3 h4 h5 h6 blockquote pre table ul ol dl")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Markers that survive whitespace collapsing and become line breaks at the end.
_BREAK = "\x00"
_PARAGRAPH = "\x01"
_PRE_SPACE = "\x02"
_PRE_TAB = "\x03"
_BLOCK = "\x04"
_NO_MARKERS = str.maketrans("", "", _BREAK + _PARAGRAPH + _PRE_SPACE + _PRE_TAB + _BLOCK)
# Block and paragraph boundaries next to each other make one break, not several.
_BOUNDARY_RUN = re.compile("[\x01\x04](?:[ \x01\x04]*[\x01\x04])?")
_SPACE_RUN = re.compile(" {2,}")


def html_to_text(html: str) -> str:
    """Return the readable text of ``html`` (entities decoded, tags gone)."""
    converter = _TextConverter()
    converter.feed(defuse_markup(html))
    converter.close()
    return converter.text()


class _TextConverter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._chunks: list[str] = []
        self._skipping = 0
        self._pre = 0
        self._link: tuple[str, int] | None = None

    def text(self) -> str:
        joined = "".join(self._chunks)
        joined = _BOUNDARY_RUN.sub(_boundary, joined).replace(_BREAK, "\n")
        joined = _SPACE_RUN.sub(" ", joined)
        lines = (_restore_pre(line.strip(" ")).rstrip() for line in joined.split("\n"))
        return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self._chunks.append(_BREAK)
        elif tag == "pre":
            self._pre += 1
            self._chunks.append(_PARAGRAPH)
        elif tag == "li":
            self._chunks.append(_BLOCK + "- ")
        elif tag in ("td", "th"):
            self._chunks.append(" ")
        elif tag == "a":
            self._link = (dict(attrs).get("href") or "", len(self._chunks))
        elif tag == "img":
            self._image(dict(attrs).get("alt"))
        elif tag in _BLOCKS:
            self._chunks.append(_PARAGRAPH if tag in _PARAGRAPHS else _BLOCK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIPPED:
            self.handle_starttag(tag, attrs)
            if tag == "a":
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
            self._chunks.append(_PARAGRAPH)
        elif tag == "a":
            self._close_link()
        elif tag in _BLOCKS:
            self._chunks.append(_PARAGRAPH if tag in _PARAGRAPHS else _BLOCK)

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        data = data.translate(_NO_MARKERS)
        if self._pre:
            pre = data.replace("\r\n", "\n").replace(" ", _PRE_SPACE).replace("\t", _PRE_TAB)
            self._chunks.append(pre.replace("\n", _BREAK))
        else:
            self._chunks.append(_SPACES.sub(" ", data))

    def _image(self, alt: str | None) -> None:
        if alt and alt.strip() and not self._skipping:
            self._chunks.append(f"[{alt.strip()}]")

    def _close_link(self) -> None:
        if self._link is None:
            return
        href, start = self._link
        self._link = None
        label = "".join(self._chunks[start:]).strip()
        target = href.strip()
        if not is_safe_link(target) or target.startswith("#") or self._skipping:
            return
        shown = target.removeprefix("mailto:")
        if label in (target, shown):
            return
        self._chunks.append(f" <{shown}>" if label else shown)


def _boundary(run: re.Match[str]) -> str:
    return "\n\n" if _PARAGRAPH in run.group() else "\n"


def _restore_pre(line: str) -> str:
    return line.replace(_PRE_SPACE, " ").replace(_PRE_TAB, "\t")
