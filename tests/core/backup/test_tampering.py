"""A corpus of doctored backups: each is refused by verify and by restore, with a clear
reason, and a refused restore leaves the profile (and the folder around it) untouched."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import stat
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from foidesk.core.backup import (
    BackupDamagedError,
    BackupError,
    BackupTooNewError,
    NotABackupError,
    NotEnoughSpaceError,
    ProblemKind,
    UnsafeBackupError,
    restore_backup,
    verify_backup,
    write_backup,
)
from foidesk.core.backup import restore as restore_module
from foidesk.core.backup.layout import MANIFEST
from foidesk.core.profile import Profile, resolve_profile

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

Member = tuple[zipfile.ZipInfo, bytes]
Members = list[Member]


# --- building doctored files -----------------------------------------------------------


def read_members(path: Path) -> Members:
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_members(path: Path, members: Members) -> Path:
    with zipfile.ZipFile(path, "w") as archive, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        for info, data in members:
            archive.writestr(info, data)
    return path


def manifest_of(members: Members) -> dict[str, object]:
    return json.loads(next(d for i, d in members if i.filename == MANIFEST))  # type: ignore[no-any-return]


def with_manifest(members: Members, change: Callable[[dict[str, object]], None]) -> Members:
    document = manifest_of(members)
    change(document)
    data = json.dumps(document).encode()
    return [(i, data if i.filename == MANIFEST else d) for i, d in members]


def listed(members: Members, info: zipfile.ZipInfo, data: bytes) -> Members:
    """Add a member and list it honestly, so only its name or type is wrong."""
    entry = {
        "name": info.filename,
        "kind": "attachment",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    added = with_manifest(members, lambda m: m["members"].append(entry))  # type: ignore[attr-defined]
    return [*added, (info, data)]


def member_named(members: Members, prefix: str) -> Member:
    return next((i, d) for i, d in members if i.filename.startswith(prefix))


def first_attachment(members: Members) -> Member:
    return member_named(members, "attachments/")


def replace(members: Members, name: str, info: zipfile.ZipInfo, data: bytes) -> Members:
    return [(info, data) if i.filename == name else (i, d) for i, d in members]


def patch_sizes(path: Path, name: str, *, file_size: int, compress_size: int | None = None) -> None:
    """Forge the sizes a member declares, in its local header and the central directory."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04")
    while raw[local + 30 : local + 30 + len(encoded)] != encoded:
        local = raw.find(b"PK\x03\x04", local + 1)
    central = raw.find(b"PK\x01\x02" + bytes(raw[local + 4 : local + 6]))
    while raw[central + 46 : central + 46 + len(encoded)] != encoded:
        central = raw.find(b"PK\x01\x02", central + 1)
    struct.pack_into("<L", raw, local + 22, file_size)
    struct.pack_into("<L", raw, central + 24, file_size)
    if compress_size is not None:
        struct.pack_into("<L", raw, local + 18, compress_size)
        struct.pack_into("<L", raw, central + 20, compress_size)
    path.write_bytes(bytes(raw))


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


# --- the corpus ------------------------------------------------------------------------


def empty(good: Path, out: Path) -> Path:
    out.write_bytes(b"")
    return out


def not_a_zip(good: Path, out: Path) -> Path:
    out.write_bytes(b"%PDF-1.7\nthis is a PDF someone renamed\n" * 50)
    return out


def truncated(good: Path, out: Path) -> Path:
    out.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return out


def truncated_tail(good: Path, out: Path) -> Path:
    out.write_bytes(good.read_bytes()[:-1])
    return out


def absolute_path(good: Path, out: Path) -> Path:
    return write_members(out, listed(read_members(good), zipfile.ZipInfo("/tmp/evil"), b"x"))


def windows_absolute_path(good: Path, out: Path) -> Path:
    return write_members(out, listed(read_members(good), zipfile.ZipInfo("C:/evil"), b"x"))


def dotdot(good: Path, out: Path) -> Path:
    info = zipfile.ZipInfo("attachments/../../outside")
    return write_members(out, listed(read_members(good), info, b"escaped"))


