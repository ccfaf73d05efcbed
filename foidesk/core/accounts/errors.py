"""What can go wrong with a mail account, each as one sentence the user can act on."""

from __future__ import annotations

from foidesk.core.errors import FoideskError


class AccountError(FoideskError):
    """An account that cannot be added or used as given."""


class KeyringUnavailableError(AccountError):
    """No OS keyring can keep the password: nothing was stored anywhere."""


class MailServerError(AccountError):
    """A mail server could not be reached, refused the login, or broke off."""
