"""``foidesk account add|list|remove|test``: the mail accounts replies are fetched from.

The password is read from standard input (``--password-stdin``) or asked for on the
terminal, never taken as an argument (other users of the computer can read those), and
goes straight to the OS keyring.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json
from foidesk.core.accounts import AccountError, AccountRecord, NewAccount, Security
from foidesk.core.i18n import _


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    account = commands.add_parser(
        "account", parents=[common], help=_("mail accounts that replies are fetched from")
    )
    actions = account.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_add(actions, common)
    listed = actions.add_parser("list", parents=[common], help=_("list the mail accounts"))
    json_option(listed)
    listed.set_defaults(handler=_list)
    removed = actions.add_parser(
        "remove", parents=[common], help=_("remove an account and its password from the keyring")
    )
    removed.add_argument("name", metavar="NAME")
    removed.set_defaults(handler=_remove)
    tested = actions.add_parser(
        "test", parents=[common], help=_("log in to the account's IMAP and SMTP servers")
    )
    tested.add_argument("name", metavar="NAME")
    json_option(tested)
    tested.set_defaults(handler=_test)


def _register_add(actions: Commands, common: argparse.ArgumentParser) -> None:
    add = actions.add_parser(
        "add",
        parents=[common],
        help=_("add a mail account; its password is kept in the OS keyring"),
        description=_(
            "For Gmail, iCloud or Fastmail, create an app password in the provider's "
            "security settings and give that, not your usual password."
        ),
    )
    add.add_argument("name", metavar="NAME", help=_("a short name for the account"))
    add.add_argument("--email", required=True, metavar="ADDR", help=_("your address"))
    add.add_argument("--display-name", default="", metavar="TEXT", help=_("your name"))
    add.add_argument("--imap", required=True, metavar="HOST:PORT", help=_("the IMAP server"))
    add.add_argument("--smtp", required=True, metavar="HOST:PORT", help=_("the SMTP server"))
    add.add_argument("--user", default="", metavar="U", help=_("user name (default: the address)"))
    add.add_argument(
        "--security",
        choices=[s.value for s in Security],
        help=_("tls, starttls or plain (loopback only); default: from each port"),
    )
    add.add_argument(
        "--ca-file", metavar="F", help=_("CA certificate (PEM) for a company or self-signed server")
    )
    add.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from standard input")
    )
    add.set_defaults(handler=_add)


def _add(args: argparse.Namespace) -> int:
    new = NewAccount(
        name=args.name,
        email=args.email,
        imap=args.imap,
        smtp=args.smtp,
        display_name=args.display_name,
        username=args.user,
        security=Security(args.security) if args.security else None,
        ca_file=Path(args.ca_file) if args.ca_file else None,
    )
    password = _read_password(args.password_stdin)
    with open_desk(args) as desk:
        record = desk.add_account(new, password)
    print(
        _(
            "added account {name}: {user} at IMAP {imap} ({imap_security}), SMTP {smtp} "
            "({smtp_security}); the password is in the OS keyring"
        ).format(
            name=record.name,
            user=record.username,
            imap=record.imap,
            imap_security=record.imap.security.value,
            smtp=record.smtp,
            smtp_security=record.smtp.security.value,
        )
    )
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise AccountError(
            _("give the password on a terminal, or on standard input with --password-stdin")
        )
    try:
        return getpass.getpass(_("Password (or app password): "))
    except EOFError:
        raise AccountError(_("no password was given")) from None


def _list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        accounts = desk.accounts()
    if args.json:
        print_json([account_json(a) for a in accounts])
        return 0
    if not accounts:
        print(_("no mail accounts (add one with: foidesk account add)"))
    for a in accounts:
        print(
            f"{a.name}: {a.display_name + ' ' if a.display_name else ''}<{a.email}>  "
            f"IMAP {a.imap} ({a.imap.security.value})  SMTP {a.smtp} ({a.smtp.security.value})  "
            + _("user {user}").format(user=a.username)
        )
    return 0


def account_json(account: AccountRecord) -> dict[str, Any]:
    """An account for scripts: everything but its password, which is not known here."""
    return {
        "name": account.name,
        "email": account.email,
        "display_name": account.display_name,
        "imap": {
            "host": account.imap.host,
            "port": account.imap.port,
            "security": account.imap.security.value,
        },
        "smtp": {
            "host": account.smtp.host,
            "port": account.smtp.port,
            "security": account.smtp.security.value,
        },
        "user": account.username,
        "ca_file": str(account.ca_file) if account.ca_file else None,
        "auth": account.auth.value,
    }


def _remove(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        record = desk.remove_account(args.name)
    print(_("removed account {name} and its password").format(name=record.name))
    return 0


def _test(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        check = desk.test_account(args.name)
    if args.json:
        print_json(
            {
                "account": check.account,
                "ok": check.ok,
                "servers": [
                    {
                        "protocol": s.protocol,
                        "host": s.endpoint.host,
                        "port": s.endpoint.port,
                        "security": s.endpoint.security.value,
                        "worked": list(s.steps),
                        "error": s.error,
                    }
                    for s in check.servers
                ],
            }
        )
    else:
        for server in check.servers:
            if server.error is None:
                print(f"{server.protocol}: " + _("ok") + f" ({', '.join(server.steps)})")
            else:
                worked = f" ({', '.join(server.steps)})" if server.steps else ""
                print(f"{server.protocol}: {server.error}{worked}", file=sys.stderr)
    return 0 if check.ok else 1
