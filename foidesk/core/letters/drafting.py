"""The request letter for a request not stored yet: *New request* starts from it.

Pure: the template comes from the desk (the user's or ours), the law's response period
from the engine, counted from the day the request goes out.
"""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import ClockInput, Deadline, request_deadlines
from foidesk.core.letters import language as words
from foidesk.core.letters.filling import fill
from foidesk.core.letters.kinds import LetterKind
from foidesk.core.letters.letter import Letter, LetterFacts
from foidesk.core.next_steps.laws import law_of


def request_letter(
    template: str,
    *,
    regime: str,
    title: str,
    authority: str,
    authority_email: str | None,
    question: str,
    sent_on: date | None,
    today: date,
) -> Letter:
    """The law's request letter around ``question``, addressed to the authority; what is
    still missing is left for the user to write, in the letter's language."""
    say = words.WORDS[law_of(regime).language]
    facts = LetterFacts(
        regime=regime,
        status="draft",
        title=title,
        authority=authority or say["no_authority"],
        authority_email=authority_email,
        reference=None,
        sent_on=sent_on,
        received_on=None,
        body=question or say["no_question"],
        deadlines=_period(regime, sent_on or today, today),
        today=today,
    )
    return fill(template, LetterKind.REQUEST, facts)


def _period(regime: str, received: date, today: date) -> tuple[Deadline, ...]:
    """The response deadline, for its source; a custom rule has none to cite."""
    if regime == "custom":
        return ()
    return request_deadlines(ClockInput(regime, received), today)
