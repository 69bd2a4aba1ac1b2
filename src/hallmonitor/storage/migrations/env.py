"""Alembic environment: always run on a connection handed in by storage.database.upgrade.

Batch mode is on so that SQLite can alter tables; the caller's transaction
wraps the whole upgrade, so a failing migration leaves nothing half done.
"""

from alembic import context

from hallmonitor.storage.models import Base, add_postgresql_options

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic is run by hand
    raise SystemExit("Run migrations through `hallmonitor` (it opens and backs up the database first).")

if connection.dialect.name == "postgresql":
    add_postgresql_options()
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
