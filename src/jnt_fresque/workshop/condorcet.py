"""The Condorcet count: pairwise majorities and the Schulze method.

On each ballot a card it names beats every card it names lower and every card
it leaves out; cards left out are level with one another (PrefLib's
« extended strict preference »). The Schulze method (the « beat path » method)
then ranks the cards by the strength of their strongest chains of majorities,
measured by margins, so that a card preferred to every other by a majority
(a Condorcet winner) comes first whenever there is one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence


def pairwise(levels: Iterable[Mapping[str, int]], cards: Sequence[str]) -> list[list[int]]:
    """``d[i][j]``: how many ballots put ``cards[i]`` strictly above ``cards[j]``.

    ``levels`` are ballots as card → level (0 best); a card missing from a
    ballot is below every card it names.
    """
    at = {card: i for i, card in enumerate(cards)}
    size = len(cards)
    named = [0] * size
    # Ballots name few cards (k ≤ 10) among many: count « named » once per card,
    # then correct only the pairs a ballot names both of, never all n² pairs.
    not_above = [[0] * size for _ in range(size)]
    for ballot in levels:
        items = [(at[card], level) for card, level in ballot.items() if card in at]
        for i, level_i in items:
            named[i] += 1
            row = not_above[i]
            for j, level_j in items:
                if level_i >= level_j:
                    row[j] += 1
    return [[named[i] - not_above[i][j] for j in range(size)] for i in range(size)]


def schulze_strengths(d: Sequence[Sequence[int]]) -> list[list[int]]:
    """Strongest path strengths, links weighted by margins ``d[i][j] - d[j][i]`` (> 0)."""
    size = len(d)
    p = [[max(d[i][j] - d[j][i], 0) if i != j else 0 for j in range(size)] for i in range(size)]
    for k in range(size):
        row_k = p[k]
        for i in range(size):
            if i == k:
                continue
            p_ik = p[i][k]
            if p_ik == 0:
                continue
            row_i = p[i]
            for j in range(size):
                if j != i and j != k:
                    via = p_ik if p_ik < row_k[j] else row_k[j]
                    if via > row_i[j]:
                        row_i[j] = via
    return p


def schulze_beats(
    levels: Iterable[Mapping[str, int]], cards: Sequence[str]
) -> set[tuple[str, str]]:
    """The pairs (a, b) where a beats b by the Schulze method: the strongest path from
    a to b is stronger than the strongest path back."""
    p = schulze_strengths(pairwise(levels, cards))
    size = len(cards)
    return {(cards[i], cards[j]) for i in range(size) for j in range(size) if p[i][j] > p[j][i]}


def schulze_ranks(levels: Iterable[Mapping[str, int]], cards: Sequence[str]) -> dict[str, int]:
    """Each card's Schulze rank: 1 + the number of cards that beat it (ties share a rank).

    Examples
    --------
    >>> ballots = [{"a": 0, "b": 1}, {"b": 0, "a": 1}, {"a": 0}]
    >>> schulze_ranks(ballots, ["a", "b", "c"])
    {'a': 1, 'b': 2, 'c': 3}
    """
    beaten = Counter(loser for _, loser in schulze_beats(levels, cards))
    return {card: 1 + beaten[card] for card in cards}
