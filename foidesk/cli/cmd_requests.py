"""``foidesk request add|list|show|status``."""

from __future__ import annotations

import argparse
from typing import Any

from foidesk.cli.cmd_deadlines import deadline_json
from foidesk.cli.common import iso, json_option, open_desk, parse_date, print_json, read_text_file
from foidesk.core.deadlines import Deadline
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _, ngettext
from foidesk.core.phrases import as_json
from foidesk.core.records import MessageRecord, NewRequest, RequestDetail
from foidesk.core.vocabulary import MessageKind, RequestStatus


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    group = commands.add_parser("request", help=_("your FOI requests"))
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help=_("record a request"))
    add.add_argument("--title", required=True)
    add.add_argument("--authority", required=True, help=_("authority name (added if new)"))
    add.add_argument(
        "--new-authority",
        action="store_true",
        help=_("add the authority even though one with a similar name exists"),
    )
    add.add_argument("--sent", required=True, type=parse_date, help=_("date sent, YYYY-MM-DD"))
    add.add_argument("--regime", help=_("law it is made under (default: the authority's)"))
    add.add_argument("--body-file", help=_("file holding the request text ('-' for stdin)"))
    add.add_argument("--ref", help=_("the authority's reference number"))
    add.add_argument("--tag", action="append", default=[], help=_("a label (repeatable)"))
    json_option(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", parents=[common], help=_("list requests"))
    listing.add_argument("--status", choices=[s.value for s in RequestStatus])
    json_option(listing)
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", parents=[common], help=_("show a request and its thread"))
    show.add_argument("id", type=int)
    json_option(show)
    show.set_defaults(handler=_show)

    status = actions.add_parser("status", parents=[common], help=_("change a request's status"))
    status.add_argument("id", type=int)
    status.add_argument("status", choices=[s.value for s in RequestStatus])
    status.add_argument("--on", type=parse_date, help=_("day it changed (default: today)"))
    json_option(status)
    status.set_defaults(handler=_status)


def _add(args: argparse.Namespace) -> int:
    body = read_text_file(args.body_file) if args.body_file else ""
    with open_desk(args) as desk:
        similar = [] if args.new_authority else desk.similar_authorities(args.authority)
        if similar:
            raise InvalidInputError(_near_duplicate(args.authority, similar))
        detail = desk.add_request(
            NewRequest(
                title=args.title,
                authority=args.authority,
                sent_on=args.sent,
                regime=args.regime,
                body=body,
                reference=args.ref,
                tags=tuple(args.tag),
            )
        )
    if args.json:
        print_json(request_json(detail))
    else:
        s = detail.summary
        added = _("Request {id} added: “{title}” to {authority} ({law}).")
        print(added.format(id=s.id, title=s.title, authority=s.authority, law=s.regime))
        print(_("See it with: foidesk request show {id}").format(id=s.id))
    return 0


def _near_duplicate(name: str, similar: list[str]) -> str:
    names = _(" or ").join(f"“{n}”" for n in similar)
    return _(
        "there is no authority named “{name}”, but there is {names}: give its name "
        "exactly, or add --new-authority to add “{name}” as a new authority"
    ).format(name=name, names=names)


def _list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.list_requests(status=args.status)
        upcoming = {} if args.json else desk.next_deadlines([r.id for r in rows])
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "authority": r.authority,
                    "regime": r.regime,
                    "status": r.status,
                    "sent": iso(r.sent_on),
                    "reference": r.reference,
                    "tags": r.tags,
                    "messages": r.message_count,
                }
                for r in rows
            ]
        )
        return 0
    labels = {r.id: RequestStatus(r.status).label for r in rows}
    width = max((len(label) for label in labels.values()), default=0)
    for r in rows:
        status = labels[r.id]
        print(f"{r.id:>5}  {iso(r.sent_on) or '':10}  {status:{width}}  {r.title} — {r.authority}")
        if (d := upcoming.get(r.id)) is not None:
            print(f"{'':7}{d.label}: {iso(d.due)} ({d.status_text()})")
    return 0


