"""The SQLite FTS5 objects behind search: three index tables kept current by triggers.

SQLite only — this is the swappable spot DESIGN.md allows; a PostgreSQL
profile will bring its own full-text search behind the same ``SearchIndex``.

Why *external-content* tables (``content=...``): the text already lives in
``request``, ``message`` and ``attachment_text``; an external-content index
stores only the inverted index, not a second copy of every body, yet still
gives ``snippet()`` and ``highlight()`` (contentless tables cannot, and
SQLite 3.40 has no ``contentless_delete``). The price is that the index must
be told old values on every change — which the triggers below do in the same
transaction as the change, so a rolled-back write leaves no trace in it.
``foidesk check`` compares index and content (FTS5 ``integrity-check``);
``foidesk search --reindex`` rebuilds them.

One index per source table (rather than one over a union) keeps each index's
rowid equal to its row's primary key: joins for filters and snippets are
primary-key lookups.

Attachments are indexed through the view ``attachment_document`` so that every
attachment is found by its file name, and by its words once they are read.

The statements are versioned (``V1``): migration 0003 creates ``V1``; a later
change adds ``V2`` and a migration, never edits ``V1``. Alembic *batch*
migrations rebuild a table under a temporary name, which drops its triggers
and trips over the view: a future batch migration of ``request``, ``message``
or ``attachment`` must run ``DROP_V1`` first and ``CREATE_V1`` + ``REBUILD``
after.
"""

from __future__ import annotations

from typing import Final

REQUEST_FTS: Final = "request_fts"
MESSAGE_FTS: Final = "message_fts"
ATTACHMENT_FTS: Final = "attachment_fts"
FTS_TABLES: Final = (REQUEST_FTS, MESSAGE_FTS, ATTACHMENT_FTS)
ATTACHMENT_VIEW: Final = "attachment_document"
#: FTS5 keeps each index in these ordinary tables, named after the index.
SHADOW_SUFFIXES: Final = ("_data", "_idx", "_docsize", "_config", "_content")
#: Case and diacritics folded ("departement" finds "Département"); no
#: stemming: with Porter, "consultancy" is indexed as "consult", so the prefix
#: query "consultan*" could never find it, and quoted phrases stop being exact.
#: Word variants are found with a prefix: "record*".
TOKENIZE: Final = "unicode61 remove_diacritics 2"

_REQUEST_NEW = "VALUES (new.id, new.title, new.body, new.notes)"
_REQUEST_OLD = "VALUES ('delete', old.id, old.title, old.body, old.notes)"
_MESSAGE_NEW = "VALUES (new.id, new.subject, new.body_text)"
_MESSAGE_OLD = "VALUES ('delete', old.id, old.subject, old.body_text)"


def _insert(table: str, columns: str, values: str) -> str:
    return f"INSERT INTO {table}(rowid, {columns}) {values};"


def _delete(table: str, columns: str, values: str) -> str:
    """External-content FTS5 forgets a row only when told the values it indexed."""
    return f"INSERT INTO {table}({table}, rowid, {columns}) {values};"


_R, _M, _A = "title, body, notes", "subject, body_text", "filename, text"


def _unindex_attachment(rowid: str, filename: str, text: str) -> str:
    return _delete(ATTACHMENT_FTS, _A, f"VALUES ('delete', {rowid}, {filename}, {text})")


def _index_attachment(rowid: str, filename: str, text: str) -> str:
    return _insert(ATTACHMENT_FTS, _A, f"VALUES ({rowid}, {filename}, {text})")


def _filename_of(rowid: str) -> str:
    return f"(SELECT filename FROM attachment WHERE id = {rowid})"


def _text_of(rowid: str) -> str:
    return f"coalesce((SELECT text FROM attachment_text WHERE attachment_id = {rowid}), '')"


_NEW_ID, _OLD_ID = "new.attachment_id", "old.attachment_id"

