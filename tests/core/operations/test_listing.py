"""The request list's queries: filters in SQL, deadline groups and sorts from next deadlines."""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import DeadlineKind, DeadlineState, Explanation
from foidesk.core.deadlines.deadline import Deadline
from foidesk.core.desk import Desk
from foidesk.core.records import (
    ListQuery,
    NewRequest,
    SortKey,
    StatusGroup,
)


def _add(desk: Desk, title: str, authority: str, **kw: object) -> int:
    return desk.add_request(
        NewRequest(title=title, authority=authority, sent_on=date(2024, 3, 1), **kw)  # type: ignore[arg-type]
    ).id


def _deadline(
    due: date, state: DeadlineState, kind: DeadlineKind = DeadlineKind.RESPONSE
) -> Deadline:
    explanation = Explanation("rule", "source", date(2024, 3, 1), (), (), ())
    return Deadline(kind, due, state, None, explanation, kind.label)


def test_quick_filter_matches_every_word_in_title_authority_or_reference(desk: Desk) -> None:
    bus = _add(desk, "Bus lane fines", "Leeds City Council", reference="LCC-100")
    _add(desk, "Gritting routes", "Kent County Council")
    assert desk.list_ids(ListQuery(text="leeds fines"), {}) == [bus]
    assert desk.list_ids(ListQuery(text="lcc-100"), {}) == [bus]
    assert desk.list_ids(ListQuery(text="100%"), {}) == []


def test_filters_by_authority_tag_and_regime(desk: Desk) -> None:
    a = _add(desk, "One", "Leeds City Council", tags=("roads",))
    b = _add(desk, "Two", "Glasgow City Council", regime="scot-foisa")
    choices = desk.filter_choices()
    leeds = next(i for i, n in choices.authorities if n == "Leeds City Council")
    assert desk.list_ids(ListQuery(authority_id=leeds), {}) == [a]
    assert desk.list_ids(ListQuery(tag="roads"), {}) == [a]
    assert desk.list_ids(ListQuery(regime="scot-foisa"), {}) == [b]
    assert choices.tags == ("roads",) and set(choices.regimes) == {"uk-foia", "scot-foisa"}


def test_status_groups_use_statuses_and_deadlines(desk: Desk) -> None:
    late = _add(desk, "Late", "A")
    waiting = _add(desk, "Waiting", "B")
    done = _add(desk, "Done", "C")
    draft = _add(desk, "Draft", "D", status="draft")
    desk.set_status(done, "successful")
    deadlines = {
        late: _deadline(date(2024, 3, 29), DeadlineState.OVERDUE),
        waiting: _deadline(date(2024, 5, 1), DeadlineState.UPCOMING),
        done: _deadline(date(2024, 3, 1), DeadlineState.OVERDUE, DeadlineKind.COMPLAINT_WINDOW),
    }
    group = lambda g: sorted(desk.list_ids(ListQuery(group=g), deadlines))  # noqa: E731
    assert group(StatusGroup.OVERDUE) == [late]
    assert group(StatusGroup.AWAITING) == sorted([late, waiting])
    assert group(StatusGroup.COMPLETE) == [done]
    # Needs action follows the stored requests' own next steps, not the deadlines handed
    # in: both open ones are past their real response date (3 Apr 2024), so each has
    # a chase due; the draft is still to be sent; the successful one asks for nothing.
    assert group(StatusGroup.NEEDS_ACTION) == sorted([late, waiting, draft])
    assert desk.live_count() == 4


def test_sorts_by_next_deadline_with_undated_last_and_by_title(desk: Desk) -> None:
    a = _add(desk, "beta", "A")
    b = _add(desk, "Alpha", "B")
    c = _add(desk, "gamma", "C")
    deadlines = {
        a: _deadline(date(2024, 5, 1), DeadlineState.UPCOMING),
        c: _deadline(date(2024, 4, 1), DeadlineState.UPCOMING),
    }
    by_deadline = ListQuery(sort=SortKey.NEXT_DEADLINE, descending=False)
    assert desk.list_ids(by_deadline, deadlines) == [c, a, b]
    by_title = ListQuery(sort=SortKey.TITLE, descending=False)
    assert desk.list_ids(by_title, deadlines) == [b, a, c]


def test_rows_carry_their_next_deadline_and_skip_the_trash(desk: Desk) -> None:
    a = _add(desk, "One", "Leeds City Council")
    b = _add(desk, "Two", "Leeds City Council")
    desk.delete_request(b)
    deadline = _deadline(date(2024, 5, 1), DeadlineState.UPCOMING)
    assert desk.list_ids(ListQuery(), {}) == [a]
    rows = desk.list_rows([a], {a: deadline})
    assert rows[a].authority == "Leeds City Council" and rows[a].next_deadline == deadline
    assert rows[a].status_label == "Awaiting response"
