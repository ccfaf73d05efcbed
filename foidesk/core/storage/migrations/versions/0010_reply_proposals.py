"""reply proposals

One table, ``reply_proposal``: for each authority's reply, the kind and status
foidesk proposes (``core/replies``) with the evidence (JSON), and, once the user
has decided, what they chose and what it replaced (the message's kind, the
request's status and the status change, the clock event recorded), so that the
decision can be undone.
One row per message (unique), removed with its message.

Salvage recognises the revision by its ``reply_proposal`` table.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reply_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("chosen_kind", sa.String(length=40), nullable=True),
        sa.Column("chosen_status", sa.String(length=40), nullable=True),
        sa.Column("previous_kind", sa.String(length=40), nullable=True),
        sa.Column("previous_status", sa.String(length=40), nullable=True),
        sa.Column("status_change_id", sa.Integer(), nullable=True),
        sa.Column("clock_event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_reply_proposal_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["status_change_id"],
            ["status_change.id"],
            name=op.f("fk_reply_proposal_status_change_id_status_change"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["clock_event_id"],
            ["clock_event.id"],
            name=op.f("fk_reply_proposal_clock_event_id_clock_event"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_proposal")),
        sa.UniqueConstraint("message_id", name=op.f("uq_reply_proposal_message_id")),
    )


def downgrade() -> None:
    op.drop_table("reply_proposal")
