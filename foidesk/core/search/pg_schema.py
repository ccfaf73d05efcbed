"""The PostgreSQL objects behind search: one ``tsvector`` table per source, kept by triggers.

PostgreSQL only — the other half of the swappable spot DESIGN.md allows (SQLite's is
``fts5_schema.py``). It indexes exactly what FTS5 indexes, so a search finds the same
rows on both engines: a request's title, text and notes; a message's subject and body;
an attachment's file name and the words read from it.

Why tables of their own (``request_search``, ``message_search``, ``attachment_search``:
the row's id and its ``document``) rather than ``tsvector`` columns on the rows: the
source tables stay exactly as ``tables.py`` describes them, so nothing that copies or
checks rows (backups, moving a profile, the ORM) meets a column it does not know, and a
row's index entry leaves with it by ``ON DELETE CASCADE``. Each entry's key is its row's
primary key, so joins for filters and snippets are primary-key lookups.

The triggers are ``AFTER`` triggers on the source rows and write the entry in the same
transaction as the change: a rolled-back write leaves no trace in the index.

Words: the text search configuration ``foidesk_search`` is ``simple`` (case folded, no
stemming and no stop words — "consultan*" finds "consultancy", quoted phrases stay
exact, names are kept as typed, and it works the same for every language an archive
mixes) with ``unaccent`` in front of it for words with letters beyond ASCII
("departement" finds "Département"), as SQLite's ``remove_diacritics`` does. Before
parsing, ASCII punctuation becomes a space (``search_words``): PostgreSQL's parser
would otherwise read ``annex.pdf`` as one host name and ``foi@leeds.gov.uk`` as one
address, where FTS5 (and the user) sees the words ``annex`` and ``leeds``.

A ``tsvector`` holds at most 1 MB; an attachment's text may hold up to a million
characters of numbers that would not fit. ``search_vector`` then indexes the longest
leading part that fits, so a write never fails for its size. Word positions past
16,383 are counted as 16,383 by PostgreSQL: a phrase deep in a very long attachment
may then match words that are not next to each other (the words themselves are exact).

The statements are versioned (``V1``): migration 0014 creates ``V1``; a later change
adds ``V2`` and a migration, never edits ``V1``.
"""

from __future__ import annotations

from typing import Final

CONFIG: Final = "foidesk_search"
REQUEST_SEARCH: Final = "request_search"
MESSAGE_SEARCH: Final = "message_search"
ATTACHMENT_SEARCH: Final = "attachment_search"
#: Each index table, with the table and key column it mirrors.
SEARCH_TABLES: Final = {
    REQUEST_SEARCH: ("request", "request_id"),
    MESSAGE_SEARCH: ("message", "message_id"),
    ATTACHMENT_SEARCH: ("attachment", "attachment_id"),
}
#: The ASCII punctuation ``search_words`` turns into spaces (Python's copy: ``pg_words``).
PUNCTUATION: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
#: Word kinds whose letters may carry accents (ASCII-only kinds need no unaccent).
_ACCENTED_KINDS = "word, hword, hword_part, numword, numhword, hword_numpart"

FUNCTIONS_V1: Final = (
    "search_words",
    "search_vector",
    "request_search_document",
    "message_search_document",
    "attachment_search_document",
    "request_search_sync",
    "message_search_sync",
    "attachment_search_sync",
    "attachment_text_search_sync",
)
TRIGGERS_V1: Final = {  # trigger: table it is on
    "request_search_sync": "request",
    "message_search_sync": "message",
    "attachment_search_sync": "attachment",
    "attachment_text_search_sync": "attachment_text",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_CONFIG_V1 = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)",
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {_ACCENTED_KINDS} "
    "WITH unaccent, simple",
)

_WORDS_V1 = f"""CREATE FUNCTION search_words(source text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT translate(coalesce(source, ''), {_literal(PUNCTUATION)},
                        {_literal(" " * len(PUNCTUATION))}) $$"""

