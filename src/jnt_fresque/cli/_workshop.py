"""What the workshop commands share: the store, and refusals turned into exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jnt_fresque.cli._console import fail
from jnt_fresque.i18n import t

if TYPE_CHECKING:
    from jnt_fresque.store import Store

CodeArgument = typer.Argument(..., metavar="CODE", help=t("arg_session_code"))


@contextmanager
def refusals(file: Path | None = None) -> Iterator[None]:
    """Turn a refusal of the workshop into its message(s) on stderr and exit code 2,
    and an unreachable database into one line and exit code 1."""
    from sqlalchemy.exc import OperationalError

    from jnt_fresque.workshop.errors import RowsRefused, WorkshopError

    try:
        yield
    except RowsRefused as exc:
        where = str(file) if file else "-"
        for problem in exc.problems:
            sys.stderr.write(f"{where}:{problem.line}: {problem.message}\n")
        fail(exc.message)
        raise typer.Exit(2) from None
    except WorkshopError as exc:
        fail(exc.message)
        raise typer.Exit(2) from None
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0][:200]
        fail(t("db_unreachable", reason=reason))
        raise typer.Exit(1) from None


@contextmanager
def store() -> Iterator[Store]:
    """The store of ``JNT_FRESQUE_DB`` (or the default SQLite file), closed afterwards."""
    from jnt_fresque.store import Store

    with refusals():
        opened = Store()
    try:
        with refusals():
            yield opened
    finally:
        opened.close()
