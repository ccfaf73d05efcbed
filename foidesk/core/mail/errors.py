"""The one error the mail parsers raise for input they cannot read."""


class MailError(ValueError):
    """A correspondence file that cannot be read as mail.

    The message is one readable sentence ("not an email: no headers found")
    that a face can show as is; the original exception, if any, is chained.
    Subclassing ``ValueError`` lets callers that only know "bad input" catch it.
    """
