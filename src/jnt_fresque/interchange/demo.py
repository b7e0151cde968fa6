"""A reproducible demonstration workshop, for notebooks, dashboards and teaching.

A session where simulated participants (several profiles, several tables) link
use cases to the data cards they need and vote their top 10, so that the
results dashboard and the results notebook have something real to count
without a room full of people.

Examples
--------
>>> from jnt_fresque.store import Store
>>> store = Store("sqlite://")
>>> code = demo_session(store, participants=12)
>>> len(store.snapshot(code).ballots_of("uc"))
12
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from jnt_fresque.cards.model import UseCaseCard
from jnt_fresque.i18n import Lang, say

if TYPE_CHECKING:
    from jnt_fresque.store import Store

PROFILES = ("collectivite", "entreprise", "recherche", "etudiant", "autre")
TOP = 10


def demo_session(
    store: Store,
    *,
    participants: int = 30,
    tables: int = 5,
    seed: int = 2024,
    title: str | None = None,
    lang: Lang = "fr",
) -> str:
    """Fill ``store`` with a demonstration session; return its code.

    Its title is ``title``, else the demonstration's title in ``lang``.

    Every participant votes a top 10 of use cases (some use cases are more
    popular than others, as in a real room) and a top 10 of data cards; every
    table links its favourite use cases to the themes they need.
    """
    from jnt_fresque.workshop.board import Link
    from jnt_fresque.workshop.participants import Profile

    rng = random.Random(seed)
    session, _secret = store.create_session(title or say("demo_session_title", lang))
    code = session.code
    use_cases = [c for c in store.decks.cards("uc") if isinstance(c, UseCaseCard)]
    popularity = {c.id: rng.random() ** 2 for c in use_cases}  # a few clear favourites
    data = sorted(c.id for c in store.decks.cards("data"))
    for n in range(participants):
        table = n % tables + 1
        profile = Profile(PROFILES[n % len(PROFILES)])
        person = store.join(code, token=f"demo-{seed}-{n:03d}", profile=profile, table=table)
        weights = [popularity[c.id] + rng.random() * 0.9 for c in use_cases]
        ranked = sorted(use_cases, key=lambda c: -weights[use_cases.index(c)])[:TOP]
        store.submit_ballot(code, "uc", person.token, [c.id for c in ranked])
        needed = [f"data-{t}" for c in ranked for t in c.themes.primary]
        favourites = list(dict.fromkeys(needed))[:TOP]
        extra = [d for d in data if d not in favourites]
        store.submit_ballot(code, "data", person.token, [*favourites, *extra][:TOP])
        for card in ranked[:2]:
            for theme in card.themes.primary[:3]:
                store.add_link(code, Link(card.id, f"data-{theme}", table=table))
    return code
