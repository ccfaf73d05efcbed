"""``foidesk backup create | list | verify | restore``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from foidesk.cli.common import is_yes, json_option, open_desk, print_json
from foidesk.core import quantities
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _, ngettext
from foidesk.core.locale_format import format_number

if TYPE_CHECKING:
    from foidesk.core.backup import (
        BackupEntry,
        BackupInfo,
        Counts,
        Manifest,
        RotationResult,
    )
    from foidesk.core.profile import Profile


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    backup = commands.add_parser(
        "backup", parents=[common], help=_("create, list, verify and restore one-file backups")
    )
    actions = backup.add_subparsers(dest="backup_action", metavar="ACTION", required=True)

    create = actions.add_parser("create", parents=[common], help=_("back up the profile now"))
    create.add_argument(
        "--to",
        metavar="PATH",
        type=Path,
        help=_(
            "folder (or .foidesk-backup file) to write; default: the backup folder, "
            "which is then rotated"
        ),
    )
    json_option(create)
    create.set_defaults(handler=_create)

    listing = actions.add_parser("list", parents=[common], help=_("list the backup folder"))
    json_option(listing)
    listing.set_defaults(handler=_list)

    verify = actions.add_parser("verify", parents=[common], help=_("check a backup file"))
    verify.add_argument("file", metavar="FILE", type=Path)
    json_option(verify)
    verify.set_defaults(handler=_verify)

    restore = actions.add_parser(
        "restore", parents=[common], help=_("replace the profile with a backup (kept aside)")
    )
    restore.add_argument("file", metavar="FILE", type=Path)
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    json_option(restore)
    restore.set_defaults(handler=_restore)


def _profile(args: argparse.Namespace) -> Profile:
    """The profile, after finishing any restore into it that was interrupted."""
    from foidesk.core.backup import finish_interrupted_restore
    from foidesk.core.profile import resolve_profile

    profile = resolve_profile(getattr(args, "data_dir", None), getattr(args, "database_url", None))
    for line in finish_interrupted_restore(profile):
        print(_("foidesk: {error}").format(error=line), file=sys.stderr)
    return profile


# --- create -----------------------------------------------------------------------------


def _create(args: argparse.Namespace) -> int:
    from foidesk.core.backup import back_up_and_rotate, create_backup, removal_text

    _profile(args)
    rotation: RotationResult | None = None
    with open_desk(args) as desk, TerminalProgress.for_stderr() as progress:
        if args.to is not None:
            info = create_backup(desk, args.to.expanduser().resolve(), progress)
        else:
            scheduled = back_up_and_rotate(desk, progress)
            info, rotation = scheduled.backup, scheduled.rotation
    removed = rotation.removed if rotation else ()
    kept = rotation.kept_because if rotation else ()
    removed_backups = rotation.removed_backups if rotation else ()
    if args.json:
        print_json(
            {
                **_info_json(info),
                "rotated_out": [str(p) for p in removed],
                "kept_by_rotation": [{"path": k.path, "reason": k.reason} for k in kept],
                "removed_by_rotation": [_removed_json(entry) for entry in removed_backups],
            }
        )
        return 0
    for warning in info.warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    backed_up = _("backed up {counts} to {path} ({size})")
    print(backed_up.format(counts=_counts_text(info.counts), path=info.path, size=_size(info.size)))
    for entry in removed_backups:
        print(removal_text(entry))
    for because in kept:
        print(because.text)
    return 0


def _removed_json(entry: BackupEntry) -> dict[str, object]:
    """A backup rotation removed: which, from when, and what it held (None: unreadable)."""
    from foidesk.core.backup import removal_text

    return {
        "path": entry.path,
        "created_at": entry.created_at,
        "counts": entry.counts,
        "text": removal_text(entry),
    }


def _info_json(info: BackupInfo) -> dict[str, object]:
    return {
        "path": info.path,
        "created_at": info.created_at,
        "size": info.size,
        "schema_revision": info.schema_revision,
        "counts": info.counts,
        "warnings": info.warnings,
    }


# --- list -------------------------------------------------------------------------------


def _list(args: argparse.Namespace) -> int:
    """Lists the backup folder even when the profile cannot be opened: that is when its
    backups are wanted most (the marker beside the database names the folder)."""
    from foidesk.core.backup import list_backups, load_settings
    from foidesk.core.profile import ProfileRefusedError, backup_folder

    profile = _profile(args)
    try:
        with open_desk(args) as desk:
            settings = load_settings(desk)
        folder, last_at = settings.folder, settings.last_at
    except ProfileRefusedError as refused:
        cannot = _("foidesk: the profile cannot be opened: {reason}")
        print(cannot.format(reason=refused.what), file=sys.stderr)
        folder, last_at = backup_folder(profile), None
    entries = list_backups(folder)
    if args.json:
        print_json({"folder": folder, "last_backup_at": last_at, "backups": entries})
        return 0
    if not entries:
        print(_("no backups in {folder}").format(folder=folder))
        return 0
    print(_("backups in {folder}, newest first:").format(folder=folder))
    for entry in entries:
        when = entry.created_at.strftime("%Y-%m-%d %H:%M UTC")
        holds = _counts_text(entry.counts) if entry.counts else _("manifest unreadable")
        print(f"  {entry.path.name}  {when}  {_size(entry.size):>9}  {holds}")
    return 0


# --- verify -----------------------------------------------------------------------------


def _verify(args: argparse.Namespace) -> int:
    from foidesk.core.backup import verify_backup

    with TerminalProgress.for_stderr() as progress:
        report = verify_backup(args.file, progress)
    manifest = report.manifest
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "file": report.path,
                "problems": [{"kind": p.kind.value, "text": p.text} for p in report.problems],
                "warnings": report.warnings,
                "members_checked": report.members_checked,
                "bytes_checked": report.bytes_checked,
                "created_at": manifest.created_at if manifest else None,
                "counts": manifest.counts if manifest else None,
            }
        )
        return 0 if report.ok else 1
    for problem in report.problems:
        print(_("problem: {problem}").format(problem=problem.text))
    for warning in report.warnings:
        print(_("warning: {warning}").format(warning=warning))
    if report.ok:
        print(_verified_text(report.members_checked, report.bytes_checked, manifest))
    else:
        count = len(report.problems)
        not_ok = ngettext(
            "NOT OK: {count} problem in {path}", "NOT OK: {count} problems in {path}", count
        )
        print(not_ok.format(count=count, path=report.path))
    return 0 if report.ok else 1


def _verified_text(members: int, checked: int, manifest: Manifest | None) -> str:
    size = _size(checked)
    if manifest is None:
        line = ngettext(
            "ok: {count} member, {size} checked", "ok: {count} members, {size} checked", members
        )
        return line.format(count=members, size=size)
    line = ngettext(
        "ok: {count} member, {size} checked; holds {counts}",
        "ok: {count} members, {size} checked; holds {counts}",
        members,
    )
    return line.format(count=members, size=size, counts=_counts_text(manifest.counts))


# --- restore ----------------------------------------------------------------------------


def _restore(args: argparse.Namespace) -> int:
    from foidesk.core.backup import restore_backup

    profile = _profile(args)
    if not args.yes and not _confirmed(args.file, profile):
        print(_("restore not confirmed; nothing was changed"), file=sys.stderr)
        return 1
    with TerminalProgress.for_stderr() as progress:
        result = restore_backup(args.file, profile, progress)
    if args.json:
        print_json(result)
        return 0
    for warning in result.warnings:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    when = result.backup_created_at.strftime("%Y-%m-%d %H:%M UTC")
    restored = _("restored the backup of {when} ({counts}) into {folder}")
    print(restored.format(when=when, counts=_counts_text(result.counts), folder=profile.data_dir))
    if result.schema_from != result.schema_to:
        updated = _("updated its database from schema {old} to {new}")
        print(updated.format(old=result.schema_from, new=result.schema_to))
    if result.previous_profile is not None:
        kept = _("the previous profile is kept in {folder}")
        print(kept.format(folder=result.previous_profile))
    return 0


def _confirmed(file: Path, profile: Profile) -> bool:
    """Ask on a terminal; refuse to guess when nobody can answer."""
    from foidesk.core.backup import read_manifest_only

    if not sys.stdin.isatty():
        raise InvalidInputError(
            _("restore replaces the profile; use --yes to confirm when not at a terminal")
        )
    manifest = read_manifest_only(file) if file.is_file() else None
    if manifest is not None:
        question = _("Restore {file} ({counts}) into {folder}?").format(
            file=file.name, counts=_counts_text(manifest.counts), folder=profile.data_dir
        )
    else:
        question = _("Restore {file} into {folder}?").format(
            file=file.name, folder=profile.data_dir
        )
    print(question, file=sys.stderr)
    print(_("The current profile will be kept aside, not deleted."), file=sys.stderr)
    answer = input(_("Restore? [y/N] "))
    return is_yes(answer)


# --- output helpers ---------------------------------------------------------------------


def _counts_text(counts: Counts) -> str:
    return quantities.holdings(counts.requests, counts.messages, counts.files)


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            shown = format_number(value, 0 if unit == "B" else 1)  # "23.7", "23,7"
            return f"{shown} {unit}"
        value /= 1000
    return f"{format_number(value, 1)} GB"


class TerminalProgress:
    """One self-updating line on a terminal; nothing at all when output is redirected."""

    REFRESH_SECONDS = 0.1

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0
        self._shown = False

    @classmethod
    def for_stderr(cls) -> TerminalProgress | _Silent:
        return cls(sys.stderr) if sys.stderr.isatty() else _Silent()

    def report(self, done: int, total: int | None, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last < self.REFRESH_SECONDS:
            return
        self._last = now
        share = f" {100 * done // total:3d}%" if total else ""
        self._stream.write(f"\r\x1b[K{message}{share} ({_size(done)})")
        self._stream.flush()
        self._shown = True

    def cancelled(self) -> bool:
        return False

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


class _Silent:
    def report(self, done: int, total: int | None, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return False

    def __enter__(self) -> _Silent:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        pass
