"""Persistence of the workshop: SQLite by default, PostgreSQL (or any SQLAlchemy URL)
through ``JNT_FRESQUE_DB``, with schema migrations.

Examples
--------
>>> from jnt_fresque.store import Store
>>> with Store("sqlite://") as store:
...     session, secret = store.create_session("Atelier")
...     [p.id for p in store.polls(session.code)]
['uc', 'data']
"""

from __future__ import annotations

from jnt_fresque.store.engine import ENV, database_url
from jnt_fresque.store.repository import ImportReport, Outcome, SessionSummary, Store

__all__ = ["ENV", "ImportReport", "Outcome", "SessionSummary", "Store", "database_url"]
