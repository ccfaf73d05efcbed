"""The search language: what users type becomes a safe FTS5 expression or a clear error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foidesk.core.errors import InvalidInputError
from foidesk.core.search import Filters, parse_query
from foidesk.core.search.fts5_schema import TOKENIZE
from foidesk.core.search.fts5_syntax import fts5_match


def match_of(text: str) -> str | None:
    query = parse_query(text)
    return None if query.expr is None else fts5_match(query.expr)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("calls recorded", '("calls" AND "recorded")'),
        ('"personal data" 40', '("personal data" AND "40")'),
        ("contract* OR tender", '("contract"* OR "tender")'),
        ("budget NOT covid", '("budget") NOT "covid"'),
        ("budget -covid -flu", '("budget") NOT "covid" NOT "flu"'),
        ("(parking OR bus) lanes", '(("parking" OR "bus") AND "lanes")'),
        ("a AND b", '("a" AND "b")'),
        ('say "hello', '("say" AND "hello")'),
        ("title:foo", '"title:foo"'),
        ('NEAR("a" "b")', '("NEAR" AND ("a" AND "b"))'),
        ('quote"inside', '("quote" AND "inside")'),
        ('he said ""hi""', '("he" AND "said" AND "hi")'),
        ("well-known", '"well-known"'),
        ("x OR OR y", '("x" OR "y")'),
        ("OR x AND", '"x"'),
        ("((x", '"x"'),
        ("x))) y", '("x" AND "y")'),
    ],
)
def test_typed_text_becomes_quoted_fts5(typed: str, expected: str) -> None:
    assert match_of(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "*", "!!! ???", "( )", "OR AND NOT", '""', "-"])
def test_nothing_to_look_for(typed: str) -> None:
    assert parse_query(typed).expr is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NOT budget", "cannot only exclude"),
        ("-budget", "cannot only exclude"),
        ("a OR -b", "cannot only exclude"),
        ("b*", "at least 2 letters"),
        ("x" * 1001, "longer than 1000"),
        ("(" * 9 + "x", "nests more than 8"),
        (" ".join(f"w{i}" for i in range(65)), "more than 64 words"),
        ("status:posted", "unknown status"),
        ("after:yesterday", "not a date"),
        ("has:pdf", "use has:attachment"),
        ("type:*", "not a file type"),
        ("status:", "needs a value"),
        ("-status:successful x", "cannot be excluded"),
    ],
)
def test_refused_with_a_reason(typed: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_query(typed)


def test_filters_are_taken_out_of_the_words() -> None:
    query = parse_query(
        'visa authority:"Home Office" status:Successful after:2024-01-01 before:2024-07-01 '
        "has:attachments type:Excel type:docx"
    )
    assert query.expr is not None and fts5_match(query.expr) == '"visa"'
    assert query.filters == Filters(
        authorities=("Home Office",),
        statuses=("successful",),
        after=date(2024, 1, 1),
        before=date(2024, 7, 1),
        has_attachment=True,
        file_types=("spreadsheet", "docx"),
    )
    assert ".xlsx" in query.filters.extensions() and ".docx" in query.filters.extensions()


def test_window_filters_merge_with_typed_ones() -> None:
    typed = parse_query("visa after:2024-01-01 status:rejected")
    merged = typed.narrowed(Filters(after=date(2024, 3, 1), statuses=("not_held",)))
    assert merged.filters.after == date(2024, 3, 1)
    assert merged.filters.statuses == ("rejected", "not_held")


def test_terms_to_highlight_leave_out_excluded_words() -> None:
    query = parse_query('"stop and search" OR taser* -covid')
    terms = [(t.text, t.prefix) for t in query.terms()]
    assert terms == [("stop and search", False), ("taser", True)]


@pytest.fixture(scope="module")
def fts5() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE doc USING fts5(a, b, tokenize='{TOKENIZE}')")
    conn.execute("INSERT INTO doc VALUES ('calls are recorded', 'NEAR the title: * column')")
    yield conn
    conn.close()


_NASTY = st.sampled_from(  # the characters FTS5 syntax is made of, and worse
    ['"', "(", ")", "*", "-", ":", "^", "+", "NEAR", "NEAR(", "AND", "OR", "NOT", "title:",
     "status:", "after:", "type:", "{a b}:", "'", "\\", "\x00", "\ud800", "é", "𝔘", "\u200b",
     " ", "  "]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), _NASTY), max_size=14).map("".join))
def test_any_text_is_a_valid_query_or_our_own_error(fts5: sqlite3.Connection, typed: str) -> None:
    try:
        match = match_of(typed)
    except InvalidInputError:
        return
    if match is not None:
        fts5.execute("SELECT count(*) FROM doc WHERE doc MATCH ?", (match,)).fetchall()
