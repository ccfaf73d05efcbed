"""What the requester can do next, by when, and on what legal basis.

Pure functions over a request's law, status and judged deadlines (``rules.py``); the
regulators' facts in one table (``regulators.py``); the one rule for "needs action"
(``urgency.py``) that the window's panel and the list's filter share.
"""

from foidesk.core.next_steps.model import NextStep, Regulator, StepKind
from foidesk.core.next_steps.regulators import REGULATORS
from foidesk.core.next_steps.rules import needs_action, next_steps
from foidesk.core.next_steps.urgency import HORIZON_DAYS, HORIZON_WORKING_DAYS

__all__ = [
    "HORIZON_DAYS",
    "HORIZON_WORKING_DAYS",
    "REGULATORS",
    "NextStep",
    "Regulator",
    "StepKind",
    "needs_action",
    "next_steps",
]
