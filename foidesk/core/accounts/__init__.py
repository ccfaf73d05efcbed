"""Mail accounts: receiving replies by IMAP (and, later, sending by SMTP) for an address.

What faces use of it: the account records and the fetch report. The operations are
the desk's (``operations/accounts.py``); passwords live only in the OS keyring
(``passwords``); what is fetched, and what is never touched, is ``selection``'s and
``fetching``'s to say.
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

__all__ = [
    "AccountCheck",
    "AccountError",
    "AccountFetch",
    "AccountRecord",
    "Auth",
    "Endpoint",
    "FetchReport",
    "KeyringUnavailableError",
    "MailServerError",
    "NewAccount",
    "Security",
    "ServerCheck",
]
_LATER = {
    "AccountFetch": "foidesk.core.accounts.fetching",
    "FetchReport": "foidesk.core.accounts.fetching",
}


__getattr__ = lazy_exports(__name__, _LATER)
