"""The requester's later stages: which opening a request has reached, and the window it gives.

The law opens a stage with an answer (a final response, a review outcome) or
with silence (the authority's time ran out). `Stage.opens` lists what may
open each stage; this module finds the one that applies to a request's
history and counts the window from it. A stage opened by silence is planned
as soon as its opening day is known and only opens on that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.explanation import format_day
from foidesk.core.deadlines.planning import PlanContext, Planned, explain
from foidesk.core.deadlines.response_stage import response_start
from foidesk.core.deadlines.stages import REVIEW_OPENINGS, Opens, Stage
from foidesk.core.deadlines.wording import later as say
from foidesk.core.i18n import _

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Opening:
    """Where a stage's window is counted from, and what the requester did since.

    `since` is the event after which a requester's act meets the window;
    `opens_on` is set when the stage opens only after its start (silence).
    """

    start: date
    label: str
    anchor: str
    since: date
    opens_on: date | None = None
    notes: tuple[str, ...] = ()
    without_notice: bool = False


def later_stage(ctx: PlanContext, stage: Stage) -> Planned | None:
    """The window (or right) of one stage, if the request has reached what opens it."""
    opening = _opening(ctx, stage)
    if opening is None:
        return None
    rule, notes = stage.rule, list(opening.notes)
    if stage.without_notice is not None:
        if opening.without_notice:
            rule = stage.without_notice
            notes.append(_(say.NO_NOTICE).format(source=rule.source))
        else:
            hint = stage.without_notice
            notes.append(
                _(say.WITHOUT_NOTICE_HINT).format(
                    rule=hint.describe(opening.anchor), source=hint.source
                )
            )
    if stage.note:
        notes.append(_(stage.note))
    counted = ctx.count(rule, opening.start, cal=ctx.calendar(stage.calendar))
    explanation = explain(rule, counted, opening.start, opening.label, opening.anchor, tuple(notes))
    met_on = _acted(ctx, stage.kind, opening.since)
    opens_on = counted.due if stage.kind.is_opening else opening.opens_on
    return ctx.plan(stage.kind, counted.due, explanation, rule.period.unit, met_on, True, opens_on)


def _opening(ctx: PlanContext, stage: Stage) -> Opening | None:
    t, opens = ctx.timeline, stage.opens
    if t.review_requested is not None and REVIEW_OPENINGS.intersection(opens):
        return _review_opening(ctx, stage)
    if t.last_response is not None:
        return _answered(ctx, stage)
    if not ctx.clock_running or ctx.response_due is None:
        return None  # the clock stands still: the authority's time has not run out
    if Opens.UNANSWERED in opens or Opens.RESPONSE_PERIOD in opens:
        return _silence(ctx, stage, ctx.response_due)
    if Opens.APPLICATION in opens:
        received = response_start(ctx)[0]  # as the law counts receipt (BGB §130)
        return Opening(received, _(say.APPLICATION), say.the_request(), t.start)
    return None


def _review_opening(ctx: PlanContext, stage: Stage) -> Opening | None:
    t, opens = ctx.timeline, stage.opens
    requested = t.review_requested
    assert requested is not None
    if t.review_response is not None:
        if Opens.REVIEW_OUTCOME not in opens:
            return None
        outcome = t.review_response
        label, anchor = _(say.REVIEW_OUTCOME), say.the_review_outcome()
        return Opening(outcome, label, anchor, outcome, without_notice=t.review_without_notice)
    if Opens.OBJECTION in opens:
        return Opening(requested, _(say.OBJECTION), say.the_review_request(), requested)
    if Opens.REVIEW_UNANSWERED not in opens:
        return None
    due: date | None = ctx.review_due()
    source = stage.silence_source
    if stage.review_overdue is not None:
        due, source = ctx.count(stage.review_overdue, requested).due, stage.review_overdue.source
    if due is None:
        return None
    note = _(say.NO_REVIEW_ANSWER).format(
        due=format_day(due),
        cited=_(say.CITED).format(source=source) if source else "",
        opens=format_day(due + ONE_DAY),
        action=_(stage.action),
    )
    label, anchor = _(say.REVIEW_UNANSWERED), say.the_end_of_the_review_period()
    return Opening(due, label, anchor, requested, due + ONE_DAY, (note,))


def _answered(ctx: PlanContext, stage: Stage) -> Opening | None:
    t, opens = ctx.timeline, stage.opens
    answered = t.last_response
    assert answered is not None
    notice = t.response_without_notice
    if Opens.RESPONSE in opens:
        label, anchor = _(say.FINAL_RESPONSE), say.the_final_response()
        return Opening(answered, label, anchor, answered, without_notice=notice)
    if Opens.RESPONSE_PERIOD not in opens:
        return None
    period_end = ctx.response_due
    if period_end is not None and answered <= period_end:
        note = _(say.PERIOD_ENDED_IN_TIME).format(due=format_day(period_end))
        label, anchor = _(say.PERIOD_ENDED), say.the_end_of_the_period()
        return Opening(period_end, label, anchor, answered, notes=(note,), without_notice=notice)
    label, anchor = _(say.FINAL_RESPONSE), say.the_final_response()
    return Opening(answered, label, anchor, answered, without_notice=notice)


def _silence(ctx: PlanContext, stage: Stage, due: date) -> Opening:
    source = stage.silence_source
    note = _(say.NO_ANSWER).format(
        due=format_day(due),
        cited=_(say.CITED).format(source=source) if source else "",
        opens=format_day(due + ONE_DAY),
        action=_(stage.action),
    )
    label, anchor = _(say.UNANSWERED), say.the_end_of_the_period()
    return Opening(due, label, anchor, ctx.timeline.start, due + ONE_DAY, (note,))


def _acted(ctx: PlanContext, kind: DeadlineKind, since: date) -> date | None:
    """The day the requester used the stage, if they did after what opened it."""
    t = ctx.timeline
    if kind is DeadlineKind.REVIEW_REQUEST_WINDOW:
        acted = t.review_requested
    elif kind is DeadlineKind.COMPLAINT_WINDOW:
        acted = t.complaint
    else:
        acted = t.court_action
    return acted if acted is not None and acted >= since else None
