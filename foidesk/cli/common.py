"""What every command shares: the profile options, opening the desk, printing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.profile import resolve_profile, start_logging

if TYPE_CHECKING:
    from foidesk.core.desk import Desk

Handler = Callable[[argparse.Namespace], int]
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def profile_options() -> argparse.ArgumentParser:
    """Options accepted before and after the command name (SUPPRESS keeps either)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("profile folder (default: FOIDESK_DATA_DIR or the platform's)"),
    )
    parent.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_("SQLAlchemy database URL (default: SQLite in the profile)"),
    )
    return parent


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))


def open_desk(args: argparse.Namespace) -> Desk:
    profile = resolve_profile(getattr(args, "data_dir", None), getattr(args, "database_url", None))
    from foidesk.core.desk import Desk  # the database layer loads only for a command

    desk = Desk.open(profile)
    start_logging(profile)
    return desk


def parse_date(text: str) -> date:
    """An ISO ``YYYY-MM-DD`` date, for argparse ``type=``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date (use YYYY-MM-DD)").format(text=text)
        ) from None


def read_text_file(path: str) -> str:
    """The contents of a file named on the command line ("-" reads standard input)."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError(_("no such file: {path}").format(path=path)) from None
    except UnicodeDecodeError:
        raise InvalidInputError(_("{path} is not UTF-8 text").format(path=path)) from None
    except OSError as exc:
        message = _("cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
        raise InvalidInputError(message) from None


def is_yes(answer: str) -> bool:
    """A yes to a [y/N] question: "y" or "yes", or the chosen language's own words."""
    # Translators: the answers that mean yes to a [y/N] question, separated by "|".
    words = {"y", "yes", *_("y|yes").split("|")}
    return answer.strip().lower() in words


def _jsonable(value: Any) -> Any:
    """What ``json`` cannot write by itself, as it should appear: records as objects,
    dates as ISO text, paths as text, sets as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def print_json(value: Any) -> None:
    """Write ``value`` as JSON in one piece (``json.dump`` would write it in hundreds of
    thousands of small pieces). Indented for a person at a terminal; on one line for a
    program reading a pipe or a file, which lets Python's C encoder write it: the
    indenting encoder is pure Python and took a second and a half for the list of
    10,000 requests."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(value, indent=indent, ensure_ascii=False, default=_jsonable))
    sys.stdout.write("\n")


def iso(moment: date | datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.date().isoformat() if isinstance(moment, datetime) else moment.isoformat()
