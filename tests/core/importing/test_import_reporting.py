"""Same message or a reused Message-ID, and what the import report says about every file."""

from __future__ import annotations

import json
import mailbox
import os
from pathlib import Path

import pytest
from mailmaker import make_email
from real_mail import case
from sqlalchemy import update

from foidesk.cli import main
from foidesk.core.desk import Desk
from foidesk.core.importing.importer import STREAM_FROM_BYTES, import_paths
from foidesk.core.storage.tables import Message


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_different_email_reusing_a_message_id_is_imported_and_marked(
    desk: Desk, tmp_path: Path
) -> None:
    first = _write(tmp_path, "a.eml", make_email(message_id="<same@x>", subject="First"))
    other = make_email(
        message_id="<same@x>",
        subject="Second letter",
        attachments=(("one.pdf", b"%PDF-1.4 one"), ("two.pdf", b"%PDF-1.4 two")),
    )
    second = _write(tmp_path, "b.eml", other)
    report = import_paths(desk, [first, second])
    assert [f.status for f in report.files] == ["unfiled", "unfiled"]
    assert report.files[1].reused_message_ids == ("same@x",)
    assert [a.filename for a in report.files[1].attachments] == ["one.pdf", "two.pdf"]
    assert (
        "Message-ID <same@x> was already used by a different message"
        in (report.files[1].details()[0])
    )
    unfiled = {m.subject: m for m in desk.unfiled_messages()}
    assert not unfiled["First"].message_id_reused
    assert unfiled["Second letter"].message_id_reused
    assert len(unfiled["Second letter"].attachments) == 2


def test_the_same_email_again_is_a_duplicate_even_in_other_bytes(
    desk: Desk, tmp_path: Path
) -> None:
    raw = make_email(message_id="<dup@x>", attachments=(("a.pdf", b"%PDF-1.4 a"),))
    eml = _write(tmp_path, "a.eml", raw)
    resent = _write(tmp_path, "b.eml", b"X-Relayed-By: gateway\r\n" + raw)
    box_path = tmp_path / "box.mbox"
    box = mailbox.mbox(box_path)
    box.add(raw)
    box.flush()
    box.close()
    report = import_paths(desk, [eml, resent, box_path])
    assert [f.status for f in report.files] == ["unfiled", "duplicate", "duplicate"]
    assert all(not f.reused_message_ids for f in report.files)
    assert len(desk.unfiled_messages()) == 1


def test_a_message_imported_before_digests_is_compared_by_its_original(
    desk: Desk, tmp_path: Path
) -> None:
    raw = make_email(message_id="<old@x>", attachments=(("a.pdf", b"%PDF-1.4 a"),))
    import_paths(desk, [_write(tmp_path, "a.eml", raw)])
    with desk.db.writing() as session:  # as a profile from before migration 0006 has it
        session.execute(update(Message).values(content_sha256=None))
    again = _write(tmp_path, "b.eml", b"X-Relayed-By: gateway\r\n" + raw)
    changed = _write(tmp_path, "c.eml", make_email(message_id="<old@x>", subject="Other"))
    report = import_paths(desk, [again, changed])
    assert [f.status for f in report.files] == ["duplicate", "unfiled"]
    assert report.files[1].reused_message_ids == ("old@x",)
    with desk.db.reading() as session:
        digests = session.query(Message.content_sha256).all()
    assert all(digest for (digest,) in digests)  # the old row got its digest back


def test_a_message_written_in_foidesk_and_imported_later_is_one_message(
    desk: Desk, tmp_path: Path
) -> None:
    from foidesk.core.records import NewMessage

    desk.add_message(None, NewMessage(direction="outgoing", kind="request", message_id="w@x"))
    item = import_paths(desk, [_write(tmp_path, "w.eml", make_email(message_id="<w@x>"))]).files[0]
    assert item.status == "duplicate"


