"""``foidesk next ID``: what the requester can do now, by when, and on what legal basis."""

from __future__ import annotations

import argparse
from typing import Any

from foidesk.cli.common import Commands, iso, json_option, open_desk, print_json
from foidesk.core.deadlines import format_day
from foidesk.core.i18n import _
from foidesk.core.next_steps import NextStep, Regulator, StepKind


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    steps = commands.add_parser(
        "next", parents=[common], help=_("the next steps open on a request, with their deadlines")
    )
    steps.add_argument("id", type=int, help=_("request id"))
    json_option(steps)
    steps.set_defaults(handler=_next)


def _next(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        steps = desk.next_steps(args.id)
    if args.json:
        print_json([step_json(step) for step in steps])
        return 0
    if not steps:
        print(_("Nothing to do on this request."))
    for step in steps:
        print(step_text(step))
    return 0


def step_json(step: NextStep) -> dict[str, Any]:
    """A step as ``foidesk next --json`` prints it (README: the fields)."""
    return {
        "kind": step.kind.value,
        "by": iso(step.by),
        "why": step.why,
        "regulator": regulator_json(step.regulator) if step.regulator else None,
    }


def regulator_json(regulator: Regulator) -> dict[str, Any]:
    return {
        "id": regulator.id,
        "name": regulator.name,
        "web": regulator.web,
        "form": regulator.form,
        "email": regulator.email,
        "address": regulator.address,
        "section": regulator.section,
        "include": list(regulator.described_include()),
        "source": regulator.source,
    }


def step_text(step: NextStep) -> str:
    head = step.kind.label
    if step.by is not None and step.kind is StepKind.FOLLOW_UP:
        head = _("{step}: the answer was due {day}").format(step=head, day=format_day(step.by))
    elif step.by is not None:
        head = _("{step}, by {day}").format(step=head, day=format_day(step.by))
    if step.due:
        head = _("{step} (needs action)").format(step=head)
    lines = [head, f"  {step.why}"]
    if step.regulator is not None:
        r = step.regulator
        lines.append("  " + _("Regulator: {name}").format(name=r.name))
        lines.append("  " + _("Web: {url}").format(url=r.form or r.web))
        if r.email:
            lines.append("  " + _("Email: {address}").format(address=r.email))
        lines.append("  " + _("Post: {address}").format(address=r.address))
        lines.append("  " + _("A complaint should include:"))
        lines += [f"    - {item}" for item in r.described_include()]
    return "\n".join(lines)
