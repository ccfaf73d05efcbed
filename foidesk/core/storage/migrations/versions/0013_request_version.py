"""a request's version and who changed it

Members of a team share one database, so two of them may edit one request at once.
``request.version`` counts every write to the request's row (SQLAlchemy's
``version_id_col``: each UPDATE names the version it read and bumps it), so a write
made on what a member saw before someone else's change is refused instead of
silently replacing it. ``request.changed_by`` names the member who wrote last (the
refusal says who), and ``status_change.changed_by`` who made each status change (the
history says who). Rows from before this revision have version 1 and no member.

Revision ID: 0013
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN in place on both engines: a batch copy of ``request`` would drop the
    # search index's triggers on it under SQLite.
    op.add_column("request", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("request", sa.Column("changed_by", sa.String(200), nullable=True))
    op.add_column("status_change", sa.Column("changed_by", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("status_change") as batch:
        batch.drop_column("changed_by")
    with op.batch_alter_table("request") as batch:
        batch.drop_column("changed_by")
        batch.drop_column("version")