def test_mbox_report_counts_duplicates_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    box_path = tmp_path / "export.mbox"
    box = mailbox.mbox(box_path)
    for n in range(3):
        box.add(make_email(subject=f"Part {n}", message_id=f"<p{n}@x>"))
    box.flush()
    data_dir = str(tmp_path / "profile")
    assert main(["import", str(box_path), "--data-dir", data_dir]) == 0
    box.add(make_email(subject="Part 3", message_id="<p3@x>"))
    box.flush()
    box.close()
    capsys.readouterr()
    assert main(["import", str(box_path), "--json", "--data-dir", data_dir]) == 0
    (item,) = json.loads(capsys.readouterr().out)["files"]
    assert item["status"] == "unfiled"
    assert item["duplicates_skipped"] == 3
    assert len(item["message_ids"]) == 4
    assert main(["import", str(box_path), "--data-dir", data_dir]) == 0
    assert "export.mbox: already imported" in capsys.readouterr().out


def test_import_json_carries_charsets_warnings_and_attachments_per_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chinese = _write(tmp_path, "gb.eml", case("gb2312-undeclared.eml"))
    uu = _write(tmp_path, "uu.eml", case("uuencode-damaged.eml"))
    data_dir = str(tmp_path / "profile")
    assert main(["import", str(chinese), str(uu), "--json", "--data-dir", data_dir]) == 0
    first, second = json.loads(capsys.readouterr().out)["files"]
    expected = {
        "path", "status", "request_id", "message_ids", "attachments", "error", "filed_by",
        "duplicates_skipped", "warnings", "charset_assumptions", "reused_message_ids",
    }  # fmt: skip
    assert set(first) == expected
    assert first["charset_assumptions"] == [
        {
            "code": "charset.undeclared",
            "arguments": {"used": "GB18030"},
            "text": "text with no declared character set was decoded as GB18030",
        }
    ]
    assert first["filed_by"]["code"] == "filing.unmatched"
    assert first["warnings"] == [] and first["duplicates_skipped"] == 0
    assert [a["filename"] for a in second["attachments"]] == ["Happy.txt"]
    warnings = {w["code"]: w["text"] for w in second["warnings"]}
    assert warnings["mail.uuencode-no-end"] == (
        "a uuencoded file had no 'end' line; it may be incomplete"
    )

    assert main(["import", str(chinese), str(uu), "--data-dir", data_dir]) == 0
    text = capsys.readouterr().out
    assert "gb.eml: already imported" in text


def test_charset_assumptions_are_kept_with_the_message(desk: Desk, tmp_path: Path) -> None:
    import_paths(desk, [_write(tmp_path, "gb.eml", case("gb2312-undeclared.eml"))])
    (message,) = desk.unfiled_messages()
    assert message.charset_notes == ("text with no declared character set was decoded as GB18030",)
    assert "您好" in message.body_text


def test_text_report_lists_what_else_happened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path, "deep.eml", case("deep-multiparts.eml"))
    assert main(["import", str(path), "--data-dir", str(tmp_path / "profile")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}: unfiled into the Unfiled tray")
    assert out[1].startswith("  warning: the message nests parts more than 64 levels deep")


def test_a_large_email_is_stored_exactly_from_its_file(desk: Desk, tmp_path: Path) -> None:
    payload = os.urandom(3 * 1024 * 1024)
    raw = make_email(message_id="<large@x>", attachments=(("scan.pdf", payload),))
    assert len(raw) > STREAM_FROM_BYTES
    path = _write(tmp_path, "large.eml", raw)
    item = import_paths(desk, [path]).files[0]
    assert item.status == "unfiled" and item.warnings == ()
    (message,) = desk.unfiled_messages()
    (stored,) = message.attachments
    assert stored.size == len(payload)
    with desk.open_blob(stored.sha256) as handle:
        assert handle.read() == payload
    assert desk.original_of(message.id) == raw
    assert list(desk.store.staging.glob("spool-*")) == []  # the decoded parts are gone
    again = import_paths(desk, [path]).files[0]
    assert again.status == "duplicate"
