"""Where a letter's template comes from: the user's own for their profile, else ours.

Ours are package data (``templates/``): a law's own file where its letter differs in
substance (``templates/us-foia/…`` for a FOIA appeal), else the language's (``en/`` or
``de/``), whose placeholders carry the law's sections. A user's edited template is kept
in the profile's settings table (key ``letter.<regime>.<kind>``): inside the private
database, so it is owner-only, goes into every backup and comes back with a restore, and
is written in one unit of work. A reset removes it, and ours applies again.
"""

from __future__ import annotations

from importlib import resources
from typing import Protocol

from foidesk.core.i18n import _
from foidesk.core.letters.errors import LetterError
from foidesk.core.letters.kinds import LetterKind
from foidesk.core.letters.placeholders import check
from foidesk.core.next_steps.laws import law_of
from foidesk.core.vocabulary import REGIME_IDS

SETTING_PREFIX = "letter."
#: A template is a letter, not a book: anything longer is a mistake (a wrong file).
MAX_TEMPLATE_CHARS = 50_000


class SettingsDesk(Protocol):
    """The part of a desk that keeps profile settings."""

    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str | None) -> None: ...


def parse_kind(kind: str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in LetterKind)
        raise LetterError(
            _("unknown letter kind {kind!r}; choose one of: {choices}").format(
                kind=kind, choices=choices
            )
        ) from None


def parse_regime(regime: str) -> str:
    if regime not in REGIME_IDS:
        raise LetterError(
            _("unknown law {regime!r}; `foidesk regimes` lists them").format(regime=regime)
        )
    return regime


def ours(regime: str, kind: LetterKind) -> str:
    """foidesk's template for this law and kind."""
    root = resources.files("foidesk.core.letters") / "templates"
    own = root / regime / f"{kind.value}.txt"
    if own.is_file():
        return own.read_text(encoding="utf-8")
    return (root / law_of(regime).language / f"{kind.value}.txt").read_text(encoding="utf-8")


def key(regime: str, kind: LetterKind) -> str:
    return f"{SETTING_PREFIX}{regime}.{kind.value}"


def template_for(desk: SettingsDesk, regime: str, kind: LetterKind) -> tuple[str, bool]:
    """The template in use and whether it is the user's own."""
    mine = desk.get_setting(key(parse_regime(regime), kind))
    return (mine, True) if mine is not None else (ours(regime, kind), False)


def save_template(desk: SettingsDesk, regime: str, kind: LetterKind, text: str) -> None:
    """Keep the user's own template for this law and kind, once it has been checked."""
    text = text.replace("\r\n", "\n")
    if len(text) > MAX_TEMPLATE_CHARS:
        raise LetterError(
            _("a letter template may have at most {count} characters").format(
                count=MAX_TEMPLATE_CHARS
            )
        )
    check(text)
    desk.set_setting(key(parse_regime(regime), kind), text)


def reset_template(desk: SettingsDesk, regime: str, kind: LetterKind) -> None:
    """Forget the user's template: ours applies again."""
    desk.set_setting(key(parse_regime(regime), kind), None)
