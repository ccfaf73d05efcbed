"""``foidesk salvage``: copy what can still be read from a damaged database into a new one."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from foidesk.cli.cmd_backup import TerminalProgress
from foidesk.cli.common import is_yes, json_option, print_json
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.phrases import shown
from foidesk.core.profile import Profile, resolve_profile

if TYPE_CHECKING:
    from foidesk.core.salvage import SalvageResult

AFTER_PROBLEMS = N_(
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
        help=_(
            "copy what can still be read from a damaged database into a new one "
            "(the damaged file is kept)"
        ),
    )
    command.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    json_option(command)
    command.set_defaults(handler=_salvage)


def _salvage(args: argparse.Namespace) -> int:
    from foidesk.core.salvage import find_shell, salvage

    profile = resolve_profile(getattr(args, "data_dir", None), getattr(args, "database_url", None))
    shell = find_shell() if profile.sqlite_path is not None else None
    if not args.yes and not _confirmed(profile):
        print(_("salvage not confirmed; nothing was changed"), file=sys.stderr)
        return 1
    with TerminalProgress.for_stderr() as progress:
        result = salvage(profile, shell=shell, progress=progress)
    for line in result.recovered:
        print(_("foidesk: {error}").format(error=line), file=sys.stderr)
    if args.json:
        print_json({"ok": result.check_ok, **asdict(result)})
    else:
        _print(result)
    if not result.check_ok:
        print(_("foidesk: {error}").format(error=_(AFTER_PROBLEMS)), file=sys.stderr)
        return 1
    return 0


def _confirmed(profile: Profile) -> bool:
    """Ask on a terminal; refuse to guess when nobody can answer."""
    if not sys.stdin.isatty():
        raise InvalidInputError(
            _(
                "salvage replaces the profile's database; "
                "use --yes to confirm when not at a terminal"
            )
        )
    question = _("Salvage the database of the profile in {folder}?").format(folder=profile.data_dir)
    print(question, file=sys.stderr)
    print(
        _(
            "SQLite's recovery copies every row it can still read into a new database, which "
            "takes the damaged one's place."
        ),
        file=sys.stderr,
    )
    print(
        _("The damaged file is kept beside it (foidesk.sqlite3.damaged-<time>), not deleted."),
        file=sys.stderr,
    )
    answer = input(_("Salvage? [y/N] "))
    return is_yes(answer)


def _print(result: SalvageResult) -> None:
    salvaged = _("salvaged {database} with SQLite {version}'s recovery ({seconds} s):")
    seconds = format_number(result.seconds, 1)
    print(salvaged.format(database=result.database, version=result.shell_version, seconds=seconds))
    for table in result.counts:
        recovered = f"{format_number(table.recovered):>7}"
        if table.before is not None:
            recovered = _("{recovered} of {before}").format(
                recovered=recovered, before=format_number(table.before)
            )
        print(f"  {_(table.what):<15} {recovered}")
    if result.lost_and_found is not None:
        rows = result.lost_and_found_rows
        lost = ngettext(
            "{count} row SQLite could not place, and any kept aside below, are in {file}",
            "{count} rows SQLite could not place, and any kept aside below, are in {file}",
            rows,
        )
        print(lost.format(count=format_number(rows), file=result.lost_and_found))
    for what, rows in result.rehomed.items():
        print(_("re-homed: {count} {what}").format(count=format_number(rows), what=shown(what)))
    for name, rows in result.moved_aside.items():
        aside = ngettext(
            "kept aside (their parent was lost): {count} row of {table}",
            "kept aside (their parent was lost): {count} rows of {table}",
            rows,
        )
        print(aside.format(count=format_number(rows), table=name))
    for note in result.notes:
        print(_("note: {note}").format(note=shown(note)))
    print(_kept_text(result))
    if result.check_ok:
        print(_("check: ok"))
        return
    print(_("check: PROBLEMS FOUND"))
    for problem in result.check_problems:
        print(f"  {problem}")


def _kept_text(result: SalvageResult) -> str:
    if result.damaged_logs:
        logs = _(", ").join(p.name for p in result.damaged_logs)
        kept = _(
            "the damaged database is kept as {file} (with its {logs}); "
            "delete it yourself once you are happy"
        )
        return kept.format(file=result.damaged_copy, logs=logs)
    kept = _("the damaged database is kept as {file}; delete it yourself once you are happy")
    return kept.format(file=result.damaged_copy)
