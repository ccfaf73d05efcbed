"""The team's file store on a real PostgreSQL: two members (two profile folders, one
database) share every attachment and original, through the database and each one's
verified cache."""

from __future__ import annotations

import hashlib
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from mailmaker import make_email

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.storage.file_store import CHUNK, AttachmentStore
from foidesk.core.storage.file_writes import BlobTransaction
from foidesk.core.storage.team_store import TeamStore, stored_chunk, stored_file

REPORT = b"%PDF-1.4\n" + bytes(range(256)) * 9000  # a little over 2 MiB: three chunks
TABLE = b"ward,spend\nNorth,1200\nSouth,900\n"


def _member(tmp_path: Path, url: str, name: str) -> Desk:
    return Desk.open(resolve_profile(tmp_path / name, url))


@pytest.fixture
def members(tmp_path: Path, postgres_url: str) -> Iterator[tuple[Desk, Desk]]:
    ann = _member(tmp_path, postgres_url, "ann")
    ben = _member(tmp_path, postgres_url, "ben")
    try:
        yield ann, ben
    finally:
        ann.close()
        ben.close()


def _import_reply(desk: Desk, tmp_path: Path) -> tuple[int, bytes]:
    raw = make_email(attachments=(("response.pdf", REPORT), ("spend.csv", TABLE)))
    path = tmp_path / "reply.eml"
    path.write_bytes(raw)
    report = desk.import_paths([path])
    assert report.ok, report
    [message_id] = report.files[0].message_ids
    return message_id, raw


def _rows(desk: Desk, table: sa.Table) -> int:
    with desk.db.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


