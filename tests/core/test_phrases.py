"""Sentences kept as a code and its arguments: English as text, the user's language when
shown, stored and read back whole, and text that is no code shown as it was stored."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import date

import pytest

from foidesk.core import i18n, phrases
from foidesk.core.deadlines.wording.holidays import day_name
from foidesk.core.importing import reasons
from foidesk.core.mail import parse_email_bytes
from foidesk.core.mail import wording as mail_wording
from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.extract import extract_bytes
from foidesk.core.search.sandbox import WorkerPool
from foidesk.core.search.states import TextState


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def test_a_phrase_is_its_english_and_shows_in_the_user_s_language(german: None) -> None:
    phrase = Phrase(notes.TEXT_CUT, count=1_000_000)
    assert phrase == "only the first 1,000,000 characters are searchable"
    assert phrase.shown() == "nur die ersten 1.000.000 Zeichen sind durchsuchbar"
    assert Phrase(notes.TEXT_CUT, count=1).shown() == "nur das erste 1 Zeichen ist durchsuchbar"
    assert phrases.shown("typed by someone") == "typed by someone"


def test_stored_and_read_back_a_phrase_keeps_its_code_and_arguments(german: None) -> None:
    inner = Phrase(mail_wording.NO_DATE)
    phrase = Phrase(reasons.IN_MESSAGE, number=3, note=inner)
    stored = phrases.encode(phrase)
    assert stored == (
        '{"arguments":{"note":{"arguments":{},"code":"mail.no-date"},"number":3},'
        '"code":"import.in-message"}'
    )
    back = phrases.decode(stored)
    assert isinstance(back, Phrase) and back.code == "import.in-message"
    assert back == "message 3: the message has no date"
    assert back.shown() == "Nachricht 3: die Nachricht hat kein Datum"
    assert phrase.as_json() == {
        "code": "import.in-message",
        "arguments": {"number": 3, "note": {"code": "mail.no-date", "arguments": {}}},
        "text": "message 3: the message has no date",
    }


@pytest.mark.parametrize(
    "stored",
    [
        "filed by a foidesk of long ago",
        '{"code": "filing.from-the-future", "arguments": {}}',
        '{"code": "filing.reference"',  # cut short
        '{"code": "filing.subject-reference", "arguments": {"reference": [1]}}',
        '{"code": "text.cut", "arguments": {"count": "many"}}',
        '{"code": "text.cut", "arguments": {}}',
    ],
)
def test_what_is_no_phrase_this_foidesk_knows_comes_back_as_stored(stored: str) -> None:
    back = phrases.decode(stored)
    assert back == stored and not isinstance(back, Phrase)
    assert phrases.as_json(back) == {"code": None, "arguments": {}, "text": stored}


def test_a_phrase_survives_pickling_as_worker_results_do() -> None:
    phrase = Phrase(notes.PDF_PAGES_CUT, shown=2000, count=2500)
    back = pickle.loads(pickle.dumps(phrase))
    assert isinstance(back, Phrase)
    assert (back.code, dict(back.arguments), str(back)) == (
        phrase.code,
        {"shown": 2000, "count": 2500},
        "only the first 2,000 of 2,500 pages are searchable",
    )


def test_an_extraction_failure_reads_in_german(german: None) -> None:
    result = extract_bytes(b"%PDF-1.4 truncated", "broken.pdf", "application/pdf")
    assert result.state is TextState.FAILED
    assert result.note == "the PDF is damaged or not a PDF"
    assert phrases.shown(result.note) == "das PDF ist beschädigt oder kein PDF"


def test_a_failure_from_a_sandboxed_worker_comes_back_as_a_phrase(german: None) -> None:
    with WorkerPool(extract_bytes, workers=1, timeout=30) as pool:
        [(_key, outcome)] = list(pool.run([("a", (b"", "empty.txt", "text/plain"))]))
    assert outcome.error is None
    assert isinstance(outcome.value.note, Phrase)
    assert outcome.value.note.shown() == "die Datei ist leer"


def test_a_mail_warning_and_charset_note_read_in_german(german: None) -> None:
    raw = b"From: a@example.org\r\nSubject: caf\xe9\r\n\r\nbody\r\n"
    message = parse_email_bytes(raw)
    assert "the message has no date" in message.warnings
    assert [phrases.shown(w) for w in message.warnings if w == "the message has no date"] == [
        "die Nachricht hat kein Datum"
    ]
    [note] = message.charset_notes
    assert isinstance(note, Phrase) and note.code == "charset.header-undeclared-8bit"
    assert phrases.shown(note).startswith("die Kopfzeile subject enthielt 8-Bit-Text")


def test_every_code_has_a_german_wording(german: None) -> None:
    """No code falls back to English in German: each code's sentence is one the German
    catalogue translates (the catalogue check sees the sentences, this the codes)."""
    for code in sorted(phrases.codes()):
        wording = phrases.wording(code)
        if wording.plural is not None:
            shown = wording.plural(2)
            with i18n.in_source_language():
                source = wording.plural(2)
        else:
            assert wording.sentence is not None
            source, shown = wording.sentence, i18n._(wording.sentence)
        assert shown != source or code == reasons.JOINED, code


def test_holidays_the_country_offers_in_german_are_named_in_german(german: None) -> None:
    assert day_name("Immaculate Conception", date(2025, 12, 8), "AT") == "Mariä Empfängnis"
    assert day_name("Christmas Day", date(2025, 12, 25), "GB") == "Erster Weihnachtstag"
    # the UK offers no German: its own names are the right ones
    assert day_name("May Day", date(2025, 5, 5), "GB") == "May Day"
    # a closure the user named is the user's words
    assert day_name("Office move", date(2025, 12, 8), "AT") == "Office move"


def test_holiday_names_in_english_are_unchanged() -> None:
    assert day_name("Immaculate Conception", date(2025, 12, 8), "AT") == "Immaculate Conception"
