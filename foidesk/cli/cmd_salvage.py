"""``foidesk salvage``: copy what can still be read from a damaged database into a new one."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from foidesk.cli.cmd_backup import TerminalProgress
from foidesk.cli.common import json_option, print_json
from foidesk.core.errors import InvalidInputError
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.salvage import SalvageResult, find_shell, salvage

AFTER_PROBLEMS = (
    "the salvaged database is in place (it holds everything the damaged one could still "
    "give), but `foidesk check` found problems; if a backup is newer than the damage, "
    "restore it instead (`foidesk backup list`, `foidesk backup restore FILE`)"
)


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    command = commands.add_parser(
        "salvage",
        parents=[common],
        help="copy what can still be read from a damaged database into a new one "
        "(the damaged file is kept)",
    )
    command.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    json_option(command)
    command.set_defaults(handler=_salvage)


def _salvage(args: argparse.Namespace) -> int:
    profile = resolve_profile(getattr(args, "data_dir", None), getattr(args, "database_url", None))
    shell = find_shell() if profile.sqlite_path is not None else None
    if not args.yes and not _confirmed(profile):
        print("salvage not confirmed; nothing was changed", file=sys.stderr)
        return 1
    with TerminalProgress.for_stderr() as progress:
        result = salvage(profile, shell=shell, progress=progress)
    for line in result.recovered:
        print(f"foidesk: {line}", file=sys.stderr)
    if args.json:
        print_json({"ok": result.check_ok, **asdict(result)})
    else:
        _print(result)
    if not result.check_ok:
        print(f"foidesk: {AFTER_PROBLEMS}", file=sys.stderr)
        return 1
    return 0


def _confirmed(profile: Profile) -> bool:
    """Ask on a terminal; refuse to guess when nobody can answer."""
    if not sys.stdin.isatty():
        raise InvalidInputError(
            "salvage replaces the profile's database; use --yes to confirm when not at a terminal"
        )
    print(
        f"Salvage the database of the profile in {profile.data_dir}?\n"
        "SQLite's recovery copies every row it can still read into a new database, which "
        "takes the damaged one's place.\nThe damaged file is kept beside it "
        "(foidesk.sqlite3.damaged-<time>), not deleted.",
        file=sys.stderr,
    )
    answer = input("Salvage? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def _print(result: SalvageResult) -> None:
    print(
        f"salvaged {result.database} with SQLite {result.shell_version}'s recovery "
        f"({result.seconds:.1f} s):"
    )
    for table in result.counts:
        before = f" of {table.before:,}" if table.before is not None else ""
        print(f"  {table.what:<15} {table.recovered:>7,}{before}")
    if result.lost_and_found is not None:
        print(
            f"{result.lost_and_found_rows:,} row(s) SQLite could not place, and any kept "
            f"aside below, are in {result.lost_and_found}"
        )
    for what, rows in result.rehomed.items():
        print(f"re-homed: {rows:,} {what}")
    for name, rows in result.moved_aside.items():
        print(f"kept aside (their parent was lost): {rows:,} row(s) of {name}")
    for note in result.notes:
        print(f"note: {note}")
    logs = f" (with its {', '.join(p.name for p in result.damaged_logs)})"
    print(
        f"the damaged database is kept as {result.damaged_copy}"
        + (logs if result.damaged_logs else "")
        + "; delete it yourself once you are happy"
    )
    if result.check_ok:
        print("check: ok")
        return
    print("check: PROBLEMS FOUND")
    for problem in result.check_problems:
        print(f"  {problem}")
