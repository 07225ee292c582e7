"""Alembic environment: always run in-process on a connection GridDesk hands over."""

from __future__ import annotations

from alembic import context

from app.db import schema  # noqa: F401  (registers every table on Base.metadata)
from app.db.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("GridDesk migrations run in-process: pass a connection in config.attributes")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
