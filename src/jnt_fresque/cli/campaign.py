"""``jnt-fresque campaign …``: group workshops and surveys, and read them as one ranking.

``results --campaign NAME`` (in `results`) calls `campaign_results` here.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jnt_fresque.cli._console import done, emit_json, table
from jnt_fresque.cli._workshop import refusals, store
from jnt_fresque.i18n import current, t, t_n

if TYPE_CHECKING:
    from collections.abc import Callable

    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.workshop.agreement import Agreement
    from jnt_fresque.workshop.campaign import Pooled
    from jnt_fresque.workshop.tallies import Count

NameArgument = typer.Argument(..., metavar="NAME", help=t("arg_campaign_name"))


class Output(StrEnum):
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    preflib = "preflib"


def create(
    name: str = NameArgument,
    title: str | None = typer.Option(None, "--title", help=t("opt_campaign_title")),
) -> None:
    with store() as found:
        campaign = found.create_campaign(name, title)
    done(t("campaign_created", campaign=campaign.name, title=campaign.title))


def add(
    name: str = NameArgument,
    codes: list[str] = typer.Argument(..., metavar="CODE...", help=t("arg_campaign_codes")),
) -> None:
    with store() as found:
        campaign = found.add_to_campaign(name, codes)
    done(t_n("campaign_added", len(campaign.sessions), campaign=campaign.name,
             count=len(campaign.sessions)))  # fmt: skip


def list_campaigns(
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    with store() as found:
        summaries = found.campaigns()
    if format is Output.json:
        emit_json(
            [
                {"name": s.campaign.name, "title": s.campaign.title,
                 "sessions": list(s.campaign.sessions), "ballots": s.ballots}
                for s in summaries
            ]
        )  # fmt: skip
        return
    table(
        t("campaigns_title"),
        [t("col_campaign"), t("col_title"), t("col_sessions"), t("col_ballots")],
        ((s.campaign.name, s.campaign.title, len(s.campaign.sessions), s.ballots)
         for s in summaries),
    )  # fmt: skip


def show(
    name: str = NameArgument,
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    with store() as found:
        campaign = found.campaign(name)
        sessions = {s.session.code: s for s in found.sessions()}
    rows = [sessions[code] for code in campaign.sessions if code in sessions]
    if format is Output.json:
        emit_json(
            {"name": campaign.name, "title": campaign.title, "created_at": campaign.created_at,
             "sessions": [
                 {"code": s.session.code, "title": s.session.title, "date": s.session.date,
                  "survey": s.session.survey, "closes_at": s.session.closes_at or None,
                  "decks": dict(s.session.decks), "ballots": s.ballots}
                 for s in rows]}
        )  # fmt: skip
        return
    done(t("campaign_line", campaign=campaign.name, title=campaign.title))
    table(
        t("campaign_sessions_title"),
        [t("col_code"), t("col_title"), t("col_date"), t("col_kind"), t("col_decks"),
         t("col_ballots")],
        ((s.session.code, s.session.title, s.session.date,
          t("kind_survey") if s.session.survey else t("kind_room"),
          ", ".join(f"{d} {v}" for d, v in sorted(s.session.decks.items())), s.ballots)
         for s in rows),
    )  # fmt: skip


def pooled(name: str, *, count: Count | None = None, resamples: int | None = None) -> Pooled:
    """Campaign ``name`` read from the store and pooled (refusals become exit code 2)."""
    from jnt_fresque.workshop.campaign import pool
    from jnt_fresque.workshop.stability import RESAMPLES

    with store() as found:
        campaign, parts = found.campaign_parts(name)
    with refusals():
        return pool(
            campaign, parts, count=count, resamples=RESAMPLES if resamples is None else resamples
        )


def _decks() -> Decks:
    from jnt_fresque.cards.loader import default_decks

    return default_decks()


def export(
    name: str = NameArgument,
    format: ExportFormat = typer.Option(..., "--format", help=t("opt_export_format")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_export_output")),
    poll: str | None = typer.Option(None, "--poll", help=t("opt_export_poll")),
) -> None:
    from jnt_fresque.interchange import exports

    found = pooled(name, resamples=0)
    output.parent.mkdir(parents=True, exist_ok=True)
    with refusals():
        written = exports.write(
            found.snapshot, output, format.value, _decks(), poll=poll, lang=current()
        )
    for path in written:
        done(t("written", path=path))


def report(
    name: str = NameArgument,
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_report_output")),
) -> None:
    from jnt_fresque.reporting.report import write_report

    found = pooled(name)
    write_report(found.snapshot, output, _decks(), lang=current(), campaign=found)
    done(t("written", path=output))


def campaign_results(
    name: str,
    *,
    poll: str | None,
    json: bool,
    count: Count | None,
    by_profile: bool,
    compare: str | None,
    against: str | None,
) -> None:
    """``results --campaign NAME``: each pooled poll as a table (or JSON), the ranking of
    each session beside it, what was left out, and the comparison of two rankings."""
    from jnt_fresque.cli.results import print_ranking
    from jnt_fresque.workshop.campaign import as_json, dedup_rule
    from jnt_fresque.workshop.snapshot import title_of
    from jnt_fresque.workshop.tallies import COUNT_WORDS

    found = pooled(name, count=count)
    decks = _decks()
    lang = current()

    def titled(card: str) -> str:
        return title_of(card, decks, (), lang)

    with refusals():
        polls = [poll] if poll else list(found.polls)
        for poll_id in polls:
            if poll_id not in found.polls:
                from jnt_fresque.workshop.errors import WorkshopError

                raise WorkshopError(
                    "unknown_poll", value=poll_id, expected=", ".join(found.polls) or "-"
                )
        sides = _sides(compare, against) if compare or against else found.default_sides()
        comparison = (
            {p: found.compare(p, sides[0], sides[1], count=count) for p in polls} if sides else {}
        )
    if json:
        emit_json(as_json(found, title_of=titled, lang=lang, polls=polls, compare=comparison))
        return
    rule = dedup_rule(found)
    done(t("campaign_results_header", campaign=found.campaign.name, title=found.campaign.title,
           sessions=len(found.campaign.sessions), surveys=len(found.surveys)))  # fmt: skip
    done(t(rule.key, **rule.values))
    for note in found.notes:
        done(note.said(lang))
    for poll_id in polls:
        pooled_poll = found.polls[poll_id]
        tallied = pooled_poll.results.tally
        done(
            t("results_header", title=tallied.poll.title.get(), ballots=tallied.ballots,
              count=t(COUNT_WORDS[tallied.counted_by]), state=t("closed"))
        )  # fmt: skip
        if not tallied.scores:
            done(t("no_ballots"))
            continue
        print_ranking(pooled_poll.results, tallied, titled, f"{poll_id} ({tallied.ballots})")
        if by_profile:
            for group, part in pooled_poll.results.by_profile.items():
                print_ranking(pooled_poll.results, part, titled, f"{poll_id} — {group}")
        from jnt_fresque.workshop.agreement import agreement

        table(
            t("campaign_by_session_title", poll=poll_id),
            [t("col_code"), t("col_kind"), t("col_ballots"), t("col_top3"), "τ"],
            (
                (code, t("kind_survey") if code in found.surveys else t("kind_room"), part.ballots,
                 ", ".join(titled(s.card) for s in part.top(3)[:3]),
                 _tau(agreement(part, tallied, a=code, b="pool").tau))
                for code, part in pooled_poll.by_session.items()
            ),
        )  # fmt: skip
        if poll_id in comparison:
            _print_comparison(comparison[poll_id], titled)
    done(t("ties_legend"))


def _tau(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _sides(compare: str | None, against: str | None) -> tuple[str | tuple[str, ...], ...]:
    from jnt_fresque.workshop.campaign import ROOMS, SURVEYS
    from jnt_fresque.workshop.codes import normalize
    from jnt_fresque.workshop.errors import WorkshopError

    if not compare or not against:
        raise WorkshopError("compare_needs_two")
    sides: list[str | tuple[str, ...]] = []
    for side in (compare, against):
        plain = side.strip().lower()
        if plain in (ROOMS, SURVEYS):
            sides.append(plain)
        else:
            sides.append(tuple(normalize(c) for c in side.split(",") if c.strip()))
    return tuple(sides)


def _print_comparison(found: Agreement, title: Callable[[str], str]) -> None:
    from dataclasses import replace

    from jnt_fresque.workshop.campaign import ROOMS, SURVEYS

    names = {ROOMS: t("side_rooms"), SURVEYS: t("side_surveys")}
    found = replace(found, a=names.get(found.a, found.a), b=names.get(found.b, found.b))
    done(t("comparison_line", a=found.a, b=found.b, tau=_tau(found.tau), common=found.common,
           top=found.top))  # fmt: skip
    table(
        t("comparison_title", a=found.a, b=found.b),
        [t("col_card"), found.a, found.b, t("col_moved")],
        ((title(c.card), c.rank_a or "-", c.rank_b or "-",
          "-" if c.moved is None else f"{c.moved:+d}") for c in found.changes),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``campaign`` to ``app``."""
    group = typer.Typer(help=t("campaign_help"), no_args_is_help=True, rich_markup_mode=None)
    group.command("create", help=t("campaign_create_help"))(create)
    group.command("add", help=t("campaign_add_help"))(add)
    group.command("list", help=t("campaign_list_help"))(list_campaigns)
    group.command("show", help=t("campaign_show_help"))(show)
    group.command("export", help=t("campaign_export_help"))(export)
    group.command("report", help=t("campaign_report_help"))(report)
    app.add_typer(group, name="campaign")
