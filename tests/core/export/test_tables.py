"""The archive as open data: tables that parse back with the documented columns."""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from export_fixtures import Thread

from foidesk.core.desk import Desk
from foidesk.core.export import TABLE_COLUMNS, ExportError, TableFormat

README = Path(__file__).parents[3] / "README.md"


def _read(path: Path, fmt: TableFormat) -> tuple[list[str], list[dict[str, object]]]:
    if fmt is TableFormat.CSV:
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            rows: list[dict[str, object]] = list(reader)
            return list(reader.fieldnames or []), rows
    rows = json.loads(path.read_text(encoding="utf-8"))
    return (list(rows[0]) if rows else []), rows


@pytest.mark.parametrize("fmt", list(TableFormat))
def test_tables_parse_back_with_their_columns(
    desk: Desk, thread: Thread, tmp_path: Path, fmt: TableFormat
) -> None:
    report = desk.export_tables(tmp_path / "open-data", fmt)
    assert report.rows == {"requests": 1, "messages": 6, "deadlines": 2, "status_history": 2}
    for name, columns in TABLE_COLUMNS.items():
        header, rows = _read(tmp_path / "open-data" / f"{name}.{fmt.value}", fmt)
        assert header == list(columns)
        assert len(rows) == report.rows[name]
    _, messages = _read(tmp_path / "open-data" / f"messages.{fmt.value}", fmt)
    for row in messages:
        datetime.fromisoformat(str(row["date"]))
    _, requests = _read(tmp_path / "open-data" / f"requests.{fmt.value}", fmt)
    assert date.fromisoformat(str(requests[0]["sent_on"])) == date(2024, 3, 22)


@pytest.mark.parametrize("fmt", list(TableFormat))
def test_deadlines_are_the_engines(
    desk: Desk, thread: Thread, tmp_path: Path, fmt: TableFormat
) -> None:
    desk.export_tables(tmp_path, fmt)
    _, rows = _read(tmp_path / f"deadlines.{fmt.value}", fmt)
    engine = desk.deadlines(thread.request_id)
    assert [r["kind"] for r in rows] == [d.kind.value for d in engine]
    for row, deadline in zip(rows, engine, strict=True):
        assert row["due"] == deadline.due.isoformat()
        assert row["state"] == deadline.state.value
    response = rows[0]
    assert response["state"] == "met"
    assert str(response["met"]).lower() == "true"
    assert response["met_on"] == "2024-04-19"
    assert str(response["late_by"]) == "0"


def test_a_late_answer_says_by_how_much(desk: Desk, tmp_path: Path) -> None:
    from foidesk.core.records import NewMessage, NewRequest

    request = desk.add_request(
        NewRequest(title="Late", authority="Leeds City Council", sent_on=date(2024, 1, 2))
    )
    desk.add_message(
        request.id,
        NewMessage(
            direction="incoming",
            kind="response",
            sent_at=datetime.fromisoformat("2024-02-12T10:00:00+00:00"),
        ),
    )
    desk.export_tables(tmp_path, TableFormat.JSON)
    rows = json.loads((tmp_path / "deadlines.json").read_text(encoding="utf-8"))
    response = next(r for r in rows if r["kind"] == "response")
    engine = next(d for d in desk.deadlines(request.id) if d.kind.value == "response")
    assert response["met"] is True and response["late_by"] == engine.late_by > 0


def test_existing_tables_are_not_replaced_unless_asked(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    folder = tmp_path / "open-data"
    folder.mkdir()
    (folder / "deadlines.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        desk.export_tables(folder, TableFormat.CSV)
    assert sorted(p.name for p in folder.iterdir()) == ["deadlines.csv"]
    assert (folder / "deadlines.csv").read_text(encoding="utf-8") == "mine"
    desk.export_tables(folder, TableFormat.CSV, overwrite=True)
    assert (folder / "deadlines.csv").read_text(encoding="utf-8").startswith("request_id,")


def test_every_column_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, columns in TABLE_COLUMNS.items():
        line = re.search(rf"^\| `{name}` \| (.+) \|$", readme, re.MULTILINE)
        assert line is not None, name
        assert re.findall(r"`([a-z_]+)`", line.group(1)) == list(columns)
