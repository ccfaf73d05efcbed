"""How far text recognition has got: pages recognised, waiting and failed, and why
scans may stay unread (no Tesseract, a language's data missing).

Pages are counted per distinct scan (a file attached twice is one scan), and only for
scans some attachment still holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from foidesk.core.search.ocr_languages import OcrLanguages, profile_languages
from foidesk.core.search.ocr_pending import WAITING, is_scan
from foidesk.core.search.service import DeskLike
from foidesk.core.search.tables import OcrPage
from foidesk.core.storage.tables import Attachment


@dataclass(frozen=True)
class OcrStatus:
    """Pages by state (``ok`` recognised, ``waiting``, ``failed``, ``timeout``), scans
    whose pages are not counted yet, and the languages recognition would use."""

    pages: dict[str, int]
    uncounted_scans: int
    languages: OcrLanguages

    @property
    def recognised(self) -> int:
        return self.pages.get("ok", 0)

    @property
    def waiting(self) -> int:
        return self.pages.get(WAITING, 0)

    @property
    def failed(self) -> int:
        return self.pages.get("failed", 0) + self.pages.get("timeout", 0)


def ocr_status(desk: DeskLike) -> OcrStatus:
    with desk.db.reading() as session:
        held = select(Attachment.sha256).distinct().scalar_subquery()
        pages = dict(
            session.execute(
                select(OcrPage.state, func.count())
                .where(OcrPage.sha256.in_(held))
                .group_by(OcrPage.state)
            ).all()
        )
        counted = select(OcrPage.sha256).distinct().scalar_subquery()
        uncounted = session.scalar(
            select(func.count(func.distinct(Attachment.sha256))).where(
                is_scan(), Attachment.sha256.not_in(counted)
            )
        )
    return OcrStatus(
        {str(k): int(v) for k, v in pages.items()}, int(uncounted or 0), profile_languages(desk)
    )
