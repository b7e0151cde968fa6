"""Where the workshop is kept, and how to talk to it.

``JNT_FRESQUE_DB`` takes any SQLAlchemy URL (``postgresql+psycopg://…`` for
events that run several app processes); without it, a SQLite file in the
user's data folder. SQLite runs in WAL mode with full sync, so that readers
never block the writer and a committed action survives a crash; each write
takes the write lock at its start (``BEGIN IMMEDIATE``), so that two
processes never deadlock upgrading a read lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ENV = "JNT_FRESQUE_DB"
FILE_NAME = "atelier.sqlite"
BUSY_SECONDS = 60  # how long a writer waits for another one before giving up


def data_dir() -> Path:
    """The user's data folder for the kit (XDG on Linux, the platform's elsewhere)."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "jnt-fresque"


def database_url(url: str | None = None) -> str:
    """``url``, else ``JNT_FRESQUE_DB``, else the default SQLite file (its folder created).

    A bare path is taken as a SQLite file.
    """
    chosen = url or os.environ.get(ENV, "").strip()
    if not chosen:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / FILE_NAME}"
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    if chosen.startswith(("postgresql://", "postgres://")):
        # The kit ships psycopg 3; SQLAlchemy would look for psycopg2 by default.
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    return chosen


def shown_url(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url``, with the SQLite settings the workshop relies on."""
    from sqlalchemy import create_engine, event

    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN from sqlite3's hands: it would not begin before a SELECT
        # or DDL, which breaks both snapshot reads and transactional migrations.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
