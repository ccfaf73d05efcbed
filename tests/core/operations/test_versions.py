"""No lost update: an edit made on a stale copy of a request is refused, saying who
changed it and when; every change records the member who made it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from foidesk.core.desk import Desk
from foidesk.core.errors import ChangedElsewhere
from foidesk.core.profile import Profile
from foidesk.core.records import NewRequest


def _as(profile: Profile, member: str) -> Desk:
    return Desk.open(replace(profile, member=member))


def test_the_second_edit_on_a_stale_copy_is_refused_naming_the_first(profile: Profile) -> None:
    with _as(profile, "Ann") as ann, _as(profile, "Bob") as bob:
        made = ann.add_request(
            NewRequest("Gritting routes", "Leeds City Council", date(2024, 3, 1))
        )
        shown_to_ann = ann.get_request(made.id)
        shown_to_bob = bob.get_request(made.id)
        assert shown_to_ann.version == shown_to_bob.version

        saved = bob.update_request(
            made.id, notes="Bob's note", expected_version=shown_to_bob.version
        )
        assert saved.version > shown_to_bob.version
        assert saved.changed_by == "Bob"

        with pytest.raises(ChangedElsewhere) as refused:
            ann.update_request(made.id, notes="Ann's note", expected_version=shown_to_ann.version)
        assert refused.value.member == "Bob"
        assert refused.value.at is not None
        time = refused.value.at.astimezone().strftime("%H:%M")
        assert str(refused.value) == f"changed by Bob at {time} — reload or keep yours"
        assert ann.get_request(made.id).notes == "Bob's note"  # nothing of Ann's was written

        fresh = ann.get_request(made.id)  # "keep mine": rewrite on the fresh version
        kept = ann.update_request(made.id, notes="Ann's note", expected_version=fresh.version)
        assert kept.notes == "Ann's note" and kept.changed_by == "Ann"


def test_every_write_moves_the_version_even_tags_alone(desk: Desk) -> None:
    made = desk.add_request(NewRequest("Bin collections", "Leeds City Council", date(2024, 3, 1)))
    tagged = desk.update_request(made.id, tags=["waste"], expected_version=made.version)
    assert tagged.version == made.version + 1
    moved = desk.set_status(made.id, "successful", expected_version=tagged.version)
    assert moved.version == tagged.version + 1
    with pytest.raises(ChangedElsewhere):
        desk.set_status(made.id, "rejected", expected_version=tagged.version)


def test_the_history_names_who_changed_the_status(profile: Profile) -> None:
    with _as(profile, "Ann") as ann:
        made = ann.add_request(NewRequest("Potholes", "Leeds City Council", date(2024, 3, 1)))
    with _as(profile, "Bob") as bob:
        bob.set_status(made.id, "rejected")
        history = bob.get_request(made.id).status_history
    assert [(change.status, change.changed_by) for change in history][-1] == ("rejected", "Bob")
    assert history[0].changed_by == "Ann"


def test_the_refusal_is_worded_in_german() -> None:
    from datetime import UTC, datetime

    from foidesk.core import i18n

    i18n.set_language("de")
    refused = ChangedElsewhere(1, "Ann", datetime(2024, 3, 1, 10, 42, tzinfo=UTC))
    time = datetime(2024, 3, 1, 10, 42, tzinfo=UTC).astimezone().strftime("%H:%M")
    assert str(refused) == f"geändert von Ann um {time} — neu laden oder Ihre behalten"
