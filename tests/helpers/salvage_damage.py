"""Damaging a profile's database as disks do, and reading what it held, for salvage tests."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile.identity import ProfileMarker, read_marker

PAGE = 4096


@dataclass(frozen=True)
class Damaged:
    """A profile whose database was damaged, and what it held before."""

    profile: Profile
    before: ProfileMarker
    damaged_sha256: str

    @property
    def database(self) -> Path:
        path = self.profile.sqlite_path
        assert path is not None
        return path


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_of(template: Path, folder: Path) -> Profile:
    shutil.copytree(template, folder)
    return resolve_profile(folder)


def damaged_copy(template: Path, folder: Path, damage: Callable[[Path], object]) -> Damaged:
    """A copy of the template with ``damage(database_path)`` done to its database."""
    profile = copy_of(template, folder)
    marker = read_marker(profile.data_dir)
    assert isinstance(marker, ProfileMarker)
    path = profile.sqlite_path
    assert path is not None
    damage(path)
    return Damaged(profile, marker, sha256_file(path))


def pages_of(path: Path, table: str, kind: str | None = None) -> list[tuple[int, int]]:
    """The pages (number, cells) of ``table``'s b-tree, of one kind if given."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT pageno, ncell, pagetype FROM dbstat WHERE name = ? ORDER BY pageno", (table,)
        ).fetchall()
    return [(int(p), int(n)) for p, n, t in rows if kind is None or t == kind]


def overwrite_page(path: Path, page: int, seed: int = 7) -> None:
    """Page ``page`` (1-based) overwritten with noise, as a failing disk or a stray write
    leaves it."""
    noise = random.Random(seed).randbytes(PAGE)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(noise)


def ids_of(path: Path, table: str) -> set[int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return {int(r) for (r,) in conn.execute(f"SELECT id FROM {table}")}


def with_a_log(path: Path, damage: Callable[[Path], object]) -> None:
    """A database as a killed foidesk leaves it, its last commit (a setting
    ``only.in.the.log``) only in its ``-wal``, then damaged by ``damage``."""
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO setting (key, value) VALUES ('only.in.the.log', 'yes')")
    writer.commit()
    wal = path.with_name(path.name + "-wal")
    main, log = path.read_bytes(), wal.read_bytes()
    writer.close()  # folds the log in and removes it: put both back as a kill leaves them
    path.write_bytes(main)
    wal.write_bytes(log)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    damage(path)
