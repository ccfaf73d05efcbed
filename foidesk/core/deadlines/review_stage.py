"""The authority's internal review: its deadline, moved by an extension given during it."""

from __future__ import annotations

from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.explanation import format_day
from foidesk.core.deadlines.planning import PlanContext, Planned, explain, named_date
from foidesk.core.deadlines.wording import review as say
from foidesk.core.i18n import _


def internal_review(ctx: PlanContext) -> Planned | None:
    """The authority's review decision, moved by an extension given during the review."""
    t, regime = ctx.timeline, ctx.regime
    start, rule = t.review_requested, regime.review
    if start is None or rule is None:
        return None
    extension = t.review_extension
    notes: tuple[str, ...] = ()
    kind, unit = DeadlineKind.INTERNAL_REVIEW, rule.period.unit
    if extension is not None:
        notes = (_(say.REVIEW_EXTENDED).format(on=format_day(extension.on)),)
        if extension.until is not None:
            explanation = named_date(
                _(say.NAMED_IN_REVIEW_EXTENSION),
                (regime.review_extension or rule).source,
                extension.on,
                _(say.EXTENSION_NOTIFIED),
                extension.until,
            )
            ctx.remember_review_due(extension.until)
            return ctx.plan(kind, extension.until, explanation, unit, t.review_response)
        rule = regime.review_extension or rule
    counted = ctx.count(rule, start)
    ctx.remember_review_due(counted.due)
    explanation = explain(
        rule, counted, start, _(say.REVIEW_REQUESTED), say.the_review_request(), notes
    )
    return ctx.plan(kind, counted.due, explanation, unit, t.review_response)
