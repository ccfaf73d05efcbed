"""``foidesk due``, ``foidesk regimes``, ``foidesk calendar`` and clock events and closures."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from foidesk.cli.common import Commands, iso, json_option, open_desk, parse_date, print_json
from foidesk.core.deadlines import (
    REGIMES,
    CalendarEntry,
    ClockEventKind,
    CustomRule,
    Deadline,
    SkippedDay,
    calculate,
    format_day,
    regime_summaries,
)
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _, ngettext, pgettext


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    due = commands.add_parser(
        "due", parents=[common], help=_("when is a response due? (the statutory calculator)")
    )
    due.add_argument("--regime", required=True, help=_("law id, see `foidesk regimes`"))
    due.add_argument("--received", required=True, type=parse_date, help=_("YYYY-MM-DD"))
    due.add_argument("--school", action="store_true", help=_("the authority is a school (UK)"))
    due.add_argument(
        "--region",
        metavar="CODE",
        help=_("where the authority is, ISO 3166-2 (AU-NSW, DE-BY, GB-SCT); default: the law's"),
    )
    due.add_argument(
        "--custom",
        metavar="JSON",
        help=_("for --regime custom: a JSON rule such as {example}").format(
            example='{"count": 30, "unit": "calendar_days", "country": "GB", "subdivision": "ENG"}'
        ),
    )
    json_option(due)
    due.set_defaults(handler=_due)

    regimes = commands.add_parser("regimes", parents=[common], help=_("the laws foidesk knows"))
    json_option(regimes)
    regimes.set_defaults(handler=_regimes)

    calendar = commands.add_parser(
        "calendar",
        parents=[common],
        help=_("deadlines of all requests in date order, or an .ics file"),
    )
    calendar.add_argument("--from", dest="start", type=parse_date, help=_("first day (YYYY-MM-DD)"))
    calendar.add_argument("--to", dest="end", type=parse_date, help=_("last day (YYYY-MM-DD)"))
    calendar.add_argument("--ics", metavar="FILE", help=_("write an iCalendar file instead"))
    json_option(calendar)
    calendar.set_defaults(handler=_calendar)

    event = commands.add_parser("event", help=_("record what moves a request's clock"))
    actions = event.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help=_("record an event on a request"))
    add.add_argument("id", type=int, help=_("request id"))
    add.add_argument("kind", choices=[k.value for k in ClockEventKind])
    add.add_argument("--on", required=True, type=parse_date, help=_("day it happened"))
    add.add_argument(
        "--until", type=parse_date, help=_("the date the authority named (extension or promise)")
    )
    add.add_argument("--note", default="")
    json_option(add)
    add.set_defaults(handler=_event_add)

    closure = commands.add_parser("closure", help=_("days off beyond the public holidays"))
    closure_actions = closure.add_subparsers(dest="action", metavar="ACTION", required=True)
    close = closure_actions.add_parser("add", parents=[common], help=_("mark a day closed"))
    close.add_argument("day", type=parse_date)
    close.add_argument("name")
    close.add_argument(
        "--open",
        action="store_true",
        help=_("the opposite: a holiday on which the authority works"),
    )
    close.set_defaults(handler=_closure_add)
    listing = closure_actions.add_parser("list", parents=[common], help=_("list marked days"))
    json_option(listing)
    listing.set_defaults(handler=_closure_list)
    remove = closure_actions.add_parser("remove", parents=[common], help=_("unmark a day"))
    remove.add_argument("day", type=parse_date)
    remove.set_defaults(handler=_closure_remove)


def _due(args: argparse.Namespace) -> int:
    custom = None
    if args.custom:
        try:
            custom = CustomRule.from_json(args.custom)
        except ValueError as exc:
            raise InvalidInputError(_("bad --custom rule: {error}").format(error=exc)) from None
    try:
        result = calculate(
            args.regime, args.received, custom=custom, school=args.school, region=args.region
        )
    except ValueError as exc:  # UnknownRegime included: its message lists the valid ids
        raise InvalidInputError(str(exc)) from None
    holidays = [day for day in result.skipped if not day.is_weekend]
    if args.json:
        print_json(
            {
                "regime": result.regime,
                "received": iso(result.received),
                "due": iso(result.due),
                "extended_due": iso(result.extended_due),
                "skipped": _skipped(holidays),
                "weekend_days_skipped": len(result.skipped) - len(holidays),
                "explanation": result.explanation.text(),
                "region": result.region,
            }
        )
        return 0
    print(_("Due {day}").format(day=format_day(result.due)))
    if result.extended_due:
        print(_("With the fixed extension: {day}").format(day=format_day(result.extended_due)))
    print()
    print(result.explanation.text())
    return 0


def _skipped(days: list[SkippedDay]) -> list[dict[str, str]]:
    return [{"date": day.date.isoformat(), "name": day.name} for day in days]


def _regimes(args: argparse.Namespace) -> int:
    summaries = {s.id: s for s in regime_summaries()}
    if args.json:
        print_json([_regime_json(r.id, r.name, summaries.get(r.id)) for r in REGIMES.values()])
        return 0
    for regime in REGIMES.values():
        print(f"{regime.id:12}  {regime.name}")
        summary = summaries.get(regime.id)
        if summary is not None:
            response = _("response: {period} ({source})").format(
                period=summary.response, source=summary.source
            )
            print(f"{'':12}  {response}")
            calendar = _("calendar: {calendar}").format(calendar=summary.calendar)
            print(f"{'':12}  {calendar}")
    return 0


def _regime_json(regime_id: str, name: str, summary: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"id": regime_id, "name": name}
    if summary is not None:
        found.update(response=summary.response, source=summary.source, calendar=summary.calendar)
    return found


def _calendar(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if args.ics:
            count = desk.export_ics(Path(args.ics), args.start, args.end)
            wrote = ngettext(
                "wrote {count} deadline to {file}", "wrote {count} deadlines to {file}", count
            )
            print(wrote.format(count=count, file=args.ics))
            return 0
        entries = desk.calendar(args.start, args.end)
    if args.json:
        print_json([calendar_json(e) for e in entries])
        return 0
    for e in entries:
        d = e.deadline
        print(f"{iso(d.due)}  {d.label:28}  {d.status_text():24}  #{e.request_id} {e.title}")
    return 0


def calendar_json(entry: CalendarEntry) -> dict[str, Any]:
    return {
        "request_id": entry.request_id,
        "title": entry.title,
        "authority": entry.authority,
        **deadline_json(entry.deadline),
    }


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "kind": deadline.kind.value,
        "date": iso(deadline.due),
        "state": deadline.state.value,
        "label": deadline.label,
        "days_left": deadline.days_left,
        "late_by": deadline.late_by,
        "status": deadline.status_text(),
        "explanation": deadline.explanation.text(),
    }


def _event_add(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        record = desk.add_clock_event(args.id, args.kind, args.on, until=args.until, note=args.note)
        deadlines = desk.deadlines(args.id)
    if args.json:
        print_json({"event": record, "deadlines": [deadline_json(d) for d in deadlines]})
    else:
        recorded = _("recorded {event} on {day} for request {id}")
        print(recorded.format(event=args.kind, day=iso(args.on), id=args.id))
    return 0


def _closure_add(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        desk.set_closure(args.day, args.name, closed=not args.open)
    return 0


def _closure_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        days = desk.closure_days()
    if args.json:
        print_json(days)
        return 0
    for day in days:
        state = pgettext("closure", "closed") if day.closed else pgettext("closure", "open")
        print(f"{iso(day.day)}  {state:6}  {day.name}")
    return 0


def _closure_remove(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        desk.clear_closure(args.day)
    return 0
