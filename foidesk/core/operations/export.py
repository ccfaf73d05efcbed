"""Exports: a request's evidence bundle, and the whole archive as open data. Both only
read the profile; what they write is the user's file, outside it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from foidesk.core.operations.base import DeskBase
from foidesk.core.progress import OnDatabase, Progress, directly

if TYPE_CHECKING:
    from foidesk.core.export.bundle import BundleReport
    from foidesk.core.export.plan import BundlePlan
    from foidesk.core.export.redaction import Redaction
    from foidesk.core.export.tables import TableFormat, TablesReport


class ExportOperations(DeskBase):
    def export_bundle(
        self,
        request_id: int,
        out: Path,
        *,
        redaction: Redaction | None = None,
        overwrite: bool = False,
        progress: Progress | None = None,
        on_database: OnDatabase = directly,
    ) -> BundleReport:
        """Write the request's evidence bundle to ``out`` (a ZIP, atomically). The
        database is read once, through ``on_database`` (the window's database thread);
        the files are then streamed from the store wherever this runs."""
        from foidesk.core.export.bundle import write_bundle  # fpdf loads only to export

        plan: BundlePlan = on_database(lambda: self.bundle_plan(request_id))
        return write_bundle(
            plan, self.store, out, redaction=redaction, overwrite=overwrite, progress=progress
        )

    def bundle_plan(self, request_id: int) -> BundlePlan:
        """What the bundle of a request shows, read in one go (``export/plan.py``)."""
        from foidesk.core.export.plan import read_plan

        with self.db.reading() as session:
            return read_plan(session, request_id, self.today(), datetime.now(UTC))

    def export_tables(
        self,
        folder: Path,
        fmt: TableFormat,
        *,
        overwrite: bool = False,
        progress: Progress | None = None,
    ) -> TablesReport:
        """Write requests, messages, deadlines and status history into ``folder``."""
        from foidesk.core.export.tables import write_tables

        with self.db.reading() as session:
            return write_tables(
                session, folder, fmt, self.today(), overwrite=overwrite, progress=progress
            )
