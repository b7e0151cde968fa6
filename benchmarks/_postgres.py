"""The throwaway PostgreSQL server of the test suite (``tests/pgserver.py``), for the
benchmarks that write into PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def start(*, fsync: bool = True) -> Any:
    """Start a throwaway server (``tests.pgserver.start``); the caller stops it.

    Raises
    ------
    FileNotFoundError
        No PostgreSQL binaries (``apt-get install postgresql``).
    """
    # The server is test infrastructure, not part of the package, and a benchmark runs as
    # a script (``python benchmarks/x.py``): Python puts benchmarks/ on sys.path, not the
    # repository root that holds the ``tests`` package. Only ``tests`` is a package there
    # (src layout), so the root can go first without hiding anything else.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests import pgserver

    return pgserver.start(fsync=fsync)
