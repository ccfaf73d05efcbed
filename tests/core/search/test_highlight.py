"""Marking a search's words in a thread or preview, as the index understood them."""

from __future__ import annotations

from foidesk.core.search import Highlighter, highlight_spans, parse_query


def marked(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in highlight_spans(text, query)]


def test_words_prefixes_phrases_and_accents() -> None:
    text = "Calls were recorded; the recording of Département calls stopped."
    assert marked(text, "record") == []  # words match whole, as the index matches them
    assert marked(text, "record*") == ["recorded", "recording"]
    assert marked(text, "depart*") == ["Département"]
    assert marked(text, '"calls stopped"') == ["calls stopped"]
    assert marked(text, "calls -stopped") == ["Calls", "calls"]


def test_every_term_is_marked_even_when_the_text_matches_only_some() -> None:
    assert marked("budget for roads", "budget parking") == ["budget"]


def test_nothing_to_mark() -> None:
    assert highlight_spans("anything", "") == []
    assert highlight_spans("", "word") == []
    with Highlighter(parse_query("absent")) as highlighter:
        assert highlighter.spans("present words only") == []
        assert highlighter.spans("an absent friend\x02") == [(3, 9)]
