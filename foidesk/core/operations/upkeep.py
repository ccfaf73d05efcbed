"""The profile's own upkeep: its settings, and checking and repairing it (``health.py``)."""

from __future__ import annotations

from foidesk.core import health
from foidesk.core.changes import Changes
from foidesk.core.operations.base import DeskBase
from foidesk.core.records import CheckReport, RepairPlan
from foidesk.core.storage.tables import Setting


class UpkeepOperations(DeskBase):
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.db.reading() as session:
            row = session.get(Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a profile setting (``None`` removes it)."""
        with self.writing(Changes(settings=frozenset({key}))) as unit:
            row = unit.session.get(Setting, key)
            if value is None:
                if row is not None:
                    unit.session.delete(row)
            elif row is None:
                unit.session.add(Setting(key=key, value=value))
            else:
                row.value = value

    def check_pages(self) -> list[str]:
        """SQLite's page check, unless this session already knows the file sound; the
        problems found (empty when sound). Found damage keeps every write out. It may
        run on any thread (``Database.check_once``): on a large archive whose last
        session crashed it reads the whole file, which must not hold up other reads."""
        return self.db.check_once()

    def check(self) -> CheckReport:
        """Database integrity, the search index, a re-hash of every stored file, and the
        leftovers of killed writers; writes nothing (``health.py``)."""
        return health.check(self)

    def plan_repair(self, report: CheckReport) -> RepairPlan:
        """What ``repair`` would remove after ``report``; refused on an untrusted database."""
        return health.plan_repair(self, report)

    def repair(self, plan: RepairPlan) -> RepairPlan:
        """Remove unused stored files and leftovers that ``plan`` lists; what was removed."""
        return health.repair(self, plan)
