"""Mail accounts: receiving replies by IMAP and sending letters by SMTP for an address.

What faces use of it: the account records and the fetch report. The operations are
the desk's (``operations/accounts.py``); passwords live only in the OS keyring
(``passwords``); what is fetched, and what is never touched, is ``selection``'s and
``fetching``'s to say. Letters go out through the outbox (``outbox`` says how none is
lost or sent twice); the window runs ``deliver`` on a network thread.
"""

from typing import TYPE_CHECKING

from foidesk.core.accounts.errors import AccountError, KeyringUnavailableError, MailServerError
from foidesk.core.accounts.model import (
    AccountCheck,
    AccountRecord,
    Auth,
    Endpoint,
    NewAccount,
    Security,
    ServerCheck,
)
from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.accounts.fetching import AccountFetch, FetchReport
    from foidesk.core.accounts.outbox_model import (
        SENDABLE_KINDS,
        ComposeFacts,
        LetterDraft,
        LetterState,
        OutboxRecord,
        Route,
        SentLetter,
    )
    from foidesk.core.accounts.sending import deliver

__all__ = [
    "SENDABLE_KINDS",
    "AccountCheck",
    "AccountError",
    "AccountFetch",
    "AccountRecord",
    "Auth",
    "ComposeFacts",
    "Endpoint",
    "FetchReport",
    "KeyringUnavailableError",
    "LetterDraft",
    "LetterState",
    "MailServerError",
    "NewAccount",
    "OutboxRecord",
    "Route",
    "Security",
    "SentLetter",
    "ServerCheck",
    "deliver",
]
_LATER = {
    "AccountFetch": "foidesk.core.accounts.fetching",
    "FetchReport": "foidesk.core.accounts.fetching",
    **dict.fromkeys(
        (
            "SENDABLE_KINDS",
            "ComposeFacts",
            "LetterDraft",
            "LetterState",
            "OutboxRecord",
            "Route",
            "SentLetter",
        ),
        "foidesk.core.accounts.outbox_model",
    ),
    "deliver": "foidesk.core.accounts.sending",
}


__getattr__ = lazy_exports(__name__, _LATER)
