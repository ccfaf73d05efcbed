"""``foidesk check`` and ``foidesk sample``."""

from __future__ import annotations

import argparse

from foidesk.core.sample import load_sample

from .cmd_requests import request_json
from .common import json_option, open_desk, print_json


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    check = commands.add_parser(
        "check", parents=[common], help="check the database and re-hash every stored file"
    )
    check.add_argument("--repair", action="store_true",
                       help="also delete stored files that nothing refers to")
    json_option(check)
    check.set_defaults(handler=_check)

    sample = commands.add_parser("sample", parents=[common], help="load the example request")
    json_option(sample)
    sample.set_defaults(handler=_sample)


def _check(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        removed = desk.remove_unreferenced_files() if args.repair else 0
        report = desk.check()
    if removed and not args.json:
        print(f"removed {removed} unused stored file(s)")
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "database_problems": report.database_problems,
                "files_checked": report.blobs_checked,
                "missing": report.missing_blobs,
                "corrupt": report.corrupt_blobs,
                "unreferenced": report.unreferenced_blobs,
            }
        )
    else:
        for problem in report.database_problems:
            print(f"database: {problem}")
        for digest in report.missing_blobs:
            print(f"missing file: {digest}")
        for digest in report.corrupt_blobs:
            print(f"corrupt file: {digest}")
        if report.unreferenced_blobs:
            print(f"{len(report.unreferenced_blobs)} stored file(s) no longer used")
        verdict = "ok" if report.ok else "PROBLEMS FOUND"
        print(f"{verdict}: database checked, {report.blobs_checked} stored file(s) re-hashed")
    return 0 if report.ok else 1


def _sample(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        detail = load_sample(desk)
    if args.json:
        print_json(request_json(detail))
    else:
        print(f"loaded the example request as #{detail.id}: {detail.summary.title}")
    return 0
