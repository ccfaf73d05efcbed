"""``foidesk letter ID KIND``: the letter for a step, shown or saved as an ``.eml`` draft;
``foidesk letter template REGIME KIND``: the user's own templates."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from foidesk.cli.common import Commands, json_option, open_desk, print_json, read_text_file
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.letters import PLACEHOLDERS, Letter, LetterKind

TEMPLATE = "template"


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    kinds = ", ".join(k.value for k in LetterKind)
    names = ", ".join(f"${name}" for name in PLACEHOLDERS)
    letter = commands.add_parser(
        "letter",
        parents=[common],
        help=_("write the letter for a request's next step"),
        description=_(
            "`foidesk letter ID KIND` fills the letter of KIND ({kinds}) from the request; "
            "`foidesk letter template REGIME KIND` shows, replaces (--edit-from FILE) or "
            "resets (--reset) your own template for a law. Placeholders: {names}."
        ).format(kinds=kinds, names=names),
    )
    letter.add_argument("target", metavar="ID|template", help=_("request id, or 'template'"))
    letter.add_argument(
        "words",
        nargs="+",
        metavar="KIND",
        help=_("the letter's kind; after 'template': REGIME KIND"),
    )
    letter.add_argument("--out", metavar="FILE.eml", help=_("save the letter as an .eml draft"))
    letter.add_argument("--force", action="store_true", help=_("replace an existing --out file"))
    letter.add_argument("--edit-from", metavar="FILE", help=_("use FILE as your template"))
    letter.add_argument("--reset", action="store_true", help=_("go back to foidesk's template"))
    letter.add_argument("--show", action="store_true", help=_("print the template in use"))
    json_option(letter)
    letter.set_defaults(handler=_letter)


def _letter(args: argparse.Namespace) -> int:
    if args.target == TEMPLATE:
        return _template(args)
    if len(args.words) != 1 or args.edit_from or args.reset or args.show:
        raise InvalidInputError(_("use `foidesk letter ID KIND [--out FILE.eml] [--json]`"))
    try:
        request_id = int(args.target)
    except ValueError:
        raise InvalidInputError(
            _("{text!r} is not a request id").format(text=args.target)
        ) from None
    with open_desk(args) as desk:
        letter = desk.letter(request_id, args.words[0])
        out = None
        if args.out:
            out = desk.write_letter_draft(
                request_id, args.words[0], Path(args.out), replace=args.force
            )
    if args.json:
        print_json(letter_json(letter, out))
    elif out is not None:
        print(_("draft saved to {path}").format(path=out))
    else:
        print(letter_text(letter))
    return 0


def _template(args: argparse.Namespace) -> int:
    if len(args.words) != 2 or args.out:
        raise InvalidInputError(
            _("use `foidesk letter template REGIME KIND [--edit-from FILE | --reset | --show]`")
        )
    if sum(bool(x) for x in (args.edit_from, args.reset, args.show)) > 1:
        raise InvalidInputError(_("choose one of --edit-from, --reset and --show"))
    regime, kind = args.words
    with open_desk(args) as desk:
        if args.edit_from:
            desk.save_letter_template(regime, kind, read_text_file(args.edit_from))
        elif args.reset:
            desk.reset_letter_template(regime, kind)
        text, mine = desk.letter_template(regime, kind)
    return _print_template(args, regime, kind, text, mine)


def _print_template(args: argparse.Namespace, regime: str, kind: str, text: str, mine: bool) -> int:
    if args.json:
        print_json({"regime": regime, "kind": kind, "custom": mine, "text": text})
    elif args.edit_from:
        print(_("your template for {regime} {kind} is saved").format(regime=regime, kind=kind))
    elif args.reset:
        print(
            _("foidesk's template for {regime} {kind} applies again").format(
                regime=regime, kind=kind
            )
        )
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0


def letter_json(letter: Letter, out: Path | None) -> dict[str, Any]:
    """A letter as ``foidesk letter --json`` prints it (README: the fields)."""
    return {
        "kind": letter.kind.value,
        "regime": letter.regime,
        "language": letter.language,
        "to": letter.to,
        "from": letter.from_addr,
        "subject": letter.subject,
        "body": letter.body,
        "template": "yours" if letter.custom_template else "ours",
        "out": str(out) if out is not None else None,
    }


def letter_text(letter: Letter) -> str:
    to = letter.to or _("(no address: add the authority's email, or send it by post)")
    lines = [_("To: {to}").format(to=to), _("Subject: {subject}").format(subject=letter.subject)]
    return "\n".join([*lines, "", letter.body.rstrip("\n")])
