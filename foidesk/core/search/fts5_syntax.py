"""Render a parsed query as an FTS5 MATCH expression that SQLite always accepts.

Every word and phrase is emitted as a double-quoted FTS5 string (inner quotes
doubled), so nothing the user typed can act as FTS5 syntax: no column
filters, no ``NEAR(``, no stray ``*``. Structure comes only from the tree.
"""

from __future__ import annotations

from foidesk.core.search.query import AnyOf, Expr, Term


def fts5_match(expr: Expr) -> str:
    if isinstance(expr, Term):
        return _string(expr)
    if isinstance(expr, AnyOf):
        return "(" + " OR ".join(fts5_match(p) for p in expr.parts) + ")"
    wanted = "(" + " AND ".join(fts5_match(p) for p in expr.parts) + ")"
    return wanted + "".join(f" NOT {fts5_match(p)}" for p in expr.excluded)


def fts5_any_term(terms: tuple[Term, ...]) -> str:
    """Any of the terms: for highlighting each one wherever it occurs."""
    return "(" + " OR ".join(_string(t) for t in terms) + ")"


def _string(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted
