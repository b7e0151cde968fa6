"""Counting: approval, truncated Borda, Schulze (checked against pref_voting), ties,
breakdowns, the stability of the top 10 and the data demand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jnt_fresque.i18n import Text
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.condorcet import pairwise, schulze_beats, schulze_ranks
from jnt_fresque.workshop.demand import data_demand
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant, Profile
from jnt_fresque.workshop.polls import Method, Poll, Subject
from jnt_fresque.workshop.stability import top_stability
from jnt_fresque.workshop.tallies import breakdown, competition_ranks, tally

RANKED = Poll("uc", Text(fr="Top", en="Top"), Method.ranked, Subject.uc, k=3)
APPROVAL = Poll("a", Text(fr="Top", en="Top"), Method.approval, Subject.uc, k=3)
DOTS = Poll("d", Text(fr="Gommettes", en="Dots"), Method.dots, Subject.uc, dots=4)


def ballots(poll: Poll, *choices: str) -> list[Ballot]:
    return [Ballot(poll.id, f"p{n}", tuple(c.split())) for n, c in enumerate(choices)]


def test_approval_borda_and_ties_on_a_small_ranked_poll() -> None:
    found = tally(RANKED, ballots(RANKED, "a b c", "b a", "c", "a"))
    table = [(s.card, s.rank, s.tied, s.approval, s.borda) for s in found.scores]
    # Borda with k = 3: a 3+2+3 = 8, b 2+3 = 5, c 1+3 = 4.
    assert table == [("a", 1, False, 3, 8), ("b", 2, False, 2, 5), ("c", 3, False, 2, 4)]
    assert found.counted_by == "borda" and found.ballots == 4


def test_equal_counts_share_a_rank_and_are_shown_as_ties() -> None:
    found = tally(RANKED, ballots(RANKED, "a b", "b a", "c"))
    assert [(s.card, s.rank, s.tied) for s in found.scores] == [
        ("a", 1, True),
        ("b", 1, True),
        ("c", 3, False),
    ]
    assert competition_ranks({"x": 2, "y": 2, "z": 2}) == {"x": 1, "y": 1, "z": 1}


def test_the_top_10_keeps_a_tie_straddling_the_10th_place() -> None:
    poll = Poll("uc", RANKED.title, Method.approval, Subject.uc, k=12)
    found = tally(poll, ballots(poll, " ".join(f"c{i:02d}" for i in range(12))))
    assert len(found.top(10)) == 12  # all tied at rank 1


def test_approval_polls_rank_by_approval_and_have_no_borda() -> None:
    found = tally(APPROVAL, ballots(APPROVAL, "a b", "b c", "b"))
    first = found.scores[0]
    assert (first.card, first.rank, first.approval, first.borda) == ("b", 1, 3, None)


def test_dot_polls_rank_by_dots() -> None:
    found = tally(DOTS, ballots(DOTS, "a a a b", "b b c"))
    # a and b tie on dots; within the tie the card more people chose is shown first.
    assert [(s.card, s.dots, s.approval) for s in found.scores] == [
        ("b", 3, 2),
        ("a", 3, 1),
        ("c", 1, 1),
    ]
    assert found.scores[0].rank == found.scores[1].rank == 1


def test_a_count_that_does_not_fit_the_poll_is_refused() -> None:
    with pytest.raises(WorkshopError, match="le décompte borda ne s’applique pas"):
        tally(APPROVAL, ballots(APPROVAL, "a"), by="borda")


def test_ranking_by_condorcet() -> None:
    found = tally(RANKED, ballots(RANKED, "a b", "a b", "b a", "c"), by="condorcet")
    assert [s.card for s in found.scores] == ["a", "b", "c"]
    assert [s.rank for s in found.scores] == [s.condorcet for s in found.scores]


def test_a_condorcet_winner_comes_first_even_when_borda_disagrees() -> None:
    # 3 voters: a > b > c; 2 voters: b > c > a. a beats b 3–2 and c 3–2; Borda prefers b.
    poll = Poll("uc", RANKED.title, Method.ranked, Subject.uc, k=3)
    found = tally(poll, ballots(poll, *["a b c"] * 3, *["b c a"] * 2))
    assert found.score("a").condorcet == 1  # type: ignore[union-attr]
    assert found.scores[0].card == "b"  # Borda: b 3·2 + 2·3 = 12 > a 3·3 + 2·1 = 11


def test_the_pairwise_count_treats_unranked_cards_as_below_ranked_ones() -> None:
    d = pairwise([{"a": 0, "b": 1}, {"c": 0}], ["a", "b", "c"])
    assert d == [[0, 1, 1], [0, 0, 1], [1, 1, 0]]


# --- against pref_voting (Holliday & Pacuit), the oracle -------------------------

CANDIDATES = ["a", "b", "c", "d", "e", "f"]
truncated = st.lists(
    st.permutations(CANDIDATES).flatmap(lambda order: st.integers(1, 6).map(lambda k: order[:k])),
    min_size=1,
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(truncated)
def test_schulze_agrees_with_pref_voting(orders: list[list[str]]) -> None:
    from pref_voting.margin_based_methods import beat_path, beat_path_defeat
    from pref_voting.profiles_with_ties import ProfileWithTies

    profile = ProfileWithTies(
        [{c: r for r, c in enumerate(order, start=1)} for order in orders], candidates=CANDIDATES
    )
    profile.use_extended_strict_preference()
    levels = [{c: r for r, c in enumerate(order)} for order in orders]
    assert schulze_beats(levels, CANDIDATES) == set(beat_path_defeat(profile).edges)
    ranks = schulze_ranks(levels, CANDIDATES)
    assert sorted(c for c, r in ranks.items() if r == 1) == sorted(beat_path(profile))
    d = pairwise(levels, CANDIDATES)
    for i, x in enumerate(CANDIDATES):
        for j, y in enumerate(CANDIDATES):
            assert d[i][j] - d[j][i] == profile.margin(x, y)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.permutations(CANDIDATES), min_size=1, max_size=25))
def test_borda_on_complete_ballots_agrees_with_pref_voting(orders: list[list[str]]) -> None:
    from pref_voting.profiles import Profile as LinearProfile

    index = {c: n for n, c in enumerate(CANDIDATES)}
    profile = LinearProfile([[index[c] for c in order] for order in orders])
    theirs = profile.borda_scores()
    poll = Poll("uc", RANKED.title, Method.ranked, Subject.uc, k=len(CANDIDATES))
    ours = tally(poll, [Ballot("uc", f"p{n}", tuple(o)) for n, o in enumerate(orders)])
    # Truncated Borda gives k − position; pref_voting n − 1 − position: one point per ballot more.
    for score in ours.scores:
        assert score.borda == theirs[index[score.card]] + len(orders)


# --- breakdowns, stability, demand --------------------------------------------------


def test_breakdown_by_profile_and_by_table() -> None:
    people = {
        "p0": Participant("p0", Profile.etudiant, 1),
        "p1": Participant("p1", Profile.collectivite, 1),
        "p2": Participant("p2", None, 2),
    }
    votes = ballots(RANKED, "a", "b", "c")
    by_profile = breakdown(RANKED, votes, people, by="profile")
    assert list(by_profile) == ["collectivite", "etudiant", "-"]
    assert [s.card for s in by_profile["etudiant"].scores] == ["a"]
    by_table = breakdown(RANKED, votes, people, by="table")
    assert {name: t.ballots for name, t in by_table.items()} == {"1": 2, "2": 1}


def test_a_unanimous_top_is_fully_stable_and_a_marginal_card_is_not() -> None:
    poll = Poll("uc", RANKED.title, Method.ranked, Subject.uc, k=10)
    cards = [f"c{i:02d}" for i in range(20)]
    votes = [Ballot("uc", f"p{n}", (*cards[:9], cards[9 + n % 11])) for n in range(60)]
    shares = top_stability(poll, votes, resamples=400)
    assert all(shares[c] == 1.0 for c in cards[:9])
    assert all(0 < shares[c] < 1 for c in cards[9:])
    assert shares == top_stability(poll, votes, resamples=400)  # fixed seed: same figures


def test_stability_with_no_ballot_is_empty() -> None:
    assert top_stability(RANKED, []) == {}


def test_data_demand_weighs_links_by_votes() -> None:
    votes = tally(APPROVAL, ballots(APPROVAL, "uc-a", "uc-a", "uc-a uc-b"))  # a 3, b 1
    links = [
        Link("uc-a", "data-hy", table=1),
        Link("uc-a", "data-hy", table=2),
        Link("uc-a", "data-bu", table=2),
        Link("uc-b", "data-bu", table=3),
        Link("uc-z", "data-oi", table=3),  # a use case nobody voted for: no demand
    ]
    found = {d.data: d for d in data_demand(votes, links)}
    # shares: a 3/4, b 1/4; need(a, hy) = 2/2, need(a, bu) = 1/2, need(b, bu) = 1/1.
    assert found["data-hy"].demand == pytest.approx(0.75)
    assert found["data-bu"].demand == pytest.approx(0.75 * 0.5 + 0.25)
    assert found["data-bu"].use_cases == ("uc-a", "uc-b")
    assert found["data-bu"].makers == 2
    assert "data-oi" not in found
