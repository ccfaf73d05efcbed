"""The summary at the end of a backup: what listing and rotation read instead of the
manifest, never trusted beyond what the manifest says."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from foidesk.core.backup import catalog, list_backups, read_manifest_only, verify_backup
from foidesk.core.backup.summary import Summary, read_summary

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only


def test_a_new_backup_ends_with_its_summary(backup_file: Path) -> None:
    manifest = read_manifest_only(backup_file)
    assert manifest is not None
    assert read_summary(backup_file) == Summary.of(manifest)
    with zipfile.ZipFile(backup_file) as archive:
        assert archive.comment.startswith(b'{"format": "foidesk-backup"')
    if shutil.which("unzip"):
        shown = subprocess.run(["unzip", "-z", str(backup_file)], capture_output=True, text=True)
        assert '"requests": 3' in shown.stdout


def test_listing_reads_the_summary_not_the_manifest(
    backup_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_manifest(path: Path) -> None:
        raise AssertionError("the manifest was read")

    monkeypatch.setattr(catalog, "read_manifest_only", no_manifest)
    [entry] = list_backups(backup_file.parent)
    assert entry.counts is not None and entry.counts.requests == 3


def test_a_backup_without_a_summary_is_listed_from_its_manifest(
    backup_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "older"
    folder.mkdir()
    older = folder / backup_file.name
    shutil.copyfile(backup_file, older)
    with zipfile.ZipFile(older, "a") as archive:
        archive.comment = b""  # as backups were before the summary
    assert read_summary(older) is None
    [entry] = list_backups(folder)
    assert entry.counts is not None and entry.counts.requests == 3
    assert verify_backup(older).ok


def test_a_summary_that_disagrees_with_the_manifest_is_refused(
    backup_file: Path, tmp_path: Path
) -> None:
    doctored = tmp_path / backup_file.name
    shutil.copyfile(backup_file, doctored)
    with zipfile.ZipFile(doctored, "a") as archive:
        archive.comment = archive.comment.replace(b'"requests": 3', b'"requests": 300')
    summary = read_summary(doctored)
    assert summary is not None and summary.counts.requests == 300
    report = verify_backup(doctored)
    assert [p.text for p in report.problems] == [
        "the summary at the end of the file differs from the manifest"
    ]


def test_a_comment_that_is_not_a_summary_is_ignored(backup_file: Path, tmp_path: Path) -> None:
    other = tmp_path / backup_file.name
    shutil.copyfile(backup_file, other)
    with zipfile.ZipFile(other, "a") as archive:
        archive.comment = b"made on the office scanner"
    assert read_summary(other) is None
    assert verify_backup(other).ok
