"""The workshop's rules, without any database: ballots, participants, links, proposals,
phases, polls and codes."""

from __future__ import annotations

import pytest

from jnt_fresque.i18n import Text
from jnt_fresque.workshop import codes
from jnt_fresque.workshop.ballots import Ballot, BallotRefused, check_ballot, parse_choices
from jnt_fresque.workshop.board import Link, check_link, link_counts
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant, Profile, parse_profile, parse_table
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Method, Poll, Subject, check_poll, default_polls
from jnt_fresque.workshop.proposals import Proposal, check_proposal

CARDS = frozenset(f"uc-{c}" for c in "abcdefghijklmnop")
RANKED = Poll("uc", Text(fr="Top", en="Top"), Method.ranked, Subject.uc, k=10)
DOTS = Poll("g", Text(fr="Gommettes", en="Dots"), Method.dots, Subject.uc, dots=5)


def test_a_new_session_has_a_top_10_of_use_cases_and_of_data() -> None:
    uc, data = default_polls()
    assert (uc.id, uc.subject, uc.method, uc.k, uc.open) == (
        "uc",
        Subject.uc,
        Method.ranked,
        10,
        True,
    )
    assert (data.id, data.subject, data.method, data.k) == ("data", Subject.data, Method.ranked, 10)


def test_a_valid_ballot_is_kept_in_its_order() -> None:
    assert check_ballot(RANKED, ["uc-c", "uc-a", "uc-b"], CARDS) == ("uc-c", "uc-a", "uc-b")


def test_a_ballot_breaking_every_rule_lists_every_reason() -> None:
    closed = RANKED.closed()
    choices = ["uc-a", "uc-a", "uc-zz", *sorted(CARDS)[1:11]]
    with pytest.raises(BallotRefused) as caught:
        check_ballot(closed, choices, CARDS)
    message = caught.value.message
    assert message.startswith("bulletin refusé pour le vote « uc » : ")
    assert "le vote « uc » est clos" in message
    assert "cartes inconnues pour ce vote : « uc-zz »" in message
    assert "carte choisie deux fois : « uc-a »" in message
    assert "12 cartes, 10 au plus" in message
    assert len(caught.value.reasons) == 4


def test_an_empty_ballot_is_refused() -> None:
    with pytest.raises(BallotRefused, match="aucune carte choisie"):
        check_ballot(RANKED, [], CARDS)


def test_refusals_speak_english_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    with pytest.raises(BallotRefused, match=r"ballot refused for poll « uc »: .*card chosen twice"):
        check_ballot(RANKED, ["uc-a", "uc-a"], CARDS)


def test_dot_ballots_may_repeat_a_card_but_not_exceed_the_dots() -> None:
    kept = check_ballot(DOTS, ["uc-b", "uc-a", "uc-b", "uc-b"], CARDS)
    assert kept == ("uc-b", "uc-b", "uc-b", "uc-a")  # canonical: most dots first
    with pytest.raises(BallotRefused, match="6 gommettes, 5 au plus"):
        check_ballot(DOTS, ["uc-a"] * 6, CARDS)


def test_choices_from_a_spreadsheet_cell() -> None:
    assert parse_choices(" uc-a ; uc-b;;uc-c ") == ("uc-a", "uc-b", "uc-c")
    assert parse_choices("uc-a*3; uc-b × 2") == ("uc-a",) * 3 + ("uc-b",) * 2
    assert parse_choices("") == ()


def test_ballot_levels_follow_the_method() -> None:
    ballot = Ballot("p", "x", ("uc-a", "uc-b", "uc-a"))
    assert Ballot("p", "x", ("uc-a", "uc-b")).levels(Method.ranked) == {"uc-a": 0, "uc-b": 1}
    assert Ballot("p", "x", ("uc-a", "uc-b")).levels(Method.approval) == {"uc-a": 0, "uc-b": 0}
    assert ballot.levels(Method.dots) == {"uc-a": 0, "uc-b": 1}


@pytest.mark.parametrize(
    ("typed", "profile"),
    [
        ("Collectivité", Profile.collectivite),
        ("collectivite", Profile.collectivite),
        ("ENTREPRISE", Profile.entreprise),
        ("recherche/enseignement", Profile.recherche),
        ("Recherche / enseignement", Profile.recherche),
        ("étudiant", Profile.etudiant),
        ("Étudiant·e", Profile.etudiant),
        ("student", Profile.etudiant),
        ("autre", Profile.autre),
        ("", None),
    ],
)
def test_profiles_as_people_type_them(typed: str, profile: Profile | None) -> None:
    assert parse_profile(typed) is profile


def test_an_unknown_profile_names_the_profiles() -> None:
    with pytest.raises(WorkshopError, match="profil inconnu « chef » ; profils : collectivite, "):
        parse_profile("chef")


