"""``foidesk next`` and ``foidesk letter``, through the real entry point."""

from __future__ import annotations

import json
import stat
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from foidesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A profile with one UK request sent long ago: its answer is overdue whatever today is."""
    folder = str(tmp_path / "profile")
    body = tmp_path / "body.txt"
    body.write_text("Please provide the 2019 budget.", encoding="utf-8")
    assert run(capsys, "--data-dir", folder, "authority", "add", "Leeds City Council",
               "--email", "foi@leeds.example.org")[0] == 0  # fmt: skip
    code, _out, _err = run(
        capsys, "--data-dir", folder, "request", "add", "--title", "Budget", "--authority",
        "Leeds City Council", "--sent", "2020-03-02", "--ref", "LCC-9", "--body-file", str(body),
    )  # fmt: skip
    assert code == 0
    return folder


def test_next_json_has_exactly_the_documented_fields_and_show_s_dates(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, _err = run(capsys, "next", "1", "--json", "--data-dir", data_dir)
    assert code == 0
    steps = json.loads(out)
    assert [s["kind"] for s in steps] == ["follow_up", "complaint", "withdraw"]
    assert all(set(s) == {"kind", "by", "why", "regulator"} for s in steps)
    shown = json.loads(run(capsys, "request", "show", "1", "--json", "--data-dir", data_dir)[1])
    response = next(d for d in shown["deadlines"] if d["kind"] == "response")
    assert steps[0]["by"] == response["date"] == "2020-03-31"
    assert "FOIA s.10(1)" in steps[0]["why"]
    ico = steps[1]["regulator"]
    assert ico["id"] == "ico" and ico["address"].endswith("SK9 5AF, United Kingdom")
    assert set(ico) == {"id", "name", "web", "form", "email", "address", "section", "include",
                        "source"}  # fmt: skip
    assert steps[2]["by"] is None and steps[2]["regulator"] is None


def test_next_in_words_and_in_german(
    capsys: pytest.CaptureFixture[str], data_dir: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _err = run(capsys, "next", "1", "--data-dir", data_dir)
    assert code == 0
    assert out.startswith("Chase the overdue reply: the answer was due Tue 31 Mar 2020")
    assert "Regulator: Information Commissioner's Office (ICO)" in out
    monkeypatch.setenv("LANGUAGE", "de")
    out = run(capsys, "next", "1", "--data-dir", data_dir)[1]
    assert out.startswith("An die überfällige Antwort erinnern: Die Antwort war fällig am")
    json_out = run(capsys, "next", "1", "--json", "--data-dir", data_dir)[1]
    assert json.loads(json_out)[0]["why"].startswith("The answer was due")  # never translated


def test_letter_out_writes_a_private_draft_addressed_to_the_authority(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out = tmp_path / "chase.eml"
    code, printed, _err = run(
        capsys, "letter", "1", "follow_up", "--out", str(out), "--json", "--data-dir", data_dir
    )
    assert code == 0
    letter = json.loads(printed)
    assert set(letter) == {"kind", "regime", "language", "to", "from", "subject", "body",
                           "template", "out"}  # fmt: skip
    assert letter["out"] == str(out) and letter["template"] == "ours"
    with out.open("rb") as stream:
        message = BytesParser(policy=policy.default).parse(stream)
    assert message["To"] == "foi@leeds.example.org" == letter["to"]
    assert message["Subject"] == "Overdue: Budget (your reference: LCC-9)"
    assert message["X-Unsent"] == "1"
    body = message.get_content()
    assert "> Please provide the 2019 budget." in body and "(FOIA s.10(1))" in body
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    code, _out, err = run(capsys, "letter", "1", "follow_up", "--out", str(out),
                          "--data-dir", data_dir)  # fmt: skip
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    assert run(capsys, "letter", "1", "follow_up", "--out", str(out), "--force",
               "--data-dir", data_dir)[0] == 0  # fmt: skip


def test_letter_prints_to_subject_and_body(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    code, out, _err = run(capsys, "letter", "1", "request", "--data-dir", data_dir)
    assert code == 0
    assert out.startswith("To: foi@leeds.example.org\nSubject: Freedom of information request")
    assert "Please provide the 2019 budget." in out


def test_user_templates_edit_show_and_reset(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.txt"
    mine.write_text("Subject: Still waiting: $title\n\nPlease answer.\n$requester\n", "utf-8")
    base = ("letter", "template", "uk-foia", "follow_up", "--data-dir", data_dir)
    code, out, _err = run(capsys, *base, "--edit-from", str(mine))
    assert code == 0 and "saved" in out
    shown = json.loads(run(capsys, *base, "--json")[1])
    assert shown["custom"] is True and shown["text"].startswith("Subject: Still waiting")
    letter = json.loads(run(capsys, "letter", "1", "follow_up", "--json", "--data-dir",
                            data_dir)[1])  # fmt: skip
    assert letter["subject"] == "Still waiting: Budget" and letter["template"] == "yours"
    assert run(capsys, *base, "--reset")[0] == 0
    shown = json.loads(run(capsys, *base, "--json")[1])
    assert shown["custom"] is False and shown["text"].startswith("Subject: Overdue:")


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (("letter", "1", "poem"), "unknown letter kind 'poem'"),
        (("letter", "9", "request"), "request"),
        (("letter", "x", "request"), "'x' is not a request id"),
        (("letter", "template", "mars-foi", "request"), "unknown law 'mars-foi'"),
        (("letter", "template", "uk-foia"), "use `foidesk letter template"),
        (("letter", "1", "complaint", "--reset"), "use `foidesk letter ID KIND"),
        (("next", "9"), "request"),
    ],
)
def test_mistakes_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], data_dir: str, argv: tuple[str, ...], error: str
) -> None:
    code, out, err = run(capsys, *argv, "--data-dir", data_dir)
    assert code == 1 and out == ""
    assert err.startswith("foidesk: ") and error in err and err.count("\n") == 1
