"""What an operation changed, as a value: the views that show it repaint exactly that.

Every write through ``Desk`` publishes one ``Changes`` once its unit of work has
committed (``ChangeFeed``). The same value will arrive from work the user did not
start in this window — a background fetch of mail, another member's edit in a shared
database — so a view never asks *which* operation ran, only *what* changed:

- ``requests``: their row in the request list and their header;
- ``listing``: the set or order of the list may differ (a request added, trashed,
  retitled, its activity moved), so the list asks again which ids it shows;
- ``threads``: their messages and attachments;
- ``deadlines``: requests whose deadlines may have moved (``all_deadlines``: every
  request's, as when a closure day is marked), and ``deadline_days`` the calendar days
  whose deadlines did (``None`` when it is not known which);
- ``authorities``, ``unfiled``, ``trash``, ``settings``, ``search_index``;
- ``accounts``: the mail accounts, or how far their mail has been fetched;
- ``everything``: the profile was replaced (a restore) or changed too widely to say.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date

Subscriber = Callable[["Changes"], None]


def _union(a: frozenset[date] | None, b: frozenset[date] | None) -> frozenset[date] | None:
    return None if a is None or b is None else a | b


@dataclass(frozen=True)
class Changes:
    requests: frozenset[int] = frozenset()
    listing: bool = False
    threads: frozenset[int] = frozenset()
    deadlines: frozenset[int] = frozenset()
    deadline_days: frozenset[date] | None = frozenset()
    all_deadlines: bool = False
    authorities: bool = False
    unfiled: bool = False
    trash: bool = False
    settings: frozenset[str] = frozenset()
    search_index: bool = False
    accounts: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            requests=self.requests | other.requests,
            listing=self.listing or other.listing,
            threads=self.threads | other.threads,
            deadlines=self.deadlines | other.deadlines,
            deadline_days=_union(self.deadline_days, other.deadline_days),
            all_deadlines=self.all_deadlines or other.all_deadlines,
            authorities=self.authorities or other.authorities,
            unfiled=self.unfiled or other.unfiled,
            trash=self.trash or other.trash,
            settings=self.settings | other.settings,
            search_index=self.search_index or other.search_index,
            accounts=self.accounts or other.accounts,
            everything=self.everything or other.everything,
        )

    @property
    def empty(self) -> bool:
        return self == NOTHING

    def concerns_thread(self, request_id: int | None) -> bool:
        return self.everything or (request_id is not None and request_id in self.threads)

    def concerns_request(self, request_id: int | None) -> bool:
        return self.everything or (request_id is not None and request_id in self.requests)

    def moves_deadlines_of(self, request_id: int | None) -> bool:
        return (
            self.everything
            or self.all_deadlines
            or (request_id is not None and request_id in self.deadlines)
        )

    def moves_day(self, day: date) -> bool:
        days = self.deadline_days
        return self.everything or days is None or day in days

    @property
    def calendar(self) -> bool:
        """Whether any calendar day may show something else now."""
        return self.everything or self.deadline_days is None or bool(self.deadline_days)

    def describe(self) -> str:
        """For logs and test failures: the fields that are set."""
        set_fields = [
            f.name for f in fields(self) if getattr(self, f.name) != getattr(NOTHING, f.name)
        ]
        return ", ".join(set_fields) or "nothing"


NOTHING = Changes()
EVERYTHING = Changes(everything=True, deadline_days=None, all_deadlines=True)
ALL_DEADLINES = Changes(all_deadlines=True, deadline_days=None)


def request_changed(
    request_id: int, *, listing: bool = False, thread: bool = True, deadlines: bool = True
) -> Changes:
    """The usual shape of a change to one request."""
    one = frozenset({request_id})
    return Changes(
        requests=one,
        listing=listing,
        threads=one if thread else frozenset(),
        deadlines=one if deadlines else frozenset(),
    )


@dataclass
class ChangeFeed:
    """Who is told about changes. Subscribers are called on the thread that made the
    change, after it committed — for another member's change, the thread that heard it
    from the database (``live/``); a face hands them on to its own thread (the window
    by a queued Qt signal). ``gather`` collects the changes of several units of work
    into one publication (an import of many files)."""

    _subscribers: list[Subscriber] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _gathering: threading.local = field(default_factory=threading.local)
    _telling: threading.local = field(default_factory=threading.local)  # foreign or not
    #: How many changes have been published: a record read after publication number N
    #: already shows changes 1…N (the window uses this not to fetch what it was given).
    serial: int = 0

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Start telling ``subscriber``; returns the call that stops it."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes, *, foreign: bool = False) -> None:
        """Tell every subscriber. ``foreign``: another member's change, heard from the
        database (``live/listener.py``) — no record read here can be known to include
        it, whatever its serial, and a subscriber may ask (``publishing_foreign``)."""
        if changes.empty:
            return
        gathered: list[Changes] | None = getattr(self._gathering, "changes", None)
        if gathered is not None and not foreign:
            gathered.append(changes)
            return
        with self._lock:
            self.serial += 1
            subscribers = list(self._subscribers)
        self._telling.foreign = foreign
        try:
            for subscriber in subscribers:
                subscriber(changes)
        finally:
            self._telling.foreign = False

    @property
    def publishing_foreign(self) -> bool:
        """In a subscriber: whether the change it is told of is another member's."""
        return bool(getattr(self._telling, "foreign", False))

    def gather(self) -> Gathering:
        return Gathering(self)


class Gathering:
    """``with feed.gather():`` — what is published inside goes out once, merged."""

    def __init__(self, feed: ChangeFeed) -> None:
        self._feed = feed
        self._outer: list[Changes] | None = None

    def __enter__(self) -> Gathering:
        self._outer = getattr(self._feed._gathering, "changes", None)
        self._feed._gathering.changes = []
        return self

    def __exit__(self, *_exc: object) -> None:
        gathered: list[Changes] = self._feed._gathering.changes
        self._feed._gathering.changes = self._outer
        merged = merge(gathered)
        if not merged.empty:
            self._feed.publish(merged)


def merge(changes: Iterable[Changes]) -> Changes:
    total = NOTHING
    for each in changes:
        total = total | each
    return total


def with_days(changes: Changes, days: frozenset[date] | None) -> Changes:
    return replace(changes, deadline_days=days)
