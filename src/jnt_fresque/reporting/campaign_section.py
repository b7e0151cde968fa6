"""The campaign's pages of the report: its sessions, how a person answering twice was
counted, what was left out of the pool, and the comparison of two rankings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jnt_fresque.workshop.agreement import Agreement, agreement

if TYPE_CHECKING:
    from jnt_fresque.reporting.report import _Doc
    from jnt_fresque.workshop.campaign import Pooled


def _tau(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def campaign_section(doc: _Doc, pooled: Pooled) -> None:
    """Add the campaign's section to ``doc``."""
    from jnt_fresque.workshop.campaign import dedup_rule

    doc.para(doc.say("report_campaign_title"), "h1")
    doc.para(
        doc.say("report_campaign_intro", campaign=pooled.campaign.name,
                sessions=len(pooled.campaign.sessions), surveys=len(pooled.surveys))
    )  # fmt: skip
    rule = dedup_rule(pooled)
    doc.para(doc.say(rule.key, **rule.values))
    if pooled.notes:
        doc.para(doc.say("report_campaign_left_title"), "h2")
        for note in pooled.notes:
            doc.para("• " + note.said(doc.lang), "small")
    for poll_id, found in pooled.polls.items():
        overall = found.results.tally
        doc.para(doc.say("report_campaign_sessions_title", poll=poll_id), "h2")
        rows = [
            [
                code,
                doc.say("kind_survey") if code in pooled.surveys else doc.say("kind_room"),
                ", ".join(doc.title(s.card) for s in part.top(3)[:3]),
                part.ballots,
                _tau(agreement(part, overall, a=code, b="pool").tau),
            ]
            for code, part in found.by_session.items()
        ]
        doc.table(
            [doc.say("col_code"), doc.say("col_kind"), doc.say("report_col_top3"),
             doc.say("col_ballots"), "τ"],
            rows,
            [20, 20, 88, 24, 22],
            numeric_from=3,
        )  # fmt: skip
        doc.para(doc.say("report_campaign_tau_note"), "small")
        sides = pooled.default_sides()
        if sides is not None:
            _comparison(doc, pooled.compare(poll_id, sides[0], sides[1], count=None))


def _comparison(doc: _Doc, found: Agreement) -> None:
    start = len(doc.story)
    a, b = _side(doc, found.a), _side(doc, found.b)
    doc.para(doc.say("report_campaign_compare_title", a=a, b=b), "h2")
    doc.para(
        doc.say("report_campaign_compare", a=a, b=b, tau=_tau(found.tau), common=found.common,
                top=found.top)
    )  # fmt: skip
    rows = [
        [doc.title(c.card), c.rank_a or "-", c.rank_b or "-",
         "-" if c.moved is None else f"{c.moved:+d}"]
        for c in found.changes
    ]  # fmt: skip
    doc.table(
        [doc.say("col_card"), a, b, doc.say("col_moved")], rows, [94, 26, 26, 28], numeric_from=1
    )
    doc.keep(start)


def _side(doc: _Doc, name: str) -> str:
    from jnt_fresque.workshop.campaign import ROOMS, SURVEYS

    return {ROOMS: doc.say("side_rooms"), SURVEYS: doc.say("side_surveys")}.get(name, name)
