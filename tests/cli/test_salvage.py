"""``foidesk salvage`` from the command line: asks first, prints the counts or one JSON
document, says what to do when the check still fails, and never shows a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from salvage_damage import Damaged, damaged_copy, overwrite_page, pages_of, sha256_file

from foidesk.cli import main as cli
from foidesk.core.salvage.copy import SHELL_ENV, Shell


@pytest.fixture
def damaged(template: Path, tmp_path: Path) -> Damaged:
    page = pages_of(template / "foidesk.sqlite3", "message", "leaf")[7][0]
    return damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real program, in its own process, with no terminal on its input."""
    return subprocess.run(
        [sys.executable, "-m", "foidesk", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        check=False,
    )


def test_salvage_json_is_one_document_with_paths_counts_and_the_check(
    damaged: Damaged, shell_env: Shell, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = damaged.profile.data_dir
    assert cli(["salvage", "--yes", "--json", "--data-dir", str(folder)]) == 0
    document = json.loads(capsys.readouterr().out)

    assert document["ok"] is True and document["check_ok"] is True
    assert Path(document["database"]) == folder / "foidesk.sqlite3"
    assert sha256_file(Path(document["damaged_copy"])) == damaged.damaged_sha256
    counts = {c["what"]: c for c in document["counts"]}
    assert counts["requests"] == {"what": "requests", "recovered": 12, "before": 12}
    assert counts["messages"]["before"] == damaged.before.counts.messages
    assert counts["messages"]["recovered"] >= damaged.before.counts.messages - 6
    assert document["shell"] == str(shell_env.path)
    assert cli(["check", "--data-dir", str(folder)]) == 0


def test_salvage_prints_what_came_back_and_where_the_damaged_file_is(
    damaged: Damaged, shell_env: Shell, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["salvage", "--yes", "--data-dir", str(damaged.profile.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "salvaged" in out and f"SQLite {shell_env.version_text}'s recovery" in out
    assert "requests             12 of 12" in out
    assert "the damaged database is kept as" in out and out.rstrip().endswith("check: ok")


def test_without_a_terminal_salvage_needs_yes(damaged: Damaged, shell_env: Shell) -> None:
    done = run("salvage", "--data-dir", str(damaged.profile.data_dir))
    assert done.returncode == 1
    assert done.stderr.startswith("foidesk: salvage replaces the profile's database; use --yes")
    assert sha256_file(damaged.database) == damaged.damaged_sha256
    assert "Traceback" not in done.stdout + done.stderr


def test_without_a_shell_the_command_says_how_to_get_one(
    damaged: Damaged,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No shell beside foidesk's Python and none on PATH (run in this process, where
    the first of the two can be taken away)."""
    from foidesk.cli.dispatch import main
    from foidesk.core.salvage import copy as salvage_copy

    monkeypatch.delenv(SHELL_ENV, raising=False)
    monkeypatch.setattr(salvage_copy, "_shells_beside_python_and_on_path", list)
    code = main(["salvage", "--yes", "--data-dir", str(damaged.profile.data_dir)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("foidesk: salvage needs SQLite's command-line shell")
    assert "Traceback" not in out + err
    assert sha256_file(damaged.database) == damaged.damaged_sha256


def test_a_salvage_whose_check_still_fails_keeps_the_salvaged_database_and_says_what_next(
    damaged: Damaged, shell_env: Shell, tmp_path: Path
) -> None:
    """A stored file gone from the store as well: nothing can bring it back."""
    lost_file = next(p for p in damaged.profile.attachments_dir.glob("??/??/*"))
    lost_file.unlink()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), SHELL_ENV: str(shell_env.path)}

    done = run("salvage", "--yes", "--data-dir", str(damaged.profile.data_dir), env=env)

    assert done.returncode == 1, done.stderr
    assert "check: PROBLEMS FOUND" in done.stdout
    assert f"missing stored file {lost_file.name}" in done.stdout
    assert "the salvaged database is in place" in done.stderr
    assert "foidesk backup restore FILE" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    kept = next(damaged.profile.data_dir.glob("foidesk.sqlite3.damaged-????????-??????"))
    assert sha256_file(kept) == damaged.damaged_sha256
