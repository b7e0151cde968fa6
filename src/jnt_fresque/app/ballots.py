"""A participant's ballots in the app: the order cards are offered in, and what they sent.

Cards are offered in an order of their own to each participant, so that the
first cards of a long list do not collect votes for being first; the order is
the same on every reload (it is drawn from the participant's token).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jnt_fresque.store.repository import Store


def card_order(token: str, poll_id: str, card_ids: Iterable[str]) -> list[str]:
    """``card_ids`` shuffled for this participant and poll, the same each time.

    Examples
    --------
    >>> ids = [f"uc-{n}" for n in range(20)]
    >>> card_order("p1", "uc", ids) == card_order("p1", "uc", ids)
    True
    >>> card_order("p1", "uc", ids) != card_order("p2", "uc", ids)
    True
    """
    return list(_shuffled(token, poll_id, tuple(sorted(card_ids))))


@lru_cache(maxsize=4096)
def _shuffled(token: str, poll_id: str, ordered: tuple[str, ...]) -> tuple[str, ...]:
    # Drawn once per participant and poll: the vote page asks on every run, and seeding a
    # generator from a string costs more than the rest of the lookup.
    shuffled = list(ordered)
    random.Random(f"{token}\x1f{poll_id}").shuffle(shuffled)
    return tuple(shuffled)


def dots_ballot(dots: Mapping[str, int]) -> list[str]:
    """A dot ballot from dots per card: each card repeated as many times as its dots.

    Examples
    --------
    >>> dots_ballot({"uc-a": 2, "uc-b": 0, "uc-c": 1})
    ['uc-a', 'uc-a', 'uc-c']
    """
    return [card for card, n in dots.items() for _ in range(max(n, 0))]


def dots_of(choices: Sequence[str]) -> dict[str, int]:
    """Dots per card on a dot ballot (the inverse of `dots_ballot`)."""
    return dict(Counter(choices))


def saved_ballots(store: Store, code: str, token: str) -> dict[str, tuple[str, ...]]:
    """The ballots ``token`` has in session ``code``, by poll id (one small query)."""
    from sqlalchemy import select

    from jnt_fresque.store import schema as db
    from jnt_fresque.workshop import codes

    query = (
        select(db.polls.c.poll_id, db.ballots.c.choices)
        .select_from(
            db.ballots.join(db.polls, db.ballots.c.poll_pk == db.polls.c.id)
            .join(db.participants, db.ballots.c.participant_pk == db.participants.c.id)
            .join(db.sessions, db.polls.c.session_id == db.sessions.c.id)
        )
        .where(db.sessions.c.code == codes.normalize(code), db.participants.c.token == token)
    )
    with store.engine.connect() as connection:
        return {poll_id: tuple(choices) for poll_id, choices in connection.execute(query).all()}
