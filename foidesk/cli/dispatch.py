"""Parse the command line and run one command, turning user errors into one clear line."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from foidesk import __version__
from foidesk.cli import argparse_words
from foidesk.cli.common import profile_options
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import (
    SOURCE_LANGUAGE,
    _,
    language_from_environment,
    set_language,
)

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # as a shell reports a process ended by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    common = profile_options()
    parser = argparse_words.Parser(
        prog="foidesk",
        parents=[common],
        description=_(
            "Keep Freedom of Information requests and their correspondence. "
            "Run without a command to open the window."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"foidesk {__version__}",
        help=_("show program's version number and exit"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(commands, common)
    return parser


def command_modules() -> list[ModuleType]:
    """Every ``cmd_*`` module of this package: each registers its own commands."""
    folder = str(Path(__file__).parent)
    names = sorted(i.name for i in pkgutil.iter_modules([folder]) if i.name.startswith("cmd_"))
    return [importlib.import_module(f"foidesk.cli.{name}") for name in names]


def main(argv: Sequence[str] | None = None) -> int:
    set_language(language_from_environment())
    argparse_words.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_window(args)
    if getattr(args, "json", False):
        # Scripts read the same words in every language, from every thread: a backup's
        # problems, for one, are worded on the threads that find them.
        set_language(SOURCE_LANGUAGE)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; a user's error becomes one line on stderr."""
    _collect_less()
    try:
        status = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe is found here, not at exit
        return status
    except BrokenPipeError:
        return _reader_left()
    except FoideskError as exc:
        print(_("foidesk: {error}").format(error=exc), file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:
        error = _storage_error(exc, args)
        if error is None:
            raise
        print(_("foidesk: {error}").format(error=error), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(_("foidesk: interrupted"), file=sys.stderr)
        return 130


def _collect_less() -> None:
    """A command is a short process that builds many small objects it keeps (10,000
    requests' deadlines, the rows it prints): the collector's full passes over them
    found nothing to free and cost a quarter of ``calendar``'s time. What is loaded by
    now is moved out of its sight, and it runs less often; reference counting still
    frees everything at once, and the process ends soon."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _reader_left() -> int:
    """The reader of our output went away (``foidesk search … | head``): like any Unix
    tool, stop quietly. What Python still holds for standard output goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


def _storage_error(exc: Exception, args: argparse.Namespace) -> Exception | None:
    """A disk or database failure no command worded itself, as one sentence about the
    profile folder (where it most likely happened); None for a bug."""
    from foidesk.core.errors import storage_failure
    from foidesk.core.profile import resolve_profile

    place = resolve_profile(getattr(args, "data_dir", None), "sqlite://").data_dir
    return storage_failure(exc, place)


def _open_window(args: argparse.Namespace) -> int:
    from foidesk.gui.app import run

    return run(getattr(args, "data_dir", None), getattr(args, "database_url", None))
