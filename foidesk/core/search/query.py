"""What the user typed, parsed into a query any search back end can run.

The language: words (all must match), ``"quoted phrases"``, ``prefix*``,
``OR``, ``AND``, ``NOT`` (upper case, as on the web) or ``-word``, parentheses,
and ``key:value`` filters (see ``filters.py``). Parsing is forgiving where
intent is clear — a missing closing quote or parenthesis is closed, stray
operators are dropped, punctuation-only words are ignored — and raises
``InvalidInputError`` with a plain sentence where it is not (a search that
only excludes words, a one-letter prefix, a search too long to be typed).

The result is a small tree (``Term``, ``AllOf``, ``AnyOf``) that knows nothing
of SQL; ``fts5_syntax.py`` renders it for SQLite, another renderer could for
PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.search.filters import FILTER_KEYS, Filters

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 8
MIN_PREFIX_CHARS = 2


@dataclass(frozen=True)
class Term:
    """A word or a phrase (several words in order), optionally a prefix of longer words."""

    text: str
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class AllOf:
    """Every part must match, and none of the excluded ones."""

    parts: tuple[Expr, ...]
    excluded: tuple[Expr, ...] = ()


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Expr, ...]


Expr = Term | AllOf | AnyOf


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: what to match (``None``: nothing typed) and the filters."""

    expr: Expr | None
    filters: Filters = field(default_factory=Filters)

    def narrowed(self, filters: Filters) -> SearchQuery:
        return SearchQuery(self.expr, self.filters.merged(filters))

    def terms(self) -> tuple[Term, ...]:
        """The words and phrases looked for (not the excluded ones): what to highlight."""
        return tuple(dict.fromkeys(_positive_terms(self.expr)))


def _positive_terms(expr: Expr | None) -> Iterator[Term]:
    if isinstance(expr, Term):
        yield expr
    elif isinstance(expr, AllOf | AnyOf):
        for part in expr.parts:
            yield from _positive_terms(part)


# --- lexing ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "word", "phrase", "filter", "or", "and", "not", "(", ")"
    text: str = ""
    negated: bool = False
    prefix: bool = False
    key: str = ""


#: Control characters and lone surrogates: a NUL would end the string SQLite sees,
#: a surrogate cannot be encoded for it; neither is something a user means to find.
_UNTYPABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_OPERATORS = {"OR": "or", "AND": "and", "NOT": "not", "|": "or", "&": "and"}
_BREAKS = frozenset('"()')


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif char in "()":
            tokens.append(_Token(char))
            position += 1
        else:
            token, position = _lex_item(text, position)
            tokens.append(token)
    return tokens


def _lex_item(text: str, position: int) -> tuple[_Token, int]:
    negated = text[position] == "-" and position + 1 < len(text)
    if negated and not text[position + 1].isspace():
        position += 1
    else:
        negated = False
    if text[position] == '"':
        body, position = _quoted(text, position)
        prefix = text.startswith("*", position)
        return _Token("phrase", body, negated, prefix), position + prefix
    end = position
    while end < len(text) and not text[end].isspace() and text[end] not in _BREAKS:
        end += 1
    word = text[position:end]
    key, colon, value = word.partition(":")
    if colon and key.lower() in FILTER_KEYS:
        if not value and text.startswith('"', end):
            value, end = _quoted(text, end)
        return _Token("filter", value, negated, key=key.lower()), end
    if word in _OPERATORS and not negated:
        return _Token(_OPERATORS[word]), end
    return _Token("word", word.rstrip("*"), negated, word.endswith("*")), end


def _quoted(text: str, position: int) -> tuple[str, int]:
    """The text between a quote and the next one (or the end, if it is never closed)."""
    close = text.find('"', position + 1)
    if close < 0:
        return text[position + 1 :], len(text)
    return text[position + 1 : close], close + 1


def _balanced(tokens: list[_Token]) -> list[_Token]:
    """Drop closing parentheses that close nothing; close the ones left open."""
    result: list[_Token] = []
    depth = 0
    for token in tokens:
        if token.kind == ")":
            if depth == 0:
                continue
            depth -= 1
        elif token.kind == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise InvalidInputError(
                    _("the search nests more than {max_depth} parentheses").format(
                        max_depth=MAX_DEPTH
                    )
                )
        result.append(token)
    return result + [_Token(")")] * depth


# --- parsing ----------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.position = 0
        self.filters = Filters()
        self.term_count = 0

    def peek(self) -> str:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else "end"

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def any_of(self) -> Expr | None:
        options = [self.all_of()]
        while self.peek() == "or":
            self.take()
            options.append(self.all_of())
        found = [o for o in options if o is not None]
        if len(found) > 1:
            return AnyOf(tuple(found))
        return found[0] if found else None

    def all_of(self) -> Expr | None:
        wanted: list[Expr] = []
        unwanted: list[Expr] = []
        while self.peek() not in ("or", ")", "end"):
            negate = False
            while self.peek() in ("and", "not"):
                negate = self.take().kind == "not" or negate
            if self.peek() in ("or", ")", "end"):
                break
            unit, negated = self.unit()
            if unit is not None:
                (unwanted if negate or negated else wanted).append(unit)
        if not wanted and unwanted:
            raise InvalidInputError(
                _("a search cannot only exclude words: add a word to look for before NOT or -")
            )
        if not unwanted and len(wanted) == 1:
            return wanted[0]
        return AllOf(tuple(wanted), tuple(unwanted)) if wanted else None

    def unit(self) -> tuple[Expr | None, bool]:
        token = self.take()
        if token.kind == "(":
            inner = self.any_of()
            if self.peek() == ")":
                self.take()
            return inner, False
        if token.kind == "filter":
            if token.negated:
                raise InvalidInputError(
                    _("-{key}: cannot be excluded; filters only narrow").format(key=token.key)
                )
            self.filters = self.filters.with_value(token.key, token.text)
            return None, False
        return self.term(token), token.negated

    def term(self, token: _Token) -> Term | None:
        text = " ".join(token.text.split())
        if not has_word_characters(text):
            return None
        if token.prefix and len(text.split()[-1]) < MIN_PREFIX_CHARS:
            raise InvalidInputError(
                _("{text}* is too short: type at least {min_prefix_chars} letters before *").format(
                    text=text, min_prefix_chars=MIN_PREFIX_CHARS
                )
            )
        self.term_count += 1
        if self.term_count > MAX_TERMS:
            raise InvalidInputError(
                _("the search has more than {max_terms} words").format(max_terms=MAX_TERMS)
            )
        return Term(text, phrase=token.kind == "phrase", prefix=token.prefix)


def has_word_characters(text: str) -> bool:
    """True if the text holds a letter, digit or private-use character — what the index
    tokenizer keeps (Unicode categories L*, N* and Co); anything else is punctuation."""
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def parse_query(text: str) -> SearchQuery:
    """Parse user search text, or raise ``InvalidInputError`` saying what to change."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInputError(
            _("the search is longer than {max_query_chars} characters").format(
                max_query_chars=MAX_QUERY_CHARS
            )
        )
    parser = _Parser(_balanced(_lex(_UNTYPABLE.sub(" ", text))))
    expr = parser.any_of()
    while parser.peek() != "end":  # a ")" can only be left after an unmatched "OR )"
        parser.take()
        more = parser.any_of()
        expr = more if expr is None else (expr if more is None else AllOf((expr, more)))
    return SearchQuery(expr, parser.filters)
