"""The region and the new stages as the faces see them: Desk, `foidesk due`, `request show`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from foidesk.cli import main
from foidesk.core.deadlines import DeadlineKind
from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError
from foidesk.core.records import NewRequest

DUE_FIELDS = {
    "regime",
    "received",
    "due",
    "extended_due",
    "skipped",
    "weekend_days_skipped",
    "explanation",
}
DEADLINE_FIELDS = {
    "kind",
    "date",
    "state",
    "label",
    "days_left",
    "late_by",
    "status",
    "explanation",
}


def test_due_region_picks_the_state_and_keeps_every_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Received Fri 9 Feb 2018: Mon 12 Mar in Sydney, Tue 13 Mar in Canberra (see test_regions).
    args = ["due", "--regime", "au-foi", "--received", "2018-02-09", "--json"]
    assert main([*args, "--region", "au-nsw"]) == 0
    sydney = json.loads(capsys.readouterr().out)
    assert set(sydney) >= DUE_FIELDS
    assert (sydney["due"], sydney["region"]) == ("2018-03-12", "AU-NSW")
    assert main(args) == 0
    default = json.loads(capsys.readouterr().out)
    assert (default["due"], default["region"]) == ("2018-03-13", "AU-ACT")
    assert {"date": "2018-03-12", "name": "Canberra Day"} in default["skipped"]


def test_due_refuses_a_region_outside_the_law_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        main(["due", "--regime", "au-foi", "--received", "2018-02-09", "--region", "GB-SCT"]) == 1
    )
    err = capsys.readouterr().err
    expected = "region GB-SCT is not in AU, where au-foi applies; use a code that starts with AU-"
    assert err == f"foidesk: {expected}\n"
    assert main(["due", "--regime", "de-ifg", "--received", "2025-03-15", "--region", "DE-XX"]) == 1
    assert "unknown subdivision 'XX' for DE" in capsys.readouterr().err


def test_authority_add_stores_the_region(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = ["--data-dir", str(tmp_path / "p")]
    add = ["authority", "add", "NSW Police Force", "--regime", "au-foi", "--region", "au-nsw"]
    assert main([*add, "--json", *data_dir]) == 0
    assert json.loads(capsys.readouterr().out)["region"] == "AU-NSW"
    assert main(["authority", "list", *data_dir]) == 0
    assert "[au-foi AU-NSW]" in capsys.readouterr().out
    bad = ["authority", "add", "Somewhere", "--region", "Narnia", *data_dir]
    assert main(bad) == 1
    assert capsys.readouterr().err.startswith("foidesk: 'Narnia' is not a region code")


def test_a_stored_authoritys_region_decides_its_requests_deadlines(desk: Desk) -> None:
    desk.add_authority("NSW Police Force", regime="au-foi", region="AU-NSW")
    desk.add_authority("Department of Finance", regime="au-foi")
    sydney = desk.add_request(
        NewRequest(title="Logs", authority="NSW Police Force", sent_on=date(2018, 2, 9))
    )
    canberra = desk.add_request(
        NewRequest(title="Logs", authority="Department of Finance", sent_on=date(2018, 2, 9))
    )
    assert desk.deadlines(sydney.id)[0].due == date(2018, 3, 12)
    assert desk.deadlines(canberra.id)[0].due == date(2018, 3, 13)
    with pytest.raises(InvalidInputError, match="unknown subdivision"):
        desk.add_authority("Nowhere", region="AU-ZZ")


def test_request_show_exposes_new_stages_in_the_same_shape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # An IFG request of Mon 3 Feb 2025, answered Mon 3 Mar; objection Mon 10 Mar, unanswered:
    # the action for failure to act opens Tue 10 Jun 2025 (VwGO §75; see test_never_answers).
    data_dir = ["--data-dir", str(tmp_path / "p")]
    request = ["request", "add", "--title", "Akten", "--authority", "BMI", "--sent", "2025-02-03"]
    assert main([*request, "--regime", "de-ifg", *data_dir]) == 0
    capsys.readouterr()
    event = ["event", "add", "1", "response", "--on", "2025-03-03", "--json", *data_dir]
    assert main(event) == 0
    objection = json.loads(capsys.readouterr().out)["deadlines"]
    window = next(d for d in objection if d["kind"] == "review_request_window")
    assert (window["date"], set(window)) == ("2025-04-03", DEADLINE_FIELDS)
    assert main(["event", "add", "1", "review_requested", "--on", "2025-03-10", *data_dir]) == 0
    capsys.readouterr()
    assert main(["request", "show", "1", "--json", *data_dir]) == 0
    shown = json.loads(capsys.readouterr().out)
    by_kind = {d["kind"]: d for d in shown["deadlines"]}
    assert all(set(d) == DEADLINE_FIELDS for d in shown["deadlines"])
    action = by_kind[DeadlineKind.FAILURE_TO_ACT_ACTION.value]
    assert action["date"] == "2025-06-10"
    assert action["label"] == "Court action for failure to act possible"
    assert "VwGO §75" in action["explanation"]
