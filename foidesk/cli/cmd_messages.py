"""``foidesk message add``: record correspondence by hand (a letter, a call, a note)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time
from pathlib import Path

from foidesk.cli.cmd_requests import message_json
from foidesk.cli.common import json_option, open_desk, print_json, read_text_file
from foidesk.cli.progress import read_attachment_text
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.importing import added_by_hand
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.vocabulary import Direction, MessageKind


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    group = commands.add_parser("message", help=_("correspondence in a request's thread"))
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help=_("add a message to a request"))
    add.add_argument("id", type=int, help=_("request id"))
    add.add_argument("--direction", required=True, choices=[d.value for d in Direction])
    add.add_argument("--kind", required=True, choices=[k.value for k in MessageKind])
    add.add_argument(
        "--date", required=True, type=_parse_moment, help=_("YYYY-MM-DD or an ISO date and time")
    )
    add.add_argument("--from", dest="sender", default="", help=_("who it is from"))
    add.add_argument("--subject", default="")
    add.add_argument("--body-file", help=_("file holding the text ('-' for stdin)"))
    add.add_argument("--attach", nargs="+", default=[], metavar="FILE", help=_("files to attach"))
    json_option(add)
    add.set_defaults(handler=_add)


def _parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text!r} is not a date (use YYYY-MM-DD)").format(text=text)
        ) from None
    if len(text) == 10:
        moment = datetime.combine(moment.date(), time(12))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _add(args: argparse.Namespace) -> int:
    files = [Path(p) for p in args.attach]
    for path in files:
        if not path.is_file():
            raise InvalidInputError(_("no such file: {path}").format(path=path))
    incoming = args.direction == Direction.INCOMING
    new = NewMessage(
        direction=args.direction,
        kind=args.kind,
        sent_at=args.date,
        received_at=args.date if incoming else None,
        from_addr=args.sender,
        subject=args.subject,
        body_text=read_text_file(args.body_file) if args.body_file else "",
        attachments=tuple(NewAttachment(p.name, p) for p in files),
        filed_by=added_by_hand(),
    )
    with open_desk(args) as desk:
        record = desk.add_message(args.id, new)
        if record.attachments:
            read_attachment_text(desk)
    if args.json:
        print_json(message_json(record))
    else:
        print(record.id)
    return 0
