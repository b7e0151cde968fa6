"""How stable the top 10 is: would it hold with another room of the same people?

The ballots are resampled with replacement (a bootstrap) many times and the
poll counted again each time; a card's stability is the share of resamples in
which it still ranks in the top 10 (a tie straddling the 10th place keeps every
card of the tie in). A card at 100 % is in the top 10 whatever the draw; one at
50 % owes its place to a handful of ballots.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.polls import Method, Poll
from jnt_fresque.workshop.tallies import TOP, Count, default_count

RESAMPLES = 1000


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:  # pragma: no cover - numpy comes with the kit
        raise ImportError(
            "the stability of the top 10 needs numpy: pip install 'jnt-fresque[kit]'"
        ) from None
    return numpy


def top_stability(
    poll: Poll,
    ballots: Sequence[Ballot],
    *,
    top: int = TOP,
    resamples: int = RESAMPLES,
    seed: int = 20240611,
    count: Count | None = None,
) -> dict[str, float]:
    """Each card named on a ballot → the share of resamples that keep it in the top ``top``.

    The count is the poll's own (Borda, approval or dots; Schulze is too slow
    to redo a thousand times and is not offered). The seed is fixed, so the
    same ballots give the same figures in the app, the command and the report.

    Examples
    --------
    >>> from jnt_fresque.workshop.polls import default_polls
    >>> uc = default_polls()[0]
    >>> ballots = [Ballot("uc", f"p{i}", ("uc-a",)) for i in range(5)]
    >>> top_stability(uc, ballots)
    {'uc-a': 1.0}
    """
    np = _numpy()
    chosen = count or default_count(poll.method)
    if chosen == "condorcet":
        raise ValueError("stability is measured with approval, Borda or dots")
    cards = sorted({card for ballot in ballots for card in ballot.choices})
    if not ballots or not cards:
        return {}
    at = {card: i for i, card in enumerate(cards)}
    points = np.zeros((len(ballots), len(cards)), dtype=np.float64)
    for row, ballot in enumerate(ballots):
        for position, card in enumerate(ballot.choices):
            if chosen == "borda" and poll.method is Method.ranked:
                points[row, at[card]] += poll.k - position
            elif chosen == "dots":
                points[row, at[card]] += 1
            else:
                points[row, at[card]] = 1
    rng = np.random.default_rng(seed)
    n = len(ballots)
    # A resample is how many times each ballot is drawn: one multinomial row;
    # all the recounts are then one matrix product.
    draws = rng.multinomial(n, np.full(n, 1.0 / n), size=resamples).astype(np.float64)
    scores = draws @ points
    if len(cards) > top:
        cutoff = -np.partition(-scores, top - 1, axis=1)[:, top - 1]
        kept = (scores >= cutoff[:, None]) & (scores > 0)
    else:
        kept = scores > 0
    share = kept.mean(axis=0)
    return {card: float(share[i]) for card, i in at.items()}
