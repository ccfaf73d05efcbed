"""authority region

Where an authority is, as an ISO 3166-2 code (AU-NSW, DE-BY, GB-SCT): some
laws count the holidays of the authority's own state, Land or nation. Empty
for existing authorities, which keeps each regime's explained default. The
index also marks the revision for salvage, which recognises revisions by the
objects they create.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("authority", sa.Column("region", sa.String(length=10), nullable=True))
    op.create_index("ix_authority_region", "authority", ["region"])


def downgrade() -> None:
    op.drop_index("ix_authority_region", table_name="authority")
    with op.batch_alter_table("authority") as batch:
        batch.drop_column("region")
