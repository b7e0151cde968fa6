"""``jnt-fresque vote import`` (paper ballots) and ``jnt-fresque vote-codes`` (printed codes)."""

from __future__ import annotations

from pathlib import Path

import typer

from jnt_fresque.cli._console import done
from jnt_fresque.cli._workshop import CodeArgument, refusals, store
from jnt_fresque.i18n import current, t


def import_ballots(
    code: str = CodeArgument,
    file: Path = typer.Argument(..., metavar="FILE", help=t("arg_ballot_sheet")),
) -> None:
    from jnt_fresque.interchange.paper_sheets import read_rows

    with refusals(file):
        rows = read_rows(file, "ballots")
    with store() as found, refusals(file):
        report = found.import_ballots(code, rows)
    done(
        t("ballots_imported", added=report.added, replaced=report.replaced,
          unchanged=report.unchanged, participants=report.participants)
    )  # fmt: skip


def vote_codes(
    code: str = CodeArgument,
    count: int = typer.Option(..., "-n", "--count", help=t("opt_code_count")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_codes_output")),
    url: str | None = typer.Option(None, "--url", help=t("opt_codes_url")),
) -> None:
    from jnt_fresque.printing.code_sheets import write_code_sheets

    with store() as found:
        session = found.session(code)
        fresh = found.issue_vote_codes(code, count)
        # The codes are saved before the PDF is drawn: a failed drawing loses nothing.
        write_code_sheets(session, fresh, output, url=url, lang=current())
    done(t("codes_written", count=len(fresh), path=output))


def register(app: typer.Typer) -> None:
    """Add ``vote import`` and ``vote-codes`` to ``app``."""
    group = typer.Typer(help=t("vote_help"), no_args_is_help=True, rich_markup_mode=None)
    group.command("import", help=t("vote_import_help"))(import_ballots)
    app.add_typer(group, name="vote")
    app.command("vote-codes", help=t("vote_codes_help"))(vote_codes)
