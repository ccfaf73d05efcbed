"""The lines of an explanation's text (`Explanation.text`)."""

from foidesk.core.i18n import N_

RULE_WITH_SOURCE = N_("{rule} ({source}).")
RULE = N_("{rule}.")
START = N_("{label} {day}.")
START_WITH_DAY_ONE = N_("{label} {day}; day 1 = {day_one}.")
SKIPPED = N_("Skipped: {days}.")
SKIPPED_DAY = N_("{day} {name}")
DUE = N_("Due {day}.")
PAUSED_OPEN = N_("Paused from {start}, not yet ended: {reason}; {counted} not counted so far.")
PAUSED = N_("Paused {start} to {end}: {reason}; {counted} not counted.")
# Translators: joins the last two items of a list ("A, B and C").
AND = N_(" and ")
LIST_SEPARATOR = N_(", ")
