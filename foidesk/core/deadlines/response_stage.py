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

ONE_DAY = timedelta(days=1)


def response(ctx: PlanContext) -> Planned:
    """The statutory response date, from receipt or the last clarification, fees paused.

    An extension notice sent in time is the answer the law asks for by this
    date (FOIA s.17(2), EIR reg 7(3)), so it meets the deadline; the new date
    is a separate `extended_response` deadline.
    """
    t, regime = ctx.timeline, ctx.regime
    rule = regime.response_rule(ctx.school)
    start_label, anchor = response_anchor(t)
    counted = ctx.count(rule, t.start, paused=True)
    met_on = t.response
    if t.extension is not None and (met_on is None or t.extension.on < met_on):
        met_on = t.extension.on  # an extension notice is the in-time answer the law asks for
    notes = _response_notes(ctx, counted.due)
    explanation = explain(rule, counted, t.start, start_label, anchor, notes)
    unit = rule.period.unit
    return ctx.plan(
        DeadlineKind.RESPONSE, counted.due, explanation, unit, met_on, ctx.clock_running
    )


def _response_notes(ctx: PlanContext, due: date) -> tuple[str, ...]:
    t, regime = ctx.timeline, ctx.regime
    notes: list[str] = []
    if ctx.school:
        notes.append(regime.school_note or "The school setting changes nothing for this regime.")
    if t.restarted:
        source = f" ({regime.clarification_source})" if regime.clarification_source else ""
        notes.append(f"A fresh full period started when the clarification arrived{source}.")
    if t.response is None and t.clarification_asked is not None:
        notes.append(_clarification_note(ctx, t.clarification_asked))
    open_fee = t.open_fee
    if t.response is None and open_fee is not None:
        notes.append(_unpaid_fee_note(ctx, open_fee.notice, due))
    extension = t.extension
    if extension is not None:
        notes.append(_extension_note(ctx, extension))
    notes.extend(regime.notes)
    return tuple(notes)


def _clarification_note(ctx: PlanContext, asked: date) -> str:
    source = ctx.regime.clarification_source
    cited = f" ({source})" if source else ""
    period = ctx.regime.response_rule(ctx.school).period.describe()
    return (
        f"Clock stopped on {format_day(asked)}: the authority asked for clarification{cited}. "
        f"A fresh {period} start when it receives your reply."
    )


def _unpaid_fee_note(ctx: PlanContext, notice: date, due: date) -> str:
    unit = ctx.response_unit
    left = max(days_apart(ctx.cal, unit, notice - ONE_DAY, due), 0) if notice <= due else 0
    word = "working day" if unit is PeriodUnit.WORKING_DAYS else "day"
    source = f" ({ctx.regime.fee_source})" if ctx.regime.fee_source else ""
    return (
        f"Clock stopped on {format_day(notice)} by a fees notice{source}; the fee is unpaid. "
        f"{left} {word}{'' if left == 1 else 's'} will remain once it is paid."
    )


def _extension_note(ctx: PlanContext, extension: ClockEvent) -> str:
    note = f"The authority extended the deadline on {format_day(extension.on)}."
    if extension.until is None and ctx.regime.extension_rule(ctx.school) is None:
        law = ctx.regime.extension_note or "This regime sets no fixed extension."
        note += f" {law}"
    return note


def extended_response(ctx: PlanContext) -> Planned | None:
    """The date after an extension, if the authority named one or the law fixes one."""
    extension = ctx.timeline.extension
    if extension is None:
        return None
    found = _extended_due(ctx, extension)
    if found is None:
        return None  # a 'reasonable period' without a date: the response note says so
    due, explanation = found
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
        source = rule.source if rule is not None else "the authority's extension notice"
        explanation = named_date(
            "the date the authority named in its extension notice",
            source,
            extension.on,
            "Extension notified",
            extension.until,
        )
        return extension.until, explanation
    if rule is None:
        return None
    t = ctx.timeline
    start_label, anchor = response_anchor(t)
    counted = ctx.count(rule, t.start, paused=True)
    return counted.due, explain(rule, counted, t.start, start_label, anchor, ())


def promised(ctx: PlanContext) -> Planned | None:
    """The authority's own promise, shown beside the statutory date, never instead of it."""
    promise = ctx.timeline.promise
    if promise is None or promise.until is None:
        return None
    explanation = named_date(
        "the date the authority promised",
        "the authority's own promise, kept beside the statutory deadline",
        promise.on,
        "Promise made",
        promise.until,
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
    start_label, anchor = response_anchor(t)
    counted = ctx.count(rule, t.start, paused=True)
    explanation = explain(rule, counted, t.start, start_label, anchor, ())
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
    counted = ctx.count(rule, fee.notice)
    notes = ("If the fee is not paid by then, the authority need not answer.",)
    explanation = explain(rule, counted, fee.notice, "Fees notice", "the fees notice", notes)
    unit = rule.period.unit
    return ctx.plan(DeadlineKind.FEE_PAYMENT, counted.due, explanation, unit, fee.paid)
