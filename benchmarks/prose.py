"""Plausible FOI prose from a seeded random source: requests, replies, letters, data rows.

Deterministic: the same ``random.Random`` state gives the same words, so a
corpus is rebuilt identically from its seed on any machine.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from benchmarks.vocabulary import COMMON, EXEMPTIONS, FORENAMES, MEASURES, PLACES, SURNAMES, TOPICS

_COMMON_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(COMMON))))
_PLACE_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) ** 0.7 for rank in range(len(PLACES))))


@dataclass(frozen=True)
class Subject:
    """What one request is about: a topic's phrase, a measure, a place, a period."""

    topic: str
    phrase: str
    measure: str
    place: str
    year: int


class Prose:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FORENAMES)} {self.rng.choice(SURNAMES)}"

    def place(self) -> str:
        return self.rng.choices(PLACES, cum_weights=_PLACE_WEIGHTS)[0]

    def subject(self, year: int) -> Subject:
        topic = self.rng.choice(list(TOPICS))
        phrase = self.rng.choice(TOPICS[topic])
        return Subject(topic, phrase, self.rng.choice(MEASURES), self.place(), year)

    def title(self, s: Subject) -> str:
        forms = (
            f"{s.phrase.capitalize()} in {s.place}, {s.year - 2}-{s.year}",
            f"{s.measure.capitalize()} {s.phrase}",
            f"{s.phrase.capitalize()} ({s.year})",
            f"Information about {s.phrase} in {s.place}",
        )
        return self.rng.choice(forms)

    def filler(self, words: tuple[int, int] = (8, 22)) -> str:
        count = self.rng.randint(*words)
        chosen = self.rng.choices(COMMON, cum_weights=_COMMON_WEIGHTS, k=count)
        return " ".join(chosen).capitalize() + "."

    def paragraph(self, s: Subject, sentences: tuple[int, int] = (3, 7)) -> str:
        parts = []
        for _ in range(self.rng.randint(*sentences)):
            roll = self.rng.random()
            if roll < 0.25:
                parts.append(self._topical(s))
            elif roll < 0.35:
                parts.append(f"This falls under {self.rng.choice(EXEMPTIONS)}.")
            else:
                parts.append(self.filler())
        return " ".join(parts)

    def _topical(self, s: Subject) -> str:
        n = self.rng.randint(3, 4000)
        forms = (
            f"The figures for {s.year} show {n} cases relating to {s.phrase} in {s.place}.",
            f"Please provide {s.measure} {s.phrase} for each year since {s.year - 3}.",
            f"Records on {s.phrase} are held by the {s.topic} team in {self.place()}.",
            f"We estimate {n} hours would be needed to locate information on {s.phrase}.",
            f"A further {n} records about {s.phrase} were identified by {self.person()}.",
        )
        return self.rng.choice(forms)

    def request_body(self, s: Subject, authority: str, requester: str) -> str:
        items = "\n".join(
            f"{i}. {self.rng.choice(MEASURES).capitalize()} {s.phrase} in {s.place} "
            f"during {s.year - self.rng.randint(0, 3)}."
            for i in range(1, self.rng.randint(2, 5))
        )
        return (
            f"Dear {authority},\n\nPlease send me the following information about {s.phrase}:\n\n"
            f"{items}\n\n{self.paragraph(s, (1, 3))}\n\nYours faithfully,\n\n{requester}"
        )

    def acknowledgement(self, reference: str, authority: str) -> str:
        return (
            f"Thank you for your request for information, which we received today. Your "
            f"reference is {reference}. {authority} will respond within the statutory time "
            f"limit. {self.filler()}\n\nThis is an automated message; please do not reply."
        )

    def reply(self, s: Subject, reference: str, paragraphs: tuple[int, int] = (2, 5)) -> str:
        body = "\n\n".join(self.paragraph(s) for _ in range(self.rng.randint(*paragraphs)))
        return (
            f"Dear {self.person()},\n\nRe: {reference} — {s.phrase}\n\n{body}\n\n"
            f"Yours sincerely,\n\n{self.person()}\nInformation Rights Team"
        )

    def letter_pages(self, s: Subject, reference: str, pages: int) -> list[list[str]]:
        """Pages of a response letter, as paragraphs."""
        first = [f"Our reference: {reference}", f"Request about {s.phrase} in {s.place}"]
        return [
            (first if page == 0 else []) + [self.paragraph(s, (4, 8)) for _ in range(5)]
            for page in range(pages)
        ]

    def data_rows(self, s: Subject, rows: int) -> list[list[str | int | float]]:
        header: list[str | int | float] = ["Month", "Area", "Category", "Count", "Cost (GBP)"]
        table = [header]
        for i in range(rows):
            month = f"{s.year - (i // 12) % 4}-{i % 12 + 1:02d}"
            category = self.rng.choice(TOPICS[s.topic])
            count = self.rng.randint(0, 900)
            table.append([month, self.place(), category, count, round(count * 37.5, 2)])
        return table
