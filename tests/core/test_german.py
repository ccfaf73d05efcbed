"""The core in German: plural forms, dates and numbers, states, errors; English as it was."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core import i18n, quantities
from foidesk.core.deadlines import calculate
from foidesk.core.deadlines.deadline import Deadline, DeadlineKind, DeadlineState
from foidesk.core.deadlines.explanation import Explanation
from foidesk.core.deadlines.periods import PeriodUnit
from foidesk.core.deadlines.wording import units
from foidesk.core.desk import Desk
from foidesk.core.errors import NotFoundError
from foidesk.core.locale_format import format_day, format_month, format_number
from foidesk.core.records import StatusGroup
from foidesk.core.vocabulary import RequestStatus


@pytest.fixture
def german() -> None:
    assert i18n.set_language("de") == "de"


def test_german_is_available_and_chosen_from_the_environment() -> None:
    assert "de" in i18n.available_languages()
    assert i18n.language_from_environment({"LANG": "de_AT.UTF-8"}) == "de"


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "1 working day", "3 working days"),
        ("de", "1 Arbeitstag", "3 Arbeitstage"),
    ],
)
def test_working_days_have_their_plural_forms(language: str, one: str, three: str) -> None:
    i18n.set_language(language)
    assert units.working_days(1) == one
    assert units.working_days(3) == three


@pytest.mark.usefixtures("german")
def test_every_count_has_german_plural_forms() -> None:
    assert [units.days(1), units.days(2)] == ["1 Tag", "2 Tage"]
    assert [units.months(1), units.months(3)] == ["1 Monat", "3 Monate"]
    assert [units.weekend_days(1), units.weekend_days(4)] == ["1 Wochenendtag", "4 Wochenendtage"]
    assert quantities.holdings(1, 2, 1) == "1 Anfrage, 2 Nachrichten, 1 gespeicherte Datei"


def test_english_counts_read_as_before() -> None:
    assert quantities.holdings(1, 2, 1234) == "1 request, 2 messages, 1234 stored files"
    assert units.calendar_days(1) == "1 calendar day"


def test_dates_and_numbers_follow_the_language() -> None:
    day = date(2025, 3, 17)
    assert (format_day(day), format_month(day)) == ("Mon 17 Mar 2025", "March 2025")
    assert format_number(1234.5, 1) == "1,234.5"
    i18n.set_language("de")
    assert (format_day(day), format_month(day)) == ("Mo., 17. März 2025", "März 2025")
    assert format_number(1234.5, 1) == "1.234,5"


def _deadline(state: DeadlineState, days_left: int | None, late_by: int | None = None) -> Deadline:
    explanation = Explanation("20 working days after receipt", "", date(2024, 3, 1), (), (), ())
    return Deadline(
        DeadlineKind.RESPONSE,
        date(2024, 3, 29),
        state,
        days_left,
        explanation,
        DeadlineKind.RESPONSE.label,
        late_by=late_by,
        unit=PeriodUnit.WORKING_DAYS,
    )


def test_standings_in_german() -> None:
    english = [
        _deadline(DeadlineState.UPCOMING, 1).status_text(),
        _deadline(DeadlineState.OVERDUE, -3).status_text(),
        _deadline(DeadlineState.MET, None, 2).status_text(),
    ]
    assert english == ["1 working day left", "3 working days overdue", "met 2 working days late"]
    i18n.set_language("de")
    assert DeadlineKind.RESPONSE.label == "Antwort fällig"
    assert _deadline(DeadlineState.UPCOMING, 1).status_text() == "noch 1 Arbeitstag"
    assert _deadline(DeadlineState.OVERDUE, -3).status_text() == "3 Arbeitstage überfällig"
    assert _deadline(DeadlineState.MET, None, 2).status_text() == "2 Arbeitstage zu spät"
    assert _deadline(DeadlineState.DUE_TODAY, 0).status_text() == "heute fällig"


def test_status_labels_use_the_words_german_requesters_know() -> None:
    assert RequestStatus.WAITING_RESPONSE.label == "Awaiting response"
    i18n.set_language("de")
    assert RequestStatus.WAITING_RESPONSE.label == "Warte auf Antwort"
    assert RequestStatus.PARTIALLY_SUCCESSFUL.label == "Anfrage teilweise erfolgreich"
    assert RequestStatus.NOT_HELD.label == "Information nicht vorhanden"
    assert StatusGroup.ALL.label == "Alle Anfragen"
    assert StatusGroup.NEEDS_ACTION.label == "Handlungsbedarf"


@pytest.mark.usefixtures("german")
def test_a_german_explanation_reads_in_german() -> None:
    result = calculate("eu-1049", date(2024, 3, 20))
    lines = result.explanation.text().splitlines()
    assert lines[0] == "15 Arbeitstage nach Eingang (Regulation 1049/2001 Art 7(1))."
    assert lines[1] == "Eingang: Mi., 20. März 2024; Tag 1 = Do., 21. März 2024."
    assert lines[2].startswith("Übersprungen: Do., 28. März 2024 (")
    assert "(Gründonnerstag), Fr., 29. März 2024 (Karfreitag)" in lines[2]
    assert lines[2].endswith(" und 8 Wochenendtage.")
    assert lines[3] == f"Fristende: {format_day(result.due)}."


@pytest.mark.usefixtures("german")
def test_a_user_error_is_worded_in_german(desk: Desk) -> None:
    with pytest.raises(NotFoundError, match=r"^keine Anfrage mit der Nummer 42$"):
        desk.get_request(42)


def test_the_source_language_is_spoken_for_machine_output() -> None:
    i18n.set_language("de")
    with i18n.in_source_language():
        assert units.working_days(3) == "3 working days"
        assert format_day(date(2025, 3, 17)) == "Mon 17 Mar 2025"
    assert units.working_days(3) == "3 Arbeitstage"


def test_the_source_language_is_spoken_by_one_thread_only() -> None:
    import threading

    i18n.set_language("de")
    inside, outside = threading.Event(), threading.Event()
    seen: list[str] = []

    def worker() -> None:
        with i18n.in_source_language():
            seen.append(units.working_days(2))
            inside.set()
            outside.wait(5)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    seen.append(units.working_days(2))  # this thread, while the worker speaks English
    outside.set()
    thread.join(5)
    assert seen == ["2 working days", "2 Arbeitstage"]
