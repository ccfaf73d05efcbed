"""Makes message HTML safe to show in a Qt rich-text view.

An allow-list over the stdlib ``html.parser``: only tags and attributes that
Qt's rich text understands survive, every value is re-escaped on output, and
nothing that would load from outside the message is kept (remote images are
tracking pixels as often as they are pictures). No third-party sanitiser is
used: bleach is deprecated, nh3 is a compiled dependency for a job this small,
and neither knows Qt's subset.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from foidesk.core.mail.css import clean_style
from foidesk.core.mail.html_prepare import defuse_markup
from foidesk.core.mail.html_text import html_to_text
from foidesk.core.mail.urls import is_local_resource, is_safe_link

__all__ = ["html_to_text", "sanitize_html"]


def _names(text: str) -> frozenset[str]:
    """A set of tag names written as one space-separated string."""
    return frozenset(text.split())


_ALLOWED_TAGS = _names(
    "a abbr address b big blockquote br caption center cite code col colgroup dd del "
    "dfn div dl dt em font h1 h2 h3 h4 h5 h6 hr i img ins kbd li nobr ol p pre q s "
    "samp small span strike strong sub sup table tbody td tfoot th thead tr tt u ul "
    "var"
)
# Dropped together with everything inside them.
_DROP_WITH_CONTENT = _names(
    "script style iframe frameset object applet noscript noembed template "
    "svg math title textarea select head audio video canvas"
)
_VOID_TAGS = _names("br hr img col area base link meta input param source track wbr embed frame")
_GLOBAL_ATTRS = frozenset(
    {"align", "valign", "dir", "title", "style", "width", "height", "bgcolor", "lang"}
)
_TAG_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt"}),
    "font": frozenset({"color", "face", "size"}),
    "table": frozenset({"border", "cellpadding", "cellspacing", "background"}),
    "td": frozenset({"colspan", "rowspan", "nowrap", "background"}),
    "th": frozenset({"colspan", "rowspan", "nowrap", "background"}),
    "ol": frozenset({"type", "start"}),
    "ul": frozenset({"type"}),
    "li": frozenset({"value"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to an inert fragment that loads nothing remote.

    Remote images are replaced by their alt text in brackets (or nothing);
    links keep only web, mail and phone targets; ``cid:`` images stay.
    """
    sanitizer = _Sanitizer()
    sanitizer.feed(defuse_markup(html))
    sanitizer.close()
    return sanitizer.result()


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._dropping: list[str] = []

    def result(self) -> str:
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping:
            if tag == self._dropping[-1] or tag in _DROP_WITH_CONTENT:
                self._dropping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self._dropping.append(tag)
            return
        if tag not in _ALLOWED_TAGS:
            return
        if tag == "img":
            self._image(attrs)
            return
        self._out.append(_start_tag(tag, _kept_attrs(tag, attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self._dropping[-1:] and tag not in _VOID_TAGS:
            self._dropping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if tag in self._dropping:
                while self._dropping.pop() != tag:
                    pass
            return
        if tag in _ALLOWED_TAGS and tag not in _VOID_TAGS:
            self._out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._out.append(escape(data, quote=False))

    def _image(self, attrs: list[tuple[str, str | None]]) -> None:
        src = dict(attrs).get("src") or ""
        if is_local_resource(src):
            self._out.append(_start_tag("img", _kept_attrs("img", attrs)))
            return
        alt = (dict(attrs).get("alt") or "").strip()
        if alt:
            self._out.append(escape(f"[{alt}]", quote=False))


def _kept_attrs(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    allowed = _GLOBAL_ATTRS | _TAG_ATTRS.get(tag, frozenset())
    kept: list[tuple[str, str]] = []
    for name, value in attrs:
        if name not in allowed or value is None:
            continue
        clean = _clean_value(name, value)
        if clean is not None:
            kept.append((name, clean))
    return kept


def _clean_value(name: str, value: str) -> str | None:
    if name == "href":
        return value if is_safe_link(value) else None
    if name in {"src", "background"}:
        return value if is_local_resource(value) else None
    if name == "style":
        return clean_style(value) or None
    return value


def _start_tag(tag: str, attrs: list[tuple[str, str]]) -> str:
    rendered = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attrs)
    return f"<{tag}{rendered}>"
