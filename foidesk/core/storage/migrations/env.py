"""Alembic environment: always run with a connection handed in by foidesk."""

from __future__ import annotations

from alembic import context

from foidesk.core.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - foidesk always passes one
    raise RuntimeError("foidesk migrations run through foidesk.core.storage.database.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
