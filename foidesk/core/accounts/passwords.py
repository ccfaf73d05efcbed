"""Account passwords in the OS keyring, and nowhere else.

The keyring is the platform's own store (Secret Service on Linux, Keychain on macOS,
the Credential Locker on Windows), locked with the user's login. A password never goes
into the profile — not its database, settings, logs or backups — so copying a profile
or a backup never copies a way into the user's mailbox.

When no such store can be used, foidesk says so and stores nothing: the ``keyring``
package's fallbacks that fail, forget or write plain text are refused.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from foidesk.core.accounts.errors import KeyringUnavailableError
from foidesk.core.i18n import _

SERVICE = "foidesk"
#: Backends that are not a safe store: they fail, keep nothing, or write plain text.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def usable_backend() -> KeyringBackend:
    """The keyring in use, if it can keep a secret safely; else a clear refusal."""
    backend = keyring.get_keyring()
    if not _safe(backend):
        raise KeyringUnavailableError(
            _(
                "no OS keyring is available to keep the password (on Linux, a Secret "
                "Service such as GNOME Keyring or KWallet must be running and unlocked); "
                "nothing was stored"
            )
        )
    return backend


def _safe(backend: KeyringBackend) -> bool:
    chained = getattr(backend, "backends", None)
    if chained is not None:  # the chainer: safe when what it would write to is
        return bool(chained) and all(_safe(b) for b in chained)
    module = type(backend).__module__
    name = type(backend).__name__.lower()
    return not module.startswith(_REFUSED_MODULES) and "plaintext" not in name


def store(key: str, secret: str) -> None:
    backend = usable_backend()
    try:
        backend.set_password(SERVICE, key, secret)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(
            _("the OS keyring refused to keep the password ({reason}); nothing was stored").format(
                reason=_reason(exc)
            )
        ) from exc


def fetch(key: str, account: str) -> str:
    """The password kept for ``key``; a clear sentence when it is missing or locked."""
    backend = usable_backend()
    try:
        secret = backend.get_password(SERVICE, key)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(
            _("the OS keyring would not give the password of account {name} ({reason})").format(
                name=account, reason=_reason(exc)
            )
        ) from exc
    if secret is None:
        raise KeyringUnavailableError(
            _(
                "the OS keyring holds no password for account {name}; remove the account "
                "and add it again"
            ).format(name=account)
        )
    return secret


def forget(key: str) -> bool:
    """Remove the password kept for ``key``; False when there was none to remove."""
    backend = usable_backend()
    try:
        backend.delete_password(SERVICE, key)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailableError(
            _("the OS keyring would not remove the password ({reason})").format(reason=_reason(exc))
        ) from exc
    return True


def _reason(exc: BaseException) -> str:
    return str(exc).strip().rstrip(".") or type(exc).__name__
