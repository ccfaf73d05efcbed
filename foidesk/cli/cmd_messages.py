"""``foidesk message add``: record correspondence by hand (a letter, a call, a note);
``message proposal`` / ``message confirm``: what a reply is, and the user's word on it."""

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
from foidesk.core.records import NewAttachment, NewMessage, ReplyProposalRecord
from foidesk.core.replies import ReplyKind, describe_evidence
from foidesk.core.vocabulary import Direction, MessageKind, RequestStatus


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
    _register_proposals(actions, common)


def _register_proposals(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    proposal = actions.add_parser(
        "proposal", parents=[common], help=_("what foidesk proposes a reply is, and why")
    )
    proposal.add_argument("message_id", type=int, metavar="MESSAGE_ID", help=_("message id"))
    json_option(proposal)
    proposal.set_defaults(handler=_proposal)
    confirm = actions.add_parser(
        "confirm",
        parents=[common],
        help=_("confirm what a reply is (the proposal, or --kind/--status)"),
    )
    confirm.add_argument("message_id", type=int, metavar="MESSAGE_ID", help=_("message id"))
    confirm.add_argument(
        "--kind", choices=[k.value for k in ReplyKind], help=_("what the reply is instead")
    )
    confirm.add_argument(
        "--status",
        choices=[s.value for s in RequestStatus] + ["unchanged"],
        help=_("the request's status instead ('unchanged': it stays as it is)"),
    )
    json_option(confirm)
    confirm.set_defaults(handler=_confirm)


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


def _proposal(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        record = desk.reply_proposal(args.message_id)
    if args.json:
        print_json(proposal_json(record))
    else:
        print(describe_proposal(record))
    return 0


def _confirm(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        record = desk.confirm_reply(args.message_id, kind=args.kind, status=args.status)
    if args.json:
        print_json(proposal_json(record))
    else:
        kind = ReplyKind(record.chosen_kind or record.kind).label
        status = RequestStatus(record.request_status or "").label
        print(_("Confirmed: {kind}; the request is now {status}.").format(kind=kind, status=status))
    return 0


def proposal_json(record: ReplyProposalRecord) -> dict[str, object]:
    """The fields the README documents for ``message proposal`` and ``message confirm``."""
    return {
        "message_id": record.message_id,
        "request_id": record.request_id,
        "kind": record.kind,
        "status": record.status,
        "until": record.until,
        "evidence": [
            {"signal": e.signal, "text": e.text, "toward": e.toward, "weight": e.weight}
            for e in record.evidence
        ],
        "decided": record.decided,
        "chosen_kind": record.chosen_kind,
        "chosen_status": record.chosen_status,
        "request_status": record.request_status,
    }


def describe_proposal(record: ReplyProposalRecord) -> str:
    kind = ReplyKind(record.kind)
    if record.status:
        outcome = _("status would become {status}").format(
            status=RequestStatus(record.status).label
        )
    else:
        outcome = _("status stays as it is")
    lines = [_("{kind} — {outcome}").format(kind=kind.label, outcome=outcome)]
    lines += [f"  {line}" for line in evidence_lines(record)]
    if record.decided:
        chosen = ReplyKind(record.chosen_kind or record.kind).label
        lines.append(_("Confirmed as: {kind}").format(kind=chosen))
    return "\n".join(lines)


def evidence_lines(record: ReplyProposalRecord) -> list[str]:
    return [describe_evidence(e.signal, e.text) for e in record.evidence]
