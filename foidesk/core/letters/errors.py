"""What can go wrong with a letter, in one sentence each."""

from foidesk.core.errors import InvalidInputError


class LetterError(InvalidInputError):
    """A letter that cannot be written as asked (a kind the law lacks, a bad template)."""