def symlink(good: Path, out: Path) -> Path:
    """A link posing as a stored file, under a perfectly valid name."""
    members = read_members(good)
    info, _ = first_attachment(members)
    target = b"/etc/passwd"
    members = replace(members, info.filename, symlink_info(info.filename), target)
    return write_members(out, members)


def bomb_declared(good: Path, out: Path) -> Path:
    """A deflated member claiming 3 GB from a few compressed bytes (manifest agrees)."""
    members = read_members(good)
    info = zipfile.ZipInfo("attachments/00/00/" + "00" * 32)
    info.compress_type = zipfile.ZIP_DEFLATED
    members = listed(members, info, bytes(1000))
    huge = 3_000_000_000
    members = with_manifest(
        members,
        lambda m: [e.update(size=huge) for e in m["members"] if e["name"] == info.filename],  # type: ignore[attr-defined]
    )
    write_members(out, members)
    patch_sizes(out, info.filename, file_size=huge)
    return out


def bomb_stored(good: Path, out: Path) -> Path:
    """A stored member claiming more bytes than it stores."""
    members = read_members(good)
    info, data = next((i, d) for i, d in members if i.compress_type == zipfile.ZIP_STORED)
    write_members(out, members)
    patch_sizes(out, info.filename, file_size=len(data) * 1000)
    return out


def bomb_actual(good: Path, out: Path) -> Path:
    """A member declaring a modest size whose stream inflates to far more."""
    members = read_members(good)
    info = zipfile.ZipInfo("attachments/00/00/" + "00" * 32)
    info.compress_type = zipfile.ZIP_DEFLATED
    declared = bytes(100_000)
    members = listed(members, info, declared)
    write_members(out, members)
    # swap in a stream of 50 MB of zeros, keeping the declared (small) size
    raw = bytearray(out.read_bytes())
    stream = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = stream.compress(bytes(50_000_000)) + stream.flush()
    honest = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    honest_stream = honest.compress(declared) + honest.flush()
    start = raw.find(honest_stream)
    assert start > 0
    assert len(bomb) > len(honest_stream)
    # the bomb is larger; keep the member's compressed size so the directory still parses
    raw[start : start + len(honest_stream)] = bomb[: len(honest_stream)]
    out.write_bytes(bytes(raw))
    return out


def flipped_byte(good: Path, out: Path) -> Path:
    raw = bytearray(good.read_bytes())
    members = read_members(good)
    _, data = next((i, d) for i, d in members if i.compress_type == zipfile.ZIP_STORED)
    at = raw.find(data) + len(data) // 2
    raw[at] ^= 0x01
    out.write_bytes(bytes(raw))
    return out


def wrong_hash(good: Path, out: Path) -> Path:
    members = read_members(good)
    name = first_attachment(members)[0].filename

    def change(m: dict[str, object]) -> None:
        for entry in m["members"]:  # type: ignore[attr-defined]
            if entry["name"] == name:
                entry["sha256"] = "0" * 64

    return write_members(out, with_manifest(members, change))


def wrong_size(good: Path, out: Path) -> Path:
    members = read_members(good)
    name = first_attachment(members)[0].filename

    def change(m: dict[str, object]) -> None:
        for entry in m["members"]:  # type: ignore[attr-defined]
            if entry["name"] == name:
                entry["size"] += 1

    return write_members(out, with_manifest(members, change))


def newer_format(good: Path, out: Path) -> Path:
    members = with_manifest(read_members(good), lambda m: m.update(format_version=99))
    return write_members(out, members)


def no_manifest(good: Path, out: Path) -> Path:
    return write_members(out, [(i, d) for i, d in read_members(good) if i.filename != MANIFEST])


def missing_attachment(good: Path, out: Path) -> Path:
    members = read_members(good)
    name = first_attachment(members)[0].filename
    kept = [(i, d) for i, d in members if i.filename != name]

    def change(m: dict[str, object]) -> None:
        m["members"] = [e for e in m["members"] if e["name"] != name]  # type: ignore[attr-defined]

    return write_members(out, with_manifest(kept, change))


def unlisted_member(good: Path, out: Path) -> Path:
    return write_members(out, [*read_members(good), (zipfile.ZipInfo("README.txt.bak"), b"x")])