def test_table_numbers() -> None:
    assert [parse_table(v) for v in ("3", 3, "T12", "table 4", "", None)] == [
        3,
        3,
        12,
        4,
        None,
        None,
    ]
    for bad in ("0", "x", "1000", "-2"):
        with pytest.raises(WorkshopError, match=f"« {bad} » n’est pas un numéro de table"):
            parse_table(bad)


def test_links_need_known_cards_and_a_maker() -> None:
    data = {"data-bu", "data-hy"}
    kept = check_link(
        Link("uc-a", "data-bu", table=2, note="  très  utile "), use_cases=CARDS, data=data
    )
    assert (kept.note, kept.maker) == ("très utile", "t:2")
    for bad, key in [
        (Link("uc-zz", "data-bu", table=1), "link_unknown_use_case"),
        (Link("uc-a", "uc-b", table=1), "link_unknown_data"),
        (Link("uc-a", "data-bu"), "link_no_maker"),
        (Link("uc-a", "data-bu", table=1, note="x" * 300), "note_too_long"),
    ]:
        with pytest.raises(WorkshopError) as caught:
            check_link(bad, use_cases=CARDS, data=data)
        assert caught.value.key == key


def test_the_same_link_by_the_same_maker_counts_once() -> None:
    links = [
        Link("uc-a", "data-bu", participant="p1"),
        Link("uc-a", "data-bu", participant="p1", note="encore"),
        Link("uc-a", "data-bu", table=3),
        Link("uc-a", "data-hy", table=3),
    ]
    assert link_counts(links) == {("uc-a", "data-bu"): 2, ("uc-a", "data-hy"): 1}


def test_proposals_are_checked() -> None:
    data = {"data-bu"}
    kept = check_proposal(
        Proposal("", "  Îlots   de fraîcheur ", data=("data-bu",), table=1), data=data, blanks=set()
    )
    assert kept.title == "Îlots de fraîcheur"
    for bad, key in [
        (Proposal("", "Ab", table=1), "proposal_title"),
        (Proposal("", "Titre", data=("data-zz",), table=1), "proposal_unknown_data"),
        (Proposal("", "Titre", data=("data-bu", "data-bu"), table=1), "proposal_data_twice"),
        (Proposal("", "Titre", blank="blank-x", table=1), "proposal_unknown_blank"),
        (Proposal("", "Titre"), "proposal_no_author"),
    ]:
        with pytest.raises(WorkshopError) as caught:
            check_proposal(bad, data=data, blanks=set())
        assert caught.value.key == key


def test_phases_run_in_order() -> None:
    assert [p.value for p in Phase] == ["discover", "link", "propose", "vote", "results"]
    assert Phase.discover.next is Phase.link
    assert Phase.results.next is None
    assert Phase.vote.label.get("en") == "Voting the top 10"


def test_poll_settings_are_checked() -> None:
    with pytest.raises(WorkshopError, match="« Top 10! » ne peut pas nommer un vote"):
        check_poll(Poll("Top 10!", RANKED.title, Method.ranked, Subject.uc))
    with pytest.raises(WorkshopError, match="0 gommettes : de 1 à 100 par participant"):
        check_poll(Poll("g", RANKED.title, Method.dots, Subject.uc, dots=0))
    with pytest.raises(WorkshopError, match="k = 0 : de 1 à 50 cartes par bulletin"):
        check_poll(Poll("u", RANKED.title, Method.ranked, Subject.uc, k=0))
    assert check_poll(DOTS) == DOTS


def test_codes_read_and_typed() -> None:
    session = codes.new_session_code()
    vote = codes.new_vote_code()
    assert len(session) == 6 and set(session) <= set(codes.ALPHABET)
    assert len(vote) == 9 and vote[4] == "-"
    assert codes.normalize(vote.lower().replace("-", " ")) == vote
    assert not set("01OIL") & set(codes.ALPHABET)


def test_secrets_are_kept_hashed() -> None:
    secret = codes.new_secret()
    hashed = codes.hash_secret(secret)
    assert secret not in hashed
    assert codes.check_secret(secret, hashed)
    assert not codes.check_secret(secret + "x", hashed)
    assert not codes.check_secret(secret, "garbage")


def test_a_participant_is_grouped_by_profile_or_table() -> None:
    person = Participant("p", Profile.autre, 4)
    assert (person.group("profile"), person.group("table")) == ("autre", "4")
    assert Participant("q").group("profile") is None


def test_fresh_tokens_always_name_a_participant() -> None:
    from jnt_fresque.workshop.participants import check_token, new_token

    for _ in range(2000):
        token = new_token()
        assert check_token(token) == token
