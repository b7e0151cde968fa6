"""What the projector shows of a poll: its ranking, the methods side by side, the data
demand, and whether the facilitator keeps the figures hidden until the vote closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.demand import Demand
from jnt_fresque.workshop.polls import Poll
from jnt_fresque.workshop.tallies import TOP, Tally

if TYPE_CHECKING:
    from jnt_fresque.store.repository import Store


def set_hidden(code: str, hidden: bool, *, store: Store | None = None) -> None:
    """Keep (or stop keeping) session ``code``'s results hidden until its polls close.

    The choice is kept in the database with the session (default: the process's store),
    so that every app process sees it, and a restart keeps it.
    """
    from jnt_fresque.app.resources import store as shared

    (store or shared()).set_results_hidden(code, hidden)


def is_hidden(code: str, *, store: Store | None = None) -> bool:
    """Whether session ``code``'s results are hidden until its polls close."""
    from jnt_fresque.app.resources import store as shared

    return (store or shared()).results_hidden(code)


def shows_figures(poll: Poll, *, hidden: bool) -> bool:
    """Whether the projector shows ``poll``'s figures now, the session's results being
    ``hidden`` until the polls close or not.

    Examples
    --------
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> poll = default_polls()[0]
    >>> shows_figures(poll, hidden=False), shows_figures(poll, hidden=True)
    (True, False)
    """
    return not poll.open or not hidden


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a ranking chart."""

    label: str
    value: float
    rank: str


def ranking_bars(tally: Tally, title_of: Callable[[str], str], *, n: int = TOP) -> list[Bar]:
    """The top ``n`` of a poll (ties included) as bars, best first; the rank reads ``3=``
    for a tie; labels start with the rank, so that a chart sorted by label keeps the order."""
    bars = []
    for score in tally.top(n):
        rank = f"{score.rank}{'=' if score.tied else ''}"
        value = tally.value(score)
        if tally.counted_by == "condorcet":
            value = float(len(tally.scores) - score.condorcet + 1)
        bars.append(Bar(f"{score.rank:02d}. {title_of(score.card)}", value, rank))
    return bars


def comparison_rows(
    tally: Tally, title_of: Callable[[str], str], say: Callable[[str], str], *, n: int = TOP
) -> list[dict[str, str | int]]:
    """The top ``n`` with the rank each counting method gives, one row per card."""
    rows: list[dict[str, str | int]] = []
    for score in tally.top(n):
        row: dict[str, str | int] = {
            say("app_col_rank"): f"{score.rank}{'=' if score.tied else ''}",
            say("app_col_card"): title_of(score.card),
            say("app_col_approval"): score.approval,
        }
        if score.borda is not None:
            row[say("app_col_borda")] = score.borda
        if score.dots is not None:
            row[say("app_col_dots")] = score.dots
        row[say("app_col_condorcet")] = score.condorcet
        rows.append(row)
    return rows


def demand_bars(
    demand: Sequence[Demand], title_of: Callable[[str], str], *, n: int = TOP
) -> list[Bar]:
    """The most demanded data cards as bars."""
    return [
        Bar(f"{at:02d}. {title_of(d.data)}", round(d.demand, 2), str(at))
        for at, d in enumerate(demand[:n], start=1)
    ]


def poll_heading(poll: Poll, lang: Lang) -> str:
    """The poll's title in ``lang``."""
    return poll.title.get(lang)


def bar_spec(
    bars: Sequence[Bar], *, value_title: str, colour: str = "#1f6f8b"
) -> dict[str, object]:
    """A Vega-Lite chart of horizontal bars in the given order, whole titles readable
    from the back of the room.

    Examples
    --------
    >>> spec = bar_spec([Bar("01. Crues", 3.0, "1")], value_title="score")
    >>> spec["data"]["values"][0]["carte"], spec["encoding"]["y"]["sort"]
    ('01. Crues', None)
    """
    return {
        "data": {"values": [{"carte": b.label, "valeur": b.value, "rang": b.rank} for b in bars]},
        "mark": {"type": "bar", "color": colour, "cornerRadiusEnd": 3},
        "height": {"step": 34},
        "encoding": {
            "y": {
                "field": "carte",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 460, "labelFontSize": 15},
            },
            "x": {"field": "valeur", "type": "quantitative", "title": value_title},
            "tooltip": [{"field": "rang"}, {"field": "carte"}, {"field": "valeur"}],
        },
    }