def duplicate_member(good: Path, out: Path) -> Path:
    members = read_members(good)
    info, data = first_attachment(members)
    return write_members(out, [*members, (info, data + b"evil twin")])


def overlapping(good: Path, out: Path) -> Path:
    """Two directory entries sharing one member's bytes (the overlapping-entry bomb)."""
    members = read_members(good)
    write_members(out, members)
    raw = bytearray(out.read_bytes())
    entries = []
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        entries.append(at)
        at = raw.find(b"PK\x01\x02", at + 1)
    first_offset = struct.unpack_from("<L", raw, entries[0] + 42)[0]
    struct.pack_into("<L", raw, entries[1] + 42, first_offset)
    out.write_bytes(bytes(raw))
    return out


def damaged_database(good: Path, out: Path, tmp: Path) -> Path:
    """A database whose pages are corrupt, re-hashed so only SQLite's check can tell."""
    members = read_members(good)
    info, data = member_named(members, "foidesk.sqlite3")
    page = 4096
    broken = bytearray(data)
    broken[page * 2 : page * 2 + 200] = b"\xff" * 200
    return write_members(
        out, rehashed(replace(members, info.filename, info, bytes(broken)), info.filename)
    )


def rehashed(members: Members, name: str) -> Members:
    data = next(d for i, d in members if i.filename == name)

    def change(m: dict[str, object]) -> None:
        for entry in m["members"]:  # type: ignore[attr-defined]
            if entry["name"] == name:
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                entry["size"] = len(data)

    return with_manifest(members, change)


def newer_schema(good: Path, out: Path, tmp: Path) -> Path:
    """A consistent backup from a foidesk whose schema this one does not know."""
    members = read_members(good)
    info, data = member_named(members, "foidesk.sqlite3")
    database = tmp / "newer.sqlite3"
    database.write_bytes(data)
    with closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    members = replace(members, info.filename, info, database.read_bytes())
    members = with_manifest(
        rehashed(members, info.filename), lambda m: m.update(schema_revision="9999_future")
    )
    return write_members(out, members)


Doctor = Callable[[Path, Path], Path]
CORPUS: dict[str, tuple[Doctor, ProblemKind, type[BackupError], str]] = {
    "empty": (empty, ProblemKind.NOT_A_BACKUP, NotABackupError, "empty"),
    "not-a-zip": (not_a_zip, ProblemKind.NOT_A_BACKUP, NotABackupError, "not a ZIP"),
    "truncated": (truncated, ProblemKind.NOT_A_BACKUP, NotABackupError, "cut short"),
    "truncated-tail": (truncated_tail, ProblemKind.NOT_A_BACKUP, NotABackupError, "cut short"),
    "absolute-path": (absolute_path, ProblemKind.UNSAFE, UnsafeBackupError, "absolute path"),
    "windows-absolute": (windows_absolute_path, ProblemKind.UNSAFE, UnsafeBackupError, "absolute"),
    "dotdot": (dotdot, ProblemKind.UNSAFE, UnsafeBackupError, "'..' component"),
    "symlink": (symlink, ProblemKind.UNSAFE, UnsafeBackupError, "symbolic link"),
    "bomb-declared": (bomb_declared, ProblemKind.UNSAFE, UnsafeBackupError, "bomb"),
    "bomb-stored": (bomb_stored, ProblemKind.UNSAFE, UnsafeBackupError, "without compression"),
    "bomb-actual": (bomb_actual, ProblemKind.UNSAFE, UnsafeBackupError, "beyond its declared"),
    "flipped-byte": (flipped_byte, ProblemKind.DAMAGED, BackupDamagedError, "CRC-32|SHA-256"),
    "wrong-hash": (wrong_hash, ProblemKind.DAMAGED, BackupDamagedError, "SHA-256"),
    "wrong-size": (wrong_size, ProblemKind.DAMAGED, BackupDamagedError, "in the manifest"),
    "newer-format": (newer_format, ProblemKind.TOO_NEW, BackupTooNewError, "newer foidesk"),
    "no-manifest": (no_manifest, ProblemKind.NOT_A_BACKUP, NotABackupError, "no manifest"),
    "missing-file": (missing_attachment, ProblemKind.DAMAGED, BackupDamagedError, "not in the"),
    "unlisted": (unlisted_member, ProblemKind.UNSAFE, UnsafeBackupError, "not a member"),
    "duplicate": (duplicate_member, ProblemKind.UNSAFE, UnsafeBackupError, "more than once"),
    "overlapping": (overlapping, ProblemKind.UNSAFE, UnsafeBackupError, "overlaps"),
}


