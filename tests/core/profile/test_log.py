"""The profile's log: where it goes, who may read it, and that it never breaks the work."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile import log as profile_log
from foidesk.core.profile.log import log_path, start_logging, stop_logging

logger = logging.getLogger("foidesk.core.somewhere")


@pytest.fixture(autouse=True)
def no_log_left_behind() -> Iterator[None]:
    yield
    stop_logging()


@pytest.fixture
def made(tmp_path: Path) -> Profile:
    profile = resolve_profile(tmp_path / "profile")
    profile.data_dir.mkdir()
    return profile


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def our_handlers() -> list[logging.Handler]:
    return [
        h
        for h in logging.getLogger("foidesk").handlers
        if isinstance(h, profile_log.ProfileLogHandler)
    ]


def test_records_go_to_the_profiles_log_which_only_its_owner_reads(made: Profile) -> None:
    old_umask = os.umask(0o022)
    try:
        path = start_logging(made)
        assert path == made.data_dir / "logs" / "foidesk.log"
        assert not path.parent.exists()  # nothing on disk before the first record
        logger.info("rotation removed older backup %s", "foidesk-20240410-093000.foidesk-backup")
        logger.debug("not kept: below INFO")
    finally:
        os.umask(old_umask)
    [line] = path.read_text().splitlines()
    assert line.endswith(
        " INFO foidesk.core.somewhere: rotation removed older backup "
        "foidesk-20240410-093000.foidesk-backup"
    )
    assert line[:20].endswith("Z") and line[10] == "T"  # UTC, ISO
    assert (mode(path.parent), mode(path)) == (0o700, 0o600)


def test_an_existing_log_is_made_private_again(made: Profile) -> None:
    folder = made.data_dir / "logs"
    folder.mkdir(mode=0o755)
    (folder / "foidesk.log").write_text("earlier\n")
    (folder / "foidesk.log").chmod(0o644)
    start_logging(made)
    logger.info("one more")
    assert (mode(folder), mode(folder / "foidesk.log")) == (0o700, 0o600)
    assert (folder / "foidesk.log").read_text().splitlines()[0] == "earlier"


def test_set_up_once_and_following_the_profile_opened_last(made: Profile, tmp_path: Path) -> None:
    start_logging(made)
    start_logging(made)
    assert len(our_handlers()) == 1
    other = resolve_profile(tmp_path / "other")
    other.data_dir.mkdir()
    start_logging(other)
    assert len(our_handlers()) == 1
    logger.info("for the other profile")
    assert not log_path(made).exists()
    assert "for the other profile" in log_path(other).read_text()


def test_no_file_stays_open_and_a_moved_log_starts_again(made: Profile, tmp_path: Path) -> None:
    """A restore moves the profile folder; the next record goes to the one now in place."""
    start_logging(made)
    logger.info("before")
    fds = Path("/proc/self/fd")
    if fds.is_dir():
        opened = {os.path.realpath(fd) for fd in fds.iterdir()}
        assert str(log_path(made)) not in opened
    (made.data_dir / "logs").rename(tmp_path / "moved-aside")
    logger.info("after")
    assert log_path(made).read_text().splitlines()[0].endswith("after")


def test_no_profile_folder_is_made_for_the_log(made: Profile, tmp_path: Path) -> None:
    gone = resolve_profile(tmp_path / "not-there")
    start_logging(gone)
    logger.info("nowhere to go")
    assert not gone.data_dir.exists()


def test_the_log_keeps_three_old_files_of_about_a_megabyte(
    made: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (profile_log.MAX_BYTES, profile_log.BACKUP_COUNT) == (1_000_000, 3)
    monkeypatch.setattr(profile_log, "MAX_BYTES", 2_000)
    start_logging(made)
    for number in range(200):
        logger.info("line %d of a long session", number)
    names = sorted(p.name for p in (made.data_dir / "logs").iterdir())
    assert names == ["foidesk.log", "foidesk.log.1", "foidesk.log.2", "foidesk.log.3"]
    assert all(mode(p) == 0o600 for p in (made.data_dir / "logs").iterdir())
    assert all(p.stat().st_size <= 2_000 for p in (made.data_dir / "logs").iterdir())
    assert log_path(made).read_text().splitlines()[-1].endswith("line 199 of a long session")


# --- a log that cannot be written -------------------------------------------------------


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A small file system of the test's own (mounting needs root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    point = tmp_path / "tmpfs"
    point.mkdir()
    try:
        mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point))
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def assert_logging_is_harmless(capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    for number in range(50):
        logger.info("record %d that cannot be written, and must not be noticed", number)
    logger.warning("nor a warning")
    assert capfd.readouterr() == ("", "")


def test_a_read_only_profile_is_harmless(tmpfs: Path, capfd: pytest.CaptureFixture[str]) -> None:
    profile = resolve_profile(tmpfs / "profile")
    profile.data_dir.mkdir()
    mount("-o", "remount,ro", str(tmpfs))
    start_logging(profile)
    assert_logging_is_harmless(capfd)
    assert not (profile.data_dir / "logs").exists()


def test_a_full_disk_is_harmless(tmpfs: Path, capfd: pytest.CaptureFixture[str]) -> None:
    profile = resolve_profile(tmpfs / "profile")
    profile.data_dir.mkdir()
    start_logging(profile)
    logger.info("written while there was room")
    with pytest.raises(OSError), (tmpfs / "filler").open("wb") as filler:
        while True:
            filler.write(bytes(4096))
            filler.flush()
    assert_logging_is_harmless(capfd)
    lines = log_path(profile).read_text().splitlines()
    assert lines[0].endswith("there was room")
    assert "nor a warning" not in lines[-1]  # the disk was full: records were dropped
