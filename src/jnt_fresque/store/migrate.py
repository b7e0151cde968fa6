"""Schema migrations: a database made by an older version of the kit opens and is upgraded.

The migration scripts travel inside the package (``store/migrations``), so a
wheel install migrates too. Opening a store compares the database's revision
with `HEAD` (one query) and runs alembic only when they differ.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jnt_fresque.workshop.errors import WorkshopError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005_campaigns",
    "0006_poll_titles",
)  # oldest first; a test checks them against the scripts
HEAD = REVISIONS[-1]
_LOCK = 0x4A4E5446  # "JNTF": PostgreSQL advisory lock held while migrating


def config(connection: Connection | None = None) -> Config:
    """An alembic configuration pointing at the package's migration scripts."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "jnt_fresque.store:migrations")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def revision(connection: Connection) -> str | None:
    """The database's current revision (None for an empty database)."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = HEAD) -> None:
    """Bring the database to ``target`` (default: the latest revision), in one transaction.

    Raises
    ------
    WorkshopError
        ``db_too_new`` when the database was made by a newer version of the kit.
    """
    with engine.connect() as connection:
        # Looking needs no write lock; migrating takes it (see engine.py).
        with connection.execution_options(sqlite_begin="DEFERRED").begin():
            found = revision(connection)
        connection.execution_options(sqlite_begin="IMMEDIATE")
        if found == target:
            return
        if found is not None and found not in REVISIONS:
            raise WorkshopError("db_too_new", revision=found)
        from alembic import command

        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK})")
            # Another process may have migrated while this one waited for the lock:
            # alembic reads the revision again inside this transaction.
            command.upgrade(config(connection), target)
