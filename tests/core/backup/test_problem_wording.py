"""A damaged backup's problems are whole sentences in the user's language: German for a
German user, the English unchanged, and the command line's JSON the same in both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from foidesk.core import i18n
from foidesk.core.backup import ProblemKind, verify_backup
from foidesk.core.backup.layout import MANIFEST

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

FOIDESK = Path(sys.executable).with_name("foidesk")
Members = list[tuple[zipfile.ZipInfo, bytes]]


def read_members(path: Path) -> Members:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_members(path: Path, members: Members) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            archive.writestr(info, data)
    return path


def with_manifest(members: Members, change: Callable[[dict[str, Any]], None]) -> Members:
    document = json.loads(next(d for i, d in members if i.filename == MANIFEST))
    change(document)
    data = json.dumps(document).encode()
    return [(i, data if i.filename == MANIFEST else d) for i, d in members]


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.fixture
def damaged(backup_file: Path, tmp_path: Path) -> tuple[Path, str]:
    """The backup with one attachment's bytes changed (same length, so only its digest
    tells)."""
    members = read_members(backup_file)
    attachment = next(i.filename for i, _ in members if i.filename.startswith("attachments/"))
    changed = [
        (info, bytes([data[0] ^ 0xFF]) + data[1:] if info.filename == attachment else data)
        for info, data in members
    ]
    return write_members(tmp_path / "damaged.foidesk-backup", changed), attachment


@pytest.fixture
def misstated(backup_file: Path, tmp_path: Path) -> tuple[Path, int]:
    """The backup with its README's size misstated in the manifest."""

    def misstate(manifest: dict[str, Any]) -> None:
        for entry in manifest["members"]:
            if entry["kind"] == "readme":
                entry["size"] += 1

    members = with_manifest(read_members(backup_file), misstate)
    size = next(len(data) for info, data in members if info.filename == "README.txt")
    return write_members(tmp_path / "misstated.foidesk-backup", members), size


def test_problems_read_in_german(
    damaged: tuple[Path, str], misstated: tuple[Path, int], german: None
) -> None:
    path, attachment = damaged
    [problem] = verify_backup(path).problems
    assert problem.kind is ProblemKind.DAMAGED
    assert problem.text == f"'{attachment}' stimmt nicht mit seiner SHA-256-Prüfsumme überein"
    path, size = misstated
    [problem] = verify_backup(path).problems
    assert problem.text == (
        f"'README.txt' ist im ZIP {size} Byte groß, laut Inhaltsverzeichnis aber {size + 1}"
    )


def test_problems_in_english_are_unchanged(
    damaged: tuple[Path, str], misstated: tuple[Path, int]
) -> None:
    path, attachment = damaged
    [problem] = verify_backup(path).problems
    assert problem.text == f"'{attachment}' does not match its SHA-256"
    path, size = misstated
    [problem] = verify_backup(path).problems
    assert problem.text == f"'README.txt' is {size} bytes in the ZIP but {size + 1} in the manifest"


def test_an_unsafe_member_is_one_sentence_in_german(
    backup_file: Path, tmp_path: Path, german: None
) -> None:
    members = read_members(backup_file)
    info = zipfile.ZipInfo("/etc/evil.txt")
    path = write_members(tmp_path / "unsafe.foidesk-backup", [*members, (info, b"x")])
    [problem] = verify_backup(path).problems
    assert problem.kind is ProblemKind.UNSAFE
    assert problem.text == "'/etc/evil.txt' hat einen absoluten Pfad"


def _verify(language: str, path: Path, *json_flag: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANGUAGE"] = language
    command = [str(FOIDESK), "backup", "verify", str(path), *json_flag]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_the_command_line_says_it_in_german_and_its_json_in_neither(
    damaged: tuple[Path, str],
) -> None:
    path, attachment = damaged
    german = _verify("de", path)
    assert german.returncode == 1
    assert f"Problem: '{attachment}' stimmt nicht mit seiner SHA-256-Prüfsumme überein" in (
        german.stdout.splitlines()
    )
    assert "NICHT IN ORDNUNG: 1 Problem in" in german.stdout
    assert " in the manifest" not in german.stdout and "does not" not in german.stdout
    in_german, in_english = _verify("de", path, "--json"), _verify("en", path, "--json")
    assert in_german.stdout == in_english.stdout
    texts = [p["text"] for p in json.loads(in_german.stdout)["problems"]]
    assert f"'{attachment}' does not match its SHA-256" in texts
