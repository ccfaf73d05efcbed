"""The command line speaks the environment's language; its JSON is the same in every one.

These run the installed ``foidesk`` entry point as a real process, with the language
given the way a user's shell gives it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from foidesk import __version__

FOIDESK = Path(sys.executable).with_name("foidesk")
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def foidesk(language: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env["LANGUAGE"] = language
    return subprocess.run([str(FOIDESK), *args], env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def sample_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile holding the example request (#1), with its deadlines and messages."""
    folder = tmp_path_factory.mktemp("languages") / "profile"
    loaded = foidesk("en", "sample", "--data-dir", str(folder))
    assert loaded.returncode == 0, loaded.stderr
    return folder


def test_the_entry_point_is_installed() -> None:
    assert FOIDESK.is_file()


def test_due_explains_itself_in_german() -> None:
    run = foidesk("de", "due", "--regime", "de-ifg", "--received", "2025-03-17")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode().splitlines()
    assert lines[0] == "Fristende: Do., 17. April 2025"
    assert lines[2].startswith("Ein Monat nach Eingang: Dieser Tag wird nicht mitgezählt")
    assert lines[2].endswith("(§7(5) IFG; BGB §§187(1), 188(2)-(3)).")
    assert lines[3] == "Eingang: Mo., 17. März 2025."
    assert lines[4] == "Fristende: Do., 17. April 2025."
    assert "Sie können sich jederzeit auch an die Bundesbeauftragte" in lines[-1]


def test_due_in_english_is_unchanged() -> None:
    run = foidesk("en", "due", "--regime", "de-ifg", "--received", "2025-03-17")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.decode().splitlines()
    assert lines[0] == "Due Thu 17 Apr 2025"
    assert lines[2] == (
        "One month after receipt: that day is not counted and the month ends on the "
        "same-numbered day of the next month (its last day if there is none) "
        "(§7(5) IFG; BGB §§187(1), 188(2)-(3))."
    )
    assert lines[3:5] == ["Received Mon 17 Mar 2025.", "Due Thu 17 Apr 2025."]


def test_skipped_holidays_and_weekends_are_named_in_german() -> None:
    run = foidesk("de", "due", "--regime", "uk-foia", "--received", "2024-03-20")
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode()
    assert "20 Arbeitstage nach Eingang (FOIA s.10(1))." in text
    assert "Übersprungen: Fr., 29. März 2024 (Karfreitag), Mo., 1. April 2024 (" in text
    assert " und 8 Wochenendtage." in text


def test_a_period_ending_on_a_holiday_runs_on_in_german() -> None:
    run = foidesk("de", "due", "--regime", "de-ifg", "--received", "2025-03-21")
    assert run.returncode == 0, run.stderr
    assert (
        "Die Frist endet am Mo., 21. April 2025, der kein Arbeitstag ist (Ostermontag), und "
        "läuft daher bis zum nächsten Arbeitstag, Di., 22. April 2025 (BGB §193)."
    ) in run.stdout.decode().splitlines()


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--regime", "de-ifg", "--received", "2025-03-15"),
        ("due", "--regime", "uk-foia", "--received", "2024-03-20"),
        ("regimes",),
        ("request", "list"),
        ("request", "show", "1"),
        ("calendar",),
        ("search", "information"),
        ("check",),
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_json_is_the_same_in_every_language(sample_profile: Path, args: tuple[str, ...]) -> None:
    profile = ("--data-dir", str(sample_profile)) if args[0] != "due" else ()
    german = foidesk("de", *args, *profile, "--json")
    english = foidesk("en", *args, *profile, "--json")
    assert german.returncode == english.returncode == 0, german.stderr
    assert german.stdout == english.stdout
    assert german.stdout.startswith((b"{", b"["))


def test_a_users_mistake_is_told_in_german(sample_profile: Path) -> None:
    run = foidesk("de", "request", "show", "99", "--data-dir", str(sample_profile))
    assert run.returncode == 1
    assert run.stderr.decode() == "foidesk: keine Anfrage mit der Nummer 99\n"
    english = foidesk("en", "request", "show", "99", "--data-dir", str(sample_profile))
    assert english.stderr.decode() == "foidesk: no request with id 99\n"


def test_usage_errors_and_help_are_german() -> None:
    missing = foidesk("de", "due")
    assert missing.returncode == 2
    assert "foidesk due: Fehler: diese Argumente fehlen: --regime, --received" in (
        missing.stderr.decode()
    )
    bad_date = foidesk("de", "due", "--regime", "de-ifg", "--received", "17.03.2025")
    assert "'17.03.2025' ist kein Datum (Format JJJJ-MM-TT)" in bad_date.stderr.decode()
    helped = foidesk("de", "due", "--help").stdout.decode()
    assert helped.startswith("Aufruf: foidesk due")
    assert re.search(r"-h, --help +diese Hilfe zeigen und beenden", helped)
    # argparse's placeholders are German too, in help and in its errors
    assert "--received EINGANG" in helped and "--region KÜRZEL" in helped
    wrong = foidesk("de", "event", "nonsense").stderr.decode()
    assert "Argument AKTION: ungültige Wahl: 'nonsense'" in wrong
    assert "wann ist eine Antwort fällig?" in foidesk("de", "--help").stdout.decode()


def test_request_show_speaks_german(sample_profile: Path) -> None:
    text = foidesk("de", "request", "show", "1", "--data-dir", str(sample_profile)).stdout
    lines = text.decode().splitlines()
    assert lines[2].startswith("  Status: ")
    assert any(line.startswith("  Antwort fällig: ") for line in lines)
    assert any(line.startswith("  [Anhang] ") and line.endswith(" Byte)") for line in lines)


def test_the_first_language_foidesk_has_is_chosen() -> None:
    run = foidesk("fr:de", "due", "--regime", "de-ifg", "--received", "2025-03-17")
    assert run.stdout.decode().startswith("Fristende: ")
    unknown = foidesk("fr", "due", "--regime", "de-ifg", "--received", "2025-03-17")
    assert unknown.stdout.decode().startswith("Due Thu 17 Apr 2025")


def test_version_loads_no_babel() -> None:
    code = (
        "import sys\n"
        "from foidesk.cli.dispatch import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.')))\n"
    )
    env = {**os.environ, "LANGUAGE": "de"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    version, loaded = run.stdout.splitlines()
    assert version.startswith("foidesk ")
    assert loaded == "[]"


def test_version_alone_imports_no_parser_and_no_command() -> None:
    code = (
        "import sys\n"
        "from foidesk.cli import main\n"
        "status = main(['--version'])\n"
        "loaded = [m for m in sys.modules if m in ('argparse', 'foidesk.cli.dispatch')]\n"
        "print(status, sorted(loaded))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    version, loaded = run.stdout.splitlines()
    assert version == f"foidesk {__version__}"
    assert loaded == "0 []"
