"""What the projector shows of a poll: its ranking, the methods side by side, the data
demand, and whether the facilitator keeps the figures hidden until the vote closes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.demand import Demand
from jnt_fresque.workshop.polls import Poll
from jnt_fresque.workshop.tallies import TOP, Tally

# The facilitator's « hide until closed » choice, per session, for this app process.
_HIDDEN: dict[str, bool] = {}
_LOCK = threading.Lock()


def set_hidden(code: str, hidden: bool) -> None:
    """Keep (or stop keeping) session ``code``'s results hidden until its polls close."""
    with _LOCK:
        _HIDDEN[code] = hidden


def is_hidden(code: str) -> bool:
    """Whether session ``code``'s results are hidden until its polls close."""
    with _LOCK:
        return _HIDDEN.get(code, False)


def shows_figures(code: str, poll: Poll) -> bool:
    """Whether the projector shows ``poll``'s figures now.

    Examples
    --------
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> shows_figures("K7MQ2X", default_polls()[0])
    True
    """
    return not poll.open or not is_hidden(code)


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
