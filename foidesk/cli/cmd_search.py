"""``foidesk search QUERY`` and the index's upkeep: ``--extract``, ``--ocr``, ``--reindex``,
``--status``."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from foidesk.cli.common import iso, json_option, open_desk, print_json
from foidesk.core.i18n import _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.phrases import as_json, shown
from foidesk.core.search import DEFAULT_LIMIT, TextState

if TYPE_CHECKING:
    from foidesk.core.desk import Desk
    from foidesk.core.search import (
        ExtractionReport,
        OcrLanguages,
        OcrReport,
        OcrStatus,
        SearchHit,
        TextStatus,
    )

EXIT_USAGE = 2


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    found = commands.add_parser(
        "search",
        parents=[common],
        help=_("search all correspondence and attachment text"),
        description=_(
            'Words must all match; use "quoted phrases", prefix*, OR, NOT or -word, '
            'and filters: authority:"Home Office" status:successful after:2024-01-01 '
            "before:2024-12-31 has:attachment type:pdf. Matches are marked «like this»."
        ),
    )
    found.add_argument("query", nargs="?", metavar="QUERY", help=_("what to look for"))
    found.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=_("most results to show"))
    upkeep = found.add_mutually_exclusive_group()
    upkeep.add_argument(
        "--extract", action="store_true", help=_("read the text of attachments waiting for it")
    )
    upkeep.add_argument(
        "--ocr",
        action="store_true",
        help=_("read attachments waiting, then recognise the text of scans (Tesseract)"),
    )
    upkeep.add_argument("--reindex", action="store_true", help=_("rebuild the search index"))
    upkeep.add_argument(
        "--status", action="store_true", help=_("how many attachments are read; which failed")
    )
    found.add_argument(
        "--re-extract",
        action="store_true",
        help=_("with --reindex: read every attachment's text again first"),
    )
    json_option(found)
    found.set_defaults(handler=_search, parser=found)


def _search(args: argparse.Namespace) -> int:
    from foidesk.core.search import search

    parser: argparse.ArgumentParser = args.parser
    upkeep = args.extract or args.ocr or args.reindex or args.status
    if args.query is not None and upkeep:
        parser.error(_("give either words to search for or --extract/--ocr/--reindex/--status"))
    if args.query is None and not upkeep:
        parser.error(_("give words to search for (or --extract, --ocr, --reindex, --status)"))
    if args.re_extract and not args.reindex:
        parser.error(_("--re-extract goes with --reindex"))
    with open_desk(args) as desk:
        if args.extract:
            return _extract(desk, args.json)
        if args.ocr:
            return _ocr(desk, args.json)
        if args.reindex:
            return _reindex(desk, args.re_extract, args.json)
        if args.status:
            return _status(desk, args.json)
        hits = search(desk, args.query, limit=args.limit)
    if args.json:
        print_json([hit_json(h) for h in hits])
    else:
        _print_hits(hits)
    return 0


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "request_id": hit.request_id,
        "message_id": hit.message_id,
        "attachment_id": hit.attachment_id,
        "kind": hit.kind,
        "snippet": hit.snippet,
        "rank": round(hit.rank, 6),
    }


def _print_hits(hits: list[SearchHit]) -> None:
    if not hits:
        print(_("no matches"))
        return
    for hit in hits:
        where = f"#{hit.request_id}" if hit.request_id is not None else _("Unfiled")
        title = f" {hit.title}" if hit.title else ""
        context = f' — {hit.kind} "{hit.context}"' if hit.context else f" — {hit.kind}"
        day = iso(hit.day) or _("undated")
        print(f"{where}{title}{context} ({day})")
        print(f"    {hit.snippet}")


class _StderrProgress:
    """One updating line on stderr, at most a few times a second."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.shown = 0.0

    def report(self, done: int, total: int | None, message: str = "") -> None:
        now = time.monotonic()
        if now - self.shown < 0.25 and done != total:
            return
        self.shown = now
        end = "\n" if done == total or not sys.stderr.isatty() else "\r"
        shown_total = "?" if total is None else total
        print(f"{self.what}: {done}/{shown_total}", end=end, file=sys.stderr)

    def cancelled(self) -> bool:
        return False


def _extract(desk: Desk, as_json: bool) -> int:
    from foidesk.core.search import extract_pending

    report = extract_pending(desk, _StderrProgress(_("reading attachments")))
    _print_report(report, as_json)
    return 0


def _ocr(desk: Desk, as_json: bool) -> int:
    from foidesk.core.search import extract_pending, recognise_pending

    extraction = extract_pending(desk, _StderrProgress(_("reading attachments")))
    report = recognise_pending(desk, _StderrProgress(_("recognising scanned pages")))
    if as_json:
        print_json({"extraction": _report_json(extraction), "ocr": _ocr_report_json(report)})
        return 0
    _print_report(extraction, False)
    states = ", ".join(f"{n} {_page_word(s)}" for s, n in sorted(report.states.items()))
    line = ngettext(
        "recognised {count} page in {seconds} s ({rate} pages/s): {states}",
        "recognised {count} pages in {seconds} s ({rate} pages/s): {states}",
        report.pages,
    )
    rate = format_number(report.pages_per_second, 2)
    seconds = format_number(report.seconds, 1)
    print(line.format(count=report.pages, seconds=seconds, rate=rate, states=states or "-"))
    _print_languages(report.languages)
    return 0


