"""message charset notes

Three columns on ``message``, all written by the importer:

- ``charset_notes``: which character sets were assumed where a message's own
  labels were missing or wrong, one sentence a line, shown in its details;
- ``content_sha256``: a digest of the parsed message (date, sender, subject,
  body text, attachments), so that a different email reusing another's
  Message-ID is told apart from the same email imported twice;
- ``message_id_reused``: set on a message imported although its Message-ID
  was already taken by a message with different content.

Added without batch mode (plain ALTER TABLE ADD COLUMN): the table and its
search triggers stay as they are. Salvage recognises the revision by its
``content_sha256`` column.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "message", sa.Column("charset_notes", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("message", sa.Column("content_sha256", sa.String(length=64), nullable=True))
    op.add_column(
        "message",
        sa.Column("message_id_reused", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.drop_column("message_id_reused")
        batch.drop_column("content_sha256")
        batch.drop_column("charset_notes")
