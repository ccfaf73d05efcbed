"""Migration 0011: the English sentences earlier versions stored become codes, every row
is kept, and a sentence it does not know stays as it was."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest

from foidesk.core import i18n, phrases
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile
from foidesk.core.storage import database as db

#: Writes an older SQLite file by hand and upgrades it (with its safety copy).
pytestmark = pytest.mark.sqlite_only

MIGRATION = (
    Path(db.__file__).parent / "migrations" / "versions" / "0011_phrase_codes.py"
)  # fmt: skip
DIGEST = "ab" * 32
CHARSET_NOTES = "\n".join(
    [
        "text with no declared character set was decoded as GB18030",
        "unknown character set 'x-mac-klingon'; text decoded as windows-1252",
        "a sentence no version of foidesk wrote",
    ]
)
TEXT_ERRORS = {
    1: "only the first 1,000,000 characters are searchable",
    2: "the PDF is damaged or not a PDF",
    3: "ZeroDivisionError: division by zero",
}


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def _at_0008_with_english(profile: Profile) -> Path:
    profile.data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(profile.database_url)
    try:
        db.upgrade(profile, engine, target="0008")
    finally:
        engine.dispose()
    path = profile.sqlite_path
    assert path is not None
    now = "2024-05-02 10:00:00"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO authority (id, name, default_regime, is_school, notes, created_at) "
            "VALUES (1, 'Home Office', 'uk-foia', 0, '', ?)",
            (now,),
        )
        conn.execute(
            "INSERT INTO request (id, title, authority_id, regime, body, status, notes, "
            "created_at, updated_at, last_activity_at) VALUES (7, 'Visa data', 1, 'uk-foia', "
            "'', 'waiting_response', '', ?, ?, ?)",
            (now, now, now),
        )
        reasons = {
            10: "the subject names the reference FOI2024/01234",
            11: "the sender foi@homeoffice.gov.uk belongs to Home Office, which has one "
            "open request",
            12: "filed here by hand, in words of its own",
        }
        for message_id, reason in reasons.items():
            conn.execute(
                "INSERT INTO message (id, request_id, direction, kind, sort_at, from_addr, "
                'to_addrs, cc_addrs, subject, body_text, "references", filed_by, '
                "created_at, charset_notes) VALUES (?, 7, 'incoming', 'response', ?, '', '', "
                "'', 'Reply', '', '', ?, ?, ?)",
                (message_id, now, reason, now, CHARSET_NOTES if message_id == 10 else ""),
            )
        conn.execute("INSERT INTO blob (sha256, size, created_at) VALUES (?, 3, ?)", (DIGEST, now))
        for attachment_id, note in TEXT_ERRORS.items():
            conn.execute(
                "INSERT INTO attachment (id, message_id, position, filename, media_type, size, "
                "sha256, text_state, text_error) VALUES (?, 10, ?, ?, 'application/pdf', 3, ?, "
                "'failed', ?)",
                (attachment_id, attachment_id, f"file{attachment_id}.pdf", DIGEST, note),
            )
    return path


def _raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def test_upgrade_codes_the_english_and_keeps_every_row(profile: Profile) -> None:
    path = _at_0008_with_english(profile)

    with Desk.open(profile) as desk:
        assert db.current_revision(desk.db.engine) == db.head_revision() == db.SCHEMA_HEAD
        detail = desk.get_request(7)

    filed = dict(_raw(path, "SELECT id, filed_by FROM message ORDER BY id"))
    assert filed == {
        10: '{"arguments":{"reference":"FOI2024/01234"},"code":"filing.subject-reference"}',
        11: '{"arguments":{"address":"foi@homeoffice.gov.uk","authority":"Home Office"},'
        '"code":"filing.sender-authority"}',
        12: "filed here by hand, in words of its own",  # not recognised: kept as stored
    }
    [(notes,)] = _raw(path, "SELECT charset_notes FROM message WHERE id = 10")
    assert str(notes).split("\n") == [
        '{"arguments":{"used":"GB18030"},"code":"charset.undeclared"}',
        '{"arguments":{"label":"x-mac-klingon","used":"windows-1252"},"code":"charset.unknown"}',
        "a sentence no version of foidesk wrote",
    ]
    errors = dict(_raw(path, "SELECT id, text_error FROM attachment ORDER BY id"))
    assert errors == {
        1: '{"arguments":{"count":1000000},"code":"text.cut"}',
        2: '{"arguments":{},"code":"text.pdf-damaged"}',
        3: "ZeroDivisionError: division by zero",
    }
    # read back, each is the sentence it was: nothing a user saw is lost
    [message, *_] = detail.messages
    assert "\n".join(message.charset_notes) == CHARSET_NOTES
    assert message.filed_by == "the subject names the reference FOI2024/01234"
    assert isinstance(message.filed_by, phrases.Phrase)


def test_a_migrated_charset_note_is_shown_in_german(profile: Profile, german: None) -> None:
    _at_0008_with_english(profile)
    with Desk.open(profile) as desk:
        [message, *_] = desk.get_request(7).messages
    assert [phrases.shown(n) for n in message.charset_notes] == [
        "Text ohne angegebenen Zeichensatz wurde als GB18030 gelesen",
        "unbekannter Zeichensatz „x-mac-klingon“; Text als windows-1252 gelesen",
        "a sentence no version of foidesk wrote",  # unknown: shown as stored
    ]
    assert phrases.shown(message.filed_by) == ("der Betreff nennt das Aktenzeichen FOI2024/01234")


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0011", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_stores_what_the_phrases_store_and_downgrades_to_the_english() -> None:
    migration = _migration()
    tables = (migration.CHARSET_NOTES, migration.FILING_REASONS, migration.TEXT_NOTES)
    for table in tables:
        recognisers = migration._recognisers(table)
        for code, english in table:
            arguments: dict[str, str | int] = {
                name: 7 if number else "x" for name, number in migration._FIELD.findall(english)
            }
            sentence = migration._FIELD.sub(lambda m, a=arguments: str(a[m.group(1)]), english)
            stored = migration.coded(sentence, recognisers)
            assert stored == phrases.Phrase(code, **arguments).stored(), code
            assert migration.english(stored, table) == sentence
    assert {code for table in tables for code, _ in table} <= phrases.codes()


def test_upgrading_twice_changes_nothing_more() -> None:
    """Salvage cannot tell 0011 from 0008 by the schema and may run it again."""
    migration = _migration()
    text = migration._recognisers(migration.TEXT_NOTES)
    once = migration.coded("the PDF is damaged or not a PDF", text)
    assert migration.coded(once, text) == once
