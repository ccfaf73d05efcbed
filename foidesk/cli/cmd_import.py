"""``foidesk import PATH... [--request ID]``: emails, mailboxes and documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json
from foidesk.cli.progress import StderrProgress, read_attachment_text
from foidesk.core.importing import ImportedFile, ImportReport, import_paths


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "import",
        parents=[common],
        help="import .eml, .msg and .mbox files, folders of them, or documents",
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    command.add_argument(
        "--request",
        type=int,
        metavar="ID",
        help="file everything into this request instead of matching",
    )
    json_option(command)
    command.set_defaults(handler=_import)


def _import(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        report = import_paths(
            desk,
            [Path(p) for p in args.paths],
            request_id=args.request,
            progress=StderrProgress("importing"),
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
        "filed_by": item.filed_by or None,
        "duplicates_skipped": item.duplicates,
        "warnings": list(item.warnings),
        "charset_assumptions": list(item.charset_notes),
        "reused_message_ids": list(item.reused_message_ids),
    }


def _print_report(report: ImportReport) -> None:
    for item in report.files:
        where = f"request #{item.request_id}" if item.request_id else "the Unfiled tray"
        if item.status == "error":
            print(f"{item.path}: refused — {item.error}", file=sys.stderr)
        elif item.status == "duplicate":
            print(f"{item.path}: already imported")
        else:
            print(f"{item.path}: {item.status} into {where} ({item.filed_by})")
        for line in item.details():
            print(f"  {line}")
    counts = {s: report.count(s) for s in ("imported", "unfiled", "attached", "duplicate", "error")}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    print(f"{len(report.files)} file(s): {summary or 'nothing to do'}")
