"""The letters foidesk writes from a request's facts and its law.

Templates per law and kind are package data (``templates/``), filled with
``string.Template`` (``placeholders.py`` says why); a user's own template for a law and
kind is kept in the profile (``catalogue.py``); a letter is saved as an ``.eml`` draft
(``eml.py``). The desk's ``letter`` and ``write_letter_draft`` read the facts.
"""

from foidesk.core.letters.drafting import request_letter
from foidesk.core.letters.errors import LetterError
from foidesk.core.letters.kinds import LetterKind
from foidesk.core.letters.letter import Letter, LetterFacts
from foidesk.core.letters.placeholders import PLACEHOLDERS

__all__ = [
    "PLACEHOLDERS",
    "Letter",
    "LetterError",
    "LetterFacts",
    "LetterKind",
    "request_letter",
]
