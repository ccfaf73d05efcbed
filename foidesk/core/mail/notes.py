"""Collects the recoverable problems met while reading one message."""

from foidesk.core.mail import wording
from foidesk.core.mail.limits import MAX_WARNINGS
from foidesk.core.phrases import Phrase


class Notes:
    """Ordered, de-duplicated, bounded lists of sentences (``Phrase``s of
    ``mail/wording.py``) about one message.

    Parsing helpers add to it instead of raising, so one damaged part never
    costs the user the rest of the message. Warnings (something was damaged or
    cut) and charset assumptions (text whose character set had to be guessed)
    are kept apart: the assumptions are recorded with the message and shown in
    its details, since they decide how every word of it reads.
    """

    def __init__(self) -> None:
        self._items: dict[str, None] = {}
        self._dropped: set[str] = set()
        self._charsets: dict[str, None] = {}

    def add(self, sentence: str) -> None:
        """Record one problem; repeats and anything past the bound are dropped."""
        if sentence in self._items:
            return
        if len(self._items) >= MAX_WARNINGS:
            self._dropped.add(sentence)
            return
        self._items[sentence] = None

    def assume(self, sentence: str) -> None:
        """Record which character set some text was read in, and why."""
        if len(self._charsets) < MAX_WARNINGS:
            self._charsets.setdefault(sentence, None)

    def as_tuple(self) -> tuple[str, ...]:
        """The warnings in the order they were first met."""
        items = tuple(self._items)
        if self._dropped:
            items += (Phrase(wording.FURTHER_WARNINGS, count=len(self._dropped)),)
        return items

    def charsets(self) -> tuple[str, ...]:
        """The charset assumptions in the order they were made."""
        return tuple(self._charsets)
