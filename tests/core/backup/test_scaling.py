"""Checks whose cost grows with the number of members grow in step with it.

A profile of 50,000 stored files makes a backup of 50,000 members, and every check of
its directory and manifest runs over all of them. The work is counted, not timed: each
member name counts the comparisons made with it, and a check that compared every name
with every other (as counting each name in the whole list did) fails at once.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar

import pytest

from foidesk.core.backup.layout import DATABASE, MANIFEST, attachment_member
from foidesk.core.backup.manifest import Counts, Manifest, MemberEntry, MemberKind
from foidesk.core.backup.structure import directory_problems, manifest_problems
from foidesk.core.backup.zipwriter import ZipWriter

MEMBERS = 50_000
PER_MEMBER = 40  # comparisons each member may cost: a sort's log2(50,000) is about 16
MOMENT = datetime(2024, 4, 10, 9, 30, tzinfo=UTC)


class TooMuchWork(AssertionError):
    pass


class CountedName(str):
    """A member name that counts every comparison made with it, and stops the test once
    they pass the budget (a quadratic check would otherwise run for hours)."""

    comparisons: ClassVar[int] = 0
    budget: ClassVar[int] = 0

    def _count(self) -> None:
        CountedName.comparisons += 1
        if CountedName.comparisons > CountedName.budget:
            raise TooMuchWork(f"more than {CountedName.budget} name comparisons")

    def __eq__(self, other: object) -> bool:
        self._count()
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        self._count()
        return str.__ne__(self, other)

    def __lt__(self, other: str) -> bool:
        self._count()
        return str.__lt__(self, other)

    def __gt__(self, other: str) -> bool:
        self._count()
        return str.__gt__(self, other)

    __hash__ = str.__hash__


def names(count: int) -> list[str]:
    digests = (hashlib.sha256(str(n).encode()).hexdigest() for n in range(count))
    return [DATABASE, *(attachment_member(d) for d in digests)]


@pytest.fixture(scope="module")
def big_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ZIP of 50,001 empty members named as a backup's are (written in about a second)."""
    path = tmp_path_factory.mktemp("scaling") / "big.zip"
    with path.open("xb") as raw:
        writer = ZipWriter(raw)
        for name in [*names(MEMBERS), MANIFEST]:
            writer.add_whole(name, b"", MOMENT, deflated=None)
        writer.close()
    return path


def counted(archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        info.filename = info.orig_filename = CountedName(info.filename)


def start_counting(members: int) -> None:
    CountedName.comparisons = 0
    CountedName.budget = PER_MEMBER * members


def manifest_for(member_names: list[str], *, count: bool = True) -> Manifest:
    empty = hashlib.sha256(b"").hexdigest()
    entries = tuple(
        MemberEntry(
            CountedName(name) if count else name,
            MemberKind.DATABASE if name == DATABASE else MemberKind.ATTACHMENT,
            0,
            empty,
        )
        for name in member_names
    )
    return Manifest("1", None, MOMENT, Counts(), entries)


def test_the_directory_of_50000_members_is_checked_in_linear_work(big_zip: Path) -> None:
    with zipfile.ZipFile(big_zip) as archive:
        counted(archive)
        start_counting(MEMBERS)
        assert directory_problems(archive) == []
    assert 0 < CountedName.comparisons <= PER_MEMBER * MEMBERS


def test_the_manifest_of_50000_members_is_checked_in_linear_work(big_zip: Path) -> None:
    with zipfile.ZipFile(big_zip) as archive:
        counted(archive)
        manifest = manifest_for(names(MEMBERS))
        start_counting(MEMBERS)
        assert manifest_problems(archive, manifest) == []
    assert 0 < CountedName.comparisons <= PER_MEMBER * MEMBERS


def test_the_linear_checks_still_find_every_repeated_name(big_zip: Path) -> None:
    listed = names(MEMBERS)
    twice = [listed[7], listed[40_000]]
    with zipfile.ZipFile(big_zip) as archive:
        manifest = manifest_for([*listed, *twice], count=False)
        problems = [p.text for p in manifest_problems(archive, manifest)]
    assert problems == [f"{name!r} is listed twice in the manifest" for name in sorted(twice)]


def test_the_counting_names_do_catch_a_quadratic_check() -> None:
    """The budget is real: counting each name in the whole list trips it."""
    listed = [CountedName(n) for n in names(2_000)]
    start_counting(len(listed))
    with pytest.raises(TooMuchWork):
        sorted({n for n in listed if listed.count(n) > 1})
