"""A private profile, on real files: every folder 0700 and every file 0600, whatever the
umask, for everything foidesk writes — and an older, looser profile tightened on open.

Each test of what foidesk writes runs under the umasks 0o022, 0o002 and 0o000. The umask
0o277, which takes the owner's own bits, is tried as an unprivileged user (root reads
and writes whatever the modes say, so only another user shows a file its owner could
no longer write); so are files that belong to someone else.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import sqlite3
import stat
import subprocess
import tempfile
import traceback
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.core.backup import (
    create_backup,
    layout,
    restore_backup,
    verify_backup,
    write_backup,
    zipwriter,
)
from foidesk.core.backup.workdir import WorkDir
from foidesk.core.desk import Desk
from foidesk.core.importing.importer import import_paths
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile.identity import marker_path
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
from foidesk.core.sample.thread import load_sample
from foidesk.core.search.extract import extract_bytes
from foidesk.core.search.states import TextState
from foidesk.core.storage import database as db
from foidesk.core.storage import privacy
from foidesk.core.storage.inuse import in_use_dir

#: The modes of the SQLite file, its journal, safety copies and backups.
pytestmark = pytest.mark.sqlite_only

UMASKS = (0o022, 0o002, 0o000)
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 20
IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(
    not IS_ROOT, reason="needs root: to act as another user, or to mount a read-only view"
)


@pytest.fixture(params=UMASKS, ids=lambda mask: f"umask{mask:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def not_private(*folders: Path) -> dict[str, str]:
    """Every folder (these and all below them) that is not 0700 and every file that is
    not 0600, with its mode: empty when all is private."""
    found = {}
    for folder in folders:
        for path in (folder, *folder.rglob("*")):
            mode = path.lstat().st_mode
            wanted = privacy.DIR_MODE if stat.S_ISDIR(mode) else privacy.FILE_MODE
            if stat.S_ISLNK(mode) or stat.S_IMODE(mode) != wanted:
                found[str(path.relative_to(folder.parent))] = oct(stat.S_IMODE(mode))
    return found


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes(folder: Path) -> dict[str, int]:
    return {str(p): mode_of(p) for p in (folder, *folder.rglob("*"))}


def loosen(folder: Path, *, dirs: int = 0o755, files: int = 0o644) -> None:
    """Make a profile look like one an earlier foidesk wrote."""
    for path in (folder, *folder.rglob("*")):
        path.chmod(dirs if path.is_dir() else files)


def fill(desk: Desk, folder: Path) -> None:
    """The example request, an imported email with an attachment (and its original)."""
    load_sample(desk)
    request = desk.add_request(
        NewRequest(title="Gritting routes", authority="Kent County Council", sent_on=None)
    ).id
    eml = folder / "reply.eml"
    eml.write_bytes(make_email(attachments=(("routes.pdf", PDF),)))
    report = import_paths(desk, [eml], request_id=request)
    assert [f.status for f in report.files] == ["imported"]


def stored_files(profile: Profile) -> list[Path]:
    return sorted(profile.attachments_dir.glob("??/??/*"))


class FolderWatch:
    """A progress receiver that looks, at every report, at the folders ``find`` names."""

    def __init__(self, find: Callable[[], list[Path]]) -> None:
        self.find = find
        self.seen: set[str] = set()
        self.loose: dict[str, str] = {}

    def report(self, done: int, total: int | None, message: str = "") -> None:
        for folder in self.find():
            self.seen.add(folder.name)
            with contextlib.suppress(FileNotFoundError):  # removed while we looked
                self.loose.update(not_private(folder))

    def cancelled(self) -> bool:
        return False


# --- the helpers ---------------------------------------------------------------------


@pytest.mark.parametrize("mask", (*UMASKS, 0o277), ids=lambda mask: f"umask{mask:03o}")
def test_files_and_folders_get_their_exact_mode_whatever_the_umask(
    tmp_path: Path, mask: int
) -> None:
    previous = os.umask(mask)
    try:
        privacy.make_dir(tmp_path / "a" / "b" / "c")
        with privacy.new_file(tmp_path / "a" / "b" / "c" / "file") as out:
            out.write(b"evidence")
        with privacy.new_text_file(tmp_path / "a" / "text", encoding="ascii") as text:
            text.write("line\n")
        privacy.new_database(tmp_path / "a" / "db.sqlite3")
        privacy.ensure_private_file(tmp_path / "a" / "settings.ini")
        privacy.copy_file(tmp_path / "a" / "b" / "c" / "file", tmp_path / "a" / "copy")
    finally:
        os.umask(previous)
    assert not_private(tmp_path / "a") == {}
    assert (tmp_path / "a" / "copy").read_bytes() == b"evidence"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "b",
        "copy",
        "db.sqlite3",
        "settings.ini",
        "text",
    ]


def test_an_existing_folder_or_file_is_left_to_tighten(tmp_path: Path) -> None:
    """Creating leaves what exists alone: only ``tighten`` (or ``private_*``) changes it."""
    folder = tmp_path / "existing"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    privacy.make_dir(folder)
    assert mode_of(folder) == 0o755
    with pytest.raises(FileExistsError):
        privacy.make_dir(folder, exist_ok=False)
    privacy.private_dir(folder)
    assert mode_of(folder) == privacy.DIR_MODE
    settings = folder / "settings.ini"
    settings.write_text("[a]\n")
    settings.chmod(0o644)
    privacy.ensure_private_file(settings)
    assert mode_of(settings) == privacy.FILE_MODE and settings.read_text() == "[a]\n"
    privacy.private_file(folder)  # a folder is not a file: left as it is
    assert mode_of(folder) == privacy.DIR_MODE


# --- what SQLite does, and a new profile ------------------------------------------


def test_sqlite_gives_its_journals_the_database_files_mode(tmp_path: Path, umask: int) -> None:
    """Why foidesk makes the database file itself: SQLite creates one 0644 minus the umask,
    then gives the ``-wal``, ``-shm`` and ``-journal`` files exactly the database's mode."""
    plain, made = tmp_path / "plain.sqlite3", tmp_path / "made.sqlite3"
    privacy.new_database(made)
    for path in (plain, made):
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
        expected = 0o644 & ~umask if path == plain else 0o600
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            assert mode_of(tmp_path / name) == expected, name
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (2)")
        assert mode_of(tmp_path / (path.name + "-journal")) == expected
        conn.execute("COMMIT")
        conn.close()


