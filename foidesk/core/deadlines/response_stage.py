"""Deadlines of the response stage: the statutory date, extensions, promises, fees."""

from __future__ import annotations

from datetime import date, timedelta

from foidesk.core.deadlines.deadline import DeadlineKind, days_apart
from foidesk.core.deadlines.events import ClockEvent
from foidesk.core.deadlines.explanation import Explanation, format_day
from foidesk.core.deadlines.periods import PeriodUnit
from foidesk.core.deadlines.planning import (
    PlanContext,
    Planned,
    explain,
    named_date,
    response_anchor,
)
from foidesk.core.deadlines.regime import ClarificationEffect, FeeEffect, Rule
from foidesk.core.deadlines.regions import region_label
from foidesk.core.deadlines.wording import calendar as where
from foidesk.core.deadlines.wording import response as say
from foidesk.core.deadlines.wording import units
from foidesk.core.deadlines.wording.holidays import day_name
from foidesk.core.i18n import _

ONE_DAY = timedelta(days=1)


def response(ctx: PlanContext) -> Planned:
    """The statutory response date, from receipt or the last clarification, pauses left out.

    An extension notice sent in time is the answer the law asks for by this
    date (FOIA s.17(2), EIR reg 7(3)), so it meets the deadline; the new date
    is a separate `extended_response` deadline.
    """
    t, regime = ctx.timeline, ctx.regime
    rule = regime.response_rule(ctx.school)
    start, start_label, anchor, moved = response_start(ctx)
    counted = ctx.count(rule, start, paused=True)
    ctx.response_due = counted.due
    met_on = t.response
    if t.extension is not None and (met_on is None or t.extension.on < met_on):
        met_on = t.extension.on  # an extension notice is the in-time answer the law asks for
    notes = (*moved, *_response_notes(ctx, counted.due))
    explanation = explain(rule, counted, start, start_label, anchor, notes)
    unit = rule.period.unit
    return ctx.plan(
        DeadlineKind.RESPONSE, counted.due, explanation, unit, met_on, ctx.clock_running
    )


def response_start(ctx: PlanContext) -> tuple[date, str, str, tuple[str, ...]]:
    """Day 0 of the response period, its label and anchor, and a note if receipt moved.

    Where the law counts a request arriving on a non-working day as received
    on the next working day (BGB §130 for the German laws), day 0 moves there.
    """
    t, regime = ctx.timeline, ctx.regime
    label, anchor = response_anchor(t)
    source = regime.receipt_source
    if source is None or ctx.cal.is_working_day(t.start):
        return t.start, label, anchor, ()
    received = ctx.cal.roll_forward(t.start)
    note = _(say.RECEIPT_MOVED).format(
        arrived=format_day(t.start),
        reason=day_name(ctx.cal.non_working_reason(t.start) or ""),
        received=format_day(received),
        source=_(source),
    )
    if t.restarted_by is None:
        label = _(say.COUNTED_AS_RECEIVED)
    return received, label, anchor, (note,)


def _response_notes(ctx: PlanContext, due: date) -> tuple[str, ...]:
    t, regime = ctx.timeline, ctx.regime
    notes: list[str] = []
    if ctx.school:
        notes.append(_(regime.school_note or say.SCHOOL_CHANGES_NOTHING))
    source = _cited(regime.clarification_source)
    if t.restarted_by == "clarification":
        notes.append(_(say.FRESH_PERIOD).format(cited=source))
    if t.restarted_by == "fee":
        notes.append(_(say.FRESH_PERIOD_FEE).format(cited=_cited(regime.fee_source)))
    if t.response is None and t.clarification_asked is not None:
        notes.append(_clarification_note(ctx, t.clarification_asked, due))
    notes.extend(
        _(say.CLARIFICATION_IGNORED).format(asked=format_day(asked), cited=source)
        for asked in t.ignored_clarifications
    )
    notes.extend(_fee_notes(ctx, due))
    if t.extension is not None:
        notes.append(_extension_note(ctx, t.extension))
    region = region_note(ctx)
    if region is not None:
        notes.append(region)
    notes.extend(_(note) for note in regime.notes)
    return tuple(notes)


def _cited(source: str | None) -> str:
    return _(say.CITED).format(source=source) if source else ""


def _clarification_note(ctx: PlanContext, asked: date, due: date) -> str:
    regime = ctx.regime
    cited = _cited(regime.clarification_source)
    if regime.clarification.effect is ClarificationEffect.PAUSE:
        left = _left(ctx, asked, due)
        return _(say.CLOCK_STOPPED_PAUSE).format(asked=format_day(asked), cited=cited, left=left)
    period = regime.response_rule(ctx.school).period.describe()
    return _(say.CLOCK_STOPPED_RESTART).format(asked=format_day(asked), cited=cited, period=period)


def _fee_notes(ctx: PlanContext, due: date) -> list[str]:
    t, fees = ctx.timeline, ctx.regime.fees
    if not t.fees or t.response is not None:
        return []
    notice = t.fees[-1].start
    if fees.effect is FeeEffect.NONE:
        why = _(fees.why)
        if fees.source:
            why = _(say.FEE_WHY_WITH_SOURCE).format(why=why.rstrip("."), source=fees.source)
        return [_(say.FEE_DOES_NOT_PAUSE).format(notice=format_day(notice), why=why)]
    if t.open_fee is None:
        return []
    cited = _cited(fees.source)
    if fees.effect is FeeEffect.RESTART:
        return [_(say.FEE_UNPAID_RESTART).format(notice=format_day(notice), cited=cited)]
    left = _left(ctx, notice, due)
    return [_(say.FEE_UNPAID_PAUSE).format(notice=format_day(notice), cited=cited, left=left)]