@pytest.fixture(scope="session")
def good_backup(filled_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("good")
    shutil.copytree(filled_template, base / "profile")
    return write_backup(resolve_profile(base / "profile"), base).path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def test_the_untampered_backup_verifies(good_backup: Path) -> None:
    report = verify_backup(good_backup)
    assert report.ok and report.members_checked >= 8


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_doctored_backup_is_refused_and_the_profile_untouched(
    case: str,
    good_backup: Path,
    filled_profile: Profile,
    corpus_dir: Path,
    tree: Callable[[Path], dict[str, str]],
) -> None:
    doctor, kind, error, reason = CORPUS[case]
    bad = doctor(good_backup, corpus_dir / f"{case}.foidesk-backup")

    report = verify_backup(bad)
    assert not report.ok
    assert kind in {p.kind for p in report.problems}, report.problems
    assert any(re.search(reason, p.text) for p in report.problems), report.problems

    around = filled_profile.data_dir.parent
    before = tree(around)
    with pytest.raises(error, match=reason):
        restore_backup(bad, filled_profile)
    assert tree(around) == before


@pytest.mark.parametrize("doctor", [damaged_database, newer_schema])
def test_database_level_doctoring_is_refused_by_restore(
    doctor: Callable[[Path, Path, Path], Path],
    good_backup: Path,
    filled_profile: Profile,
    corpus_dir: Path,
    tree: Callable[[Path], dict[str, str]],
) -> None:
    bad = doctor(good_backup, corpus_dir / "bad.foidesk-backup", corpus_dir)
    around = filled_profile.data_dir.parent
    before = tree(around)
    with pytest.raises((BackupDamagedError, BackupTooNewError)):
        restore_backup(bad, filled_profile)
    assert tree(around) == before


def test_a_damaged_database_fails_verify(good_backup: Path, corpus_dir: Path) -> None:
    bad = damaged_database(good_backup, corpus_dir / "bad.foidesk-backup", corpus_dir)
    report = verify_backup(bad)
    assert not report.ok
    assert any("database" in p.text for p in report.problems)


def test_a_newer_schema_verifies_but_is_not_restored(
    good_backup: Path, filled_profile: Profile, corpus_dir: Path
) -> None:
    bad = newer_schema(good_backup, corpus_dir / "newer.foidesk-backup", corpus_dir)
    assert verify_backup(bad).ok  # intact, just from the future
    with pytest.raises(BackupTooNewError, match="9999_future"):
        restore_backup(bad, filled_profile)


def test_a_disk_without_room_refuses_the_restore(
    good_backup: Path,
    filled_profile: Profile,
    monkeypatch: pytest.MonkeyPatch,
    tree: Callable[[Path], dict[str, str]],
) -> None:
    monkeypatch.setattr(
        restore_module.shutil,
        "disk_usage",
        lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096),  # type: ignore[attr-defined]
    )
    around = filled_profile.data_dir.parent
    before = tree(around)
    with pytest.raises(NotEnoughSpaceError, match="nothing was changed"):
        restore_backup(good_backup, filled_profile)
    assert tree(around) == before


def test_verify_lists_every_problem_not_just_the_first(good_backup: Path, corpus_dir: Path) -> None:
    members = read_members(good_backup)
    attachments = [i.filename for i, _ in members if i.filename.startswith("attachments/")]

    def change(m: dict[str, object]) -> None:
        for entry in m["members"]:  # type: ignore[attr-defined]
            if entry["name"] in attachments[:3]:
                entry["sha256"] = "f" * 64

    bad = write_members(corpus_dir / "three.foidesk-backup", with_manifest(members, change))
    report = verify_backup(bad)
    assert len([p for p in report.problems if "SHA-256" in p.text]) == 3
