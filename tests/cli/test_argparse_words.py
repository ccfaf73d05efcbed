"""Every placeholder the command line's help shows is in the catalogue, so none stays
English: a new argument's placeholder must be added to ``argparse_words.METAVARS``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from foidesk.cli import argparse_words
from foidesk.cli.dispatch import build_parser

#: Placeholders that are the same in every language.
UNWORDED = {"URL", "JSON", "ID", "F", "U", "REGIME"}


def placeholders(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if action.metavar:
                yield str(action.metavar)
            for sub in action.choices.values():
                yield from placeholders(sub)
        elif (action.nargs != 0 and action.choices is None) or action.metavar is not None:
            metavar = action.metavar
            if metavar is None:
                metavar = action.dest.upper() if action.option_strings else action.dest
            yield from metavar if isinstance(metavar, tuple) else (metavar,)


def test_every_placeholder_is_listed_for_translation() -> None:
    found = set(placeholders(build_parser()))
    assert found - UNWORDED - set(argparse_words.METAVARS) == set()


def test_the_subcommands_parsers_word_their_placeholders() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert isinstance(sub.formatter_class(name), argparse_words.TranslatedHelpFormatter), name
