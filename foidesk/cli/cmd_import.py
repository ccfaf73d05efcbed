"""``foidesk import PATH... [--request ID]``: emails, mailboxes and documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json
from foidesk.cli.progress import StderrProgress, read_attachment_text
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.phrases import as_json, shown

if TYPE_CHECKING:
    from foidesk.core.importing import ImportedFile, ImportReport, Status


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "import",
        parents=[common],
        help=_("import .eml, .msg and .mbox files, folders of them, or documents"),
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help=_("files or folders"))
    command.add_argument(
        "--request",
        type=int,
        metavar="ID",
        help=_("file everything into this request instead of matching"),
    )
    json_option(command)
    command.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    from foidesk.core.importing import import_paths

    with open_desk(args) as desk:
        report = import_paths(
            desk,
            [Path(p) for p in args.paths],
            request_id=args.request,
            progress=StderrProgress(_("importing")),
        )
        if any(f.attachments for f in report.files):
            read_attachment_text(desk)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report)
    return 0 if report.ok else 1


def report_json(report: ImportReport) -> dict[str, Any]:
    return {"files": [file_json(f) for f in report.files]}


def file_json(item: ImportedFile) -> dict[str, Any]:
    return {
        "path": item.path,
        "status": item.status,
        "request_id": item.request_id,
        "message_ids": list(item.message_ids),
        "attachments": [
            {"filename": a.filename, "size": a.size, "sha256": a.sha256} for a in item.attachments
        ],
        "error": item.error,
        "filed_by": as_json(item.filed_by) if item.filed_by else None,
        "duplicates_skipped": item.duplicates,
        "warnings": [as_json(w) for w in item.warnings],
        "charset_assumptions": [as_json(n) for n in item.charset_notes],
        "reused_message_ids": list(item.reused_message_ids),
    }


#: What became of a file, as the report's lines and summary name it.
STATUS_WORDS: dict[Status, str] = {
    "imported": N_("imported"),
    "unfiled": N_("unfiled"),
    "attached": N_("attached"),
    "duplicate": N_("duplicate"),
    "error": N_("error"),
}


def _print_report(report: ImportReport) -> None:
    for item in report.files:
        if item.status == "error":
            refused = _("{path}: refused — {error}").format(path=item.path, error=item.error)
            print(refused, file=sys.stderr)
        elif item.status == "duplicate":
            print(_("{path}: already imported").format(path=item.path))
        else:
            print(_filed_line(item))
        for line in item.details():
            print(f"  {line}")
    counts = {s: report.count(s) for s in STATUS_WORDS}
    summary = _(", ").join(
        _("{count} {status}").format(count=n, status=_(STATUS_WORDS[s]))
        for s, n in counts.items()
        if n
    )
    total = len(report.files)
    line = ngettext("{count} file: {summary}", "{count} files: {summary}", total)
    print(line.format(count=total, summary=summary or _("nothing to do")))


def _filed_line(item: ImportedFile) -> str:
    status = _(STATUS_WORDS[item.status])
    if item.request_id:
        line = _("{path}: {status} into request #{id} ({how})")
        how = shown(item.filed_by)
        return line.format(path=item.path, status=status, id=item.request_id, how=how)
    line = _("{path}: {status} into the Unfiled tray ({how})")
    return line.format(path=item.path, status=status, how=shown(item.filed_by))
