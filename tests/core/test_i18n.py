"""Choosing the language: as gettext reads the environment, falling back to English."""

from __future__ import annotations

import pytest

from foidesk.core import i18n


@pytest.fixture
def german_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "available_languages", lambda: ("en", "de"))


@pytest.mark.usefixtures("german_available")
@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT.UTF-8@euro"}, "de"),
        ({"LANGUAGE": "fr:de", "LANG": "en_GB.UTF-8"}, "de"),
        ({"LANGUAGE": "fr", "LANG": "de_DE.UTF-8"}, "en"),  # the first variable set decides
        ({"LC_ALL": "de-CH", "LANG": "en_US"}, "de"),
        ({"LC_MESSAGES": "POSIX", "LANG": "de_DE"}, "en"),
    ],
)
def test_the_environment_chooses_as_gettext_reads_it(
    environ: dict[str, str], expected: str
) -> None:
    assert i18n.language_from_environment(environ) == expected


def test_the_source_language_translates_nothing() -> None:
    assert i18n.set_language("en") == "en"
    assert i18n._("Due") == "Due"
    assert i18n.ngettext("{n} working day", "{n} working days", 1) == "{n} working day"
    assert i18n.ngettext("{n} working day", "{n} working days", 3) == "{n} working days"


def test_an_unknown_language_falls_back_to_english() -> None:
    assert i18n.set_language("xx_YY") == "en"
    assert i18n.current_language() == "en"
