"""profile identity

One row naming the profile this database belongs to (a UUID, also written in the
marker file beside the database, ``marker.py``), so that a database swapped in from
another profile, or a new empty one where a full one was, is recognised and refused
rather than taken for the profile the folder's files belong to.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "profile_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_identity")),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(table, [{"id": 1, "profile_id": str(uuid.uuid4()), "created_at": now}])


def downgrade() -> None:
    op.drop_table("profile_identity")
