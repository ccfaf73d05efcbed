"""mail accounts

Two tables for fetching replies from a mail account:

- ``mail_account``: the account's addresses, servers, security and user name, and
  ``auth`` (which kind of secret it logs in with) and ``keyring_key`` (where the OS
  keyring keeps that secret). No password is ever stored in the database;
- ``mail_folder_state``: per account and folder, the server's UIDVALIDITY and the
  highest UID read, so a fetch goes on where the last one stopped.

Salvage recognises the revision by its ``mail_account`` table.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("imap_host", sa.String(length=255), nullable=False),
        sa.Column("imap_port", sa.Integer(), nullable=False),
        sa.Column("imap_security", sa.String(length=10), nullable=False),
        sa.Column("smtp_host", sa.String(length=255), nullable=False),
        sa.Column("smtp_port", sa.Integer(), nullable=False),
        sa.Column("smtp_security", sa.String(length=10), nullable=False),
        sa.Column("username", sa.String(length=320), nullable=False),
        sa.Column("ca_file", sa.Text(), nullable=True),
        sa.Column("auth", sa.String(length=20), nullable=False),
        sa.Column("keyring_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_account")),
        sa.UniqueConstraint("name", name=op.f("uq_mail_account_name")),
        sa.UniqueConstraint("keyring_key", name=op.f("uq_mail_account_keyring_key")),
    )
    op.create_table(
        "mail_folder_state",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("checked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["mail_account.id"],
            name=op.f("fk_mail_folder_state_account_id_mail_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "folder", name=op.f("pk_mail_folder_state")),
    )


def downgrade() -> None:
    op.drop_table("mail_folder_state")
    op.drop_table("mail_account")