CREATE_V1: Final[tuple[str, ...]] = (
    f"""CREATE VIEW {ATTACHMENT_VIEW} AS
        SELECT a.id AS attachment_id, a.filename AS filename, coalesce(t.text, '') AS text
        FROM attachment a LEFT JOIN attachment_text t ON t.attachment_id = a.id""",
    f"""CREATE VIRTUAL TABLE {REQUEST_FTS} USING fts5(title, body, notes,
        content='request', content_rowid='id', tokenize='{TOKENIZE}')""",
    f"""CREATE VIRTUAL TABLE {MESSAGE_FTS} USING fts5(subject, body_text,
        content='message', content_rowid='id', tokenize='{TOKENIZE}')""",
    f"""CREATE VIRTUAL TABLE {ATTACHMENT_FTS} USING fts5(filename, text,
        content='{ATTACHMENT_VIEW}', content_rowid='attachment_id', tokenize='{TOKENIZE}')""",
    # Ranking: a word in a title or subject counts for more than one in a body.
    f"INSERT INTO {REQUEST_FTS}({REQUEST_FTS}, rank) VALUES ('rank', 'bm25(4.0, 1.0, 1.0)')",
    f"INSERT INTO {MESSAGE_FTS}({MESSAGE_FTS}, rank) VALUES ('rank', 'bm25(3.0, 1.0)')",
    f"INSERT INTO {ATTACHMENT_FTS}({ATTACHMENT_FTS}, rank) VALUES ('rank', 'bm25(2.0, 1.0)')",
    f"""CREATE TRIGGER request_fts_insert AFTER INSERT ON request BEGIN
        {_insert(REQUEST_FTS, _R, _REQUEST_NEW)} END""",
    f"""CREATE TRIGGER request_fts_delete AFTER DELETE ON request BEGIN
        {_delete(REQUEST_FTS, _R, _REQUEST_OLD)} END""",
    f"""CREATE TRIGGER request_fts_update AFTER UPDATE OF title, body, notes ON request BEGIN
        {_delete(REQUEST_FTS, _R, _REQUEST_OLD)} {_insert(REQUEST_FTS, _R, _REQUEST_NEW)} END""",
    f"""CREATE TRIGGER message_fts_insert AFTER INSERT ON message BEGIN
        {_insert(MESSAGE_FTS, _M, _MESSAGE_NEW)} END""",
    f"""CREATE TRIGGER message_fts_delete AFTER DELETE ON message BEGIN
        {_delete(MESSAGE_FTS, _M, _MESSAGE_OLD)} END""",
    f"""CREATE TRIGGER message_fts_update AFTER UPDATE OF subject, body_text ON message BEGIN
        {_delete(MESSAGE_FTS, _M, _MESSAGE_OLD)} {_insert(MESSAGE_FTS, _M, _MESSAGE_NEW)} END""",
    # A new attachment is found by name at once; its words follow when read.
    f"""CREATE TRIGGER attachment_fts_insert AFTER INSERT ON attachment BEGIN
        {_index_attachment("new.id", "new.filename", "''")} END""",
    # BEFORE: the text row is still there to say what was indexed; the
    # cascade then deletes it, and its own trigger sees no attachment left.
    f"""CREATE TRIGGER attachment_fts_delete BEFORE DELETE ON attachment BEGIN
        {_unindex_attachment("old.id", "old.filename", _text_of("old.id"))} END""",
    f"""CREATE TRIGGER attachment_fts_rename AFTER UPDATE OF filename ON attachment BEGIN
        {_unindex_attachment("old.id", "old.filename", _text_of("old.id"))}
        {_index_attachment("new.id", "new.filename", _text_of("new.id"))} END""",
    f"""CREATE TRIGGER attachment_text_fts_insert AFTER INSERT ON attachment_text BEGIN
        {_unindex_attachment(_NEW_ID, _filename_of(_NEW_ID), "''")}
        {_index_attachment(_NEW_ID, _filename_of(_NEW_ID), "new.text")} END""",
    f"""CREATE TRIGGER attachment_text_fts_update AFTER UPDATE OF text ON attachment_text BEGIN
        {_unindex_attachment(_OLD_ID, _filename_of(_OLD_ID), "old.text")}
        {_index_attachment(_NEW_ID, _filename_of(_NEW_ID), "new.text")} END""",
    f"""CREATE TRIGGER attachment_text_fts_delete AFTER DELETE ON attachment_text
        WHEN EXISTS (SELECT 1 FROM attachment WHERE id = old.attachment_id) BEGIN
        {_unindex_attachment(_OLD_ID, _filename_of(_OLD_ID), "old.text")}
        {_index_attachment(_OLD_ID, _filename_of(_OLD_ID), "''")} END""",
)

TRIGGERS_V1: Final = (
    "request_fts_insert",
    "request_fts_delete",
    "request_fts_update",
    "message_fts_insert",
    "message_fts_delete",
    "message_fts_update",
    "attachment_fts_insert",
    "attachment_fts_delete",
    "attachment_fts_rename",
    "attachment_text_fts_insert",
    "attachment_text_fts_update",
    "attachment_text_fts_delete",
)

DROP_V1: Final[tuple[str, ...]] = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS_V1),
    *(f"DROP TABLE IF EXISTS {table}" for table in FTS_TABLES),
    f"DROP VIEW IF EXISTS {ATTACHMENT_VIEW}",
)

#: Re-read every source row into the indexes (after creating them, or to repair drift).
REBUILD: Final[tuple[str, ...]] = tuple(
    f"INSERT INTO {table}({table}) VALUES ('rebuild')" for table in FTS_TABLES
)


def is_index_table(name: str) -> bool:
    """True for the FTS5 tables and their shadow tables (which no ORM class maps)."""
    return any(name == t or name in {t + s for s in SHADOW_SUFFIXES} for t in FTS_TABLES)
