"""the team's file store in the database

On PostgreSQL, the database a team shares, stored files live in the database itself
(``core/storage/team_store.py``): ``stored_file`` names each file by the SHA-256 of
its content and gives its size, ``stored_chunk`` holds its bytes in order, a mebibyte
a row. A chunk goes with its file (``ON DELETE CASCADE``).

A SQLite profile keeps its files in its own folder, as before: nothing changes there,
so salvage (which reads SQLite files only) needs no signature for this revision.

Revision ID: 0015
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _on_postgresql():
        return
    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "stored_chunk",
        sa.Column(
            "sha256",
            sa.String(64),
            sa.ForeignKey("stored_file.sha256", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    # chunks are kept out of line and uncompressed: they are mostly PDFs and images,
    # compressed already, so trying again only costs time
    op.execute("ALTER TABLE stored_chunk ALTER COLUMN data SET STORAGE EXTERNAL")


def downgrade() -> None:
    if not _on_postgresql():
        return
    op.drop_table("stored_chunk")
    op.drop_table("stored_file")
