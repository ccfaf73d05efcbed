"""Names of the days an explanation skips, in the reader's language.

The holiday tables hold the `holidays` package's English names (and "Saturday",
"Sunday"), which the counting compares; they are translated only where they are
shown. A day with two holidays carries both names, joined by "; ".
"""

from foidesk.core.i18n import N_, _

NAMES = (
    N_("Saturday"),
    N_("Sunday"),
    N_("New Year's Day"),
    N_("Epiphany"),
    N_("Women's Day"),
    N_("Good Friday"),
    N_("Easter Sunday"),
    N_("Easter Monday"),
    N_("Labor Day"),
    N_("Ascension Day"),
    N_("Pentecost"),
    N_("Pentecost Monday"),
    N_("Corpus Christi"),
    N_("Augsburg Peace Festival"),
    N_("Assumption Day"),
    N_("World Children's Day"),
    N_("German Unity Day"),
    N_("Reformation Day"),
    N_("All Saints' Day"),
    N_("Repentance and Prayer Day"),
    N_("Christmas Day"),
    N_("Second Day of Christmas"),
)


def day_name(name: str) -> str:
    """A skipped day's name as the reader's language has it (as stored when it has none)."""
    return "; ".join(_(part) for part in name.split("; "))
