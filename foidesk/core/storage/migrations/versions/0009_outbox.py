"""outbox

One table for letters sent from foidesk: ``outbox_letter`` holds each letter's whole
email (``raw``) from before the first attempt to send it, its state (queued, sending,
accepted, sent, failed, or waiting for the user's word after a draft or a copy), the
server's reason for a failure, and the thread message it became.

Salvage recognises the revision by its ``outbox_letter`` table.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("route", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("to_addr", sa.String(length=320), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("uncertain", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("sent_copy", sa.Text(), nullable=False),
        sa.Column("thread_message_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["mail_account.id"],
            name=op.f("fk_outbox_letter_account_id_mail_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["request.id"],
            name=op.f("fk_outbox_letter_request_id_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_message_id"],
            ["message.id"],
            name=op.f("fk_outbox_letter_thread_message_id_message"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_letter")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbox_letter_message_id")),
    )
    with op.batch_alter_table("outbox_letter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_letter_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_letter_request_id"))
    op.drop_table("outbox_letter")
