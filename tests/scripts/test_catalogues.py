"""The catalogue check: the project's own catalogues pass it, and it catches each way a
catalogue goes wrong (on a small project of its own, so the real files stay as they are)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "catalogues.py"

SOURCE = """
from foidesk.core.i18n import _, ngettext

def due(day: str, count: int) -> str:
    # Translators: {day} is a date written out in full.
    first = _("Due {day}.").format(day=day)
    return first + ngettext("{count} working day", "{count} working days", count).format(
        count=count
    )

def share(part: int) -> str:
    return _("%(part)d%% read") % {"part": part}
"""
GERMAN = {
    "Due {day}.": "Fällig am {day}.",
    "%(part)d%% read": "%(part)d %% gelesen",
    ("{count} working day", "{count} working days"): ("{count} Arbeitstag", "{count} Arbeitstage"),
}


@pytest.fixture(scope="module")
def catalogues() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path, catalogues: ModuleType) -> Path:
    """A project with one source file and a complete German catalogue."""
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    (tmp_path / "foidesk").mkdir()
    (tmp_path / "foidesk" / "words.py").write_text(SOURCE, encoding="utf-8")
    catalogues.update(tmp_path)
    catalogues.init(tmp_path, "de")
    edit_po(tmp_path, lambda catalog: translate(catalog, GERMAN))
    catalogues.update(tmp_path)
    return tmp_path


def po_file(root: Path) -> Path:
    return root / "foidesk" / "locale" / "de" / "LC_MESSAGES" / "foidesk.po"


def edit_po(root: Path, change: object) -> None:
    path = po_file(root)
    with path.open("rb") as file:
        catalog = read_po(file)
    change(catalog)  # type: ignore[operator]
    with path.open("wb") as file:
        write_po(file, catalog, sort_by_file=True, include_lineno=False)


def translate(catalog: object, words: dict[object, object]) -> None:
    for message in catalog:  # type: ignore[attr-defined]
        if message.id:
            key = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
            message.string = words[key]


def test_the_project_catalogues_pass_the_check(catalogues: ModuleType) -> None:
    assert catalogues.check(ROOT) == []


def test_the_check_runs_as_a_command_and_fails_with_a_list(project: Path) -> None:
    ok = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(project), "check"], capture_output=True
    )
    assert ok.returncode == 0, ok.stderr
    (project / "foidesk" / "more.py").write_text('_("New words")\n', encoding="utf-8")
    stale = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(project), "check"],
        capture_output=True,
        text=True,
    )
    assert stale.returncode == 1
    assert "foidesk.pot is not a fresh extraction" in stale.stderr


def test_a_complete_catalogue_passes(project: Path, catalogues: ModuleType) -> None:
    assert catalogues.check(project) == []
    assert (
        "Translators: {day} is a date" not in (project / "foidesk/locale/foidesk.pot").read_text()
    )
    assert "#. {day} is a date written out in full." in po_file(project).read_text()


def test_a_fuzzy_entry_fails(project: Path, catalogues: ModuleType) -> None:
    def make_fuzzy(catalog: object) -> None:
        catalog["Due {day}."].flags.add("fuzzy")  # type: ignore[index]

    edit_po(project, make_fuzzy)
    catalogues.update(project)
    assert catalogues.check(project) == [
        "foidesk/locale/de/LC_MESSAGES/foidesk.po: 'Due {day}.' is fuzzy: "
        "check the translation and remove the fuzzy flag"
    ]


def test_an_untranslated_plural_form_fails(project: Path, catalogues: ModuleType) -> None:
    edit_po(project, lambda c: translate(c, {**GERMAN, **{tuple(GERMAN)[2]: ("{count} Tag", "")}}))
    catalogues.update(project)
    assert catalogues.check(project) == [
        "foidesk/locale/de/LC_MESSAGES/foidesk.po: '{count} working day' is not translated"
    ]


@pytest.mark.parametrize(
    ("key", "wrong"),
    [
        ("Due {day}.", "Fällig am {date}."),
        ("%(part)d%% read", "%(teil)d %% gelesen"),
        (("{count} working day", "{count} working days"), ("{count} Arbeitstag", "Arbeitstage")),
    ],
)
def test_a_placeholder_mismatch_fails(
    project: Path, catalogues: ModuleType, key: object, wrong: object
) -> None:
    edit_po(project, lambda catalog: translate(catalog, {**GERMAN, key: wrong}))
    catalogues.update(project)
    problems = catalogues.check(project)
    assert len(problems) == 1
    assert "has placeholders in translation" in problems[0]


def test_a_stale_extraction_fails(project: Path, catalogues: ModuleType) -> None:
    source = project / "foidesk" / "words.py"
    source.write_text(SOURCE.replace("Due {day}.", "Due on {day}."), encoding="utf-8")
    problems = catalogues.check(project)
    assert problems[0] == (
        "foidesk/locale/foidesk.pot is not a fresh extraction of the sources: run `make catalogues`"
    )
    catalogues.update(project)  # the changed sentence becomes a fuzzy guess for review
    assert any("'Due on {day}.' is fuzzy" in p for p in catalogues.check(project))


def test_a_stale_compiled_catalogue_fails(project: Path, catalogues: ModuleType) -> None:
    edit_po(project, lambda catalog: translate(catalog, {**GERMAN, "Due {day}.": "Frist: {day}."}))
    assert catalogues.check(project) == [
        "foidesk/locale/de/LC_MESSAGES/foidesk.mo is not compiled from its .po: "
        "run `make catalogues`"
    ]


def test_an_update_that_changes_nothing_rewrites_nothing(
    project: Path, catalogues: ModuleType
) -> None:
    assert catalogues.update(project) == []
