"""The bodies a user writes to: add, list, edit, and remove one no request uses."""

from __future__ import annotations

import difflib

from sqlalchemy import func, select

from foidesk.core.changes import Changes
from foidesk.core.deadlines import RegionError, normalize_region
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _, ngettext
from foidesk.core.operations.base import DeskBase, authority_named, get_row, required
from foidesk.core.records import AuthorityRecord
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.tables import Authority, Request
from foidesk.core.vocabulary import DEFAULT_REGIME, REGIME_IDS

AUTHORITIES = Changes(authorities=True)
EDITABLE = frozenset(
    {
        "name",
        "short_name",
        "email",
        "jurisdiction",
        "default_regime",
        "is_school",
        "notes",
        "region",
    }
)


class AuthorityOperations(DeskBase):
    def add_authority(
        self,
        name: str,
        *,
        email: str | None = None,
        regime: str | None = None,
        short_name: str | None = None,
        jurisdiction: str | None = None,
        is_school: bool = False,
        notes: str = "",
        region: str | None = None,
    ) -> AuthorityRecord:
        name = required(name, "authority name")
        with self.writing(AUTHORITIES) as unit:
            if authority_named(unit.session, name) is not None:
                raise InvalidInputError(
                    _("an authority named {name!r} already exists").format(name=name)
                )
            row = Authority(
                name=name,
                email=clean_email(email),
                short_name=short_name,
                jurisdiction=jurisdiction,
                region=check_region(region),
                default_regime=check_regime(regime),
                is_school=is_school,
                notes=notes,
            )
            unit.session.add(row)
            unit.session.flush()
            return convert.authority_record(row)

    def list_authorities(self) -> list[AuthorityRecord]:
        with self.db.reading() as session:
            rows = session.scalars(select(Authority).order_by(func.lower(Authority.name)))
            return [convert.authority_record(r) for r in rows]

    def similar_authorities(self, name: str, limit: int = 3) -> list[str]:
        """Names of existing authorities close to ``name`` when none is called it (by
        name or short name, ignoring case): a typo would otherwise add a near-duplicate
        authority, and its requests would be split from the real one's."""
        with self.db.reading() as session:
            if authority_named(session, name) is not None:
                return []
            names = list(session.scalars(select(Authority.name)))
        by_lower = {n.lower(): n for n in names}
        close = difflib.get_close_matches(name.strip().lower(), list(by_lower), limit, 0.8)
        return [by_lower[n] for n in close]

    def update_authority(self, authority_id: int, **changes: object) -> AuthorityRecord:
        """Its requests' rows show its name, and a school's clock runs differently: they
        are changed too."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InvalidInputError(
                _("cannot change {fields} of an authority").format(
                    fields=", ".join(sorted(unknown))
                )
            )
        with self.writing(AUTHORITIES) as unit:
            row = get_row(unit.session, Authority, authority_id, "authority")
            if "default_regime" in changes:
                changes["default_regime"] = check_regime(str(changes["default_regime"]))
            if "email" in changes:
                changes["email"] = clean_email(changes["email"])  # type: ignore[arg-type]
            if "region" in changes:
                changes["region"] = check_region(changes["region"])  # type: ignore[arg-type]
            requests = frozenset(
                unit.session.scalars(select(Request.id).where(Request.authority_id == row.id))
            )
            unit.touch(*requests)
            unit.changed(Changes(requests=requests, threads=requests, listing=True))
            for key, value in changes.items():
                setattr(row, key, value)
            unit.session.flush()
            return convert.authority_record(row)

    def delete_authority(self, authority_id: int) -> None:
        """Remove an authority no request refers to (e.g. to undo adding it)."""
        with self.writing(AUTHORITIES) as unit:
            row = get_row(unit.session, Authority, authority_id, "authority")
            used = unit.session.scalar(select(func.count()).where(Request.authority_id == row.id))
            if used:
                still = ngettext(
                    "{name} still has {count} request", "{name} still has {count} requests", used
                )
                raise InvalidInputError(still.format(name=row.name, count=used))
            unit.session.delete(row)


def check_regime(regime: str | None) -> str:
    chosen = (regime or DEFAULT_REGIME).strip().lower()
    if chosen not in REGIME_IDS:
        raise InvalidInputError(
            f"unknown regime {regime!r}; choose one of: " + ", ".join(REGIME_IDS)
        )
    return chosen


def check_region(region: str | None) -> str | None:
    """An ISO 3166-2 region the holiday calendars know, or None for the law's default."""
    if region is None or not region.strip():
        return None
    try:
        return normalize_region(region)
    except RegionError as exc:
        raise InvalidInputError(str(exc)) from None


def clean_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    cleaned = email.strip().lower()
    if "@" not in cleaned or any(c.isspace() for c in cleaned):
        raise InvalidInputError(_("{email!r} is not an email address").format(email=email))
    return cleaned
