"""recognised pages of scans

One table, ``ocr_page``: for each page of an image-only PDF or an image, keyed by the
file's content (``blob.sha256``) and the page number, what text recognition found —
its text, mean confidence, the words' boxes (JSON) — or that it failed or ran out of
time, with the engine and languages used. A page counted but not yet read is
``waiting``, so a run stopped halfway goes on where it stopped. Removed with its blob.

Salvage recognises the revision by its ``ocr_page`` table.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocr_page",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=False),
        sa.Column("engine", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recognised_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["blob.sha256"],
            name=op.f("fk_ocr_page_sha256_blob"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", "page", name=op.f("pk_ocr_page")),
    )


def downgrade() -> None:
    op.drop_table("ocr_page")
