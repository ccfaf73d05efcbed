"""The evidence bundle of a request, read back with the tools its receiver would use."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from engines import environment_for
from export_fixtures import Thread, pdf_text, squashed
from mounts import needs_mount, tmpfs

from foidesk.core.desk import Desk
from foidesk.core.export import ExportError, NoFontError
from foidesk.core.export.fonts import FONT_VARIABLE
from foidesk.core.progress import Cancelled
from foidesk.core.records import NewAttachment, NewMessage


def _bundle(desk: Desk, thread: Thread, tmp_path: Path) -> Path:
    out = tmp_path / "bundle.zip"
    desk.export_bundle(thread.request_id, out)
    return out


def _needs_unzip() -> str:
    found = shutil.which("unzip")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("unzip is missing (Debian package: unzip)")
        pytest.skip("needs unzip (Debian package: unzip)")
    return found


def test_standard_unzip_tests_the_bundle_clean(desk: Desk, thread: Thread, tmp_path: Path) -> None:
    out = _bundle(desk, thread, tmp_path)
    done = subprocess.run([_needs_unzip(), "-t", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors detected" in done.stdout


def test_the_pdf_holds_every_header_and_every_deadline(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    with zipfile.ZipFile(_bundle(desk, thread, tmp_path)) as bundle:
        text = squashed(pdf_text(bundle.read("correspondence.pdf")))
    detail = desk.get_request(thread.request_id)
    assert len(detail.messages) == 6
    for message in detail.messages:
        for value in (message.from_addr, *message.to, *message.cc, message.subject):
            assert squashed(value) in text, value
        assert message.date is not None
        assert squashed(message.date.strftime("%Y-%m-%d %H:%M:%S")) in text
        if message.message_id:
            assert squashed(message.message_id) in text
    deadlines = desk.deadlines(thread.request_id)
    assert deadlines
    for deadline in deadlines:
        shown = f"{deadline.label}{deadline.due.isoformat()}—{deadline.status_text()}"
        assert squashed(shown) in text
    assert squashed("Records Team <records@dwp.example.org>") in text  # the Cc
    for status in ("Awaiting response", "Partially successful"):
        assert squashed(status) in text


def test_every_original_and_attachment_matches_the_manifest(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    with zipfile.ZipFile(_bundle(desk, thread, tmp_path)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        names = set(bundle.namelist())
        listed = {m["name"]: m for m in manifest["members"]}
        assert names == set(listed) | {"manifest.json"}
        for name, entry in listed.items():
            data = bundle.read(name)
            assert len(data) == entry["size"]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        originals = sorted(n for n in names if n.startswith("originals/"))
        assert len(originals) == len(thread.reply_ids) == 2
        for name, message_id in zip(originals, thread.reply_ids, strict=True):
            assert bundle.read(name) == desk.original_of(message_id)  # byte for byte
        detail = desk.get_request(thread.request_id)
        stored = [a for m in detail.messages for a in m.attachments]
        in_bundle = [n for n in names if n.startswith("attachments/")]
        assert len(in_bundle) == len(stored) == 10
        hashes = {listed[n]["sha256"] for n in in_bundle}
        assert hashes == {a.sha256 for a in stored}
    assert manifest["redacted"] is False
    assert manifest["originals"] == manifest["attachments"] == "included"


def test_names_from_outside_land_safely_and_never_collide(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    out = _bundle(desk, thread, tmp_path)
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        target = tmp_path / "unpacked"
        bundle.extractall(target)
    attachments = {n.removeprefix("attachments/") for n in names if n.startswith("attachments/")}
    assert {"passwd", "_con.txt", "scan.pdf", "scan (2).pdf"} <= attachments
    for name in names:
        path = PurePosixPath(name)
        assert not path.is_absolute() and ".." not in path.parts
        assert len(path.parts) <= 2
    assert not (tmp_path / "etc").exists()
    unpacked = [p for p in target.rglob("*") if p.is_file()]
    assert len(unpacked) == len(names)
    assert all(p.resolve().is_relative_to(target.resolve()) for p in unpacked)
    scans = {(target / "attachments" / n).read_bytes() for n in ("scan.pdf", "scan (2).pdf")}
    assert scans == {b"%PDF-1.4 first scan", b"%PDF-1.4 second scan, another file"}


def test_unicode_and_long_lines_are_written_not_dropped(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    with zipfile.ZipFile(_bundle(desk, thread, tmp_path)) as bundle:
        text = pdf_text(bundle.read("correspondence.pdf"))
    for word in ("Ελληνικά", "Русский"):
        assert word in text
    assert "long" * 600 in squashed(text)  # wrapped, every character kept
    assert "\ufffd" in text  # no glyph for 中文 in the font: marked, and the PDF says so
    assert "could not be shown in this PDF's font" in text


def test_an_existing_file_is_not_replaced_unless_asked(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.zip"
    out.write_bytes(b"the user's own file")
    with pytest.raises(ExportError, match="already exists"):
        desk.export_bundle(thread.request_id, out)
    assert out.read_bytes() == b"the user's own file"
    desk.export_bundle(thread.request_id, out, overwrite=True)
    assert zipfile.is_zipfile(out)


class _CancelAtCopy:
    """Asks to stop once the first stored file is being copied."""

    def __init__(self) -> None:
        self.copying = False

    def report(self, done: int, total: int | None, message: str = "") -> None:
        self.copying = self.copying or message.startswith(("originals/", "attachments/"))

    def cancelled(self) -> bool:
        return self.copying


def test_a_cancelled_export_leaves_nothing(desk: Desk, thread: Thread, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(Cancelled):
        desk.export_bundle(thread.request_id, out_dir / "bundle.zip", progress=_CancelAtCopy())
    assert list(out_dir.iterdir()) == []


_KILLED_EXPORT = """
import os, signal, sys
from datetime import date
from pathlib import Path
from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile

