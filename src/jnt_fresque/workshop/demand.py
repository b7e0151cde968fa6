"""The data demand: how much the use cases people voted for need each data card.

Two things the room said are combined: the vote (how much weight each use case
received) and the board (which data cards the people who handled a use case
linked to it). For a use case u and a data card d:

- share(u): u's part of the poll's count (Borda, approval or dots), all use
  cases adding up to 1;
- need(u, d): the share of the makers (participants or tables) who linked u to
  anything that linked it to d, from 0 to 1.

demand(d) = Σ share(u) × need(u, d), between 0 and 1: 1 when every voted use
case was tied to d by everyone who linked it, 0 when no voted use case was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.tallies import Tally


@dataclass(frozen=True, slots=True)
class Demand:
    """How strongly the voted use cases need one data card."""

    data: str
    demand: float
    use_cases: tuple[str, ...]  # voted use cases linked to it, strongest first
    makers: int  # distinct makers who linked a voted use case to it


def data_demand(use_cases: Tally, links: Iterable[Link]) -> tuple[Demand, ...]:
    """Every data card linked to a voted use case, by decreasing demand.

    Examples
    --------
    >>> from jnt_fresque.workshop.ballots import Ballot
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> from jnt_fresque.workshop.tallies import tally
    >>> votes = tally(default_polls()[0], [Ballot("uc", "p1", ("uc-a",))])
    >>> links = [Link("uc-a", "data-hy", table=1), Link("uc-a", "data-bu", table=2)]
    >>> [(d.data, d.demand) for d in data_demand(votes, links)]
    [('data-bu', 0.5), ('data-hy', 0.5)]
    """
    weight = {s.card: use_cases.value(s) for s in use_cases.scores}
    weight = {card: w for card, w in weight.items() if w > 0}
    total = sum(weight.values())
    if total <= 0:
        return ()
    makers_of: dict[str, set[str]] = defaultdict(set)  # use case → who linked it at all
    makers_of_pair: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        makers_of[link.use_case].add(link.maker)
        makers_of_pair[(link.use_case, link.data)].add(link.maker)
    demand: dict[str, float] = defaultdict(float)
    through: dict[str, dict[str, float]] = defaultdict(dict)
    makers: dict[str, set[str]] = defaultdict(set)
    for (use_case, data), who in makers_of_pair.items():
        if use_case not in weight:
            continue
        part = weight[use_case] / total * len(who) / len(makers_of[use_case])
        demand[data] += part
        through[data][use_case] = part
        makers[data] |= who
    found = [
        Demand(
            data=data,
            demand=round(value, 6),
            use_cases=tuple(sorted(through[data], key=lambda u: (-through[data][u], u))),
            makers=len(makers[data]),
        )
        for data, value in demand.items()
    ]
    found.sort(key=lambda d: (-d.demand, d.data))
    return tuple(found)
