"""full-text search on PostgreSQL

On PostgreSQL, the text search configuration ``foidesk_search`` (``simple`` with
``unaccent``), one ``tsvector`` table per source (``request_search``,
``message_search``, ``attachment_search``) with its GIN index, and the triggers that
keep them current are created, and filled from the rows already there; see
``foidesk.core.search.pg_schema`` for why they are built as they are.

On SQLite this revision does nothing (FTS5 came with 0003), so salvage, which reads
SQLite files, cannot tell it from the revision before: a salvaged database is taken to
be at that one and upgraded again, which is harmless.

Revision ID: 0014
Revises: 0011
"""

from __future__ import annotations

from alembic import op

from foidesk.core.search.pg_schema import CREATE_V1, DROP_V1, REBUILD

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (*CREATE_V1, *REBUILD):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DROP_V1:
            op.execute(statement)
