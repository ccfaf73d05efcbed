"""Deadlines after the final response: asking for a review, the review, the complaint."""

from __future__ import annotations

from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.explanation import format_day
from foidesk.core.deadlines.planning import PlanContext, Planned, explain, named_date


def review_request_window(ctx: PlanContext) -> Planned | None:
    """The requester's last day to ask for an internal review of the final response."""
    t, rule = ctx.timeline, ctx.regime.review_request
    start = t.last_response
    if rule is None or start is None:
        return None
    asked = t.review_requested
    met_on = asked if asked is not None and asked >= start else None
    counted = ctx.count(rule, start)
    explanation = explain(rule, counted, start, "Final response", "the final response", ())
    kind, unit = DeadlineKind.REVIEW_REQUEST_WINDOW, rule.period.unit
    return ctx.plan(kind, counted.due, explanation, unit, met_on)


def internal_review(ctx: PlanContext) -> Planned | None:
    """The authority's review decision, moved by an extension given during the review."""
    t, regime = ctx.timeline, ctx.regime
    start, rule = t.review_requested, regime.review
    if start is None or rule is None:
        return None
    extension = t.review_extension
    notes: tuple[str, ...] = ()
    if extension is not None:
        notes = (f"The authority extended the review on {format_day(extension.on)}.",)
        if extension.until is not None:
            explanation = named_date(
                "the date the authority named when it extended the review",
                (regime.review_extension or rule).source,
                extension.on,
                "Extension notified",
                extension.until,
            )
            kind, unit = DeadlineKind.INTERNAL_REVIEW, rule.period.unit
            return ctx.plan(kind, extension.until, explanation, unit, t.review_response)
        rule = regime.review_extension or rule
    counted = ctx.count(rule, start)
    explanation = explain(rule, counted, start, "Review requested", "the review request", notes)
    kind, unit = DeadlineKind.INTERNAL_REVIEW, rule.period.unit
    return ctx.plan(kind, counted.due, explanation, unit, t.review_response)


def complaint_window(ctx: PlanContext) -> Planned | None:
    """The requester's last day to go to the regulator, counted from the authority's last word.

    Where the law wants a review first (FOISA s.47(1)) it opens only with the
    review outcome; a pending review holds it back, since it restarts after.
    """
    t, regime = ctx.timeline, ctx.regime
    rule = regime.complaint
    if rule is None or t.review_pending:
        return None
    if t.review_response is not None:
        start, label, anchor = t.review_response, "Review outcome", "the review outcome"
    elif t.last_response is not None and not regime.complaint_needs_review:
        start, label, anchor = t.last_response, "Final response", "the final response"
    else:
        return None
    complained = t.complaint
    met_on = complained if complained is not None and complained >= start else None
    counted = ctx.count(rule, start)
    explanation = explain(rule, counted, start, label, anchor, ())
    kind, unit = DeadlineKind.COMPLAINT_WINDOW, rule.period.unit
    return ctx.plan(kind, counted.due, explanation, unit, met_on)
