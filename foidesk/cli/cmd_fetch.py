"""``foidesk fetch [NAME]``: bring in the replies waiting in the mail accounts.

Only mail that belongs to a request is downloaded (see the README's "Mail accounts");
the rest of the mailbox is left as it was, unread.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json
from foidesk.cli.progress import StderrProgress, read_attachment_text
from foidesk.core.i18n import _, ngettext

if TYPE_CHECKING:
    from foidesk.core.accounts import AccountFetch, FetchReport


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "fetch",
        parents=[common],
        help=_("fetch the replies waiting in your mail accounts"),
        description=_(
            "Downloads only mail that replies to a thread, comes from an authority or names "
            "a request's reference; everything else stays on the server, unread."
        ),
    )
    command.add_argument("name", nargs="?", metavar="NAME", help=_("only this account"))
    json_option(command)
    command.set_defaults(handler=_fetch)


def _fetch(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if not desk.accounts():
            print(_("no mail accounts to fetch from (add one with: foidesk account add)"))
            return 0
        report = desk.fetch_mail(args.name, progress=StderrProgress(_("fetching")))
        if any(a.message_ids for a in report.accounts):
            read_attachment_text(desk)
    if args.json:
        print_json(report_json(report))
    else:
        for account in report.accounts:
            _print_account(account)
    return 0 if report.ok else 1


def report_json(report: FetchReport) -> dict[str, Any]:
    return {
        "accounts": [
            {
                "account": a.account,
                "filed": a.filed,
                "unfiled": a.unfiled,
                "duplicates": a.duplicates,
                "left_alone": a.left_alone,
                "errors": [*a.errors, *([a.error] if a.error else [])],
                "message_ids": a.message_ids,
            }
            for a in report.accounts
        ]
    }


def _print_account(account: AccountFetch) -> None:
    parts = [
        ngettext("{n} mail filed", "{n} mails filed", account.filed).format(n=account.filed),
        ngettext("{n} unfiled", "{n} unfiled", account.unfiled).format(n=account.unfiled),
        ngettext("{n} duplicate", "{n} duplicates", account.duplicates).format(
            n=account.duplicates
        ),
        ngettext("{n} left alone", "{n} left alone", account.left_alone).format(
            n=account.left_alone
        ),
        ngettext("{n} error", "{n} errors", len(account.errors)).format(n=len(account.errors)),
    ]
    print(f"{account.account}: {', '.join(parts)}")
    for error in account.errors:
        print(f"  {account.account}: {error}", file=sys.stderr)
    if account.error:
        print(f"foidesk: {account.account}: {account.error}", file=sys.stderr)
