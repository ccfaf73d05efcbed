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

from foidesk.core import i18n
from foidesk.core.i18n import N_

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


def install() -> None:
    """Let argparse speak the language foidesk chose (it looks its words up on use)."""
    setattr(argparse, "_", i18n._)  # noqa: B010 - argparse's module globals, not attributes
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010
