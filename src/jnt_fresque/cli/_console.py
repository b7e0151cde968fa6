"""Printing for the command: tables and JSON on stdout, problems on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from jnt_fresque.cards.problems import Problem


def console() -> Any:
    """A rich console on stdout (created when needed: rich is slow to import)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def table(title: str, columns: list[str], rows: Iterable[Iterable[object]]) -> None:
    """Print a table with a title, one row per item."""
    from rich.table import Table

    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*(str(cell) for cell in row))
    console().print(grid)


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON, French characters kept as they are."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def problems(found: Iterable[Problem]) -> None:
    """One line per problem, on stderr, and nothing else."""
    for problem in found:
        sys.stderr.write(f"{problem}\n")


def fail(message: str) -> None:
    """A short error message on stderr."""
    sys.stderr.write(f"jnt-fresque: {message}\n")


def done(message: str) -> None:
    """A short success message on stdout."""
    sys.stdout.write(f"{message}\n")