class KillAtCopy:
    def report(self, done, total, message=""):
        if message.startswith("attachments/"):
            os.kill(os.getpid(), signal.SIGKILL)
    def cancelled(self):
        return False

with Desk.open(resolve_profile(Path(sys.argv[1]))) as desk:
    desk.export_bundle(int(sys.argv[2]), Path(sys.argv[3]), progress=KillAtCopy())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_mid_export_leaves_no_target_file(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    data_dir = desk.profile.data_dir
    desk.close()
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_EXPORT, str(data_dir), str(thread.request_id), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment_for(desk.profile.database_url),
    )
    assert done.returncode == -9, done.stderr
    assert not out.exists()
    left = [p.name for p in out.parent.iterdir()]
    assert all(name.startswith(".bundle.zip.") and name.endswith(".part") for name in left)
    desk.reopen()


@pytest.mark.sqlite_only  # a team database sets its cache aside and fetches it again
def test_a_damaged_stored_file_stops_the_export(desk: Desk, thread: Thread, tmp_path: Path) -> None:
    attachment = desk.get_request(thread.request_id).messages[2].attachments[0]
    stored = desk.blob_path(attachment.sha256)
    stored.chmod(0o600)
    stored.write_bytes(b"not what was received")
    out = tmp_path / "bundle.zip"
    with pytest.raises(ExportError, match="damaged"):
        desk.export_bundle(thread.request_id, out)
    assert not out.exists()


def test_no_font_is_one_clear_sentence(
    desk: Desk, thread: Thread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FONT_VARIABLE, str(tmp_path / "missing.ttf"))
    out = tmp_path / "bundle.zip"
    with pytest.raises(NoFontError, match="does not exist"):
        desk.export_bundle(thread.request_id, out)
    assert not out.exists()


def _peak_of_export(desk: Desk, request_id: int, out: Path) -> int:
    tracemalloc.start()
    try:
        desk.export_bundle(request_id, out, overwrite=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_large_files_stream_through_without_being_held(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    out = tmp_path / "bundle.zip"
    desk.export_bundle(thread.request_id, out)  # modules loaded, fonts read once
    without = _peak_of_export(desk, thread.request_id, out)
    big = tmp_path / "scan-archive.bin"
    size = 24 << 20
    with big.open("wb") as stream:
        for _ in range(size >> 20):
            stream.write(os.urandom(1 << 20))
    desk.add_message(
        thread.request_id,
        NewMessage(
            direction="incoming",
            kind="response",
            subject="The archive",
            attachments=(NewAttachment("scan-archive.bin", big),),
        ),
    )
    grown = _peak_of_export(desk, thread.request_id, out) - without
    assert grown < 4 << 20, f"peak grew by {grown} bytes for a {size}-byte file"
    with zipfile.ZipFile(out) as bundle:
        assert bundle.getinfo("attachments/scan-archive.bin").file_size == size


@needs_mount
def test_a_full_disk_is_one_sentence_and_leaves_nothing(
    desk: Desk, thread: Thread, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "small-disk", "40k") as disk:
        with pytest.raises(ExportError, match="full"):
            desk.export_bundle(thread.request_id, disk / "bundle.zip")
        assert list(disk.iterdir()) == []
