"""``foidesk export REQUEST_ID --out FILE.zip``; ``foidesk export --all --format F --out DIR``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json
from foidesk.cli.progress import StderrProgress
from foidesk.core.errors import InvalidInputError
from foidesk.core.formatting import human_size
from foidesk.core.i18n import _, ngettext

if TYPE_CHECKING:
    from foidesk.core.export import BundleReport, TablesReport

FORMATS = ("csv", "json")


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[common],
        help=_("a request as one evidence bundle (ZIP), or the archive as open data"),
    )
    export.add_argument("request_id", nargs="?", type=int, metavar="REQUEST_ID")
    export.add_argument(
        "--all", action="store_true", help=_("export every request as tables (with --format)")
    )
    export.add_argument(
        "--format", choices=FORMATS, default="csv", help=_("tables as csv or json (with --all)")
    )
    export.add_argument(
        "--out", required=True, type=Path, help=_("the .zip file to write, or the folder (--all)")
    )
    export.add_argument(
        "--redact",
        action="store_true",
        help=_("replace your own addresses and phone numbers in the PDF; leave files out"),
    )
    export.add_argument(
        "--redact-word",
        action="append",
        default=[],
        metavar="WORD",
        help=_("also replace this word or phrase (repeatable; implies a redacted bundle)"),
    )
    export.add_argument("--force", action="store_true", help=_("replace files that exist"))
    json_option(export)
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    if args.all == (args.request_id is not None):
        raise InvalidInputError(_("give a request id, or --all for the whole archive"))
    if args.all and (args.redact or args.redact_word):
        raise InvalidInputError(_("--redact is for a request's bundle, not for --all"))
    if args.all:
        return _tables(args)
    return _bundle(args)


def _bundle(args: argparse.Namespace) -> int:
    from foidesk.core.export import Redaction  # the export code loads only to export

    words = tuple(w for w in args.redact_word if w.strip())
    redaction = Redaction(own_details=args.redact, words=words) if args.redact or words else None
    with open_desk(args) as desk:
        report = desk.export_bundle(
            args.request_id,
            args.out,
            redaction=redaction,
            overwrite=args.force,
            progress=StderrProgress(_("exporting")),
        )
    if args.json:
        print_json(bundle_json(report))
    else:
        print(bundle_text(report))
    return 0


def _tables(args: argparse.Namespace) -> int:
    from foidesk.core.export import TableFormat

    with open_desk(args) as desk:
        report = desk.export_tables(
            args.out,
            TableFormat(args.format),
            overwrite=args.force,
            progress=StderrProgress(_("exporting")),
        )
    if args.json:
        print_json(
            {
                "folder": str(report.folder),
                "format": report.format,
                "files": [str(p) for p in report.files],
                "rows": report.rows,
            }
        )
    else:
        print(tables_text(report))
    return 0


def bundle_json(report: BundleReport) -> dict[str, Any]:
    return {
        "path": str(report.path),
        "request_id": report.request_id,
        "size": report.size,
        "redacted": report.redacted,
        "messages": report.messages,
        "originals": report.originals,
        "attachments": report.attachments,
        "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in report.members],
    }


def bundle_text(report: BundleReport) -> str:
    messages = ngettext("{count} message", "{count} messages", report.messages).format(
        count=report.messages
    )
    if report.redacted:
        held = _("{messages}, redacted; originals and attachments left out").format(
            messages=messages
        )
    else:
        held = _("{messages}, {originals} original emails, {attachments} attachments").format(
            messages=messages, originals=report.originals, attachments=report.attachments
        )
    return _("Wrote {file} ({size}): {held}.").format(
        file=report.path, size=human_size(report.size), held=held
    )


def tables_text(report: TablesReport) -> str:
    lines = [
        _("Wrote {count} tables to {folder}:").format(count=len(report.files), folder=report.folder)
    ]
    for path, rows in zip(report.files, report.rows.values(), strict=True):
        count = ngettext("{count} row", "{count} rows", rows).format(count=rows)
        lines.append(f"  {path.name}  {count}")
    return "\n".join(lines)
