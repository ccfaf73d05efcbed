"""Backup fixtures: a profile with every kind of content, and ways to compare profiles.

``dump`` reads a profile straight from its files (every table row, every stored file's
hash), so two profiles can be compared whole — that is what "nothing was lost" means.
``tree`` records every file under a folder with its hash, for "nothing was changed".
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from foidesk.core.backup import write_backup
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
from foidesk.core.sample.thread import load_sample

FIXED_TODAY = date(2024, 4, 10)
BACKUP_TIME = datetime(2024, 4, 10, 9, 30, tzinfo=UTC)
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40
CSV = ("year,department,spend\n" + "2023,Housing,1200.50\n" * 400).encode()


@dataclass(frozen=True)
class ProfileDump:
    tables: dict[str, list[tuple[object, ...]]]
    files: dict[str, str]  # digest -> SHA-256 of the stored bytes


def fill(desk: Desk) -> None:
    """The example thread, plus what a real profile accumulates: a shared attachment,
    an original email, status history, a request in the trash and an unfiled message."""
    load_sample(desk)
    request = desk.add_request(
        NewRequest(
            title="Gritting routes", authority="Kent County Council", sent_on=date(2024, 1, 8)
        )
    ).id
    desk.add_message(
        request,
        NewMessage(
            direction="incoming",
            kind="response",
            sent_at=datetime(2024, 2, 1, 9, 30, tzinfo=UTC),
            subject="Your request",
            body_text="Please find attached.",
            attachments=(NewAttachment("routes.pdf", PDF), NewAttachment("spend.csv", CSV)),
            original=b"From: foi@kent.example.org\r\nSubject: Your request\r\n\r\nAttached.\r\n",
            original_format="eml",
        ),
    )
    desk.set_status(request, "successful", on=date(2024, 2, 2))
    trashed = desk.add_request(
        NewRequest(title="Old", authority="Kent County Council", sent_on=None)
    )
    desk.add_message(
        trashed.id,
        NewMessage(
            direction="incoming",
            kind="note",
            attachments=(NewAttachment("a.pdf", PDF + b"only here"),),
        ),
    )
    desk.delete_request(trashed.id)
    desk.add_message(None, NewMessage(direction="incoming", kind="note", subject="Unfiled"))


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filled profile built once; each test gets its own copy (building takes a while)."""
    folder = tmp_path_factory.mktemp("template") / "profile"
    with Desk.open(resolve_profile(folder), today=lambda: FIXED_TODAY) as desk:
        fill(desk)
    return folder


@pytest.fixture
def filled_profile(filled_template: Path, profile: Profile) -> Profile:
    """A closed, filled profile of the test's own."""
    shutil.copytree(filled_template, profile.data_dir)
    return profile


@pytest.fixture
def backup_file(filled_profile: Profile, tmp_path: Path) -> Path:
    """A backup of ``filled_profile``, kept outside it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return write_backup(filled_profile, folder, now=BACKUP_TIME).path


@pytest.fixture
def filled(filled_profile: Profile) -> Iterator[Desk]:
    with Desk.open(filled_profile, today=lambda: FIXED_TODAY) as desk:
        yield desk


def dump_profile(profile: Profile, *, skip_settings: str = "backup.") -> ProfileDump:
    path = profile.sqlite_path
    assert path is not None
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables = {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}
    tables["setting"] = [
        r for r in tables.get("setting", []) if not str(r[0]).startswith(skip_settings)
    ]
    files = {}
    for stored in sorted(profile.attachments_dir.glob("??/??/*")):
        files[stored.name] = hashlib.sha256(stored.read_bytes()).hexdigest()
    return ProfileDump(tables, files)


@pytest.fixture
def dump() -> Callable[[Profile], ProfileDump]:
    return dump_profile


def tree_state(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``: its hash (files) or "dir"."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            state[key] = "link"
        elif path.is_dir():
            state[key] = "dir"
        else:
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


@pytest.fixture
def tree() -> Callable[[Path], dict[str, str]]:
    return tree_state