def test_a_new_profile_is_private_while_open_and_after(profile: Profile, umask: int) -> None:
    with Desk.open(profile) as desk:
        desk.add_request(
            NewRequest(title="Bus lanes", authority="Leeds City Council", sent_on=None)
        )
        database = profile.sqlite_path
        assert database is not None and Path(f"{database}-wal").exists()
        assert not_private(profile.data_dir, in_use_dir(profile.data_dir)) == {}
    assert not_private(profile.data_dir) == {}


def test_an_imported_email_its_attachment_and_original_are_private(
    profile: Profile, umask: int, tmp_path: Path
) -> None:
    with Desk.open(profile) as desk:
        fill(desk, tmp_path)
        assert len(stored_files(profile)) >= 2  # the attachment and the original email
        assert not_private(profile.data_dir) == {}


def test_the_file_journal_and_staged_files_are_private(profile: Profile, umask: int) -> None:
    with Desk.open(profile) as desk:
        staged = desk.store.stage(b"staged, not yet placed")
        assert mode_of(staged.path) == privacy.FILE_MODE
        desk.store.discard(staged)
        with pytest.raises(RuntimeError), desk.writing_files() as unit:
            unit.files.add_all([b"a file added, then rolled back"])
            [journal] = desk.store.journals.iterdir()
            assert mode_of(journal) == privacy.FILE_MODE
            assert not_private(profile.attachments_dir) == {}
            raise RuntimeError("roll back")


def test_a_safety_copy_is_private(profile: Profile, umask: int) -> None:
    profile.data_dir.mkdir()
    engine = db.make_engine(profile.database_url)  # an older foidesk's database
    db.upgrade(profile, engine, target="0001")
    engine.dispose()
    Desk.open(profile).close()
    [copy] = profile.safety_dir.iterdir()
    assert "before-upgrade-from-0001" in copy.name
    assert not_private(profile.data_dir) == {}


