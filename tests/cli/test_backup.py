"""``foidesk backup create | list | verify | restore`` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from foidesk.cli import main
from foidesk.core.backup.layout import staging_dir
from foidesk.core.profile import Profile


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_create_list_verify_restore(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile
) -> None:
    data = str(filled_profile.data_dir)
    code, out, _ = run(capsys, "backup", "create", "--data-dir", data)
    assert code == 0 and "backed up 3 requests" in out

    code, out, _ = run(capsys, "--data-dir", data, "backup", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed["backups"]) == 1
    path = listed["backups"][0]["path"]
    assert listed["backups"][0]["counts"]["requests"] == 3

    code, out, _ = run(capsys, "backup", "verify", path)
    assert code == 0 and out.startswith("ok: ")

    code, out, _ = run(capsys, "backup", "restore", path, "--yes", "--data-dir", data)
    assert code == 0
    assert "the previous profile is kept in" in out
    assert Path(path).is_file()  # the backups folder stayed with the profile


def test_create_to_a_chosen_folder_prints_json(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "backup", "create", "--to", str(tmp_path / "usb"), "--json",
        "--data-dir", str(filled_profile.data_dir),
    )  # fmt: skip
    document = json.loads(out)
    assert code == 0 and Path(document["path"]).parent == tmp_path / "usb"
    assert document["counts"]["files"] > 0 and document["rotated_out"] == []


def test_verify_lists_each_problem_and_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.foidesk-backup"
    bad.write_bytes(b"not a zip at all")
    code, out, _ = run(capsys, "backup", "verify", str(bad))
    assert code == 1
    assert out.splitlines()[0].startswith("problem: not a foidesk backup")
    code, out, _ = run(capsys, "backup", "verify", str(bad), "--json")
    assert code == 1 and json.loads(out)["problems"][0]["kind"] == "not-a-backup"


def test_a_missing_file_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "backup", "verify", str(tmp_path / "nope.foidesk-backup"))
    assert (code, out) == (1, "")
    assert err.startswith("foidesk: no such file") and len(err.splitlines()) == 1


def test_restore_without_yes_is_refused_when_no_one_can_answer(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    data = str(filled_profile.data_dir)
    run(capsys, "backup", "create", "--to", str(tmp_path), "--data-dir", data)
    [backup] = tmp_path.glob("*.foidesk-backup")
    code, _, err = run(capsys, "backup", "restore", str(backup), "--data-dir", data)
    assert code == 1 and "--yes" in err
    assert not list(tmp_path.glob("profile.before-restore-*"))


def test_a_refused_restore_is_one_line(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.foidesk-backup"
    bad.write_bytes(b"")
    code, _, err = run(
        capsys, "backup", "restore", str(bad), "--yes", "--data-dir", str(filled_profile.data_dir)
    )
    assert code == 1 and err == "foidesk: bad.foidesk-backup was refused: the file is empty\n"


def test_any_backup_command_finishes_an_interrupted_restore(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile
) -> None:
    half = staging_dir(filled_profile.data_dir, "20240410-093000")
    shutil.copytree(filled_profile.data_dir, half)
    code, _, err = run(capsys, "backup", "list", "--data-dir", str(filled_profile.data_dir))
    assert code == 0 and "removed the unfinished restore" in err
    assert not half.exists()
