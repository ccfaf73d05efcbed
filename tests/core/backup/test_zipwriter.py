"""The ZIP writer: what it writes, ``zipfile`` and ``unzip`` read back exactly — ZIP64
records included, which are exercised here by lowering the 2 GB limit rather than by
writing gigabytes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from foidesk.core.backup import zipwriter
from foidesk.core.backup.reader import MemberReader
from foidesk.core.backup.syncer import BackgroundSync, GrowingFile
from foidesk.core.backup.zipwriter import ZipWriter

MOMENT = datetime(2024, 4, 10, 9, 30, 16, tzinfo=UTC)
TEXT = b"Dear Requester, thank you for your request for information.\n" * 40_000
RANDOM = os.urandom(2_500_000)


def chunked(data: bytes, size: int = 1 << 20) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def write_zip(path: Path, members: dict[str, bytes], *, force_zip64: bool = False) -> None:
    with path.open("xb") as raw:
        writer = ZipWriter(raw, force_zip64=force_zip64)
        for name, data in members.items():
            compress = not name.endswith(".bin")
            writer.add(name, chunked(data), len(data), MOMENT, compress=compress)
        writer.close()


MEMBERS = {
    "foidesk.sqlite3": TEXT,
    "attachments/ab/cd/random.bin": RANDOM,
    "empty.txt": b"",
    "README.txt": b"short",
    "déjà vu.txt": b"non-ASCII names are flagged as UTF-8",
}


def assert_reads_back(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as archive, MemberReader(path) as reader:
        assert archive.testzip() is None
        assert archive.namelist() == list(members)
        for name, data in members.items():
            info = archive.getinfo(name)
            assert archive.read(name) == data
            assert b"".join(reader.chunks(info)) == data
            assert stat.S_ISREG(info.external_attr >> 16)
            assert info.date_time == MOMENT.astimezone().timetuple()[:6]


def assert_unzip_accepts(path: Path) -> None:
    if shutil.which("unzip") is None:
        pytest.fail("the unzip tool is needed (apt-get install unzip)")
    result = subprocess.run(["unzip", "-tq", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_members_read_back_exactly_with_zipfile_our_reader_and_unzip(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    write_zip(path, MEMBERS)
    assert_reads_back(path, MEMBERS)
    assert_unzip_accepts(path)
    with zipfile.ZipFile(path) as archive:
        methods = {i.filename: i.compress_type for i in archive.infolist()}
        assert archive.getinfo("foidesk.sqlite3").compress_size < len(TEXT) // 5
    assert methods["attachments/ab/cd/random.bin"] == zipfile.ZIP_STORED
    assert methods["foidesk.sqlite3"] == zipfile.ZIP_DEFLATED


def test_forced_zip64_records_read_back(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    write_zip(path, MEMBERS, force_zip64=True)
    assert_reads_back(path, MEMBERS)
    assert_unzip_accepts(path)


def test_sizes_and_offsets_past_the_limit_switch_to_zip64(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limit at 1 MB, the random member is 'large' and later offsets are too."""
    monkeypatch.setattr(zipwriter, "ZIP64_LIMIT", 1_000_000)
    path = tmp_path / "a.zip"
    write_zip(path, MEMBERS)
    assert_reads_back(path, MEMBERS)
    assert_unzip_accepts(path)
    tail = path.read_bytes()[-200:]
    assert b"PK\x06\x06" in tail and b"PK\x06\x07" in tail  # the ZIP64 end records
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            large = max(info.file_size, info.compress_size, info.header_offset) > 1_000_000
            assert info.extra.startswith(b"\x01\x00") == large, info.filename


def test_more_members_than_a_16_bit_count_holds(tmp_path: Path) -> None:
    members = {f"m{n}": b"" for n in range(70_000)}
    path = tmp_path / "a.zip"
    write_zip(path, members)
    with zipfile.ZipFile(path) as archive:
        assert len(archive.infolist()) == 70_000


def test_a_member_growing_past_the_limit_it_was_sized_for_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zipwriter, "ZIP64_LIMIT", 1_000_000)
    with (tmp_path / "a.zip").open("xb") as raw:
        writer = ZipWriter(raw)
        with pytest.raises(ValueError, match="grew"):
            writer.add("x.bin", chunked(RANDOM), 10, MOMENT, compress=False)


def test_the_returned_entry_is_what_the_directory_says(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with path.open("xb") as raw:
        writer = ZipWriter(raw)
        returned = [
            writer.add(name, chunked(data), len(data), MOMENT, compress=True)
            for name, data in MEMBERS.items()
        ]
        writer.close()
    with zipfile.ZipFile(path) as archive:
        for mine, theirs in zip(returned, archive.infolist(), strict=True):
            fields = ("header_offset", "compress_size", "file_size", "CRC", "compress_type")
            assert [getattr(mine, f) for f in fields] == [getattr(theirs, f) for f in fields]


def test_a_growing_file_is_synced_as_it_grows_one_sync_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr("foidesk.core.backup.syncer.fsync_file", synced.append)
    path = tmp_path / "growing"
    path.write_bytes(b"")
    with BackgroundSync(1) as syncer:
        growing = GrowingFile(syncer, path, every=100)
        growing.grew_to(99)
        syncer.wait()
        assert synced == []
        growing.grew_to(100)
        syncer.wait()
        growing.grew_to(150)
        syncer.wait()
        assert synced == [path]
        growing.grew_to(200)
        syncer.wait()
    assert synced == [path, path]