def test_a_database_copy_is_private_even_over_one_cut_short(tmp_path: Path, umask: int) -> None:
    source = tmp_path / "live.sqlite3"
    with sqlite3.connect(source) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    target = tmp_path / "copy.sqlite3"
    (tmp_path / "copy.sqlite3.part").write_bytes(b"left by a copy that was killed")
    db.copy_sqlite(source, target)
    assert mode_of(target) == privacy.FILE_MODE
    assert not (tmp_path / "copy.sqlite3.part").exists()


# --- backups ---------------------------------------------------------------------


def test_a_backup_its_members_and_its_work_folder_are_private(
    profile: Profile, umask: int, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)  # a folder the user chose, perhaps shared on purpose
    inside = FolderWatch(lambda: [p for p in profile.backups_dir.iterdir() if layout.is_workdir(p)])
    outside = FolderWatch(lambda: [p for p in shared.iterdir() if layout.is_workdir(p)])
    with Desk.open(profile) as desk:
        fill(desk, tmp_path)
        own = create_backup(desk, progress=inside).path
        elsewhere = write_backup(profile, shared, progress=outside).path
        assert not_private(profile.data_dir) == {}
    assert inside.seen and outside.seen  # the work folders were looked at as they worked
    assert inside.loose == {} and outside.loose == {}
    assert mode_of(shared) == 0o755  # the user's folder keeps the mode the user gave it
    for backup in (own, elsewhere):
        assert mode_of(backup) == privacy.FILE_MODE
        with zipfile.ZipFile(backup) as archive:
            infos = archive.infolist()
        assert infos and {info.external_attr >> 16 for info in infos} == {stat.S_IFREG | 0o600}
    assert [p.name for p in shared.iterdir()] == [elsewhere.name]


def test_a_work_folder_is_private_in_any_folder(tmp_path: Path, umask: int) -> None:
    with WorkDir(tmp_path) as work:
        assert mode_of(work.path) == privacy.DIR_MODE
        assert mode_of(work.path / "writer.lock") == privacy.FILE_MODE


@pytest.fixture
def sample_backup(tmp_path: Path) -> tuple[Path, int]:
    """A backup of a filled profile, and how many requests it holds."""
    source = resolve_profile(tmp_path / "source")
    with Desk.open(source) as desk:
        fill(desk, tmp_path)
        count = len(desk.list_requests())
    folder = tmp_path / "backups-elsewhere"
    folder.mkdir()
    return write_backup(source, folder).path, count


def test_unzip_and_zipfile_unpack_a_backup_into_a_profile_made_private_on_open(
    sample_backup: tuple[Path, int], tmp_path: Path, umask: int
) -> None:
    backup, count = sample_backup
    by_unzip, by_zipfile = tmp_path / "by-unzip", tmp_path / "by-zipfile"
    subprocess.run(["unzip", "-q", str(backup), "-d", str(by_unzip)], check=True)
    with zipfile.ZipFile(backup) as archive:
        archive.extractall(by_zipfile)
    unpacked = [p for p in by_unzip.rglob("*") if p.is_file()]
    assert unpacked and {mode_of(p) for p in unpacked} == {privacy.FILE_MODE}  # unzip: as marked
    assert not_private(by_zipfile)  # zipfile ignores the members' modes
    for folder in (by_unzip, by_zipfile):
        with Desk.open(resolve_profile(folder)) as desk:
            assert len(desk.list_requests()) == count
        assert not_private(folder) == {}


