"""Search on the corpus, against the same FTS5 queries run through the bare ``sqlite3`` module.

For each of a set of realistic queries (words, phrases, prefixes, OR/NOT, a
reference number, a surname, filters), foidesk's ``search()`` — parsing,
filters, trash exclusion, joins, snippets, records — is timed against the bare
baseline: the same FTS5 MATCH expression on the same three indexes, ranked,
``LIMIT 50`` each, with the same snippets, through plain ``sqlite3``. A query
with filters is compared with the bare query for its words.

Targets (10,000 requests): median ≤ 30 ms and ≤ 2× the bare FTS5 query.

Then the same queries on PostgreSQL (``benchmarks/postgres.py``: the corpus's rows
copied into a team database, indexed by its triggers), each beside the same query's
SQLite time in this run. Target: median ≤ 30 ms.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
from functools import partial

from benchmarks.corpus import Corpus, ensure_corpus
from benchmarks.harness import BenchContext, Figure, median_ms
from benchmarks.postgres import PostgresUnavailable, copy_corpus, postgres_database
from foidesk.core.desk import Desk
from foidesk.core.search import extract_pending, parse_query, search, text_status
from foidesk.core.search.fts5_schema import FTS_TABLES
from foidesk.core.search.fts5_syntax import fts5_match

LIMIT = 50
TARGET_MS = 30.0
TARGET_RATIO = 2.0
QUERIES = (
    "body worn cameras",
    '"stop and search"',
    "potholes",
    "parking fines Leeds",
    "consultan*",
    "asylum OR detention",
    "sewage NOT flood",
    '"section 40(2)"',
    "ransomware",
    "temporary accommodation Bristol",
    "FOI/2023/01234",
    "Okafor",
    "gritting Sheffield",
    "cyber attacks",
    "agency nurses status:successful",
    "taser after:2023-01-01",
    "overtime type:spreadsheet",
    "damp mould has:attachment",
    'authority:"Home Office" visa',
    "information request",
)


def _bare(conn: sqlite3.Connection, match: str, snippets: bool) -> int:
    found = 0
    for table in FTS_TABLES:
        columns = f"rowid, snippet({table}, -1, '[', ']', '…', 16), rank" if snippets else "rowid"
        found += len(conn.execute(
            f"SELECT {columns} FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT {LIMIT}",
            (match,),
        ).fetchall())  # fmt: skip
    return found


def run(context: BenchContext) -> list[Figure]:
    corpus = ensure_corpus(context)
    path = corpus.profile.sqlite_path
    assert path is not None
    ours, bare, bare_plain = [], [], []
    with Desk.open(corpus.profile) as desk:
        if text_status(desk).pending:  # an interrupted extraction benchmark left some
            extract_pending(desk)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for text in QUERIES:
                parsed = parse_query(text)
                assert parsed.expr is not None
                match = fts5_match(parsed.expr)
                hits = len(search(desk, text, limit=LIMIT))
                ours.append(median_ms(partial(search, desk, text, limit=LIMIT), 7, 2))
                bare.append(median_ms(partial(_bare, conn, match, True), 7, 2))
                bare_plain.append(median_ms(partial(_bare, conn, match, False), 7, 2))
                print(f"  {text!r:40} {hits:3} hits  foidesk {ours[-1]:7.2f} ms  "
                      f"bare {bare[-1]:7.2f} ms  ({ours[-1] / bare[-1]:.2f}×)",
                      file=sys.stderr)  # fmt: skip
        finally:
            conn.close()
    return _figures(ours, bare, bare_plain, context.scale) + _on_postgres(
        corpus, ours, context.scale
    )


def _on_postgres(corpus: Corpus, on_sqlite: list[float], scale: int) -> list[Figure]:
    try:
        with postgres_database() as url:
            profile, seconds = copy_corpus(corpus.profile, corpus.folder / "postgres", url)
            print(f"  corpus copied into PostgreSQL in {seconds:.0f} s", file=sys.stderr)
            timed = []
            with Desk.open(profile) as desk:
                for text, sqlite_ms in zip(QUERIES, on_sqlite, strict=True):
                    hits = len(search(desk, text, limit=LIMIT))
                    timed.append(median_ms(partial(search, desk, text, limit=LIMIT), 7, 2))
                    print(f"  {text!r:40} {hits:3} hits  PostgreSQL {timed[-1]:7.2f} ms  "
                          f"SQLite {sqlite_ms:7.2f} ms", file=sys.stderr)  # fmt: skip
    except PostgresUnavailable as exc:
        print(f"  no PostgreSQL run: {exc}", file=sys.stderr)
        return []
    median, worst = statistics.median(timed), max(range(len(timed)), key=timed.__getitem__)
    return [
        Figure(
            f"search on PostgreSQL, median of {len(timed)} queries ({scale:,} requests)",
            median, "ms", "the same queries on SQLite", statistics.median(on_sqlite),
            f"≤ {TARGET_MS:g} ms", median <= TARGET_MS,
        ),
        Figure(
            f"search on PostgreSQL, slowest query ({QUERIES[worst]})", timed[worst], "ms",
            "the same query on SQLite", on_sqlite[worst],
        ),
    ]  # fmt: skip


def _figures(ours: list[float], bare: list[float], plain: list[float], scale: int) -> list[Figure]:
    median, base = statistics.median(ours), statistics.median(bare)
    worst = max(range(len(ours)), key=ours.__getitem__)
    ratios = [o / b for o, b in zip(ours, bare, strict=True)]
    return [
        Figure(
            f"search, median of {len(ours)} queries ({scale:,} requests)", median, "ms",
            "bare FTS5 + snippets", base, f"≤ {TARGET_MS:g} ms, ≤ {TARGET_RATIO:g}×",
            median <= TARGET_MS and median / base <= TARGET_RATIO,
        ),
        Figure(
            "search, median of per-query ratios", statistics.median(ratios), "×",
            target=f"≤ {TARGET_RATIO:g}×", passed=statistics.median(ratios) <= TARGET_RATIO,
        ),
        Figure(
            f"search, slowest query ({QUERIES[worst]})", ours[worst], "ms",
            "bare FTS5 + snippets", bare[worst],
        ),
        Figure(
            "search, median vs bare FTS5 ranking only", median, "ms",
            "bare FTS5, no snippets", statistics.median(plain),
        ),
    ]  # fmt: skip
