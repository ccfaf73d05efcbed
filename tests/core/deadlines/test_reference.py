"""docs/deadlines.md is the rules' reference: it and `foidesk regimes` say the same."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import foidesk
from foidesk.cli import main
from foidesk.core.deadlines import REGIMES, ClockEventKind, DeadlineKind
from foidesk.core.deadlines.summary import regime_summaries

ROOT = Path(foidesk.__file__).resolve().parent.parent
REFERENCE = (ROOT / "docs" / "deadlines.md").read_text(encoding="utf-8")


def _documented_table() -> list[list[str]]:
    block = REFERENCE.split("<!-- regimes-table")[1].split("<!-- end regimes-table -->")[0]
    rows = [line for line in block.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_the_reference_table_is_the_programs_table() -> None:
    expected = [[f"`{s.id}`", s.name, s.response, s.source, s.calendar] for s in regime_summaries()]
    assert _documented_table() == expected


def test_foidesk_regimes_prints_the_same_rows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regimes"]) == 0
    printed = capsys.readouterr().out
    for summary in regime_summaries():
        assert f"response: {summary.response} ({summary.source})" in printed
        assert f"calendar: {summary.calendar}" in printed
    assert main(["regimes", "--json"]) == 0
    listed = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(listed) == set(REGIMES)
    assert listed["au-foi"]["calendar"] == next(
        s.calendar for s in regime_summaries() if s.id == "au-foi"
    )


def test_every_law_has_its_section_and_every_kind_and_event_is_documented() -> None:
    for regime_id in set(REGIMES) - {"custom"}:
        assert re.search(rf"^### .*`{regime_id}`", REFERENCE, re.MULTILINE), regime_id
    for kind in DeadlineKind:
        assert f"| `{kind.value}` |" in REFERENCE, kind
    for event in (ClockEventKind.NO_APPEAL_NOTICE, ClockEventKind.COURT_ACTION):
        assert f"`{event.value}`" in REFERENCE


def test_the_readme_lists_every_law_and_points_to_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Deadlines")[1].split("\n## ")[0]
    for regime_id in REGIMES:
        assert f"`{regime_id}`" in section, regime_id
    assert "docs/deadlines.md" in section
