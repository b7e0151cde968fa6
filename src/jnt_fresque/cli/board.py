"""``jnt-fresque links import`` and ``jnt-fresque proposals import``: the board and the
proposed cards of a paper workshop, typed into spreadsheets."""

from __future__ import annotations

from pathlib import Path

import typer

from jnt_fresque.cli._console import done
from jnt_fresque.cli._workshop import CodeArgument, refusals, store
from jnt_fresque.i18n import t


def import_links(
    code: str = CodeArgument,
    file: Path = typer.Argument(..., metavar="FILE", help=t("arg_link_sheet")),
) -> None:
    from jnt_fresque.interchange.paper_sheets import read_rows

    with refusals(file):
        rows = read_rows(file, "links")
    with store() as found, refusals(file):
        report = found.import_links(code, rows)
    done(
        t(
            "links_imported",
            added=report.added,
            replaced=report.replaced,
            unchanged=report.unchanged,
        )
    )


def import_proposals(
    code: str = CodeArgument,
    file: Path = typer.Argument(..., metavar="FILE", help=t("arg_proposal_sheet")),
) -> None:
    from jnt_fresque.interchange.paper_sheets import read_rows

    with refusals(file):
        rows = read_rows(file, "proposals")
    with store() as found, refusals(file):
        report = found.import_proposals(code, rows)
    done(
        t("proposals_imported", added=report.added, replaced=report.replaced,
          unchanged=report.unchanged)
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``links import`` and ``proposals import`` to ``app``."""
    links = typer.Typer(help=t("links_help"), no_args_is_help=True, rich_markup_mode=None)
    links.command("import", help=t("links_import_help"))(import_links)
    app.add_typer(links, name="links")
    proposals = typer.Typer(help=t("proposals_help"), no_args_is_help=True, rich_markup_mode=None)
    proposals.command("import", help=t("proposals_import_help"))(import_proposals)
    app.add_typer(proposals, name="proposals")
