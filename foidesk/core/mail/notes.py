"""Collects the recoverable problems met while reading one message."""

from foidesk.core.mail.limits import MAX_WARNINGS


class Notes:
    """An ordered, de-duplicated, bounded list of warning sentences.

    Parsing helpers add to it instead of raising, so one damaged part never
    costs the user the rest of the message.
    """

    def __init__(self) -> None:
        self._items: dict[str, None] = {}
        self._dropped: set[str] = set()

    def add(self, sentence: str) -> None:
        """Record one problem; repeats and anything past the bound are dropped."""
        if sentence in self._items:
            return
        if len(self._items) >= MAX_WARNINGS:
            self._dropped.add(sentence)
            return
        self._items[sentence] = None

    def as_tuple(self) -> tuple[str, ...]:
        """The warnings in the order they were first met."""
        items = tuple(self._items)
        if self._dropped:
            items += (f"{len(self._dropped)} further warnings were not listed",)
        return items