# A tsvector over 1 MB is refused (program_limit_exceeded): keep halving the text.
# Text this short cannot reach it (each character adds at most 8 bytes), so it is
# indexed without the exception block, which costs a sub-transaction per call.
_ALWAYS_FITS = 100_000
_VECTOR_V1 = f"""CREATE FUNCTION search_vector(source text, weight "char") RETURNS tsvector
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    part text := search_words(source);
BEGIN
    IF length(part) <= {_ALWAYS_FITS} THEN  -- no sub-transaction for the usual text
        RETURN setweight(to_tsvector('{CONFIG}', part), weight);
    END IF;
    LOOP
        BEGIN
            RETURN setweight(to_tsvector('{CONFIG}', part), weight);
        EXCEPTION WHEN program_limit_exceeded THEN
            part := left(part, length(part) / 2);
        END;
    END LOOP;
END $$"""

# Ranking: a word in a title or subject counts for more than one in a body (as FTS5's
# bm25 weights do): A for titles and subjects, B for file names, D for texts.
_DOCUMENTS_V1 = (
    """CREATE FUNCTION request_search_document(title text, body text, notes text)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT search_vector(title, 'A') || search_vector(body, 'D') || search_vector(notes, 'D')
    $$""",
    """CREATE FUNCTION message_search_document(subject text, body text)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT search_vector(subject, 'A') || search_vector(body, 'D') $$""",
    """CREATE FUNCTION attachment_search_document(filename text, words text)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT search_vector(filename, 'B') || search_vector(words, 'D') $$""",
)


def _upsert(table: str, key: str, value: str, document: str) -> str:
    return (
        f"INSERT INTO {table} ({key}, document) VALUES ({value}, {document}) "
        f"ON CONFLICT ({key}) DO UPDATE SET document = EXCLUDED.document;"
    )


