"""``foidesk send`` and ``foidesk outbox``: letters to an authority, sent from an account.

A letter is written into the outbox before anything is sent, so a server that is down
or refuses it loses nothing: ``foidesk outbox`` lists what waits or failed, with the
server's reason, and ``outbox retry`` sends the very same letter again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foidesk.cli.cmd_requests import message_json
from foidesk.cli.common import Commands, json_option, open_desk, print_json, read_text_file
from foidesk.core.accounts import SENDABLE_KINDS, LetterDraft, MailServerError
from foidesk.core.i18n import _

if TYPE_CHECKING:
    from foidesk.core.accounts import OutboxRecord, SentLetter


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    send = commands.add_parser(
        "send",
        parents=[common],
        help=_("send a letter to a request's authority from a mail account"),
        description=_(
            "The letter goes to the authority's FOI address, replying to the thread's last "
            "message; a copy is kept in the account's Sent folder and in the thread."
        ),
    )
    send.add_argument("id", type=int, metavar="REQUEST_ID", help=_("request id"))
    send.add_argument("--kind", required=True, choices=[k.value for k in SENDABLE_KINDS])
    send.add_argument("--subject", required=True, metavar="S")
    send.add_argument(
        "--body-file", required=True, metavar="F", help=_("file holding the text ('-' for stdin)")
    )
    send.add_argument("--attach", nargs="+", default=[], metavar="FILE", help=_("files to attach"))
    send.add_argument("--account", metavar="NAME", help=_("the account to send from"))
    json_option(send)
    send.set_defaults(handler=_send)
    _register_outbox(commands, common)


def _register_outbox(commands: Commands, common: argparse.ArgumentParser) -> None:
    box = commands.add_parser(
        "outbox", parents=[common], help=_("letters waiting to be sent, or that failed")
    )
    json_option(box)
    box.set_defaults(handler=_list)
    actions = box.add_subparsers(dest="action", metavar="ACTION")
    retry = actions.add_parser("retry", parents=[common], help=_("send a letter again"))
    retry.add_argument("letter", type=int, metavar="ID")
    json_option(retry)
    retry.set_defaults(handler=_retry)
    discard = actions.add_parser(
        "discard", parents=[common], help=_("remove a letter that was not sent")
    )
    discard.add_argument("letter", type=int, metavar="ID")
    discard.set_defaults(handler=_discard)


def _send(args: argparse.Namespace) -> int:
    draft = LetterDraft(
        request_id=args.id,
        kind=args.kind,
        subject=args.subject,
        body=read_text_file(args.body_file),
        attachments=tuple(Path(p) for p in args.attach),
        account=args.account,
    )
    with open_desk(args) as desk:
        letter = desk.queue_letter(draft)
        return _deliver(desk.send_letter, letter.id, args.json)


def _retry(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        return _deliver(desk.send_letter, args.letter, args.json)


def _deliver(send: Any, letter_id: int, as_json: bool) -> int:
    try:
        sent: SentLetter = send(letter_id)
    except MailServerError as exc:
        raise MailServerError(
            _("{error}; the letter waits in the outbox as {id} (foidesk outbox retry {id})").format(
                error=exc, id=letter_id
            )
        ) from exc
    if as_json:
        print_json(sent_json(sent))
        return 0
    print(sent.message.id)
    print(sent.sent_copy, file=sys.stderr)
    return 0


def sent_json(sent: SentLetter) -> dict[str, Any]:
    return {
        "message_id": sent.message.id,
        "letter": sent.letter.id,
        "request_id": sent.letter.request_id,
        "kind": sent.letter.kind,
        "to": sent.letter.to,
        "account": sent.letter.account,
        "email_message_id": sent.letter.message_id,
        "sent_now": sent.sent_now,
        "sent_copy": sent.sent_copy,
        "message": message_json(sent.message),
    }


def _list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        letters = desk.outbox()
    if args.json:
        print_json([letter_json(letter) for letter in letters])
        return 0
    if not letters:
        print(_("the outbox is empty"))
    for letter in letters:
        print(f"{letter.id}  [{letter.state.value}]  #{letter.request_id}  {letter.subject}")
        to = _("to {address}").format(address=letter.to)
        print(f"    {to}" + (f" — {letter.reason}" if letter.reason else ""))
    return 0


def letter_json(letter: OutboxRecord) -> dict[str, Any]:
    return {
        "id": letter.id,
        "request_id": letter.request_id,
        "request_title": letter.request_title,
        "account": letter.account,
        "route": letter.route.value,
        "kind": letter.kind,
        "subject": letter.subject,
        "to": letter.to,
        "email_message_id": letter.message_id,
        "state": letter.state.value,
        "reason": letter.reason,
        "attempts": letter.attempts,
        "size": letter.size,
        "created_at": letter.created_at.isoformat(),
        "updated_at": letter.updated_at.isoformat(),
    }


def _discard(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        letter = desk.discard_letter(args.letter)
    print(_("discarded letter {id}: {subject}").format(id=letter.id, subject=letter.subject))
    return 0
