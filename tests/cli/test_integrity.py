"""The documented commands never destroy an archive: through the real ``foidesk`` command.

Every command a user runs is tried on a real profile whose database was lost, emptied,
overwritten, cut short, damaged in one page or swapped for another profile's: each
exits 1 with one clear line (never a traceback), and the database file, the
attachment store and the backups are exactly as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from damage import (
    Run,
    copy_profile,
    database,
    empty,
    foidesk,
    foreign,
    overwrite_page,
    random_bytes,
    remove,
    sha256,
    truncate,
)
from mailmaker import make_email
from mounts import fill, needs_mount, read_only_view, tmpfs

from foidesk.core.profile import Profile
from foidesk.core.storage.inuse import in_use_dir

NOTE = ("message", "add", "1", "--direction", "incoming", "--kind", "note", "--date", "2024-05-01")


@pytest.fixture
def email(tmp_path: Path) -> Path:
    path = tmp_path / "reply.eml"
    path.write_bytes(make_email(subject="Re: Gritting records 3", message_id="<new-1@example>"))
    return path


def _snapshot(profile: Profile) -> dict[str, str]:
    """Every file of the profile folder and its hash (the marker aside: it holds facts)."""
    return {
        str(p.relative_to(profile.data_dir)): sha256(p)
        for p in sorted(profile.data_dir.rglob("*"))
        if p.is_file() and p.name != "foidesk-profile.json" and "logs" not in p.parts
    }


def _commands(email: Path) -> list[tuple[str, ...]]:
    return [
        ("request", "list"),
        ("request", "show", "1"),
        ("search", "gritting"),
        ("check",),
        ("check", "--repair"),
        ("import", str(email)),
        NOTE,
        ("backup", "create"),
        ("calendar",),
    ]


@pytest.mark.parametrize(
    "breakage",
    [empty, remove, random_bytes, truncate],
    ids=["zero-bytes", "missing", "random-bytes", "cut-in-half"],
)
def test_no_command_writes_to_a_lost_or_broken_database(
    populated: Profile, email: Path, breakage: Callable[[Profile], None]
) -> None:
    breakage(populated)
    before = _snapshot(populated)
    for argv in _commands(email):
        run = foidesk(populated, *argv)
        assert run.code == 1, (argv, run.output)
        assert "foidesk did not open the profile" in run.err, (argv, run.err)
        assert "Nothing was changed" in run.err
        assert _snapshot(populated) == before, argv


def test_the_backups_of_a_profile_that_cannot_open_are_still_listed(populated: Profile) -> None:
    remove(populated)
    run = foidesk(populated, "backup", "list")
    assert run.code == 0
    assert "foidesk-" in run.out and "40 requests" in run.out
    assert "the profile cannot be opened: its database foidesk.sqlite3 is missing" in run.err


def test_another_profiles_database_is_refused_by_every_command(
    populated: Profile, email: Path, tmp_path: Path
) -> None:
    foreign(populated, tmp_path / "other")
    before = _snapshot(populated)
    for argv in _commands(email):
        run = foidesk(populated, *argv)
        assert run.code == 1, (argv, run.output)
        assert "belongs to profile" in run.err
    assert _snapshot(populated) == before


def test_a_damaged_page_is_reported_by_check_and_never_written(
    populated: Profile, email: Path
) -> None:
    overwrite_page(populated, table="message")
    digest = sha256(database(populated))
    before = _snapshot(populated)

    check = foidesk(populated, "check")
    assert check.code == 1
    assert "database: integrity" in check.out
    assert "damaged" in check.out

    refused = foidesk(populated, "check", "--repair")
    assert refused.code == 1
    assert "check --repair refused" in refused.err and "nothing was removed" in refused.err

    for argv in [("import", str(email)), ("request", "status", "1", "successful")]:
        run = foidesk(populated, *argv)
        assert run.code == 1, run.output
        assert "is damaged" in run.err and "will not write to it" in run.err
    assert sha256(database(populated)) == digest
    assert _snapshot(populated) == before


def test_check_repair_lists_what_it_removes_and_removes_only_leftovers(populated: Profile) -> None:
    stray = populated.attachments_dir / "ab" / "cd" / ("abcd" + "0" * 60)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left behind by a power cut")
    (populated.attachments_dir / "tmp" / "0123.part").write_bytes(b"half a file")
    stale = in_use_dir(populated.data_dir) / "999999-deadbeef.lock"
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("")
    work = populated.backups_dir / ".foidesk-backup-0123456789abcdef.partial"
    work.mkdir()
    (work / "writer.lock").write_text("")

    check = foidesk(populated, "check")
    assert check.code == 0
    assert "removed 1 staged file left by a write that was cut short" in check.out
    assert "1 stored file no longer used" in check.out
    assert f"leftover in-use mark: {stale}" in check.out
    assert f"leftover backup work folder: {work}" in check.out

    repair = foidesk(populated, "check", "--repair")
    assert repair.code == 0
    listing = repair.out.split("removed")[0]
    assert "check --repair will remove 3 items" in listing
    assert stray.name in listing and str(stale) in listing and str(work) in listing
    assert not stray.exists() and not stale.exists() and not work.exists()
    assert foidesk(populated, "check").out.strip().endswith("stored files re-hashed")


def test_check_repair_refuses_when_the_database_knows_no_stored_files(populated: Profile) -> None:
    import sqlite3

    with sqlite3.connect(database(populated)) as conn:  # a database emptied of its files' rows
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM attachment")
        conn.execute("DELETE FROM blob")
    conn.close()
    stored = sorted(populated.attachments_dir.rglob("*"))
    run = foidesk(populated, "check", "--repair")
    assert run.code == 1
    assert "the database knows no stored files" in run.err
    assert sorted(populated.attachments_dir.rglob("*")) == stored


# --- real file systems --------------------------------------------------------------


@needs_mount
def test_a_full_disk_gets_one_line_and_leaves_everything_as_it_was(
    populated_template: Path, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "small", "12m") as disk:
        profile = copy_profile(populated_template, disk / "profile")
        attachment = tmp_path / "scan.pdf"
        attachment.write_bytes(b"%PDF-1.4 " + b"x" * (3 << 20))
        filler = fill(disk, leave=1 << 20)
        before = _snapshot(profile)

        run = foidesk(
            profile, "message", "add", "1", "--direction", "incoming", "--kind", "response",
            "--date", "2024-05-01", "--subject", "Scanned reply", "--attach", str(attachment),
        )  # fmt: skip
        assert run.code == 1
        assert f"the disk holding {profile.attachments_dir} is full" in run.err
        assert "try again; nothing was changed" in run.err
        assert _snapshot(profile) == before
        assert list((profile.attachments_dir / "tmp").iterdir()) == []

        backup = foidesk(profile, "backup", "create")
        assert backup.code == 1
        assert f"the disk holding {profile.backups_dir} is full" in backup.err
        assert "nothing was changed" in backup.err
        assert _snapshot(profile) == before

        filler.unlink()
        assert foidesk(profile, "check").code == 0


@needs_mount
def test_a_database_that_cannot_grow_refuses_the_change_whole(
    populated_template: Path, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "small", "12m") as disk:
        profile = copy_profile(populated_template, disk / "profile")
        fill(disk, leave=0)
        before = sha256(database(profile))
        run = foidesk(profile, "sample")
        assert run.code == 1
        assert "is full" in run.err and "nothing was changed" in run.err
        assert sha256(database(profile)) == before


@needs_mount
def test_a_read_only_profile_is_read_listed_searched_and_checked(
    populated: Profile, tmp_path: Path, email: Path
) -> None:
    assert foidesk(populated, "check").code == 0  # closed cleanly: no WAL left behind
    before = _snapshot(populated)
    with read_only_view(populated.data_dir, tmp_path / "view") as view:
        seen = profile_at(view)
        listed = foidesk(seen, "request", "list")
        assert listed.code == 0 and "Gritting records 7" in listed.out
        assert foidesk(seen, "search", "gritting").code == 0
        checked = foidesk(seen, "check")
        assert checked.code == 0, checked.output
        assert "drifted" not in checked.out
        for argv in [
            NOTE,
            ("import", str(email)),
            ("request", "status", "1", "successful"),
        ]:
            run = foidesk(seen, *argv)
            assert run.code == 1 and "is read-only" in run.err, run.output
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        backed_up = foidesk(seen, "backup", "create", "--to", str(elsewhere))
        assert backed_up.code == 0, backed_up.output
    assert _snapshot(populated) == before


def profile_at(view: Path) -> Profile:
    from foidesk.core.profile import resolve_profile

    return resolve_profile(view)


def test_the_cli_never_prints_a_traceback_for_a_server_it_cannot_reach(
    tmp_path: Path,
) -> None:
    """Not a server here: a database URL pointing at a folder that does not exist."""
    profile = profile_at(tmp_path / "fresh")
    missing = tmp_path / "nowhere" / "deeper" / "db.sqlite3"
    run: Run = foidesk(profile, "request", "list", "--database-url", f"sqlite:///{missing}")
    assert run.code == 1
    assert "cannot be opened" in run.err
    assert not missing.exists()
