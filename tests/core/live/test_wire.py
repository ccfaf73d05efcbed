"""The wire form of a change: what is sent is read back the same, a change too large for
a notice is sent as a coarser one that still covers it, and anything that is not a
notice foidesk wrote is refused with a reason."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from foidesk.core.changes import EVERYTHING, Changes
from foidesk.core.live import wire
from foidesk.core.live.wire import MAX_PAYLOAD, MalformedNotice, decode, encode

RICH = Changes(
    requests=frozenset({3, 41}),
    listing=True,
    threads=frozenset({3}),
    deadlines=frozenset({3, 41}),
    deadline_days=frozenset({date(2024, 5, 8), date(2024, 6, 5)}),
    authorities=True,
    unfiled=True,
    trash=True,
    settings=frozenset({"mail.interval", "backup.keep"}),
    search_index=True,
    accounts=True,
)


def test_every_field_of_a_change_has_a_wire_form() -> None:
    every = {f.name for f in fields(Changes)}
    assert every == wire.ID_SETS | wire.FLAGS | {"deadline_days", "settings"}


def _size(text: str) -> int:
    return len(text.encode())


@pytest.mark.parametrize(
    "changes",
    [
        RICH,
        Changes(requests=frozenset({7})),
        Changes(deadline_days=None, deadlines=frozenset({2})),
        EVERYTHING,
        Changes(settings=frozenset({"Übersicht ✓"})),
    ],
)
def test_a_change_is_read_back_as_it_was_sent(changes: Changes) -> None:
    notice = decode(encode(changes, "a1b2", "Ann"))
    assert (notice.sender, notice.member, notice.changes) == ("a1b2", "Ann", changes)


def test_the_wire_form_is_compact_and_names_only_what_is_set() -> None:
    text = encode(Changes(requests=frozenset({12, 3}), listing=True), "s", "Ann")
    assert text == '{"v":1,"s":"s","m":"Ann","c":{"listing":true,"requests":[3,12]}}'


def test_unknown_days_travel_as_null_and_known_ones_as_iso_dates() -> None:
    days = json.loads(encode(Changes(deadline_days=None), "s", ""))["c"]
    assert days == {"deadline_days": None}
    known = json.loads(encode(RICH, "s", ""))["c"]["deadline_days"]
    assert known == ["2024-05-08", "2024-06-05"]


def test_too_many_days_become_unknown_days_and_nothing_else_is_lost() -> None:
    many = frozenset(date(2024, 1, 1) + timedelta(days=n) for n in range(900))
    changes = Changes(requests=frozenset({5}), deadlines=frozenset({5}), deadline_days=many)
    text = encode(changes, "s", "Ann")
    assert _size(text) <= MAX_PAYLOAD
    assert decode(text).changes == replace(changes, deadline_days=None)


def test_too_many_deadlines_become_all_deadlines() -> None:
    ids = frozenset(range(1, 2500))
    changes = Changes(requests=frozenset({5}), deadlines=ids, deadline_days=frozenset())
    sent = decode(encode(changes, "s", "Ann")).changes
    assert sent == Changes(requests=frozenset({5}), all_deadlines=True, deadline_days=None)
    assert all(sent.moves_deadlines_of(rid) for rid in ids)


def test_too_many_requests_become_everything_keeping_the_small_flags() -> None:
    ids = frozenset(range(100_000, 102_000))
    changes = Changes(requests=ids, threads=ids, trash=True, settings=frozenset({"x"}))
    text = encode(changes, "s", "Ann")
    sent = decode(text).changes
    assert _size(text) <= MAX_PAYLOAD
    assert sent.everything and sent.listing and sent.trash and sent.settings == {"x"}
    assert sent.requests == frozenset() and sent.threads == frozenset()
    assert all(sent.concerns_request(rid) and sent.concerns_thread(rid) for rid in ids)


def test_a_long_member_name_is_shortened_not_refused() -> None:
    notice = decode(encode(Changes(listing=True), "s", "A" * 500))
    assert notice.member == "A" * 64


HOSTILE = [
    ("", "not JSON"),
    ("hello", "not JSON"),
    ("[" * 3000 + "]" * 3000, "not JSON"),  # nested too deep to read
    ('{"v":1,"s":"x","c":{}' + " " * 8000 + "}", "longer than a notice"),
    ("null", "not an object"),
    ('{"v":2,"s":"x","c":{}}', "not a version"),
    ('{"v":true,"s":"x","c":{}}', "not a version"),
    ('{"v":1,"c":{}}', "not a short text"),
    ('{"v":1,"s":"","c":{}}', "no sender"),
    ('{"v":1,"s":"' + "x" * 65 + '","c":{}}', "not a short text"),
    ('{"v":1,"s":"x","c":{},"extra":1}', "unknown keys"),
    ('{"v":1,"s":"x","c":{"drop_table":true}}', "unknown keys"),
    ('{"v":1,"s":"x","c":[]}', "not an object"),
    ('{"v":1,"s":"x","c":{"requests":[1,"2"]}}', "not a positive integer"),
    ('{"v":1,"s":"x","c":{"requests":[true]}}', "not a positive integer"),
    ('{"v":1,"s":"x","c":{"requests":[-4]}}', "not a positive integer"),
    ('{"v":1,"s":"x","c":{"requests":[1.5]}}', "not a positive integer"),
    ('{"v":1,"s":"x","c":{"requests":[99999999999999999999]}}', "not a positive integer"),
    ('{"v":1,"s":"x","c":{"requests":7}}', "not a list"),
    ('{"v":1,"s":"x","c":{"listing":false}}', "not true"),
    ('{"v":1,"s":"x","c":{"listing":"yes"}}', "not true"),
    ('{"v":1,"s":"x","c":{"deadline_days":["2024-02-30"]}}', "does not exist"),
    ('{"v":1,"s":"x","c":{"deadline_days":["20240210"]}}', "not YYYY-MM-DD"),
    ('{"v":1,"s":"x","c":{"deadline_days":[20240210]}}', "not YYYY-MM-DD"),
    ('{"v":1,"s":"x","c":{"settings":[{"a":1}]}}', "not a short text"),
    ('{"v":1,"s":"x","c":{"requests":[NaN]}}', "the constant NaN"),
    ('{"v":1,"s":"x","s":"y","c":{}}', "a repeated key"),
]


@pytest.mark.parametrize(("payload", "reason"), HOSTILE)
def test_anything_else_is_refused_with_its_reason(payload: str, reason: str) -> None:
    with pytest.raises(MalformedNotice, match=reason):
        decode(payload)
