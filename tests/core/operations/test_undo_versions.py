"""Undoing a status change is a write like any other: it is refused, not silently made,
if another member wrote to the request after the step it takes back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from foidesk.core.desk import Desk
from foidesk.core.errors import ChangedElsewhere
from foidesk.core.profile.location import Profile
from foidesk.core.records import NewRequest


def test_an_undo_on_the_version_its_step_returned_takes_the_change_back(desk: Desk) -> None:
    made = desk.add_request(NewRequest("Bin collections", "Leeds City Council", date(2024, 3, 1)))
    moved = desk.set_status(made.id, "successful", expected_version=made.version)
    back = desk.undo_status_change(made.id, expected_version=moved.version)
    assert back.summary.status == made.summary.status
    assert back.version > moved.version


def test_an_undo_after_another_members_write_is_refused(profile: Profile) -> None:
    with (
        Desk.open(replace(profile, member="Bob")) as bob,
        Desk.open(replace(profile, member="Ann")) as ann,
    ):
        made = bob.add_request(NewRequest("Gritting", "Leeds City Council", date(2024, 3, 1)))
        moved = bob.set_status(made.id, "successful", expected_version=made.version)
        ann.set_status(made.id, "rejected")
        with pytest.raises(ChangedElsewhere) as refused:
            bob.undo_status_change(made.id, expected_version=moved.version)
        assert refused.value.member == "Ann"
        assert bob.get_request(made.id).summary.status == "rejected"  # Ann's stays
