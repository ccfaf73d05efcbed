"""A request's next steps and its letters: what the law allows now, and the letter for it.

Both read the request as ``request show`` does — its deadlines from the same clocks, on
the desk's today — so a step's date is the date of the deadline it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.accounts.tables import MailAccount
from foidesk.core.deadlines import Deadline, request_deadlines
from foidesk.core.deadlines import request_clocks as clocks
from foidesk.core.letters import catalogue
from foidesk.core.letters.eml import write_draft
from foidesk.core.letters.filling import fill
from foidesk.core.letters.kinds import LetterKind
from foidesk.core.letters.letter import Letter, LetterFacts
from foidesk.core.next_steps import NextStep, needs_action, next_steps
from foidesk.core.operations.base import live_request
from foidesk.core.operations.upkeep import UpkeepOperations
from foidesk.core.storage.tables import Message, Request, Setting
from foidesk.core.vocabulary import REGIME_IDS, Direction, MessageKind


class LetterOperations(UpkeepOperations):  # its settings keep the user's templates
    def next_steps(self, request_id: int) -> tuple[NextStep, ...]:
        """The moves open to the requester now, the most pressing first."""
        with self.db.reading() as session:
            row = live_request(session, request_id)
            regime, status = row.regime, row.status
            deadlines = self._deadlines_of(session, request_id)
        return next_steps(regime, status, deadlines)

    def needing_action(self, request_ids: Sequence[int]) -> set[int]:
        """Those of ``request_ids`` with a next step due: the *Needs action* filter's rule,
        the same the window's Next steps panel applies to one request."""
        with self.db.reading() as session:
            return needing_action(session, request_ids, self.today())

    def letter(self, request_id: int, kind: str) -> Letter:
        """The letter of ``kind`` for a request, from the user's template or ours."""
        chosen = catalogue.parse_kind(kind)
        facts = self.letter_facts(request_id)
        template, custom = catalogue.template_for(self, facts.regime, chosen)
        return fill(template, chosen, facts, custom=custom)

    def write_letter_draft(
        self, request_id: int, kind: str, path: Path, *, replace: bool = False
    ) -> Path:
        """The letter as an ``.eml`` draft (``X-Unsent: 1``), written atomically."""
        return write_draft(self.letter(request_id, kind), path, replace=replace)

    def letter_template(self, regime: str, kind: str) -> tuple[str, bool]:
        """The template in use for a law and kind, and whether it is the user's own."""
        return catalogue.template_for(self, regime, catalogue.parse_kind(kind))

    def save_letter_template(self, regime: str, kind: str, text: str) -> None:
        catalogue.save_template(self, regime, catalogue.parse_kind(kind), text)

    def reset_letter_template(self, regime: str, kind: str) -> None:
        catalogue.reset_template(self, regime, catalogue.parse_kind(kind))

    def request_letter_templates(self) -> dict[str, str]:
        """The request letter's template for every law, the user's where they have one
        (for *New request*, which fills it before the request exists)."""
        with self.db.reading() as session:
            rows = session.execute(
                select(Setting.key, Setting.value).where(
                    Setting.key.like(f"{catalogue.SETTING_PREFIX}%.{LetterKind.REQUEST}")
                )
            )
            mine: dict[str, str] = {}
            for key, value in rows:
                mine[key] = value
        return {
            regime: mine.get(catalogue.key(regime, LetterKind.REQUEST))
            or catalogue.ours(regime, LetterKind.REQUEST)
            for regime in REGIME_IDS
        }

    def letter_facts(self, request_id: int) -> LetterFacts:
        with self.db.reading() as session:
            row = live_request(session, request_id)
            deadlines = self._deadlines_of(session, request_id)
            accounts = session.scalars(select(MailAccount)).all()
            sent = session.scalars(
                select(Message.message_id).where(
                    Message.request_id == request_id,
                    Message.deleted_at.is_(None),
                    Message.direction == Direction.OUTGOING.value,
                    Message.kind == MessageKind.REQUEST.value,
                    Message.message_id.is_not(None),
                )
            ).first()
            account = accounts[0] if len(accounts) == 1 else None
            return LetterFacts(
                regime=row.regime,
                status=row.status,
                title=row.title,
                authority=row.authority.name,
                authority_email=row.authority.email,
                reference=row.reference,
                sent_on=row.sent_on,
                received_on=row.received_on,
                body=row.body,
                deadlines=deadlines,
                today=self.today(),
                from_name=account.display_name if account else "",
                from_addr=account.email if account else None,
                request_message_id=sent,
            )

    def _deadlines_of(self, session: Session, request_id: int) -> tuple[Deadline, ...]:
        found = clocks.request_clocks(session, [request_id])
        return request_deadlines(found[0].clock, self.today()) if found else ()


def needing_action(session: Session, request_ids: Sequence[int], today: date) -> set[int]:
    """Those of ``request_ids`` with a next step due on ``today`` (drafts included: they
    have no clock yet, and their step is to be sent)."""
    ids = sorted(set(request_ids))
    if not ids:
        return set()
    rows = session.execute(
        select(Request.id, Request.regime, Request.status).where(Request.id.in_(ids))
    ).all()
    judged = {
        c.request_id: request_deadlines(c.clock, today) for c in clocks.request_clocks(session, ids)
    }
    return {
        rid for rid, regime, status in rows if needs_action(regime, status, judged.get(rid, ()))
    }
