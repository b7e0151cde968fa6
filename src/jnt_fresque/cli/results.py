"""``jnt-fresque results CODE``: the ranking of each poll, as a table or JSON."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from jnt_fresque.cli._console import done, emit_json, fail
from jnt_fresque.cli._workshop import refusals, store
from jnt_fresque.i18n import current, t

if TYPE_CHECKING:
    from jnt_fresque.workshop.results import PollResults
    from jnt_fresque.workshop.tallies import Tally


class Output(StrEnum):
    table = "table"
    json = "json"


class CountName(StrEnum):
    approval = "approval"
    borda = "borda"
    dots = "dots"
    condorcet = "condorcet"


class ByName(StrEnum):
    profile = "profile"
    table = "table"


def results(
    code: str | None = typer.Argument(None, metavar="[CODE]", help=t("arg_session_code")),
    campaign: str | None = typer.Option(None, "--campaign", help=t("opt_results_campaign")),
    compare: str | None = typer.Option(None, "--compare", help=t("opt_results_compare")),
    against: str | None = typer.Option(None, "--against", help=t("opt_results_against")),
    poll: str | None = typer.Option(None, "--poll", help=t("opt_results_poll")),
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
    count: CountName | None = typer.Option(None, "--count", help=t("opt_results_count")),
    by: ByName | None = typer.Option(None, "--by", help=t("opt_results_by")),
    all_cards: bool = typer.Option(False, "--all", help=t("opt_results_all")),
) -> None:
    from jnt_fresque.workshop.results import as_json, poll_results
    from jnt_fresque.workshop.snapshot import title_of
    from jnt_fresque.workshop.tallies import COUNT_WORDS

    if campaign is not None or code is None:
        if campaign is None or code is not None or by is ByName.table:
            fail(t("results_session_or_campaign"))
            raise typer.Exit(2)
        from jnt_fresque.cli.campaign import campaign_results

        campaign_results(
            campaign, poll=poll, json=format is Output.json,
            count=count.value if count else None, by_profile=by is ByName.profile,
            compare=compare, against=against,
        )  # fmt: skip
        return
    with store() as found:
        snapshot = found.snapshot(code)
        decks = found.decks
        polls = [snapshot.poll(poll)] if poll else list(snapshot.polls)

    def titled(card: str) -> str:
        return title_of(card, decks, snapshot.proposals, current())

    with refusals():
        found_results = [
            poll_results(snapshot, each.id, count=count.value if count else None) for each in polls
        ]
    if format is Output.json:
        documents = [
            as_json(r, session=snapshot.session.code, title_of=titled) for r in found_results
        ]
        emit_json(documents[0] if poll else documents)
        return
    for found_poll in found_results:
        tallied = found_poll.tally
        done(
            t("results_header", title=tallied.poll.title.get(), ballots=tallied.ballots,
              count=t(COUNT_WORDS[tallied.counted_by]),
              state=t("open") if tallied.poll.open else t("closed"))
        )  # fmt: skip
        if not tallied.scores:
            done(t("no_ballots"))
            continue
        groups = {"": tallied}
        if by is ByName.profile:
            groups = dict(found_poll.by_profile)
        elif by is ByName.table:
            groups = dict(found_poll.by_table)
        for name, group in groups.items():
            heading = (
                tallied.poll.id if not name else f"{tallied.poll.id} — {_group_label(name, by)}"
            )
            print_ranking(
                found_poll, group, titled, f"{heading} ({group.ballots})", all_cards=all_cards
            )
    done(t("ties_legend"))


def print_ranking(
    found: PollResults,
    group: Tally,
    titled: Callable[[str], str],
    heading: str,
    *,
    all_cards: bool = False,
) -> None:
    """One ranking as a table: titles wrap, numbers stay on one line, right-aligned."""
    from rich.table import Table

    from jnt_fresque.cli._console import console
    from jnt_fresque.workshop.tallies import TOP

    overall = group is found.tally
    grid = Table(title=heading, title_justify="left")
    grid.add_column(t("col_rank"), no_wrap=True)
    grid.add_column(t("col_card"), ratio=1)
    numbers = [t("col_approval_short")]
    if group.poll.method.value == "ranked":
        numbers.append("Borda")
    if group.poll.method.value == "dots":
        numbers.append(t("col_dots"))
    numbers.append("Schulze")
    if overall:
        numbers.append(t("col_stability_short"))
    for column in numbers:
        grid.add_column(column, no_wrap=True, justify="right")
    for s in group.scores if all_cards else group.top(TOP):
        cells = [f"{s.rank}{'=' if s.tied else ''}", titled(s.card), str(s.approval)]
        cells += [str(v) for v in (s.borda, s.dots) if v is not None]
        cells.append(str(s.condorcet))
        if overall:
            share = found.stability.get(s.card)
            cells.append(f"{share:.0%}" if share is not None else "-")
        grid.add_row(*cells)
    console().print(grid)


def _group_label(name: str, by: ByName | None) -> str:
    from jnt_fresque.workshop.participants import Profile

    if name == "-":
        return t("group_none")
    if by is ByName.table:
        return t("group_table", table=name)
    return Profile(name).label.get() if name in Profile.__members__ else name


def register(app: typer.Typer) -> None:
    """Add ``results`` to ``app``."""
    app.command("results", help=t("results_help"))(results)
