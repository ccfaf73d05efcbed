"""The HTML sanitiser (what Qt may show) and the HTML-to-text conversion."""

from __future__ import annotations

import time

import pytest

from foidesk.core.mail import html_to_text, sanitize_html


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "<style>p{color:red}</style>",
        "<iframe src='https://evil.example'>fallback</iframe>",
        "<object data='x.swf'>fb</object>",
        "<embed src='x.swf'>",
        "<form action='https://evil.example'><input name=a></form>",
        "<meta http-equiv='refresh' content='0;url=https://evil.example'>",
        "<link rel=stylesheet href='https://evil.example/a.css'>",
        "<base href='https://evil.example/'>",
    ],
)
def test_dangerous_elements_are_removed(html: str) -> None:
    cleaned = sanitize_html(f"<p>keep</p>{html}<p>after</p>").lower()
    for tag in ("script", "style", "iframe", "object", "embed", "form", "meta", "link", "base"):
        assert f"<{tag}" not in cleaned
    assert "evil.example" not in cleaned
    assert "keep" in cleaned and "after" in cleaned


def test_event_handlers_and_script_urls_are_removed() -> None:
    cleaned = sanitize_html(
        '<p onclick="steal()" onmouseover=x>t</p>'
        '<a href="javascript:alert(1)">a</a>'
        '<a href=" jav&#x09;ascript:alert(1)">b</a>'
        '<a href="vbscript:x">c</a><a href="data:text/html,x">d</a>'
    )
    assert "onclick" not in cleaned and "onmouseover" not in cleaned
    assert "script:" not in cleaned.lower()
    assert "data:" not in cleaned
    assert cleaned.count("<a>") == 4


def test_web_and_mail_links_stay() -> None:
    cleaned = sanitize_html('<a href="https://gov.uk/foi">x</a><a href="mailto:a@b.c">y</a>')
    assert 'href="https://gov.uk/foi"' in cleaned
    assert 'href="mailto:a@b.c"' in cleaned


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://tracker.example/p.gif" width="1" height="1">',
        '<img src="http://tracker.example/p.gif">',
        '<img src="//tracker.example/p.gif">',
        '<img src="ftp://tracker.example/p.gif">',
        '<img src="file:///etc/passwd">',
        '<img src="relative/p.gif">',
        '<img srcset="https://tracker.example/a.png 1x" src="cid:x">',
        '<table background="https://tracker.example/bg.png"><tr><td>t</td></tr></table>',
        '<td background="http://tracker.example/bg.png">t</td>',
        '<p style="background:url(https://tracker.example/bg.png)">t</p>',
        '<p style="background: \\75 rl(https://tracker.example/bg.png)">t</p>',
        "<p style=\"background-image: image-set('https://tracker.example/a.png' 1x)\">t</p>",
        '<div style="behavior: url(https://tracker.example/x.htc)">t</div>',
        "<style>@import 'https://tracker.example/a.css';</style>",
    ],
)
def test_no_remote_resource_survives(html: str) -> None:
    cleaned = sanitize_html(html)
    assert "tracker.example" not in cleaned
    assert "file:" not in cleaned
    assert "relative/p.gif" not in cleaned


def test_embedded_images_stay_and_remote_ones_leave_their_alt_text() -> None:
    cleaned = sanitize_html(
        '<img src="cid:logo@x" alt="logo"><img src="https://t.example/chart.png" alt="Chart">'
    )
    assert '<img src="cid:logo@x" alt="logo">' in cleaned
    assert "[Chart]" in cleaned
    assert "t.example" not in cleaned


def test_harmless_style_is_kept_and_text_is_escaped() -> None:
    cleaned = sanitize_html('<p style="color: red; font-weight:bold">1 &lt; 2 &amp; "q"</p>')
    assert cleaned == '<p style="color: red; font-weight: bold">1 &lt; 2 &amp; "q"</p>'


def test_attribute_values_cannot_break_out() -> None:
    cleaned = sanitize_html('<p title="a&quot; onclick=&quot;x">t</p>')
    assert cleaned == '<p title="a&quot; onclick=&quot;x">t</p>'


def test_comments_and_conditional_comments_are_dropped() -> None:
    cleaned = sanitize_html("<!--[if mso]><p>outlook</p><![endif]--><p>a<!-- secret -->b</p>")
    assert cleaned == "<p>ab</p>"


def test_a_stray_less_than_sign_stays_text() -> None:
    assert sanitize_html("<p>1 < 2 and 3 <4</p>") == "<p>1 &lt; 2 and 3 &lt;4</p>"
    assert sanitize_html("x <b") == "x &lt;b"


def test_unclosed_dropped_element_swallows_only_its_own_content() -> None:
    cleaned = sanitize_html("<p>a</p><svg><svg></svg>hidden</svg><p>b</p>")
    assert "hidden" not in cleaned
    assert "<p>b</p>" in cleaned


@pytest.mark.parametrize(
    "hostile",
    [
        "<" * 200_000,
        "<!--" * 50_000,
        "<!-- > " * 50_000,
        "<a " * 70_000,
        "<a " * 70_000 + ">",
        '<a b="' * 50_000,
        "</a " * 70_000,
        "<![CDATA[" * 50_000,
        "<?" * 50_000,
        "<script>" + "</" * 50_000,
        "<p " + "a=b " * 50_000,
        "&#" * 100_000,
        "<i> </i>" * 15_000,
        "<pre>" + " " * 300_000 + "x</pre>",
    ],
    ids=lambda hostile: repr(hostile[:12]),
)
def test_hostile_markup_is_handled_quickly(hostile: str) -> None:
    """Each input takes well under a second; unpatched html.parser took minutes on them."""
    started = time.monotonic()
    sanitize_html(hostile)
    html_to_text(hostile)
    assert time.monotonic() - started < 5


def test_text_keeps_paragraphs_lines_and_links() -> None:
    text = html_to_text(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<p>Dear   Frank,</p><p>See <a href='https://gov.uk/r'>the response</a>.<br>Thanks</p>"
        "<ul><li>one</li><li>two</li></ul><script>alert(1)</script>"
        "<p>Caf&eacute; &amp; co &lt;3</p></body></html>"
    )
    assert text == (
        "Dear Frank,\n\nSee the response <https://gov.uk/r>.\nThanks\n\n- one\n- two\n\n"
        "Café & co <3"
    )


def test_text_shows_bare_links_once_and_drops_script_links() -> None:
    text = html_to_text(
        "<a href='https://gov.uk'>https://gov.uk</a> <a href='mailto:a@b.c'>a@b.c</a> "
        "<a href='javascript:x()'>click</a>"
    )
    assert text == "https://gov.uk a@b.c click"


def test_text_keeps_preformatted_layout() -> None:
    assert html_to_text("<p>x</p><pre>  a\n    b</pre>") == "x\n\n  a\n    b"
