"""``foidesk check`` and ``foidesk sample``."""

from __future__ import annotations

import argparse
import sys

from foidesk.cli.cmd_requests import request_json
from foidesk.cli.common import json_option, open_desk, print_json
from foidesk.cli.progress import read_attachment_text
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.records import CheckReport, Leftover, RepairPlan

#: The kinds of leftover `foidesk check` finds, as its report names them.
LEFTOVER_KINDS = {
    "staged file": N_("staged file"),
    "marker": N_("marker"),
    "in-use mark": N_("in-use mark"),
    "backup work folder": N_("backup work folder"),
}


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    check = commands.add_parser(
        "check", parents=[common], help=_("check the database and re-hash every stored file")
    )
    check.add_argument(
        "--repair", action="store_true", help=_("also delete stored files that nothing refers to")
    )
    json_option(check)
    check.set_defaults(handler=_check)

    sample = commands.add_parser("sample", parents=[common], help=_("load the example request"))
    json_option(sample)
    sample.set_defaults(handler=_sample)


def _check(args: argparse.Namespace) -> int:
    refused = None
    with open_desk(args) as desk:
        report = desk.check()
        done = None
        if args.repair and report.repair_refusal is None:
            plan = desk.plan_repair(report)
            if not plan.empty and not args.json:
                _print_plan(plan)
            done = desk.repair(plan) if not plan.empty else plan
        elif args.repair:
            refused = _("check --repair refused: {reason}; nothing was removed").format(
                reason=report.repair_refusal
            )
    if args.json:
        print_json(_report_json(report, done))
    else:
        _print_report(report, done)
    if refused is not None:
        print(_("foidesk: {error}").format(error=refused), file=sys.stderr)
        return 1
    return 0 if report.ok else 1


def _report_json(report: CheckReport, done: RepairPlan | None) -> dict[str, object]:
    removed = {f.sha256 for f in done.files} if done else set()
    return {
        "ok": report.ok,
        "database_problems": report.database_problems,
        "files_checked": report.blobs_checked,
        "missing": report.missing_blobs,
        "corrupt": report.corrupt_blobs,
        "unreferenced": [d for d in report.unreferenced_blobs if d not in removed],
        "damaged": report.damaged,
        "leftovers": [_leftover_json(x) for x in report.leftovers if not _gone(x, done)],
        "notes": report.notes,
        "repair_refused": report.repair_refusal,
        "removed": (
            {
                "files": [{"sha256": f.sha256, "size": f.size} for f in done.files],
                "leftovers": [_leftover_json(x) for x in done.leftovers],
            }
            if done is not None
            else None
        ),
    }


def _leftover_json(leftover: Leftover) -> dict[str, object]:
    return {"kind": leftover.kind, "path": leftover.path, "size": leftover.size}


def _gone(leftover: Leftover, done: RepairPlan | None) -> bool:
    return done is not None and leftover in done.leftovers


def _print_plan(plan: RepairPlan) -> None:
    total = sum(f.size for f in plan.files) + sum(x.size for x in plan.leftovers)
    count = len(plan.files) + len(plan.leftovers)
    will = ngettext(
        "check --repair will remove {count} item, {size}:",
        "check --repair will remove {count} items, {size}:",
        count,
    )
    print(will.format(count=count, size=_size(total)))
    unused = _("unused stored file {sha256} ({size})")
    for file in plan.files:
        print("  " + unused.format(sha256=file.sha256, size=_size(file.size)))
    for leftover in plan.leftovers:
        kind = _(LEFTOVER_KINDS.get(leftover.kind, leftover.kind))
        print(f"  {kind} {leftover.path} ({_size(leftover.size)})")


def _print_report(report: CheckReport, done: RepairPlan | None) -> None:
    for note in report.notes:
        print(_("note: {note}").format(note=note))
    for problem in report.database_problems:
        print(_("database: {problem}").format(problem=problem))
    for digest in report.missing_blobs:
        print(_("missing file: {sha256}").format(sha256=digest))
    for digest in report.corrupt_blobs:
        print(_("corrupt file: {sha256}").format(sha256=digest))
    if done is not None:
        print(_removed_text(done))
    else:
        _print_unused(report)
    if report.damaged:
        print(
            _(
                "the database is damaged: restore the newest backup (`foidesk backup list`, "
                "`foidesk backup restore FILE`) or salvage it (`foidesk salvage`)"
            )
        )
    checked = report.blobs_checked
    verdict = ngettext(
        "{verdict}: database checked, {count} stored file re-hashed",
        "{verdict}: database checked, {count} stored files re-hashed",
        checked,
    )
    word = _("ok") if report.ok else _("PROBLEMS FOUND")
    print(verdict.format(verdict=word, count=checked))


def _removed_text(done: RepairPlan) -> str:
    files = ngettext(
        "removed {count} unused stored file", "removed {count} unused stored files", len(done.files)
    ).format(count=len(done.files))
    leftovers = ngettext("{count} leftover", "{count} leftovers", len(done.leftovers)).format(
        count=len(done.leftovers)
    )
    return _("{files} and {leftovers}").format(files=files, leftovers=leftovers)


def _print_unused(report: CheckReport) -> None:
    unused = len(report.unreferenced_blobs)
    if unused:
        line = ngettext(
            "{count} stored file no longer used", "{count} stored files no longer used", unused
        )
        print(line.format(count=unused))
    for leftover in report.leftovers:
        kind = _(LEFTOVER_KINDS.get(leftover.kind, leftover.kind))
        print(_("leftover {kind}: {path}").format(kind=kind, path=leftover.path))
    if report.unreferenced_blobs or report.leftovers:
        print(_("(`foidesk check --repair` removes them)"))


def _size(size: int) -> str:
    if size >= 1 << 20:
        return _("{size} MB").format(size=format_number(size / (1 << 20), 1))
    return ngettext("{size} byte", "{size} bytes", size).format(size=format_number(size))


def _sample(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        detail = desk.load_sample()
        read_attachment_text(desk)
    if args.json:
        print_json(request_json(detail))
    else:
        loaded = _("loaded the example request as #{id}: {title}")
        print(loaded.format(id=detail.id, title=detail.summary.title))
    return 0
