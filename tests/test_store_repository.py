"""The store keeps the rules: one ballot per participant and poll, refusals write
nothing, sheets are all or nothing and idempotent — on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jnt_fresque.i18n import Text
from jnt_fresque.store import Store
from jnt_fresque.workshop import Link, Phase, Profile, Proposal
from jnt_fresque.workshop.errors import RowsRefused, WorkshopError
from jnt_fresque.workshop.polls import Method, Poll, Subject

UC = ["uc-inondation", "uc-ilots-de-chaleur", "uc-mobilite-transports", "uc-eclairage-public"]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened


@pytest.fixture
def code(store: Store) -> str:
    return store.create_session("Atelier d’essai", date="2025-06-12")[0].code


def test_a_new_session_has_two_open_polls_and_a_secret(store: Store) -> None:
    session, secret = store.create_session("  Atelier   VirtualTer ")
    assert session.title == "Atelier VirtualTer"
    assert [(p.id, p.open) for p in store.polls(session.code)] == [("uc", True), ("data", True)]
    assert store.check_secret(session.code, secret)
    assert not store.check_secret(session.code, "wrong")
    assert store.session(session.code.lower()).code == session.code  # codes are typed any case
    assert session.decks["cas-usage"] == store.decks["cas-usage"].manifest.version


def test_a_resubmitted_ballot_replaces_the_first(store: Store, code: str) -> None:
    assert store.submit_ballot(code, "uc", "p1", UC[:2]) == "added"
    assert store.submit_ballot(code, "uc", "p1", UC[:2]) == "unchanged"
    assert store.submit_ballot(code, "uc", "p1", UC[2:]) == "replaced"
    assert store.submit_ballot(code, "data", "p1", ["data-hy"]) == "added"
    ballots = store.snapshot(code).ballots
    assert [(b.poll, b.participant, b.choices) for b in ballots] == [
        ("uc", "p1", tuple(UC[2:])),
        ("data", "p1", ("data-hy",)),
    ]


def test_a_page_reads_the_polls_with_one_participant_s_ballots(store: Store, code: str) -> None:
    alice = store.join(code).token
    bob = store.join(code).token
    store.submit_ballots(code, alice, {"uc": UC[:2], "data": ["data-hy"]})
    store.submit_ballots(code, bob, {"uc": UC[2:3]})
    mine = store.status(code, polls=True, token=bob)
    assert [p.id for p in mine.polls] == ["uc", "data"]
    assert dict(mine.ballots) == {"uc": (UC[2],)}  # Bob's, never Alice's
    assert dict(store.status(code, polls=True, token=alice).ballots) == {
        "uc": tuple(UC[:2]),
        "data": ("data-hy",),
    }
    stranger = store.status(code, polls=True, token="nobody-here-yet")
    assert [p.id for p in stranger.polls] == ["uc", "data"] and not stranger.ballots
    assert dict(store.status(code, token=alice).ballots) == dict(
        store.status(code, polls=True, token=alice).ballots
    )


def test_a_refused_ballot_writes_nothing(store: Store, code: str) -> None:
    store.submit_ballot(code, "uc", "p1", UC[:1])
    before = store.snapshot(code)
    eleven = [card.id for card in store.decks.cards("uc")][:11]
    for choices, reason in (
        ([UC[0], UC[0]], "carte choisie deux fois : « uc-inondation »"),
        (["uc-nope"], "cartes inconnues pour ce vote : « uc-nope »"),
        (eleven, "11 cartes, 10 au plus"),
        ([], "aucune carte choisie"),
        (
            ["data-hy"],
            "cartes inconnues pour ce vote : « data-hy » \\(attendu : des cas d’usage\\)",
        ),
    ):
        with pytest.raises(WorkshopError, match="bulletin refusé pour le vote « uc » : " + reason):
            store.submit_ballot(code, "uc", "p1", choices)
    with pytest.raises(WorkshopError, match="cartes inconnues pour ce vote : « uc-nope »"):
        store.submit_ballot(code, "uc", "p2", ["uc-nope"])
    after = store.snapshot(code)
    assert after.ballots == before.ballots
    assert after.participants == before.participants  # p2 was not created either


def test_a_closed_poll_or_session_takes_no_ballot(store: Store, code: str) -> None:
    store.set_poll_open(code, "uc", False)
    with pytest.raises(WorkshopError, match="le vote « uc » est clos"):
        store.submit_ballot(code, "uc", "p1", UC[:1])
    assert store.submit_ballot(code, "data", "p1", ["data-bu"]) == "added"
    store.set_closed(code, True)
    with pytest.raises(WorkshopError, match="est close"):
        store.submit_ballot(code, "data", "p1", ["data-hy"])
    store.set_closed(code, False)
    assert store.submit_ballot(code, "data", "p1", ["data-hy"]) == "replaced"


def test_the_results_phase_closes_every_poll(store: Store, code: str) -> None:
    assert store.set_phase(code, "vote").phase is Phase.vote
    store.set_phase(code, Phase.results)
    assert [p.open for p in store.polls(code)] == [False, False]
    with pytest.raises(WorkshopError, match="phase inconnue"):
        store.set_phase(code, "dessert")


def test_unknown_session_and_poll(store: Store, code: str) -> None:
    with pytest.raises(WorkshopError, match="session « ZZZZZZ » introuvable"):
        store.snapshot("ZZZZZZ")
    with pytest.raises(
        WorkshopError, match="vote inconnu « top » ; votes de la session : uc, data"
    ):
        store.submit_ballot(code, "top", "p1", UC[:1])


def test_a_poll_over_proposed_cards(store: Store, code: str) -> None:
    proposal = store.propose(
        code, Proposal("", "Fraîcheur des cours d’école", data=("data-lc",), table=2)
    )
    assert proposal.id.startswith("prop-")
    store.add_poll(
        code, Poll("props", Text(fr="Top", en="Top"), Method.approval, Subject.proposed, k=3)
    )
    assert store.submit_ballot(code, "props", "p1", [proposal.id]) == "added"
    with pytest.raises(WorkshopError, match=f"cartes inconnues pour ce vote : « {UC[0]} »"):
        store.submit_ballot(code, "props", "p1", UC[:1])
    with pytest.raises(WorkshopError, match="existe déjà"):
        store.add_poll(code, Poll("props", Text(fr="T", en="T"), Method.approval, Subject.proposed))


def test_links_on_the_board(store: Store, code: str) -> None:
    assert store.add_link(code, Link(UC[0], "data-hy", table=1)) == "added"
    assert store.add_link(code, Link(UC[0], "data-hy", table=1)) == "unchanged"
    assert store.add_link(code, Link(UC[0], "data-hy", table=1, note="crues")) == "replaced"
    assert store.add_link(code, Link(UC[0], "data-hy", participant="p1")) == "added"
    with pytest.raises(WorkshopError, match="« data-zz » n’est pas une carte données"):
        store.add_link(code, Link(UC[0], "data-zz", table=1))
    assert [(x.maker, x.note) for x in store.snapshot(code).links] == [
        ("t:1", "crues"),
        ("p:p1", ""),
    ]
    assert store.remove_link(code, Link(UC[0], "data-hy", participant="p1"))
    assert not store.remove_link(code, Link(UC[0], "data-hy", participant="p1"))


def test_voting_codes_are_single_use_and_then_required(store: Store, code: str) -> None:
    issued = store.issue_vote_codes(code, 3)
    assert len(set(issued)) == 3
    with pytest.raises(WorkshopError, match="code de vote imprimé"):
        store.join(code)
    person = store.join(code, vote_code=issued[0].lower(), profile=Profile.entreprise, table=2)
    assert person.token == issued[0]
    with pytest.raises(WorkshopError, match="a déjà servi"):
        store.join(code, vote_code=issued[0])
    with pytest.raises(WorkshopError, match="inconnu"):
        store.join(code, vote_code="AAAA-AAAA")
    assert store.submit_ballot(code, "uc", person.token, UC[:1]) == "added"
    with pytest.raises(WorkshopError, match="n’est pas un code de vote"):
        store.submit_ballot(code, "uc", "someone-else", UC[:1])
    assert [v.used_at != "" for v in store.snapshot(code).vote_codes] == [True, False, False]


SHEET = [
    (2, {"participant": "P1", "profile": "Collectivité", "table": "3", "poll": "uc", "choices": ";".join(UC[:3])}),
    (3, {"participant": "P1", "profile": "Collectivité", "table": "3", "poll": "data", "choices": "data-hy;data-bu"}),
    (4, {"participant": "P2", "profile": "étudiant", "table": "", "poll": "uc", "choices": UC[3]}),
]  # fmt: skip


def test_a_paper_sheet_is_imported_once_however_often_it_is_imported(
    store: Store, code: str
) -> None:
    first = store.import_ballots(code, SHEET)
    assert (first.added, first.replaced, first.unchanged, first.participants) == (3, 0, 0, 2)
    before = store.snapshot(code)
    again = store.import_ballots(code, SHEET)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 3)
    after = store.snapshot(code)
    assert after.ballots == before.ballots and after.participants == before.participants
    assert after.participant("P1").profile is Profile.collectivite
    assert after.participant("P1").table == 3


def test_a_sheet_with_bad_rows_is_refused_whole_with_every_bad_line(
    store: Store, code: str
) -> None:
    bad = [
        *SHEET,
        (5, {"participant": "P3", "poll": "uc", "choices": "uc-nope"}),
        (6, {"participant": "", "poll": "uc", "choices": UC[0]}),
        (7, {"participant": "P1", "profile": "Collectivité", "table": "3", "poll": "uc", "choices": UC[0]}),
        (8, {"participant": "P4", "profile": "pirate", "poll": "uc", "choices": UC[0]}),
    ]  # fmt: skip
    with pytest.raises(RowsRefused) as caught:
        store.import_ballots(code, bad)
    assert [p.line for p in caught.value.problems] == [5, 6, 7, 8]
    assert "ligne 2" in caught.value.problems[2].message
    snapshot = store.snapshot(code)
    assert snapshot.ballots == () and snapshot.participants == ()


def test_sheets_of_links_and_proposals(store: Store, code: str) -> None:
    links = [
        (2, {"table": "1", "use_case": UC[0], "data": "data-hy", "note": "crues"}),
        (3, {"participant": "P1", "use_case": UC[0], "data": "data-bu"}),
    ]
    assert store.import_links(code, links).added == 2
    assert store.import_links(code, links).unchanged == 2
    proposals = [
        (2, {"table": "4", "title": "Fraîcheur des cours", "pitch": "", "data": "data-lc;data-bu"})
    ]
    assert store.import_proposals(code, proposals).added == 1
    assert store.import_proposals(code, proposals).unchanged == 1
    with pytest.raises(RowsRefused):
        store.import_links(code, [(2, {"use_case": UC[0], "data": "data-hy"})])  # no maker
    snapshot = store.snapshot(code)
    assert len(snapshot.links) == 2 and len(snapshot.proposals) == 1


def test_sessions_are_listed_with_their_counts(store: Store, code: str) -> None:
    store.submit_ballot(code, "uc", "p1", UC[:1])
    store.add_link(code, Link(UC[0], "data-hy", table=1))
    other = store.create_session("Autre")[0]
    listed = {s.session.code: s for s in store.sessions()}
    assert (listed[code].participants, listed[code].ballots, listed[code].links) == (1, 1, 1)
    assert listed[other.code].ballots == 0


def test_a_snapshot_restores_into_another_store(store: Store, code: str) -> None:
    store.import_ballots(code, SHEET)
    store.add_link(code, Link(UC[0], "data-hy", participant="P1", note="n"))
    store.propose(code, Proposal("", "Une idée neuve", data=("data-bu",), participant="P2"))
    store.issue_vote_codes(code, 2)
    snapshot = store.snapshot(code)
    with pytest.raises(WorkshopError, match="existe déjà"):
        store.restore(snapshot)
    copy = store.restore(snapshot, new_code=True)
    again = store.snapshot(copy.code)
    assert again.session.title == snapshot.session.title and copy.code != code
    assert [(b.poll, b.participant, b.choices) for b in again.ballots] == [
        (b.poll, b.participant, b.choices) for b in snapshot.ballots
    ]
    assert again.links == snapshot.links
    assert [p.id for p in again.proposals] == [p.id for p in snapshot.proposals]
    assert again.participants == snapshot.participants
    assert again.vote_codes == snapshot.vote_codes


def test_a_paper_ballot_spends_its_code(store: Store, code: str) -> None:
    issued = store.issue_vote_codes(code, 2)
    sheet = [(2, {"participant": issued[0].lower(), "poll": "uc", "choices": UC[0]})]
    assert store.import_ballots(code, sheet).added == 1
    with pytest.raises(WorkshopError, match="a déjà servi"):
        store.join(code, vote_code=issued[0])
    assert store.join(code, vote_code=issued[1]).token == issued[1]


def test_the_default_store_is_a_sqlite_file_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jnt_fresque.store import database_url

    monkeypatch.delenv("JNT_FRESQUE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / 'jnt-fresque' / 'atelier.sqlite'}"
    assert (tmp_path / "jnt-fresque").is_dir()
    monkeypatch.setenv("JNT_FRESQUE_DB", "postgresql://jnt@db.example/atelier")
    assert database_url() == "postgresql+psycopg://jnt@db.example/atelier"
    assert database_url(str(tmp_path / "a.sqlite")) == f"sqlite:///{tmp_path / 'a.sqlite'}"


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'a.sqlite'}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