def _ocr_report_json(report: OcrReport) -> dict[str, Any]:
    return {
        "scans": report.files,
        "pages": report.pages,
        "states": report.states,
        "seconds": round(report.seconds, 3),
        "pages_per_second": round(report.pages_per_second, 3),
        "languages": list(report.languages.used),
        "missing_languages": list(report.languages.missing),
    }


def _print_languages(languages: OcrLanguages) -> None:
    from foidesk.core.search import how_to_add, how_to_install_engine

    if not languages.engine:
        print(_("text recognition: Tesseract is not installed, so scans are not read"))
        print("  " + how_to_install_engine())
        return
    print(_("text recognition languages: {codes}").format(codes=", ".join(languages.used)))
    for code in languages.missing:
        print("  " + _("language {code} is missing: {how}").format(code=code, how=how_to_add(code)))


def _page_word(state: str) -> str:
    """A recognised page's state in the user's language."""
    words = {
        "ok": _("recognised"),
        "waiting": _("waiting"),
        "failed": _("failed"),
        "timeout": _("too slow"),
    }
    return words.get(state, state)


def _print_ocr_status(status: OcrStatus) -> None:
    line = _("scanned pages: {recognised} recognised, {waiting} waiting, {failed} failed")
    print(line.format(recognised=status.recognised, waiting=status.waiting, failed=status.failed))
    if status.uncounted_scans:
        more = ngettext(
            "  {count} more scan waiting to be counted",
            "  {count} more scans waiting to be counted",
            status.uncounted_scans,
        )
        print(more.format(count=status.uncounted_scans))
    _print_languages(status.languages)


def _ocr_status_json(status: OcrStatus) -> dict[str, Any]:
    return {
        "engine": status.languages.engine,
        "pages": status.pages,
        "recognised": status.recognised,
        "waiting": status.waiting,
        "failed": status.failed,
        "uncounted_scans": status.uncounted_scans,
        "languages": list(status.languages.used),
        "missing_languages": list(status.languages.missing),
    }


def _reindex(desk: Desk, re_extract: bool, as_json: bool) -> int:
    from foidesk.core.search import extract_pending, mark_all_pending, rebuild_index

    report = None
    if re_extract:
        mark_all_pending(desk)
        report = extract_pending(desk, _StderrProgress(_("reading attachments")))
    rebuild_index(desk)
    if as_json:
        print_json({"reindexed": True, "extraction": _report_json(report) if report else None})
    else:
        if report is not None:
            _print_report(report, False)
        print(_("search index rebuilt"))
    return 0


def _status(desk: Desk, as_json: bool) -> int:
    from foidesk.core.search import ocr_status, text_status

    status, scans = text_status(desk), ocr_status(desk)
    if as_json:
        print_json({**_status_json(status), "ocr": _ocr_status_json(scans)})
        return 0
    counts = ", ".join(f"{n} {_word(state)}" for state, n in sorted(status.counts.items()))
    print(_("attachments: {counts}").format(counts=counts or _("none")))
    for item in status.problems:
        if item.request_id is not None:
            line = _("{state}: {filename} (request #{request}, attachment {attachment})")
        else:
            line = _("{state}: {filename} (Unfiled, attachment {attachment})")
        print(
            "  "
            + line.format(
                state=_word(item.state),
                filename=item.filename,
                request=item.request_id,
                attachment=item.attachment_id,
            )
        )
        print(f"      {shown(item.reason)}")
    _print_ocr_status(scans)
    return 0


def _status_json(status: TextStatus) -> dict[str, Any]:
    return {
        "counts": status.counts,
        "problems": [
            {
                "attachment_id": p.attachment_id,
                "message_id": p.message_id,
                "request_id": p.request_id,
                "filename": p.filename,
                "state": p.state,
                "reason": as_json(p.reason) if p.reason else None,
            }
            for p in status.problems
        ],
    }


def _print_report(report: ExtractionReport, as_json: bool) -> None:
    if as_json:
        print_json(_report_json(report))
        return
    states = ", ".join(f"{n} {_word(s)}" for s, n in sorted(report.states.items()))
    states = states or _("nothing to read")
    read = ngettext(
        "read {count} file, {size} MB in {seconds} s: {states}",
        "read {count} files, {size} MB in {seconds} s: {states}",
        report.files_read,
    )
    size, seconds = format_number(report.bytes_read / 1e6, 1), format_number(report.seconds, 1)
    print(read.format(count=report.files_read, size=size, seconds=seconds, states=states))
    failed = _("failed: {filename} (attachment {attachment}): {reason}")
    for attachment_id, filename, reason in report.failures:
        print("  " + failed.format(filename=filename, attachment=attachment_id, reason=reason))


def _report_json(report: ExtractionReport) -> dict[str, Any]:
    return {
        "attachments": report.attachments,
        "files_read": report.files_read,
        "bytes_read": report.bytes_read,
        "seconds": round(report.seconds, 3),
        "states": report.states,
        "failures": [
            {"attachment_id": i, "filename": name, "reason": reason}
            for i, name, reason in report.failures
        ],
    }


def _word(state: str) -> str:
    """A text state's short name in the user's language; one this foidesk does not know
    (from a newer one) as it is stored."""
    try:
        return TextState(state).word
    except ValueError:
        return state