def _sync_function(name: str, body: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {body}
    RETURN NULL;
END $$"""


_ATTACHMENT_WORDS = "(SELECT t.text FROM attachment_text t WHERE t.attachment_id = {id})"


def _index_attachment(id_: str) -> str:
    """The entry made again from the attachment's name and text, if the attachment is
    still there (a cascade from its deletion removes the entry itself)."""
    document = f"attachment_search_document(a.filename, {_ATTACHMENT_WORDS.format(id=id_)})"
    return (
        f"INSERT INTO {ATTACHMENT_SEARCH} (attachment_id, document) "
        f"SELECT a.id, {document} FROM attachment a WHERE a.id = {id_} "
        "ON CONFLICT (attachment_id) DO UPDATE SET document = EXCLUDED.document;"
    )


_SYNC_V1 = (
    _sync_function(
        "request_search_sync",
        _upsert(
            REQUEST_SEARCH,
            "request_id",
            "NEW.id",
            "request_search_document(NEW.title, NEW.body, NEW.notes)",
        ),
    ),
    _sync_function(
        "message_search_sync",
        _upsert(
            MESSAGE_SEARCH,
            "message_id",
            "NEW.id",
            "message_search_document(NEW.subject, NEW.body_text)",
        ),
    ),
    _sync_function("attachment_search_sync", _index_attachment("NEW.id")),
    _sync_function(
        "attachment_text_search_sync",
        "IF TG_OP = 'DELETE' THEN "
        + _index_attachment("OLD.attachment_id")
        + " ELSE "
        + _index_attachment("NEW.attachment_id")
        + " END IF;",
    ),
)

_TRIGGERS_SQL_V1 = (
    """CREATE TRIGGER request_search_sync AFTER INSERT OR UPDATE OF title, body, notes
    ON request FOR EACH ROW EXECUTE FUNCTION request_search_sync()""",
    """CREATE TRIGGER message_search_sync AFTER INSERT OR UPDATE OF subject, body_text
    ON message FOR EACH ROW EXECUTE FUNCTION message_search_sync()""",
    """CREATE TRIGGER attachment_search_sync AFTER INSERT OR UPDATE OF filename
    ON attachment FOR EACH ROW EXECUTE FUNCTION attachment_search_sync()""",
    """CREATE TRIGGER attachment_text_search_sync AFTER INSERT OR UPDATE OF text OR DELETE
    ON attachment_text FOR EACH ROW EXECUTE FUNCTION attachment_text_search_sync()""",
)


def _table(name: str, source: str, key: str) -> tuple[str, str]:
    return (
        f"""CREATE TABLE {name} (
        {key} integer PRIMARY KEY REFERENCES {source} (id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
        f"CREATE INDEX ix_{name}_document ON {name} USING gin (document)",
    )


_TABLES_V1 = tuple(
    statement
    for name, (source, key) in SEARCH_TABLES.items()
    for statement in _table(name, source, key)
)

#: Everything search needs, in the order it must be made (tables before triggers).
CREATE_V1: Final[tuple[str, ...]] = (
    *_CONFIG_V1,
    _WORDS_V1,
    _VECTOR_V1,
    *_DOCUMENTS_V1,
    *_TABLES_V1,
    *_SYNC_V1,
    *_TRIGGERS_SQL_V1,
)

#: Everything but the ``unaccent`` extension, which other users of the database may use.
DROP_V1: Final[tuple[str, ...]] = (
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in TRIGGERS_V1.items()),
    *(f"DROP TABLE IF EXISTS {name}" for name in SEARCH_TABLES),
    *(f"DROP FUNCTION IF EXISTS {name}" for name in reversed(FUNCTIONS_V1)),
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
)

#: Every entry made again from the rows (after creating the tables, or to repair drift).
REBUILD: Final[tuple[str, ...]] = (
    *(f"DELETE FROM {name}" for name in SEARCH_TABLES),
    f"""INSERT INTO {REQUEST_SEARCH} (request_id, document)
        SELECT id, request_search_document(title, body, notes) FROM request""",
    f"""INSERT INTO {MESSAGE_SEARCH} (message_id, document)
        SELECT id, message_search_document(subject, body_text) FROM message""",
    f"""INSERT INTO {ATTACHMENT_SEARCH} (attachment_id, document)
        SELECT a.id, attachment_search_document(a.filename, t.text)
        FROM attachment a LEFT JOIN attachment_text t ON t.attachment_id = a.id""",
    # Statistics for the new entries, or the planner may read every entry instead of
    # asking the GIN index (a member who does not own the tables gets a warning only).
    f"ANALYZE {', '.join(SEARCH_TABLES)}",
)

#: Each index table's entries that disagree with their row (or whose row has none).
DRIFT_V1: Final = {
    REQUEST_SEARCH: f"""SELECT count(*) FROM request r LEFT JOIN {REQUEST_SEARCH} s
        ON s.request_id = r.id
        WHERE s.document IS DISTINCT FROM request_search_document(r.title, r.body, r.notes)""",
    MESSAGE_SEARCH: f"""SELECT count(*) FROM message m LEFT JOIN {MESSAGE_SEARCH} s
        ON s.message_id = m.id
        WHERE s.document IS DISTINCT FROM message_search_document(m.subject, m.body_text)""",
    ATTACHMENT_SEARCH: f"""SELECT count(*) FROM attachment a
        LEFT JOIN attachment_text t ON t.attachment_id = a.id
        LEFT JOIN {ATTACHMENT_SEARCH} s ON s.attachment_id = a.id
        WHERE s.document IS DISTINCT FROM attachment_search_document(a.filename, t.text)""",
}


def pg_words(text: str) -> str:
    """Python's ``search_words``: the same text with ASCII punctuation as spaces."""
    return text.translate(_AS_SPACES)


_AS_SPACES = str.maketrans(PUNCTUATION, " " * len(PUNCTUATION))
