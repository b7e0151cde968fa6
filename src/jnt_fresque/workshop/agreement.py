"""How much two rankings agree: « the workshop's top 10 against the members' survey ».

The cards compared are those in the top 10 of either ranking. Each ranking
gives them its rank (a card it does not rank comes after all it ranks, every
such card tied); Kendall's tau-b (scipy) then says how alike the two orders
are, from −1 (reversed) through 0 (unrelated) to 1 (the same), ties counted
as ties. Beside it, each card's rank on both sides and how far it moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from jnt_fresque.workshop.tallies import TOP, Tally


@dataclass(frozen=True, slots=True)
class RankChange:
    """One card's rank on each side (None: not ranked there) and how many places it gained
    from the first side to the second (positive: higher on the second)."""

    card: str
    rank_a: int | None
    rank_b: int | None

    @property
    def moved(self) -> int | None:
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b


@dataclass(frozen=True)
class Agreement:
    """Two rankings compared over the union of their top ``top``."""

    a: str  # what the first side is (a session code, « rooms », « surveys »…)
    b: str
    ballots_a: int
    ballots_b: int
    tau: float | None  # None when one side gives every card the same rank
    p_value: float | None
    common: int  # cards in both top ``top``
    top: int
    changes: tuple[RankChange, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {
            "a": self.a,
            "b": self.b,
            "ballots_a": self.ballots_a,
            "ballots_b": self.ballots_b,
            "kendall_tau": self.tau,
            "p_value": self.p_value,
            "common_top": self.common,
            "top": self.top,
            "changes": [
                {"card": c.card, "rank_a": c.rank_a, "rank_b": c.rank_b, "moved": c.moved}
                for c in self.changes
            ],
        }


def agreement(first: Tally, second: Tally, *, a: str, b: str, top: int = TOP) -> Agreement:
    """Compare two tallies of the same kind of poll.

    Examples
    --------
    >>> from jnt_fresque.workshop.ballots import Ballot
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> from jnt_fresque.workshop.tallies import tally
    >>> uc = default_polls()[0]
    >>> one = tally(uc, [Ballot("uc", "p", ("uc-a", "uc-b", "uc-c"))])
    >>> two = tally(uc, [Ballot("uc", "q", ("uc-c", "uc-b", "uc-a"))])
    >>> agreement(one, two, a="room", b="survey").tau
    -1.0
    """
    from scipy.stats import kendalltau  # type: ignore[import-untyped,unused-ignore]

    rank_a = {s.card: s.rank for s in first.scores}
    rank_b = {s.card: s.rank for s in second.scores}
    top_a = {s.card for s in first.top(top)}
    top_b = {s.card for s in second.top(top)}
    cards = sorted(top_a | top_b, key=lambda c: (rank_a.get(c, 10**6), rank_b.get(c, 10**6), c))
    # An unranked card comes after every ranked one, all unranked cards tied.
    last_a, last_b = len(first.scores) + 1, len(second.scores) + 1
    xs = [rank_a.get(c, last_a) for c in cards]
    ys = [rank_b.get(c, last_b) for c in cards]
    tau: float | None = None
    p_value: float | None = None
    if len(cards) >= 2:
        found = kendalltau(xs, ys)
        if not math.isnan(found.statistic):
            tau = round(float(found.statistic), 4)
            p_value = None if math.isnan(found.pvalue) else round(float(found.pvalue), 4)
    return Agreement(
        a=a,
        b=b,
        ballots_a=first.ballots,
        ballots_b=second.ballots,
        tau=tau,
        p_value=p_value,
        common=len(top_a & top_b),
        top=top,
        changes=tuple(RankChange(c, rank_a.get(c), rank_b.get(c)) for c in cards),
    )