def _show(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        detail = desk.get_request(args.id)
        deadlines = desk.deadlines(args.id)
    if args.json:
        print_json({**request_json(detail), "deadlines": [deadline_json(d) for d in deadlines]})
    else:
        print(request_text(detail, deadlines))
    return 0


def _status(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        detail = desk.set_status(args.id, args.status, on=args.on)
    if args.json:
        print_json(request_json(detail))
    else:
        now = _("request {id} is now {status}")
        print(now.format(id=detail.id, status=RequestStatus(detail.summary.status).label))
    return 0


def request_json(detail: RequestDetail) -> dict[str, Any]:
    s = detail.summary
    return {
        "id": s.id,
        "title": s.title,
        "authority": s.authority,
        "regime": s.regime,
        "status": s.status,
        "sent": iso(s.sent_on),
        "received": iso(detail.received_on),
        "reference": s.reference,
        "tags": list(s.tags),
        "body": detail.body,
        "notes": detail.notes,
        "status_history": [
            {
                "status": h.status,
                "on": iso(h.changed_on),
                "note": h.note,
                "changed_by": h.changed_by,
            }
            for h in detail.status_history
        ],
        "messages": [message_json(m) for m in detail.messages],
        "version": detail.version,
        "changed_by": detail.changed_by,
        "changed_at": detail.changed_at.isoformat() if detail.changed_at else None,
    }


def message_json(message: MessageRecord) -> dict[str, Any]:
    return {
        "id": message.id,
        "direction": message.direction,
        "kind": message.kind,
        "date": iso(message.date),
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "received_at": message.received_at.isoformat() if message.received_at else None,
        "from": message.from_addr,
        "to": list(message.to),
        "subject": message.subject,
        "message_id": message.message_id,
        "message_id_reused": message.message_id_reused,
        "filed_by": as_json(message.filed_by) if message.filed_by else None,
        "charset_notes": [as_json(n) for n in message.charset_notes],
        "attachments": [
            {
                "id": a.id,
                "filename": a.filename,
                "media_type": a.media_type,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in message.attachments
        ],
    }


def _attachment_line(filename: str, size: int) -> str:
    line = ngettext(
        "[attachment] {filename} ({size} byte)", "[attachment] {filename} ({size} bytes)", size
    )
    return line.format(filename=filename, size=size)


def _history_lines(detail: RequestDetail) -> list[str]:
    """The last change and each status change, with the member who made it, if recorded."""
    lines = []
    if detail.changed_by:
        at = detail.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if detail.changed_at else ""
        last = _("last changed by {member} at {time}") if at else _("last changed by {member}")
        lines.append("  " + last.format(member=detail.changed_by, time=at))
    if detail.status_history:
        lines.append("  " + _("status history:"))
    for h in detail.status_history:
        line = f"    {iso(h.changed_on)}  {RequestStatus(h.status).label}"
        if h.changed_by:
            line += "  " + _("by {member}").format(member=h.changed_by)
        lines.append(line + (f"  {h.note}" if h.note else ""))
    return lines


def request_text(detail: RequestDetail, deadlines: tuple[Deadline, ...] = ()) -> str:
    s = detail.summary
    status = RequestStatus(s.status).label
    lines = [
        f"#{s.id} {s.title}",
        "  " + _("to {authority} under {regime}").format(authority=s.authority, regime=s.regime),
        "  " + _("status: {status}; sent {day}").format(status=status, day=iso(s.sent_on) or "—"),
    ]
    if s.reference:
        lines.append("  " + _("reference: {reference}").format(reference=s.reference))
    lines += _history_lines(detail)
    lines += [f"  {d.label}: {iso(d.due)} ({d.status_text()})" for d in deadlines]
    for m in detail.messages:
        arrow = "→" if m.direction == "outgoing" else "←"
        kind = MessageKind(m.kind).label
        lines.append(f"\n{arrow} {iso(m.date) or '—'}  {kind}  {m.from_addr}")
        lines.append(f"  {m.subject}")
        lines += [f"  {_attachment_line(a.filename, a.size)}" for a in m.attachments]
    return "\n".join(lines)