def _left(ctx: PlanContext, stopped: date, due: date) -> str:
    """What of the period remains after the clock stopped on `stopped` (that day included)."""
    unit = ctx.response_unit
    left = max(days_apart(ctx.cal, unit, stopped - ONE_DAY, due), 0) if stopped <= due else 0
    if unit is PeriodUnit.WORKING_DAYS:
        return units.working_days(left)
    return units.days(left)


def _extension_note(ctx: PlanContext, extension: ClockEvent) -> str:
    note = _(say.EXTENDED).format(on=format_day(extension.on))
    if extension.until is None and ctx.regime.extension_rule(ctx.school) is None:
        law = _(ctx.regime.extension_note or say.NO_FIXED_EXTENSION)
        note += f" {law}"
    return note


def region_note(ctx: PlanContext) -> str | None:
    """Which place's holidays were counted, and why, where the region matters or was given."""
    rule, choice = ctx.regime.region, ctx.region
    if not choice.fitting and choice.region is not None:
        return _(where.REGION_ELSEWHERE).format(region=choice.region, country=rule.country)
    if not rule.choosable:
        if choice.region is None:
            return None
        return _(where.REGION_NOT_USED).format(region=region_label(choice.region), why=_(rule.why))
    if choice.given and choice.used is not None:
        return _(where.REGION_USED).format(region=region_label(choice.used))
    if choice.used is not None:
        return _(where.REGION_DEFAULT).format(region=region_label(choice.used), why=_(rule.why))
    return _(where.REGION_NATIONAL).format(why=_(rule.why))


def extended_response(ctx: PlanContext) -> Planned | None:
    """The date after an extension, if the authority named one or the law fixes one."""
    extension = ctx.timeline.extension
    if extension is None:
        return None
    found = _extended_due(ctx, extension)
    if found is None:
        return None  # a 'reasonable period' without a date: the response note says so
    due, explanation = found
    ctx.response_due = max(due, ctx.response_due or due)
    return ctx.plan(
        DeadlineKind.EXTENDED_RESPONSE,
        due,
        explanation,
        ctx.response_unit,
        ctx.timeline.response,
        ctx.clock_running,
    )


def _extended_due(ctx: PlanContext, extension: ClockEvent) -> tuple[date, Explanation] | None:
    """The date the authority named, else the regime's fixed extension, else nothing."""
    rule = ctx.regime.extension_rule(ctx.school)
    if extension.until is not None:
        source = rule.source if rule is not None else _(say.EXTENSION_NOTICE_SOURCE)
        explanation = named_date(
            _(say.NAMED_IN_EXTENSION),
            source,
            extension.on,
            _(say.EXTENSION_NOTIFIED),
            extension.until,
        )
        return extension.until, explanation
    if rule is None:
        return None
    return fixed_extension(ctx, rule, extension.on)


def fixed_extension(
    ctx: PlanContext, rule: Rule, notified: date | None
) -> tuple[date, Explanation]:
    """The law's own extended date: from the notice (NY FOIL) or from the period's start."""
    if ctx.regime.extension_from_notice and notified is not None:
        counted = ctx.count(rule, notified)
        label, anchor = _(say.EXTENSION_NOTIFIED), say.the_extension_notice()
        return counted.due, explain(rule, counted, notified, label, anchor, ())
    start, label, anchor, _moved = response_start(ctx)
    counted = ctx.count(rule, start, paused=True)
    return counted.due, explain(rule, counted, start, label, anchor, ())


def promised(ctx: PlanContext) -> Planned | None:
    """The authority's own promise, shown beside the statutory date, never instead of it."""
    promise = ctx.timeline.promise
    if promise is None or promise.until is None:
        return None
    explanation = named_date(
        _(say.PROMISED_DATE), _(say.PROMISE_SOURCE), promise.on, _(say.PROMISE_MADE), promise.until
    )
    return ctx.plan(
        DeadlineKind.PROMISED,
        promise.until,
        explanation,
        ctx.response_unit,
        ctx.timeline.promise_kept,
    )


def long_overdue(ctx: PlanContext) -> Planned | None:
    """The public platforms' 'long overdue' mark; it only matters until a response comes."""
    t = ctx.timeline
    rule = ctx.regime.long_overdue_rule(ctx.school)
    if rule is None or t.response is not None:
        return None
    start, start_label, anchor, _moved = response_start(ctx)
    counted = ctx.count(rule, start, paused=True)
    explanation = explain(rule, counted, start, start_label, anchor, ())
    unit = rule.period.unit
    return ctx.plan(
        DeadlineKind.LONG_OVERDUE, counted.due, explanation, unit, None, ctx.clock_running
    )


def fee_payment(ctx: PlanContext) -> Planned | None:
    """The requester's time to pay a fee (FOIA s.9(2)), after which no answer is owed."""
    rule = ctx.regime.fee_payment
    fees = ctx.timeline.fees
    if rule is None or not fees:
        return None
    fee = fees[-1]
    counted = ctx.count(rule, fee.start)
    notes = (_(say.FEE_NOT_PAID_IN_TIME),)
    explanation = explain(
        rule, counted, fee.start, _(say.FEES_NOTICE), say.the_fees_notice(), notes
    )
    unit = rule.period.unit
    return ctx.plan(DeadlineKind.FEE_PAYMENT, counted.due, explanation, unit, fee.end)
