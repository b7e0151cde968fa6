"""The demonstration workshop: reproducible, varied enough to teach with."""

from __future__ import annotations

from collections import Counter

from jnt_fresque.interchange.demo import demo_session
from jnt_fresque.store import Store


def _ballots(store: Store, code: str) -> list[tuple[str, ...]]:
    return sorted(tuple(b.choices) for b in store.snapshot(code).ballots_of("uc"))


def test_every_participant_votes_both_polls_and_tables_link() -> None:
    store = Store("sqlite://")
    code = demo_session(store, participants=20, tables=4)
    snapshot = store.snapshot(code)
    assert len(snapshot.ballots_of("uc")) == len(snapshot.ballots_of("data")) == 20
    assert all(len(b.choices) == 10 for b in snapshot.ballots_of("uc"))
    assert {link.maker for link in snapshot.links} == {"t:1", "t:2", "t:3", "t:4"}
    profiles = Counter(p.profile for p in snapshot.participants_by_token.values())
    assert len(profiles) == 5


def test_the_same_seed_gives_the_same_workshop() -> None:
    store = Store("sqlite://")
    first = demo_session(store, participants=8, seed=3)
    again = demo_session(store, participants=8, seed=3)
    other = demo_session(store, participants=8, seed=4)
    assert _ballots(store, first) == _ballots(store, again)
    assert _ballots(store, first) != _ballots(store, other)


def test_the_vote_is_not_unanimous() -> None:
    store = Store("sqlite://")
    code = demo_session(store, participants=30)
    ballots = _ballots(store, code)
    assert len(set(ballots)) > 1
    approvals = Counter(card for ballot in ballots for card in ballot)
    assert min(approvals.values()) < 30  # some cards split the room
