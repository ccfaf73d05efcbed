"""full-text search

``attachment_text`` holds the words read from each attachment (on every
dialect). On SQLite, the FTS5 indexes, their view and the triggers that keep
them current are created and filled from the existing rows; see
``foidesk.core.search.fts5_schema`` for why they are built as they are.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from foidesk.core.search.fts5_schema import CREATE_V1, DROP_V1, REBUILD

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_text",
        sa.Column("attachment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("extracted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_attachment_text_attachment_id_attachment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachment_text")),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in (*CREATE_V1, *REBUILD):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in DROP_V1:
            op.execute(statement)
    op.drop_table("attachment_text")
