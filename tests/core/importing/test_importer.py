"""Importing emails and files: filing rules, duplicates, evidence copies, bad input."""

from __future__ import annotations

import json
import mailbox
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from engines import environment_for
from mailmaker import make_email

from foidesk.cli import main
from foidesk.core.desk import Desk
from foidesk.core.importing.filing import RequestNames
from foidesk.core.importing.importer import ImportContext, import_file, import_paths
from foidesk.core.profile import Profile
from foidesk.core.records import NewMessage, NewRequest


def _request(
    desk: Desk,
    title: str = "Gritting routes and budgets",
    ref: str | None = None,
    authority: str = "Northtown Council",
) -> int:
    return desk.add_request(
        NewRequest(
            title=title,
            authority=authority,
            reference=ref,
            sent_on=date(2024, 3, 22),
            body="Please send…",
        )
    ).id


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_reply_to_our_outgoing_message_is_filed_in_its_thread(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    _request(desk, title="Another request entirely")
    desk.add_message(
        request_id,
        NewMessage(direction="outgoing", kind="follow_up", message_id="out-1@example.net"),
    )
    path = _write(
        tmp_path, "reply.eml", make_email(in_reply_to="<out-1@example.net>", subject="Hello")
    )
    item = import_paths(desk, [path]).files[0]
    assert item.status == "imported" and item.request_id == request_id
    assert "replies to your message <out-1@example.net>" in item.filed_by


def test_subject_naming_the_reference_or_the_title_files_it(desk: Desk, tmp_path: Path) -> None:
    by_ref = _request(desk, ref="FOI2024/01234")
    by_title = _request(desk, title="Potholes repaired in 2023")
    ref_mail = _write(
        tmp_path, "a.eml", make_email(subject="Our ref FOI2024/01234", message_id="<a@x>")
    )
    title_mail = _write(
        tmp_path,
        "b.eml",
        make_email(
            subject="RE: Freedom of Information request - Potholes repaired in 2023",
            message_id="<b@x>",
        ),
    )
    first, second = import_paths(desk, [ref_mail, title_mail]).files
    assert (first.request_id, second.request_id) == (by_ref, by_title)
    assert "reference FOI2024/01234" in first.filed_by
    assert "Potholes repaired in 2023" in second.filed_by


def test_sender_domain_files_only_when_the_authority_has_one_open_request(
    desk: Desk, tmp_path: Path
) -> None:
    desk.add_authority("Northtown Council", email="foi@council.example.gov.uk")
    only = _request(desk)
    mail = _write(
        tmp_path,
        "c.eml",
        make_email(sender="clerk@council.example.gov.uk", subject="Hello", message_id="<c@x>"),
    )
    assert import_paths(desk, [mail]).files[0].request_id == only

    _request(desk, title="A second open request")
    other = _write(
        tmp_path,
        "d.eml",
        make_email(sender="clerk@council.example.gov.uk", subject="Hello", message_id="<d@x>"),
    )
    item = import_paths(desk, [other]).files[0]
    assert item.status == "unfiled" and item.request_id is None
    assert [m.subject for m in desk.unfiled_messages()] == ["Hello"]


def test_reimport_is_a_duplicate_by_message_id_or_by_bytes(desk: Desk, tmp_path: Path) -> None:
    _request(desk)
    with_id = _write(tmp_path, "e.eml", make_email(message_id="<e@x>"))
    without_id = _write(tmp_path, "f.eml", make_email(message_id=None, subject="No id"))
    import_paths(desk, [with_id, without_id])
    again = import_paths(desk, [with_id, without_id]).files
    assert [f.status for f in again] == ["duplicate", "duplicate"]
    assert len(desk.unfiled_messages()) == 2


def test_attachments_and_the_evidence_copy_are_kept_exactly(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk, ref="FOI-77")
    raw = make_email(
        subject="FOI-77 response",
        attachments=(("letter.pdf", b"%PDF-1.4 letter"), ("../../etc/passwd", b"not a path")),
    )
    item = import_paths(desk, [_write(tmp_path, "g.eml", raw)]).files[0]
    assert [a.filename for a in item.attachments] == ["letter.pdf", "passwd"]
    message = desk.get_request(request_id).messages[-1]
    assert message.kind == "reply"  # unconfirmed until the user says what it is
    assert desk.original_of(message.id) == raw
    stored = desk.blob_path(message.attachments[0].sha256).read_bytes()
    assert stored == b"%PDF-1.4 letter"


def test_automated_replies_are_proposed_from_their_headers(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk, ref="ACK-123")
    raw = make_email(
        subject="Automatic reply: ACK-123",
        headers={"Auto-Submitted": "auto-replied"},
        body="This is an automated confirmation that we received your request.",
    )
    import_paths(desk, [_write(tmp_path, "h.eml", raw)])
    message = desk.get_request(request_id).messages[-1]
    assert message.kind == "reply"
    proposal = desk.reply_proposal(message.id)
    assert proposal.kind == "auto_reply" and proposal.status is None
    assert ("header", "Auto-Submitted: auto-replied") in {
        (e.signal, e.text) for e in proposal.evidence
    }


def test_mbox_imports_every_message(desk: Desk, tmp_path: Path) -> None:
    _request(desk, ref="MBX-1")
    box_path = tmp_path / "export.mbox"
    box = mailbox.mbox(box_path)
    for n in range(3):
        box.add(make_email(subject=f"MBX-1 part {n}", message_id=f"<m{n}@x>"))
    box.flush()
    box.close()
    item = import_paths(desk, [box_path]).files[0]
    assert item.status == "imported" and len(item.message_ids) == 3


def test_cli_reports_each_file_and_fails_only_for_refused_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "profile")
    folder = tmp_path / "drop"
    folder.mkdir()
    _write(folder, "good.eml", make_email(message_id="<good@x>"))
    _write(folder, "garbage.eml", bytes(range(256)) * 20)
    _write(folder, "empty.eml", b"")
    pdf = _write(tmp_path, "scan.pdf", b"%PDF-1.4 a document")
    assert (
        main(
            [
                "request",
                "add",
                "--title",
                "Bins",
                "--authority",
                "Northtown Council",
                "--sent",
                "2024-01-02",
                "--data-dir",
                data_dir,
            ]
        )
        == 0
    )
    capsys.readouterr()

    code = main(
        ["import", str(folder), str(pdf), "--request", "1", "--json", "--data-dir", data_dir]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["good.eml"]["status"] == "imported"
    assert by_name["scan.pdf"]["status"] == "attached"
    assert by_name["scan.pdf"]["attachments"][0]["size"] == len(b"%PDF-1.4 a document")
    for bad in ("garbage.eml", "empty.eml"):
        assert by_name[bad]["status"] == "error"
        assert by_name[bad]["error"] and "Traceback" not in by_name[bad]["error"]
        assert by_name[bad]["message_ids"] == []


KILL_IMPORT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from foidesk.core.desk import Desk
    from foidesk.core.importing.importer import import_paths
    from foidesk.core.profile import resolve_profile
    from foidesk.core.storage.file_store import AttachmentStore

    budget = int(sys.argv[3])
    original = AttachmentStore.place
    def place(self, staged, **options):
        global budget
        budget -= 1
        if budget == 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(self, staged, **options)
    AttachmentStore.place = place
    with Desk.open(resolve_profile(sys.argv[1])) as desk:
        import_paths(desk, [Path(sys.argv[2])])
""")


@pytest.mark.parametrize("kill_at", [2, 5, 9])
def test_a_killed_import_leaves_whole_messages_or_none(
    profile: Profile, tmp_path: Path, kill_at: int
) -> None:
    folder = tmp_path / "mails"
    folder.mkdir()
    for n in range(4):
        _write(
            folder,
            f"{n}.eml",
            make_email(
                message_id=f"<k{n}@x>",
                attachments=(
                    (f"a{n}.pdf", f"first {n}".encode()),
                    (f"b{n}.pdf", f"second {n}".encode()),
                ),
            ),
        )
    Desk.open(profile).close()
    result = subprocess.run(
        [sys.executable, "-c", KILL_IMPORT, str(profile.data_dir), str(folder), str(kill_at)],
        capture_output=True,
        check=False,
        env=environment_for(profile.database_url),
    )
    assert result.returncode == -signal.SIGKILL, result.stderr

    with Desk.open(profile) as desk:
        stored = desk.unfiled_messages()
        files_per_message = 3  # the original and two attachments
        assert len(stored) == (kill_at - 1) // files_per_message
        assert all(len(m.attachments) == 2 and m.has_original for m in stored)
        report = desk.check()
        assert report.ok and report.unreferenced_blobs == ()
        finished = import_paths(desk, [folder]).files
        assert sorted(f.status for f in finished).count("unfiled") == 4 - len(stored)


def test_cli_import_makes_attachment_text_searchable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from foidesk.core.sample.files import pdf_document

    data_dir = str(tmp_path / "profile")
    pdf = pdf_document("Annex", ["Salt stocks stood at 9,400 tonnes in December."])
    mail = _write(tmp_path, "salt.eml", make_email(attachments=(("annex.pdf", pdf),)))
    assert main(["import", str(mail), "--data-dir", data_dir]) == 0
    capsys.readouterr()
    assert main(["search", "tonnes", "--json", "--data-dir", data_dir]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["kind"] for h in hits] == ["attachment"]


def test_an_authoritys_own_address_wins_over_others_sharing_its_domain(
    desk: Desk, tmp_path: Path
) -> None:
    """Two bodies on one shared government domain: the exact FOI address decides, in any
    case, and another address on that domain means either of them."""
    desk.add_authority("Northtown Council", email="foi@shared.example.gov.uk")
    desk.add_authority("Northtown Police", email="disclosure@shared.example.gov.uk")
    council = _request(desk)
    _request(desk, title="Stop and search figures", authority="Northtown Police")
    exact = _write(
        tmp_path,
        "g.eml",
        make_email(sender="FOI@Shared.Example.gov.uk", subject="Hello", message_id="<g@x>"),
    )
    shared = _write(
        tmp_path,
        "h.eml",
        make_email(sender="clerk@shared.example.gov.uk", subject="Hi", message_id="<h@x>"),
    )
    filed_exact, filed_shared = import_paths(desk, [exact, shared]).files
    assert filed_exact.request_id == council
    assert "Northtown Council" in filed_exact.filed_by
    assert filed_shared.status == "unfiled"  # two authorities, two open requests


def test_a_request_trashed_during_an_import_gets_none_of_its_mail(
    desk: Desk, tmp_path: Path
) -> None:
    """The import reads the requests' names once; one trashed since is not filed into."""
    request_id = _request(desk, ref="FOI-2024-0042")
    context = ImportContext.read(desk)
    desk.delete_request(request_id)
    mail = _write(
        tmp_path, "t.eml", make_email(subject="Your request FOI-2024-0042", message_id="<t@x>")
    )
    item = import_file(desk, mail, None, context)
    assert item.status == "unfiled" and item.request_id is None
    assert item.filed_by == "its request is in the trash"


def test_the_longest_name_in_a_subject_wins_and_a_tie_files_nothing() -> None:
    names = RequestNames(
        [
            (1, None, "Gritting routes"),
            (2, None, "Gritting routes and budgets"),
            (3, "REF-7", "Potholes by ward"),
            (4, "ref-7", "Potholes by street"),
        ]
    )
    chosen = names.match("RE: Gritting routes and budgets 2024")
    assert chosen is not None and chosen.request_id == 2
    assert names.match("Fwd: about ref-7") is None  # two requests share the reference
    assert names.match("Nothing to see") is None
