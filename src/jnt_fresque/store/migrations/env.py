"""Alembic's entry point for the workshop store.

The store calls alembic with an open connection already inside its own
transaction (holding the write lock), so the whole upgrade is one transaction:
two processes opening an old database at once migrate it once.
"""

from __future__ import annotations

from alembic import context

from jnt_fresque.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes its connection
    raise RuntimeError("run migrations through jnt_fresque.store.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_server_default=True,
)
with context.begin_transaction():
    context.run_migrations()