def test_a_team_profile_stores_in_the_database_and_a_local_one_does_not(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, _ = members
    assert isinstance(ann.store, TeamStore)
    with Desk.open(resolve_profile(tmp_path / "alone")) as alone:
        assert type(alone.store) is AttachmentStore


def test_what_one_member_imports_the_other_opens(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, ben = members
    message_id, raw = _import_reply(ann, tmp_path)
    assert _rows(ann, stored_file) == 3  # the original and two attachments
    sizes = [len(raw), len(REPORT), len(TABLE)]
    assert _rows(ann, stored_chunk) == sum(-(-size // CHUNK) for size in sizes)
    attachments = ben.get_message(message_id).attachments
    assert not any(ben.store.path_for(a.sha256).exists() for a in attachments)
    by_name = {a.filename: a for a in attachments}
    with ben.open_blob(by_name["response.pdf"].sha256) as stream:
        assert stream.read() == REPORT
    assert ben.blob_path(by_name["spend.csv"].sha256).read_bytes() == TABLE
    assert ben.original_of(message_id) == raw
    assert ben.store.path_for(by_name["response.pdf"].sha256).is_file()  # now in the cache
    report = ben.check()
    assert report.ok, report
    assert report.blobs_checked == 3
    assert report.unreferenced_blobs == ()
    assert report.notes == ()


def test_a_changed_cache_file_is_set_aside_and_fetched_again(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, ben = members
    message_id, _ = _import_reply(ann, tmp_path)
    sha256 = next(a.sha256 for a in ben.get_message(message_id).attachments if a.size == len(TABLE))
    cached = ben.blob_path(sha256)
    cached.write_bytes(b"ward,spend\nNorth,1\n")
    report = ben.check()
    assert report.ok, report
    assert report.corrupt_blobs == ()
    [note] = report.notes
    assert "set aside" in note
    assert cached.read_bytes() == TABLE
    assert isinstance(ben.store, TeamStore)
    [kept] = ben.store.set_aside_dir.iterdir()
    assert kept.read_bytes() == b"ward,spend\nNorth,1\n"
    cached.write_bytes(b"changed again")  # a reader, too, never takes a changed copy
    with ben.open_blob(sha256) as stream:
        assert stream.read() == TABLE
    assert len(list(ben.store.set_aside_dir.iterdir())) == 2


def test_damage_in_the_database_is_reported_by_every_member(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, ben = members
    message_id, _ = _import_reply(ann, tmp_path)
    sha256 = next(a.sha256 for a in ann.get_message(message_id).attachments if a.size == len(TABLE))
    with ann.db.engine.begin() as conn:
        conn.execute(
            sa.update(stored_chunk).where(stored_chunk.c.sha256 == sha256).values(data=b"x")
        )
    report = ben.check()
    assert report.corrupt_blobs == (sha256,)
    assert not report.ok
    with pytest.raises(OSError, match="damaged"):
        ben.open_blob(sha256)
    assert not ben.store.path_for(sha256).exists()  # a bad copy never enters the cache


def test_a_rolled_back_write_leaves_no_chunks(members: tuple[Desk, Desk]) -> None:
    ann, _ = members
    with pytest.raises(RuntimeError), ann.db.writing() as session:
        blobs = BlobTransaction(session, ann.store)
        with blobs:
            blobs.add_all([REPORT, TABLE])
            session.flush()
            raise RuntimeError("the import failed half-way")
    blobs.finish(committed=False)
    assert _rows(ann, stored_file) == 0
    assert _rows(ann, stored_chunk) == 0
    assert list(ann.store.stored_digests()) == []


def test_identical_content_from_two_members_at_once_is_stored_once(
    members: tuple[Desk, Desk],
) -> None:
    ann, ben = members
    assert isinstance(ann.store, TeamStore) and isinstance(ben.store, TeamStore)
    failures: list[BaseException] = []
    started = threading.Event()

    def second_member() -> None:
        try:
            with ben.db.writing() as session:
                staged = ben.store.stage(REPORT)
                started.set()
                ben.store.upload(session, staged)  # waits for the first to commit
                ben.store.discard(staged)
        except BaseException as exc:  # handed to the test thread
            failures.append(exc)
            started.set()

    with ann.db.writing() as session:
        staged = ann.store.stage(REPORT)
        ann.store.upload(session, staged)
        ann.store.discard(staged)
        worker = threading.Thread(target=second_member)
        worker.start()
        started.wait(10)
        _wait_until_blocked(ann)
    worker.join(30)
    assert not worker.is_alive() and failures == []
    assert _rows(ann, stored_file) == 1
    assert _rows(ann, stored_chunk) == 3


def _wait_until_blocked(desk: Desk) -> None:
    """Until some other connection waits on a lock: the second member's insert."""
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND datname = current_database()"
    )
    deadline = time.monotonic() + 20
    with desk.db.engine.connect() as conn:
        while conn.scalar(query) == 0:
            assert time.monotonic() < deadline, "the second insert never waited"
            conn.rollback()
            threading.Event().wait(0.02)


def test_a_large_file_streams_in_and_out_in_bounded_memory(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, ben = members
    big = tmp_path / "scan.bin"
    digest = hashlib.sha256()
    with big.open("wb") as out:
        for n in range(30):  # 30 MiB, a different block each time
            block = hashlib.sha256(bytes([n])).digest() * (CHUNK // 32)
            digest.update(block)
            out.write(block)
    tracemalloc.start()
    try:
        with ann.db.writing() as session, big.open("rb") as source:
            staged = ann.store.stage(source)
            ann.store.upload(session, staged)
            ann.store.discard(staged)
        _, written_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        assert isinstance(ben.store, TeamStore)
        assert ben.store.fetch(digest.hexdigest())
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _rows(ann, stored_chunk) == 30
    assert written_peak < 4 * CHUNK, written_peak
    assert read_peak < 4 * CHUNK, read_peak
    assert ben.store.path_for(digest.hexdigest()).stat().st_size == 30 * CHUNK


def test_repair_removes_a_database_file_nothing_uses(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    ann, ben = members
    _import_reply(ann, tmp_path)
    with ann.db.writing() as session:
        staged = ann.store.stage(b"a file no message uses")
        ann.store.upload(session, staged)
        ann.store.discard(staged)
    report = ben.check()
    [unused] = report.unreferenced_blobs
    assert report.repair_refusal is None
    removed = ben.repair(ben.plan_repair(report))
    assert [f.sha256 for f in removed.files] == [unused]
    assert _rows(ann, stored_file) == 3
    assert ben.check().unreferenced_blobs == ()


def test_the_other_member_exports_and_reads_text_from_the_database(
    members: tuple[Desk, Desk], tmp_path: Path
) -> None:
    from datetime import date

    from foidesk.core.records import NewRequest
    from foidesk.core.search import ExtractionOptions, extract_pending

    ann, ben = members
    request = ann.add_request(NewRequest("Ward spending", "Leeds City Council", date(2024, 3, 1)))
    path = tmp_path / "reply.eml"
    path.write_bytes(make_email(attachments=(("spend.csv", TABLE),)))
    assert ann.import_paths([path], request_id=request.id).ok
    report = extract_pending(ben, options=ExtractionOptions(workers=0))
    assert report.states == {"done": 1}, report
    out = tmp_path / "bundle.zip"
    ben.export_bundle(request.id, out)
    with zipfile.ZipFile(out) as bundle:
        contents = [bundle.read(name) for name in bundle.namelist()]
    assert TABLE in contents
    assert not ann.check().notes and ben.check().ok


def test_two_members_storing_one_file_at_once_share_its_row(
    members: tuple[Desk, Desk],
) -> None:
    """Two different emails with the same attachment, filed by two members at once."""
    ann, ben = members
    failures: list[BaseException] = []

    def second_member() -> None:
        try:
            with ben.db.writing() as session:
                blobs = BlobTransaction(session, ben.store)
                with blobs:
                    blobs.add_all([TABLE])  # waits for the first member's commit
            blobs.finish(committed=True)
        except BaseException as exc:  # handed to the test thread
            failures.append(exc)

    worker = threading.Thread(target=second_member)
    with ann.db.writing() as session:
        blobs = BlobTransaction(session, ann.store)
        with blobs:
            blobs.add_all([TABLE])
            session.flush()
            worker.start()
            _wait_until_blocked(ann)
    blobs.finish(committed=True)
    worker.join(30)
    assert not worker.is_alive() and failures == []
    with ann.db.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM blob")) == 1
    assert _rows(ann, stored_file) == 1 and _rows(ann, stored_chunk) == 1
