"""The attachment store: atomic writes, one copy per content, verification, crash recovery."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from engines import environment_for

from foidesk.core.desk import Desk
from foidesk.core.profile import Profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
from foidesk.core.storage.file_store import AttachmentStore


def _message(*files: tuple[str, bytes]) -> NewMessage:
    return NewMessage(
        direction="incoming",
        kind="response",
        sent_at=datetime(2024, 4, 2, 10, tzinfo=UTC),
        attachments=tuple(NewAttachment(n, d) for n, d in files),
    )


def _request(desk: Desk) -> int:
    return desk.add_request(
        NewRequest(title="Budgets", authority="Cabinet Office", sent_on=None)
    ).id


def test_stage_and_place_store_content_by_hash(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path)
    staged = store.stage(b"hello")
    assert staged.sha256 == hashlib.sha256(b"hello").hexdigest()
    assert store.place(staged) is True
    assert store.read_bytes(staged.sha256) == b"hello"
    assert store.place(store.stage(b"hello")) is False  # identical content stored once
    assert list(store.staging.iterdir()) == []


def test_crash_between_write_and_rename_leaves_nothing_under_the_final_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AttachmentStore(tmp_path)
    staged = store.stage(b"evidence")

    def power_cut(*_args: object) -> None:
        raise OSError("simulated crash before rename")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        store.place(staged)
    assert not store.exists(staged.sha256)
    assert staged.path.read_bytes() == b"evidence"  # only the staging copy exists


def test_identical_attachments_share_one_file(desk: Desk) -> None:
    request_id = _request(desk)
    first = desk.add_message(request_id, _message(("a.pdf", b"%PDF same")))
    second = desk.add_message(request_id, _message(("b.pdf", b"%PDF same")))
    assert first.attachments[0].sha256 == second.attachments[0].sha256
    assert list(desk.store.stored_digests()) == [first.attachments[0].sha256]


def test_purging_one_request_keeps_files_another_uses(desk: Desk) -> None:
    keep, drop = _request(desk), _request(desk)
    shared = desk.add_message(keep, _message(("a.pdf", b"shared"))).attachments[0].sha256
    own = desk.add_message(drop, _message(("a.pdf", b"shared"), ("b.pdf", b"only mine")))
    only_mine = own.attachments[1].sha256

    desk.delete_request(drop)
    assert desk.store.exists(only_mine)  # the trash loses nothing
    desk.purge_request(drop)

    assert desk.store.exists(shared)
    assert not desk.store.exists(only_mine)
    assert desk.check().ok


def test_failed_write_leaves_no_file_behind(desk: Desk) -> None:
    request_id = _request(desk)
    bad = NewMessage(
        direction="incoming", kind="no-such-kind", attachments=(NewAttachment("x.pdf", b"orphan?"),)
    )
    with pytest.raises(ValueError):
        desk.add_message(request_id, bad)
    missing_file = NewMessage(
        direction="incoming",
        kind="response",
        attachments=(
            NewAttachment("ok.pdf", b"would be orphaned"),
            NewAttachment("gone.pdf", Path("/nonexistent/gone.pdf")),
        ),
    )
    with pytest.raises(ValueError, match="cannot read"):
        desk.add_message(request_id, missing_file)
    assert list(desk.store.stored_digests()) == []
    assert desk.check().ok


@pytest.mark.sqlite_only  # a team database sets its cache aside and fetches it again
def test_verify_finds_a_flipped_byte_and_a_missing_file(desk: Desk) -> None:
    request_id = _request(desk)
    record = desk.add_message(request_id, _message(("a.pdf", b"A" * 100), ("b.pdf", b"B" * 50)))
    first, second = (a.sha256 for a in record.attachments)
    path = desk.store.path_for(first)
    data = bytearray(path.read_bytes())
    data[42] ^= 0x01
    path.write_bytes(bytes(data))
    desk.store.path_for(second).unlink()

    report = desk.check()
    assert not report.ok
    assert report.corrupt_blobs == (first,)
    assert report.missing_blobs == (second,)


KILL_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    from datetime import UTC, datetime
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.core.records import NewAttachment, NewMessage
    from foidesk.core.storage.file_store import AttachmentStore

    kill_after = int(sys.argv[2])
    placed = 0
    original = AttachmentStore.place
    def place_then_maybe_die(self, staged, **options):
        global placed
        result = original(self, staged, **options)
        placed += 1
        if placed == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    AttachmentStore.place = place_then_maybe_die
    desk = Desk.open(resolve_profile(sys.argv[1]))
    files = tuple(NewAttachment(f"f{i}.bin", os.urandom(1000)) for i in range(3))
    desk.add_message(1, NewMessage(direction="incoming", kind="response",
                                   sent_at=datetime.now(UTC), attachments=files))
""")


@pytest.mark.parametrize("kill_after", [1, 2, 3])
def test_killed_writer_leaves_no_half_message_and_no_orphan_file(
    profile: Profile, kill_after: int
) -> None:
    with Desk.open(profile) as desk:
        request_id = _request(desk)
        kept = desk.add_message(request_id, _message(("kept.pdf", b"kept")))
    assert request_id == 1

    result = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(profile.data_dir), str(kill_after)],
        capture_output=True,
        check=False,
        env=environment_for(profile.database_url),
    )
    assert result.returncode == -signal.SIGKILL

    with Desk.open(profile) as desk:
        thread = desk.get_request(request_id).messages
        assert [m.id for m in thread] == [kept.id]
        report = desk.check()
        assert report.ok
        assert report.unreferenced_blobs == ()
        assert list(desk.store.stored_digests()) == [kept.attachments[0].sha256]


def test_check_repair_removes_files_nothing_refers_to(desk: Desk) -> None:
    request_id = _request(desk)
    kept = desk.add_message(request_id, _message(("kept.pdf", b"kept"))).attachments[0].sha256
    stray = desk.store.stage(b"left behind by a power cut")
    desk.store.place(stray)
    assert desk.check().unreferenced_blobs == (stray.sha256,)
    assert len(desk.repair(desk.plan_repair(desk.check())).files) == 1
    assert list(desk.store.stored_digests()) == [kept]


def test_a_messages_files_and_any_new_store_folders_are_synced_before_it_is_saved(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files, the folders they were renamed into, and the parents of folders made for
    them: all on disk before the message's row commits (a power cut loses neither)."""
    import foidesk.core.storage.file_store as store_module

    synced: list[Path] = []
    monkeypatch.setattr(store_module, "fsync_file", synced.append)
    monkeypatch.setattr(store_module, "fsync_dir", synced.append)
    request_id = _request(desk)
    record = desk.add_message(request_id, _message(("a.pdf", b"first"), ("b.pdf", b"second")))

    for attachment in record.attachments:
        final = desk.store.path_for(attachment.sha256)
        assert {final.parent, final.parent.parent, desk.store.root} <= set(synced)
    staged = [p for p in synced if p.parent == desk.store.staging]
    assert len(staged) == 2  # each file's bytes, before its rename


def test_folders_to_sync_name_a_new_folders_parent_and_the_root(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "attachments")
    store.create_dirs()
    digest = hashlib.sha256(b"x").hexdigest()
    folder = store.path_for(digest).parent
    assert store.folders_to_sync(digest) == [folder, folder.parent, store.root]
    store.place(store.stage(b"x"))
    assert store.folders_to_sync(digest) == [folder]
