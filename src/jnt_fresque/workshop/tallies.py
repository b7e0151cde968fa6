"""Counting the ballots of a poll: approval, truncated Borda, dots and Schulze, ties kept.

- **approval**: how many ballots name the card;
- **Borda** (ranked polls): on a top-k ballot the card in position 1 gets k
  points, position 2 gets k − 1, …, a card left out 0;
- **dots** (dot polls): how many dots the card received;
- **condorcet**: the card's rank by the Schulze method (see `condorcet`).

A poll is ranked by the count that fits its method (Borda for ranked polls,
approval for approval polls, dots for dot polls) unless told otherwise. Cards
with equal counts share a rank (1, 2, 2, 4): a tie is shown, never broken by
the alphabet or by chance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.condorcet import schulze_ranks
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant, Profile
from jnt_fresque.workshop.polls import Method, Poll

Count = Literal["approval", "borda", "dots", "condorcet"]
COUNTS: tuple[Count, ...] = ("approval", "borda", "dots", "condorcet")
# The message naming each count in a sentence (« classement par … »).
COUNT_WORDS: dict[str, str] = {
    "approval": "count_approval",
    "borda": "count_borda",
    "dots": "count_dots",
    "condorcet": "count_condorcet",
}
TOP = 10


_DEFAULT_COUNT: dict[Method, Count] = {
    Method.ranked: "borda",
    Method.approval: "approval",
    Method.dots: "dots",
}


def default_count(method: Method) -> Count:
    """The count a poll is ranked by, after how its ballots are filled."""
    return _DEFAULT_COUNT[method]


def approval(ballots: Iterable[Ballot]) -> Counter[str]:
    """How many ballots name each card."""
    found: Counter[str] = Counter()
    for ballot in ballots:
        found.update(set(ballot.choices))
    return found


def borda(ballots: Iterable[Ballot], k: int) -> Counter[str]:
    """Truncated Borda points: k for position 1, k − 1 for position 2, …"""
    found: Counter[str] = Counter()
    for ballot in ballots:
        for at, card in enumerate(ballot.choices):
            found[card] += k - at
    return found


def dot_totals(ballots: Iterable[Ballot]) -> Counter[str]:
    """How many dots each card received."""
    found: Counter[str] = Counter()
    for ballot in ballots:
        found.update(ballot.choices)
    return found


def competition_ranks(values: Mapping[str, float]) -> dict[str, int]:
    """Ranks from scores, higher first, equal scores sharing a rank (1, 2, 2, 4).

    Examples
    --------
    >>> competition_ranks({"a": 5, "b": 3, "c": 5, "d": 1})
    {'a': 1, 'c': 1, 'b': 3, 'd': 4}
    """
    ordered = sorted(values, key=lambda card: -values[card])
    ranks: dict[str, int] = {}
    for position, card in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        same = previous is not None and values[previous] == values[card]
        ranks[card] = ranks[previous] if same and previous is not None else position
    return ranks


@dataclass(frozen=True, slots=True)
class Score:
    """One card's counts in a poll, and its rank by the poll's count."""

    card: str
    rank: int
    tied: bool
    approval: int
    borda: int | None  # ranked polls only
    dots: int | None  # dot polls only
    condorcet: int  # Schulze rank

    def as_dict(self) -> dict[str, Any]:
        """The score as JSON-ready values."""
        return {
            "rank": self.rank,
            "tied": self.tied,
            "card": self.card,
            "approval": self.approval,
            "borda": self.borda,
            "dots": self.dots,
            "condorcet": self.condorcet,
        }


@dataclass(frozen=True)
class Tally:
    """A poll counted: its scores in rank order."""

    poll: Poll
    ballots: int
    counted_by: Count
    scores: tuple[Score, ...]

    def top(self, n: int = TOP) -> tuple[Score, ...]:
        """The cards ranked n or better: more than n when a tie straddles the n-th place."""
        return tuple(s for s in self.scores if s.rank <= n)

    def score(self, card: str) -> Score | None:
        """The score of ``card`` (None if no ballot names it)."""
        return next((s for s in self.scores if s.card == card), None)

    def value(self, score: Score, count: Count | None = None) -> float:
        """The number ``count`` (default: the poll's) gives ``score``; for condorcet, higher
        is better (minus the rank)."""
        chosen = count or self.counted_by
        if chosen == "condorcet":
            return -score.condorcet
        found = getattr(score, chosen)
        return float(found) if found is not None else 0.0


def tally(poll: Poll, ballots: Sequence[Ballot], *, by: Count | None = None) -> Tally:
    """Count ``ballots`` of ``poll``; rank by ``by`` (default: the poll's own count).

    Examples
    --------
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> uc = default_polls()[0]
    >>> ballots = [Ballot("uc", "p1", ("uc-a", "uc-b")), Ballot("uc", "p2", ("uc-b",))]
    >>> [(s.card, s.rank, s.borda) for s in tally(uc, ballots).scores]
    [('uc-b', 1, 19), ('uc-a', 2, 10)]
    """
    counted_by: Count = by or default_count(poll.method)
    if (counted_by == "borda" and poll.method is not Method.ranked) or (
        counted_by == "dots" and poll.method is not Method.dots
    ):
        raise WorkshopError("count_not_for_poll", count=counted_by, poll=poll.id)
    approvals = approval(ballots)
    points = borda(ballots, poll.k) if poll.method is Method.ranked else None
    dots = dot_totals(ballots) if poll.method is Method.dots else None
    cards = sorted(approvals)
    condorcet = schulze_ranks((b.levels(poll.method) for b in ballots), cards)
    primary: dict[str, float] = {
        "approval": {c: float(approvals[c]) for c in cards},
        "borda": {c: float(points[c]) for c in cards} if points is not None else {},
        "dots": {c: float(dots[c]) for c in cards} if dots is not None else {},
        "condorcet": {c: float(-condorcet[c]) for c in cards},
    }[counted_by]
    ranks = competition_ranks(primary)
    shared = Counter(ranks.values())
    scores = [
        Score(
            card=c,
            rank=ranks[c],
            tied=shared[ranks[c]] > 1,
            approval=approvals[c],
            borda=points[c] if points is not None else None,
            dots=dots[c] if dots is not None else None,
            condorcet=condorcet[c],
        )
        for c in cards
    ]
    # Within a tie the order shown follows approval then the id, but the rank stays shared.
    scores.sort(key=lambda s: (s.rank, -s.approval, s.condorcet, s.card))
    return Tally(poll, len(ballots), counted_by, tuple(scores))


Breakdown = Literal["profile", "table"]


def breakdown(
    poll: Poll,
    ballots: Sequence[Ballot],
    participants: Mapping[str, Participant],
    *,
    by: Breakdown,
    count: Count | None = None,
) -> dict[str, Tally]:
    """The poll counted separately for each profile (or table); ``-`` gathers the
    ballots of participants who gave none. Groups come in the order of their names."""
    groups: dict[str, list[Ballot]] = defaultdict(list)
    for ballot in ballots:
        who = participants.get(ballot.participant) or Participant(ballot.participant)
        groups[who.group(by) or "-"].append(ballot)

    profiles = [p.value for p in Profile]

    def order(name: str) -> tuple[int, int, str]:
        # Tables by number, profiles in their usual order, « - » last.
        if name.isdigit():
            return (0, int(name), "")
        if name in profiles:
            return (1, profiles.index(name), "")
        return (2 if name != "-" else 3, 0, name)

    return {name: tally(poll, groups[name], by=count) for name in sorted(groups, key=order)}
