"""``foidesk export``, through the real entry point."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from export_fixtures import OWN_ADDRESS, Thread, pdf_text, squashed, thread  # noqa: F401

from foidesk.cli import main
from foidesk.core.desk import Desk
from foidesk.core.export import TABLE_COLUMNS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(desk: Desk, thread: Thread) -> str:  # noqa: F811
    """The fixture request's profile, closed so that each command opens it itself."""
    folder = str(desk.profile.data_dir)
    desk.close()
    return folder


def test_export_writes_a_bundle_and_reports_it(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.zip"
    code, stdout, stderr = run(capsys, "export", "1", "--out", str(out), "--data-dir", data_dir)
    assert code == 0, stderr
    assert stdout.startswith(f"Wrote {out} (")
    assert "6 messages, 2 original emails, 10 attachments" in stdout
    with zipfile.ZipFile(out) as bundle:
        assert bundle.testzip() is None
        assert "manifest.json" in bundle.namelist()


def test_export_json_names_every_member(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.zip"
    code, stdout, _ = run(
        capsys, "--data-dir", data_dir, "export", "1", "--out", str(out), "--json"
    )
    assert code == 0
    report = json.loads(stdout)
    assert set(report) == {
        "path",
        "request_id",
        "size",
        "redacted",
        "messages",
        "originals",
        "attachments",
        "members",
    }
    assert report["size"] == out.stat().st_size
    with zipfile.ZipFile(out) as bundle:
        assert [m["name"] for m in report["members"]] == bundle.namelist()


def test_redact_and_chosen_words(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out = tmp_path / "redacted.zip"
    code, stdout, _ = run(
        capsys,
        *("--data-dir", data_dir, "export", "1", "--out", str(out)),
        *("--redact", "--redact-word", "Pensions"),
    )
    assert code == 0
    assert "redacted; originals and attachments left out" in stdout
    with zipfile.ZipFile(out) as bundle:
        assert bundle.namelist() == ["correspondence.pdf", "manifest.json"]
        text = squashed(pdf_text(bundle.read("correspondence.pdf"))).casefold()
    assert OWN_ADDRESS not in text and "pensions" not in text


def test_all_as_csv_writes_the_documented_tables(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    folder = tmp_path / "open-data"
    code, stdout, _ = run(
        capsys, "--data-dir", data_dir, "export", "--all", "--format", "csv", "--out", str(folder)
    )
    assert code == 0
    assert stdout.splitlines()[0] == f"Wrote 4 tables to {folder}:"
    for name, columns in TABLE_COLUMNS.items():
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
            assert next(csv.reader(stream)) == list(columns)
    code, stdout, _ = run(
        capsys,
        "--data-dir",
        data_dir,
        "export",
        "--all",
        "--format",
        "json",
        "--out",
        str(folder),
        "--json",
    )
    assert code == 0
    assert json.loads(stdout)["rows"]["messages"] == 6


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["export", "--out", "x.zip"], "give a request id, or --all for the whole archive"),
        (
            ["export", "1", "--all", "--out", "x"],
            "give a request id, or --all for the whole archive",
        ),
        (["export", "--all", "--redact", "--out", "x"], "--redact is for a request's bundle"),
        (["export", "99", "--out", "x.zip"], "no request with id 99"),
        (["export", "1", "--out", "missing/x.zip"], "does not exist"),
    ],
)
def test_mistakes_are_one_line(
    capsys: pytest.CaptureFixture[str],
    data_dir: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    error: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(capsys, "--data-dir", data_dir, *argv)
    assert code == 1
    assert stdout == ""
    assert stderr.startswith("foidesk: ") and error in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not any(tmp_path.glob("*.zip"))


def test_an_existing_file_needs_force(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.zip"
    out.write_bytes(b"mine")
    code, _, stderr = run(capsys, "--data-dir", data_dir, "export", "1", "--out", str(out))
    assert code == 1 and "already exists" in stderr
    assert out.read_bytes() == b"mine"
    code, _, _ = run(capsys, "--data-dir", data_dir, "export", "1", "--out", str(out), "--force")
    assert code == 0 and zipfile.is_zipfile(out)
