"""Every write through ``Desk`` publishes what it changed, once it has committed — and
nothing when it fails. The window repaints from these values alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.core.changes import ChangeFeed, Changes, merge
from foidesk.core.desk import Desk
from foidesk.core.errors import NotFoundError
from foidesk.core.records import NewMessage, NewRequest


@pytest.fixture
def published(desk: Desk) -> Iterator[list[Changes]]:
    seen: list[Changes] = []
    stop = desk.feed.subscribe(seen.append)
    yield seen
    stop()


def _request(desk: Desk, title: str = "Gritting routes", sent: date = date(2024, 3, 1)) -> int:
    return desk.add_request(
        NewRequest(title=title, authority="Kent County Council", sent_on=sent)
    ).id


def _days(desk: Desk, request_id: int) -> set[date]:
    return {d.due for d in desk.deadlines(request_id) if d.state.value != "not_applicable"}


def test_a_new_request_names_itself_the_list_and_its_deadline_days(
    desk: Desk, published: list[Changes]
) -> None:
    request_id = _request(desk)
    [change] = published
    assert change.requests == {request_id} and change.listing
    assert change.authorities  # the authority was new
    assert change.deadline_days == _days(desk, request_id)
    assert change.deadline_days  # a response deadline, at least


def test_a_status_change_names_one_request_and_only_the_days_it_moves(
    desk: Desk, published: list[Changes]
) -> None:
    request_id = _request(desk)
    other = _request(desk, "Salt stocks")
    before = _days(desk, request_id)
    published.clear()
    desk.set_status(request_id, "successful")  # a stopped clock: its deadlines go
    [change] = published
    assert change.requests == {request_id} and change.threads == {request_id}
    assert not change.listing and other not in change.requests
    assert change.deadline_days == before - _days(desk, request_id)


def test_a_reply_moves_only_its_requests_days(desk: Desk, published: list[Changes]) -> None:
    request_id = _request(desk)
    published.clear()
    desk.add_message(
        request_id,
        NewMessage(
            direction="incoming",
            kind="response",
            subject="Our answer",
            sent_at=datetime(2024, 3, 20, tzinfo=UTC),
        ),
    )
    [change] = published
    assert change.threads == {request_id} and change.listing and change.search_index
    assert change.deadline_days  # the response deadline is met now, and a review window opens
    assert all(isinstance(day, date) for day in change.deadline_days or ())


def test_a_write_that_fails_publishes_nothing(desk: Desk, published: list[Changes]) -> None:
    with pytest.raises(NotFoundError):
        desk.set_status(999, "successful")
    assert published == []


def test_trash_and_back_say_the_list_and_the_trash_changed(
    desk: Desk, published: list[Changes]
) -> None:
    request_id = _request(desk)
    days = _days(desk, request_id)
    published.clear()
    desk.delete_request(request_id)
    desk.restore_request(request_id)
    gone, back = published
    assert gone.trash and gone.listing and gone.deadline_days == days
    assert back.trash and back.deadline_days == days


def test_a_closure_day_may_move_every_deadline(desk: Desk, published: list[Changes]) -> None:
    desk.set_closure(date(2024, 3, 15), "Office move")
    [change] = published
    assert change.all_deadlines and change.deadline_days is None
    assert change.moves_deadlines_of(12345)


def test_an_import_is_published_once_whatever_it_held(
    desk: Desk, published: list[Changes], tmp_path: Path
) -> None:
    request_id = _request(desk, "Pothole claims")
    published.clear()
    paths = []
    for n in range(3):
        path = tmp_path / f"reply-{n}.eml"
        path.write_bytes(
            make_email(subject=f"Re: Pothole claims ({n})", message_id=f"<m{n}@council.example>")
        )
        paths.append(path)
    desk.import_paths(paths)
    [change] = published
    assert change == merge([change])
    assert change.threads == {request_id}
    assert change.search_index and change.listing


def test_a_setting_names_its_key(desk: Desk, published: list[Changes]) -> None:
    desk.set_setting("backup.keep_daily", "5")
    assert published == [Changes(settings=frozenset({"backup.keep_daily"}))]


def test_another_members_change_is_told_at_once_even_while_gathering() -> None:
    """A change heard from the database is not this thread's own work: a gathering
    going on (an import) does not hold it back, and subscribers can tell it apart."""
    feed = ChangeFeed()
    told: list[tuple[Changes, bool]] = []
    feed.subscribe(lambda changes: told.append((changes, feed.publishing_foreign)))
    theirs, mine = Changes(requests=frozenset({4})), Changes(requests=frozenset({5}))
    with feed.gather():
        feed.publish(mine)
        feed.publish(theirs, foreign=True)
        assert told == [(theirs, True)]
    assert told == [(theirs, True), (mine, False)]
    assert feed.serial == 2 and not feed.publishing_foreign