def test_a_restore_is_private_whatever_the_members_say(
    profile: Profile, umask: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = resolve_profile(tmp_path / "source")
    with Desk.open(source) as desk:
        fill(desk, tmp_path)
        count = len(desk.list_requests())
    monkeypatch.setattr(zipwriter, "_REGULAR_FILE_ATTR", (stat.S_IFREG | 0o777) << 16)
    backup = write_backup(source, tmp_path).path  # members that ask to be 0777
    with zipfile.ZipFile(backup) as archive:
        assert {i.external_attr >> 16 for i in archive.infolist()} == {stat.S_IFREG | 0o777}
    with Desk.open(profile) as desk:
        create_backup(desk)  # the profile's own backups/ moves along with the restore
    restoring = FolderWatch(lambda: layout.staging_dirs(profile.data_dir))
    result = restore_backup(backup, profile, restoring, now=datetime(2024, 4, 10, tzinfo=UTC))
    assert restoring.seen and restoring.loose == {}
    assert result.previous_profile is not None
    assert not_private(profile.data_dir) == {}
    with Desk.open(profile) as desk:
        assert len(desk.list_requests()) == count
    assert not_private(profile.data_dir) == {}


# --- tightening an existing profile ---------------------------------------------------


@pytest.fixture
def loose_profile(profile: Profile, tmp_path: Path) -> Profile:
    """A closed profile with everything in it, made 0755/0644 as an earlier foidesk did."""
    with Desk.open(profile) as desk:
        fill(desk, tmp_path)
        create_backup(desk)
    profile.safety_dir.mkdir()
    (profile.safety_dir / "foidesk-20240101-000000-before-upgrade-from-0001.sqlite3").write_bytes(
        b"an old safety copy"
    )
    for name in (layout.MANIFEST, layout.README):  # as unpacked from a backup
        (profile.data_dir / name).write_text("{}")
    loosen(profile.data_dir)
    return profile


def test_an_old_loose_profile_is_made_private_when_opened(loose_profile: Profile) -> None:
    assert len(not_private(loose_profile.data_dir)) > 20
    with Desk.open(loose_profile) as desk:
        assert len(desk.list_requests()) == 2
        assert not_private(loose_profile.data_dir) == {}


def test_the_names_an_unpacked_backup_adds_are_the_backups_own() -> None:
    assert set(privacy.UNPACKED_BACKUP_FILES) == {layout.MANIFEST, layout.README}


def test_a_walk_killed_half_way_is_done_again_at_the_next_open(loose_profile: Profile) -> None:
    """The store's root is set 0700 only after everything below it: a kill leaves it marked."""
    store = loose_profile.attachments_dir
    pid = os.fork()
    if pid == 0:  # the child: SIGKILLed at its fifth change of a mode in the store
        changes = 0
        real = privacy._set_mode

        def then_killed(path: Path, current: int, mode: int) -> None:
            nonlocal changes
            changes += path.is_relative_to(store)
            if changes == 5:
                os.kill(os.getpid(), signal.SIGKILL)
            real(path, current, mode)

        privacy._set_mode = then_killed
        try:
            privacy.tighten(loose_profile)
        finally:
            os._exit(0)  # only if the walk had fewer than five changes to make
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == -signal.SIGKILL
    assert store.stat().st_mode & 0o7777 == privacy.WALKING_MODE
    assert any(mode_of(p) == 0o644 for p in stored_files(loose_profile))  # cut short
    Desk.open(loose_profile).close()
    assert not_private(loose_profile.data_dir) == {}


def test_a_private_store_is_not_walked_at_each_open(
    profile: Profile, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with Desk.open(profile) as desk:
        fill(desk, tmp_path)
    loose_file = stored_files(profile)[0]
    loose_file.chmod(0o644)  # below a private root: nobody else can reach it anyway
    listed: list[Path] = []
    changed: list[Path] = []
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        listed.append(Path(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(privacy, "_chmod", lambda path, _mode: changed.append(path))
    privacy.tighten(profile)
    assert not any(p.is_relative_to(profile.attachments_dir) for p in listed)
    assert changed == []
    assert mode_of(loose_file) == 0o644


def test_a_folder_of_the_same_name_elsewhere_is_never_followed(
    profile: Profile, tmp_path: Path
) -> None:
    Desk.open(profile).close()
    outside = tmp_path / "somebody-elses"
    outside.mkdir(mode=0o755)
    (outside / "notes.txt").write_text("not foidesk's")
    (outside / "notes.txt").chmod(0o644)
    before = modes(outside)
    profile.backups_dir.symlink_to(outside)
    privacy.tighten(profile)
    assert modes(outside) == before


def _mount_read_only(source: Path, target: Path) -> None:
    target.mkdir()
    try:
        subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot bind-mount here ({exc}): the read-only case needs mount")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)


@needs_root
def test_a_read_only_profile_is_left_as_it_is_without_an_error(
    loose_profile: Profile, tmp_path: Path
) -> None:
    view = tmp_path / "read-only"
    _mount_read_only(loose_profile.data_dir, view)
    try:
        before = modes(view)
        mounted = resolve_profile(view)
        privacy.prepare(mounted)  # what Desk.open runs first: nothing to change, no error
        privacy.tighten(mounted)
        assert modes(view) == before
    finally:
        subprocess.run(["umount", str(view)], check=True)


# --- as an ordinary user --------------------------------------------------------------


NOBODY = 65534


def as_nobody(work: Callable[[], None], *, umask: int) -> None:
    """Run ``work`` in a child process that is the user ``nobody``, with ``umask``.

    The child is forked, so it shares the modules already loaded (an ordinary user may
    not be able to read this interpreter's files); a failure there fails the test.
    """
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.umask(umask)
            work()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the work failed as an ordinary user"


@pytest.fixture
def nobodys_folder() -> Iterator[Path]:
    """A folder of the user ``nobody``'s own, where that user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="foidesk-privacy-"))
    os.chown(folder, NOBODY, NOBODY)
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=True)


def everything(folder: Path) -> None:
    """A profile's whole life: made, filled, backed up, verified, restored, written again."""
    profile = resolve_profile(folder / "profile")
    with Desk.open(profile) as desk:
        fill(desk, folder)
        backup = create_backup(desk).path
    assert verify_backup(backup).ok
    killed_while_open(profile)  # its mark in the in-use folder is left for the restore
    restore_backup(backup, profile)
    with Desk.open(profile) as desk:
        message = NewMessage(
            direction="incoming", kind="note", attachments=(NewAttachment("a.pdf", PDF + b"2"),)
        )
        desk.add_message(None, message)
        create_backup(desk)
    old = resolve_profile(folder / "old")  # an older foidesk's, made 0400 by the umask
    old.data_dir.mkdir()
    old.data_dir.chmod(0o700)
    engine = db.make_engine(old.database_url)
    db.upgrade(old, engine, target="0001")
    engine.dispose()
    Desk.open(old).close()  # with a safety copy
    assert not_private(profile.data_dir, old.data_dir) == {}


def killed_while_open(profile: Profile) -> None:
    pid = os.fork()
    if pid == 0:
        Desk.open(profile)
        os._exit(0)  # without closing: as if killed
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert list(in_use_dir(profile.data_dir).iterdir())


@needs_root
def test_a_umask_that_takes_the_owners_bits_still_leaves_everything_writable(
    nobodys_folder: Path, tmp_path: Path
) -> None:
    """Under umask 0o277 a file made 0666 minus the umask would be 0400: its owner could not
    write it again. Everything foidesk makes is set to its exact mode instead."""
    everything(tmp_path)  # as root first, to load every module the child will need
    as_nobody(lambda: everything(nobodys_folder), umask=0o277)
    profile = nobodys_folder / "profile"
    assert not_private(profile) == {}
    assert {p.stat().st_uid for p in profile.rglob("*")} == {NOBODY}


@needs_root
def test_files_of_another_owner_are_left_alone_and_the_profile_opens(
    nobodys_folder: Path, tmp_path: Path
) -> None:
    """Someone else's files, writable by all: foidesk cannot change their modes, and works."""
    profile = resolve_profile(nobodys_folder / "shared")
    with Desk.open(profile) as desk:
        fill(desk, tmp_path)
    loosen(profile.data_dir, dirs=0o777, files=0o666)
    before = modes(profile.data_dir)

    def add_a_request() -> None:
        with Desk.open(profile) as desk:
            desk.add_request(
                NewRequest(title="Potholes", authority="Kent County Council", sent_on=None)
            )
            assert len(desk.list_requests()) == 3

    as_nobody(add_a_request, umask=0o022)
    after = modes(profile.data_dir)
    marker = str(marker_path(profile.data_dir))  # replaced whole at close: a new, private file
    assert after.pop(marker) == 0o600
    assert {path: after[path] for path in before if path != marker} == {
        path: mode for path, mode in before.items() if path != marker
    }


def _outlook_message() -> bytes:
    script = Path(__file__).parents[2] / "data" / "mail" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("foidesk_privacy_corpus", script)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    message: bytes = corpus.outlook_msg()
    return message


@needs_root
def test_an_attached_outlook_message_is_read_under_that_umask_too(tmp_path: Path) -> None:
    """Its text is read from a temporary copy, in a folder that must stay writable."""
    data = _outlook_message()

    def read() -> None:
        found = extract_bytes(data, "earlier.msg", "application/vnd.ms-outlook")
        assert found.state == TextState.DONE, found.note
        assert "Please find our response attached" in found.text

    read()  # as root first, to load every module the child will need
    as_nobody(read, umask=0o277)
