"""The pieces of the format: names, the manifest, what gets compressed, reading members."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from foidesk.core.backup.compression import should_store
from foidesk.core.backup.layout import (
    attachment_member,
    backup_name,
    digest_of_member,
    is_known_member,
    staging_dirs,
)
from foidesk.core.backup.manifest import (
    FORMAT_VERSION,
    Counts,
    Manifest,
    ManifestError,
    MemberEntry,
    MemberKind,
    parse_manifest,
)
from foidesk.core.backup.reader import MemberReader, MemberUnreadable

SHA = hashlib.sha256(b"x").hexdigest()


def test_backup_names_sort_by_time_in_utc() -> None:
    moment = datetime(2024, 4, 10, 9, 30, 15, tzinfo=UTC)
    assert backup_name(moment) == "foidesk-20240410-093015.foidesk-backup"


def test_only_the_names_a_backup_has_are_known() -> None:
    assert digest_of_member(attachment_member(SHA)) == SHA
    assert is_known_member("foidesk.sqlite3") and is_known_member("manifest.json")
    for name in (
        f"attachments/00/00/{SHA}",  # prefix does not match the digest
        f"attachments/{SHA[:2]}/{SHA[2:4]}/{SHA}/x",
        "attachments/../foidesk.sqlite3",
        "/foidesk.sqlite3",
        "notes.txt",
    ):
        assert not is_known_member(name), name


def test_restore_folders_of_other_profiles_are_not_ours(tmp_path: Path) -> None:
    (tmp_path / "profile.restoring-20240410-093000").mkdir()
    (tmp_path / "profile.restoring-20240410-093000-2").mkdir()
    (tmp_path / "profile2.restoring-20240410-093000").mkdir()
    (tmp_path / "profile.restoring-notes").mkdir()
    assert [p.name for p in staging_dirs(tmp_path / "profile")] == [
        "profile.restoring-20240410-093000",
        "profile.restoring-20240410-093000-2",
    ]


def _manifest() -> Manifest:
    return Manifest(
        foidesk_version="0.1.0",
        schema_revision="0002",
        created_at=datetime(2024, 4, 10, tzinfo=UTC),
        counts=Counts(requests=2, files=1),
        members=(MemberEntry(attachment_member(SHA), MemberKind.ATTACHMENT, 1, SHA),),
        missing_files=(SHA,),
    )


def test_manifest_round_trips_through_json() -> None:
    manifest = _manifest()
    assert parse_manifest(manifest.to_json()) == manifest
    assert manifest.member(attachment_member(SHA)) is manifest.members[0]


def test_the_manifest_is_plain_json_one_member_to_a_line() -> None:
    members = (
        MemberEntry(attachment_member(SHA), MemberKind.ATTACHMENT, 1, SHA, damaged=True),
        MemberEntry("README.txt", MemberKind.README, 5, SHA),
        MemberEntry('d\u00e9j\u00e0 "vu"', MemberKind.README, 0, SHA),  # escaped as JSON
    )
    manifest = replace(_manifest(), members=members)
    text = manifest.to_json().decode("utf-8")
    document = json.loads(text)
    assert document["members"] == [
        {"name": m.name, "kind": m.kind.value, "size": m.size, "sha256": m.sha256}
        | ({"damaged": True} if m.damaged else {})
        for m in members
    ]
    member_lines = [line for line in text.splitlines() if line.startswith('{"name"')]
    assert len(member_lines) == len(members)
    assert parse_manifest(text.encode()) == manifest


def test_a_manifest_laid_out_as_earlier_versions_wrote_it_is_read() -> None:
    manifest = _manifest()
    earlier = json.dumps(json.loads(manifest.to_json()), indent=1).encode()
    assert parse_manifest(earlier) == manifest


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "does not describe"),
        (b'{"format": "zip"}', "does not describe"),
        (b'{"format": "foidesk-backup", "format_version": "1"}', "format_version"),
        (b'{"format": "foidesk-backup", "format_version": 0}', "unknown backup format"),
    ],
)
def test_a_manifest_that_cannot_be_understood_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ManifestError, match=message):
        parse_manifest(data)


def test_a_newer_format_is_told_apart_from_a_broken_one() -> None:
    data = (
        _manifest()
        .to_json()
        .replace(f'"format_version": {FORMAT_VERSION}'.encode(), b'"format_version": 2')
    )
    with pytest.raises(ManifestError) as caught:
        parse_manifest(data)
    assert caught.value.too_new


def test_a_bad_digest_in_the_manifest_is_refused() -> None:
    data = _manifest().to_json().replace(SHA.encode(), b"not-a-digest", 1)
    with pytest.raises(ManifestError, match="SHA-256"):
        parse_manifest(data)


@pytest.mark.parametrize(
    "head",
    [b"%PDF-1.7\n", b"PK\x03\x04", b"\xff\xd8\xff\xe0", b"\x89PNG", b"\x00\x00\x00\x18ftypheic"],
)
def test_compressed_formats_are_stored(head: bytes) -> None:
    assert should_store(head + b"a" * 1000)


def test_text_is_compressed_and_random_bytes_are_not() -> None:
    assert not should_store(b"Dear Requester, thank you for your request. " * 200)
    assert should_store(os.urandom(100_000))


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_the_reader_returns_exactly_the_content(tmp_path: Path, method: int) -> None:
    data = os.urandom(3_000_000) + b"text " * 300_000
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("member", data, compress_type=method)
    with zipfile.ZipFile(path) as archive, MemberReader(path) as reader:
        assert b"".join(reader.chunks(archive.getinfo("member"))) == data


def test_the_reader_notices_a_wrong_crc(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("member", b"hello world" * 100)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("member")
    info.CRC ^= 1
    with MemberReader(path) as reader, pytest.raises(MemberUnreadable, match="CRC"):
        b"".join(reader.chunks(info))
