"""``foidesk authority add|list``."""

from __future__ import annotations

import argparse

from foidesk.cli.common import json_option, open_desk, print_json
from foidesk.core.i18n import _


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    group = commands.add_parser("authority", help=_("public authorities you write to"))
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=[common], help=_("add an authority"))
    add.add_argument("name")
    add.add_argument("--email", help=_("its FOI email address"))
    add.add_argument("--regime", help=_("the law its requests usually fall under"))
    add.add_argument("--short-name")
    add.add_argument("--school", action="store_true", help=_("a school or academy (UK FOIA)"))
    add.add_argument(
        "--region",
        metavar="CODE",
        help=_("where it is, ISO 3166-2 (AU-NSW, DE-BY, GB-SCT): some laws count its holidays"),
    )
    json_option(add)
    add.set_defaults(handler=_add)

    listing = actions.add_parser("list", parents=[common], help=_("list authorities"))
    json_option(listing)
    listing.set_defaults(handler=_list)


def _add(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        record = desk.add_authority(
            args.name,
            email=args.email,
            regime=args.regime,
            short_name=args.short_name,
            is_school=args.school,
            region=args.region,
        )
    if args.json:
        print_json(record)
    else:
        print(record.id)
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        records = desk.list_authorities()
    if args.json:
        print_json(records)
        return 0
    for record in records:
        email = f" <{record.email}>" if record.email else ""
        region = f" {record.region}" if record.region else ""
        print(f"{record.id:>5}  {record.name}{email}  [{record.default_regime}{region}]")
    return 0
