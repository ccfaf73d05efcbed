"""``foidesk check`` and ``foidesk sample``."""

from __future__ import annotations

import argparse
import sys

from foidesk.cli.cmd_requests import request_json
from foidesk.cli.common import json_option, open_desk, print_json
from foidesk.cli.progress import read_attachment_text
from foidesk.core.records import CheckReport, Leftover, RepairPlan


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    check = commands.add_parser(
        "check", parents=[common], help="check the database and re-hash every stored file"
    )
    check.add_argument(
        "--repair", action="store_true", help="also delete stored files that nothing refers to"
    )
    json_option(check)
    check.set_defaults(handler=_check)

    sample = commands.add_parser("sample", parents=[common], help="load the example request")
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
            refused = f"check --repair refused: {report.repair_refusal}; nothing was removed"
    if args.json:
        print_json(_report_json(report, done))
    else:
        _print_report(report, done)
    if refused is not None:
        print(f"foidesk: {refused}", file=sys.stderr)
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
    print(f"check --repair will remove {count} item(s), {_size(total)}:")
    for file in plan.files:
        print(f"  unused stored file {file.sha256} ({_size(file.size)})")
    for leftover in plan.leftovers:
        print(f"  {leftover.kind} {leftover.path} ({_size(leftover.size)})")


def _print_report(report: CheckReport, done: RepairPlan | None) -> None:
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.database_problems:
        print(f"database: {problem}")
    for digest in report.missing_blobs:
        print(f"missing file: {digest}")
    for digest in report.corrupt_blobs:
        print(f"corrupt file: {digest}")
    if done is not None:
        print(
            f"removed {len(done.files)} unused stored file(s) and {len(done.leftovers)} leftover(s)"
        )
    else:
        if report.unreferenced_blobs:
            print(f"{len(report.unreferenced_blobs)} stored file(s) no longer used")
        for leftover in report.leftovers:
            print(f"leftover {leftover.kind}: {leftover.path}")
        if report.unreferenced_blobs or report.leftovers:
            print("(`foidesk check --repair` removes them)")
    if report.damaged:
        print(
            "the database is damaged: restore the newest backup (`foidesk backup list`, "
            "`foidesk backup restore FILE`) or salvage it (`foidesk salvage`)"
        )
    verdict = "ok" if report.ok else "PROBLEMS FOUND"
    print(f"{verdict}: database checked, {report.blobs_checked} stored file(s) re-hashed")


def _size(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB" if size >= 1 << 20 else f"{size:,} bytes"


def _sample(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        detail = desk.load_sample()
        read_attachment_text(desk)
    if args.json:
        print_json(request_json(detail))
    else:
        print(f"loaded the example request as #{detail.id}: {detail.summary.title}")
    return 0
