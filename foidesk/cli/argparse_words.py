"""argparse's own words (usage, section titles, its error messages) in foidesk's
catalogue.

argparse asks the standard gettext for its sentences under a domain of its own, for
which no translations ship with Python. Pointing its lookups at foidesk's catalogue
translates them with the rest of the command line; the list below is what puts them
in the catalogue. Sentences argparse only says to a programmer who misconfigured a
parser are left out: no user sees them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from foidesk.core import i18n
from foidesk.core.i18n import N_, _

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)


#: The placeholders help and usage show for an argument's value ("--title TITLE"):
#: argparse makes them from each argument's name, and a German reader wants "TITEL".
METAVARS = (
    N_("ACTION"),
    N_("ADDR"),
    N_("AUTHORITY"),
    N_("BODY_FILE"),
    N_("CODE"),
    N_("COMMAND"),
    N_("DATE"),
    N_("DIR"),
    N_("EMAIL"),
    N_("END"),
    N_("FILE"),
    N_("FILE.eml"),
    N_("HOST:PORT"),
    N_("ID|template"),
    N_("KIND"),
    N_("LIMIT"),
    N_("MESSAGE_ID"),
    N_("NAME"),
    N_("NOTE"),
    N_("ON"),
    N_("OUT"),
    N_("PATH"),
    N_("QUERY"),
    N_("RECEIVED"),
    N_("REF"),
    N_("REQUEST_ID"),
    N_("S"),
    N_("SENDER"),
    N_("SENT"),
    N_("SHORT_NAME"),
    N_("START"),
    N_("SUBJECT"),
    N_("TAG"),
    N_("TEXT"),
    N_("TITLE"),
    N_("UNTIL"),
    N_("WORD"),
    # positional arguments, shown by their names
    N_("day"),
    N_("id"),
    N_("name"),
)


class TranslatedHelpFormatter(argparse.HelpFormatter):
    """argparse's help with every value placeholder in the reader's language; one
    without a translation (an ID, a URL) is shown as it is."""

    def _metavar_formatter(
        self, action: argparse.Action, default_metavar: str
    ) -> Callable[[int], tuple[str, ...]]:
        original = super()._metavar_formatter(action, default_metavar)
        return lambda size: tuple(_(part) for part in original(size))


class Parser(argparse.ArgumentParser):
    """The command line's parser: its subcommands' parsers are of its class, so each
    of them words its placeholders with ``TranslatedHelpFormatter`` too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", TranslatedHelpFormatter)
        super().__init__(*args, **kwargs)


def install() -> None:
    """Let argparse speak the language foidesk chose (it looks its words up on use)."""
    setattr(argparse, "_", i18n._)  # noqa: B010 - argparse's module globals, not attributes
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
    if not getattr(argparse._get_action_name, "translated", False):
        setattr(argparse, "_get_action_name", _translated_name(argparse._get_action_name))  # noqa: B010


def _translated_name(
    name_of: Callable[[argparse.Action | None], str | None],
) -> Callable[[argparse.Action | None], str | None]:
    """argparse names an argument in its errors by its placeholder ("argument ACTION:
    invalid choice"); the placeholder in the reader's language, as help shows it."""

    def named(argument: argparse.Action | None) -> str | None:
        name = name_of(argument)
        return None if name is None else _(name)

    named.translated = True  # type: ignore[attr-defined]
    return named
