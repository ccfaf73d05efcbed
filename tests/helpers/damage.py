"""Real profiles with real data, and the ways a database file gets damaged or lost.

``populate`` fills a profile through ``Desk`` (requests, messages with bodies long
enough to spread over many pages, attachments) and takes a backup, so that a test
can break the database in one of the ways users meet and see what foidesk does.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from foidesk.core.backup import create_backup
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest

PAGE = 4096
WORDS = ("council", "records", "tonnes", "salt", "gritting", "budget", "claims", "fleet")


@dataclass(frozen=True)
class Populated:
    requests: int
    messages: int
    files: int


def populate(data_dir: Path, *, requests: int = 40, backup: bool = True) -> Populated:
    """A profile with ``requests`` requests of a few messages each, some with files."""
    rng = random.Random(20241201)
    with Desk.open(resolve_profile(data_dir), today=lambda: date(2024, 6, 1)) as desk:
        for number in range(requests):
            request = desk.add_request(
                NewRequest(
                    title=f"Gritting records {number}",
                    authority=f"Council {number % 5}",
                    sent_on=date(2024, 1, 2),
                    body=_prose(rng, 200),
                )
            )
            for reply in range(3):
                files = (
                    (NewAttachment(f"letter-{number}-{reply}.pdf", _pdf(number, reply)),)
                    if reply == 1
                    else ()
                )
                desk.add_message(
                    request.id,
                    NewMessage(
                        direction="incoming",
                        kind="response",
                        subject=f"Re: Gritting records {number} ({reply})",
                        body_text=_prose(rng, 400),
                        sent_at=datetime(2024, 2, 1 + reply, tzinfo=UTC),
                        attachments=files,
                    ),
                )
        if backup:
            create_backup(desk)
    return Populated(requests=requests, messages=requests * 4, files=requests)


def _prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _pdf(number: int, reply: int) -> bytes:
    return f"%PDF-1.4 letter {number}/{reply}\n".encode() * 20


def copy_profile(template: Path, target: Path) -> Profile:
    shutil.copytree(template, target, symlinks=True)
    return resolve_profile(target)


def database(profile: Profile) -> Path:
    path = profile.sqlite_path
    assert path is not None
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the damage ---------------------------------------------------------------------


def empty(profile: Profile) -> None:
    database(profile).write_bytes(b"")


def remove(profile: Profile) -> None:
    database(profile).unlink()


def random_bytes(profile: Profile) -> None:
    path = database(profile)
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))


def truncate(profile: Profile) -> None:
    path = database(profile)
    os.truncate(path, path.stat().st_size // 2)


def overwrite_page(profile: Profile, *, table: str | None = None) -> int:
    """Overwrite one 4 KB page with random bytes: in the middle of the file, or a leaf
    page of ``table`` (found with SQLite's ``dbstat``); returns the page number."""
    path = database(profile)
    page = path.stat().st_size // PAGE // 2 if table is None else _leaf_page(path, table)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(random.Random(page).randbytes(PAGE))
    return page


def _leaf_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # read-only: folds no WAL in
    try:
        pages = [
            int(r[0])
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (table,),
            )
        ]
    finally:
        conn.close()
    assert pages, f"table {table} has no leaf pages"
    return pages[len(pages) // 2]


def foreign(profile: Profile, other: Path) -> None:
    """Put another profile's database in place (a sync tool, a copy by hand)."""
    populate(other, requests=2, backup=False)
    shutil.copy2(database(resolve_profile(other)), database(profile))


# --- the real command line --------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def foidesk(profile: Profile, *argv: str, env: dict[str, str] | None = None) -> Run:
    """``python -m foidesk ARGS --data-dir PROFILE`` in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "foidesk", *argv, "--data-dir", str(profile.data_dir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
    run = Run(result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in run.output, run.output
    return run
