"""Campaigns: a workshop and a survey read as one ranking, with the comparison of the two,
one voice per invited member, deck versions pooled on shared cards, and every output."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jnt_fresque.store import Store
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.campaign import Campaign, Part, pool
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.invitations import Member
from jnt_fresque.workshop.polls import default_polls
from jnt_fresque.workshop.session import Session
from jnt_fresque.workshop.snapshot import Snapshot
from jnt_fresque.workshop.tallies import tally

from ._pdf import page_text, squash
from .conftest import Result

Cli = Callable[..., Result]
A, B, C, D = "uc-inondation", "uc-ilots-de-chaleur", "uc-mobilite-transports", "uc-eclairage-public"


def _later(days: float = 2) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).isoformat(timespec="seconds")


def _fill(store: Store) -> tuple[str, str]:
    """A workshop whose room puts A first, and a survey whose members put C first."""
    room, _ = store.create_session("Atelier VirtualTer")
    for n, choices in enumerate([[A, B, C], [A, C, B], [B, A, D], [A, B]]):
        store.submit_ballot(room.code, "uc", f"salle{n}", choices)
    survey, _ = store.create_session("Enquête du GT", closes_at=_later())
    given = store.invite(survey.code, [Member(f"M{n}", f"membre{n}@exemple.fr") for n in range(3)])
    for (_, code), choices in zip(given, [[C, D, A], [C, A], [D, C, B]], strict=True):
        store.join(survey.code, vote_code=code)
        store.submit_ballot(survey.code, "uc", code, choices)
    store.create_campaign("gt-jnt", "GT JNT MINnD")
    store.add_to_campaign("gt-jnt", [room.code, survey.code])
    return room.code, survey.code


def test_a_workshop_and_a_survey_give_one_pooled_ranking_with_their_comparison() -> None:
    with Store("sqlite://") as store:
        room, survey = _fill(store)
        campaign, parts = store.campaign_parts("gt-jnt")
    pooled = pool(campaign, parts, resamples=50)
    uc = pooled.polls["uc"]
    everything = [b for p in parts for b in p.snapshot.ballots_of("uc")]
    expected = tally(default_polls()[0], everything)
    assert [(s.card, s.rank, s.borda) for s in uc.results.tally.scores] == [
        (s.card, s.rank, s.borda) for s in expected.scores
    ]
    assert uc.results.tally.ballots == 7 and uc.merged == 0
    assert uc.by_session[room].scores[0].card == A
    assert uc.by_session[survey].scores[0].card == C
    assert set(uc.results.stability) == {A, B, C, D}
    assert pooled.default_sides() == ("rooms", "surveys")
    compared = pooled.compare("uc", "rooms", "surveys", count=None)
    moved = {c.card: (c.rank_a, c.rank_b) for c in compared.changes}
    assert moved[A] == (1, 3) and moved[C] == (3, 1)
    assert compared.tau is not None and compared.tau < 0.5


def test_a_member_answering_two_surveys_counts_once_with_the_latest_ballot() -> None:
    with Store("sqlite://") as store:
        codes = []
        for title, choices in [("Enquête 1", [A, B]), ("Enquête 2", [C])]:
            survey, _ = store.create_session(title, closes_at=_later())
            ((_, code),) = store.invite(survey.code, [Member("Anne", "Anne@Exemple.fr")])
            store.join(survey.code, vote_code=code)
            store.submit_ballot(survey.code, "uc", code, choices)
            codes.append(survey.code)
        other, _ = store.create_session("Enquête 3", closes_at=_later())
        ((_, code),) = store.invite(other.code, [Member("Bruno", "bruno@exemple.fr")])
        store.submit_ballot(other.code, "uc", code, [A])
        store.create_campaign("deux-enquetes")
        store.add_to_campaign("deux-enquetes", [*codes, other.code])
        campaign, parts = store.campaign_parts("deux-enquetes")
    pooled = pool(campaign, parts, resamples=0)
    uc = pooled.polls["uc"]
    assert uc.ballots_read == 3 and uc.merged == 1
    assert uc.results.tally.ballots == 2
    # Anne's second answer (C) replaces her first (A, B); Bruno's A stands.
    assert {s.card: s.approval for s in uc.results.tally.scores} == {A: 1, C: 1}
    assert pooled.members_known


def test_sessions_on_two_deck_versions_are_pooled_on_shared_cards_only() -> None:
    poll = default_polls()[0]

    def part(code: str, version: str, cards: set[str], ballots: list[tuple[str, ...]]) -> Part:
        session = Session(code, f"Atelier {code}", "2026-06-01", {"cas-usage": version})
        snapshot = Snapshot(
            session, polls=(poll,),
            ballots=tuple(Ballot("uc", f"p{n}", c) for n, c in enumerate(ballots)),
        )  # fmt: skip
        return Part(snapshot, frozenset(cards))

    old = part("OLD234", "0.9.0", {A, B, C}, [(A, B), (C,)])
    new = part("NEW567", "1.0.0", {A, B, C, D}, [(D, A), (D,)])
    pooled = pool(Campaign("versions", "Versions", sessions=("OLD234", "NEW567")), [old, new],
                  resamples=0)  # fmt: skip
    scores = pooled.polls["uc"].results.tally.scores
    assert D not in {s.card for s in scores}
    assert pooled.dropped_cards == {"NEW567": (D,)}
    said = [n.said("fr") for n in pooled.notes]
    assert said == [
        "session NEW567 : cartes absentes d’une autre version du jeu, retirées des bulletins "
        f"réunis : {D}"
    ]
    # The ballot that named only D is no ballot once D is struck.
    assert pooled.polls["uc"].results.tally.ballots == 3


def test_a_session_on_other_decks_is_refused_and_nothing_is_added() -> None:
    with Store("sqlite://") as store:
        room, survey = _fill(store)
        other = store.restore(
            Snapshot(Session("AUTRE2", "Autre jeu", "2026-06-01", {"mon-jeu": "1.0.0"}))
        )
        fresh, _ = store.create_session("Atelier de Lille")
        store.create_campaign("nord")
        with pytest.raises(WorkshopError) as refused:
            store.add_to_campaign("nord", [fresh.code, other.code])
        assert refused.value.key == "campaign_other_decks"
        assert "AUTRE2" in refused.value.message and "rien n’a été ajouté" in refused.value.message
        assert store.campaign("nord").sessions == ()
        with pytest.raises(WorkshopError) as twice:
            store.create_campaign("nord")
        assert twice.value.key == "campaign_exists"
        with pytest.raises(WorkshopError) as unknown:
            store.add_to_campaign("gt-jnt", ["ZZZZZZ"])
        assert unknown.value.key == "unknown_session"
        assert store.campaign("gt-jnt").sessions == (room, survey)


def test_campaign_from_the_command_line(
    cli: Cli, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    with Store(db) as store:
        room, survey = _fill(store)
    listed = cli("campaign", "list", "--format", "json")
    assert json.loads(listed.out) == [
        {"name": "gt-jnt", "title": "GT JNT MINnD", "sessions": [room, survey], "ballots": 7}
    ]
    shown = cli("campaign", "show", "gt-jnt")
    assert room in shown.out and "enquête" in shown.out
    text = cli("results", "--campaign", "gt-jnt", "--poll", "uc")
    assert text.code == 0, text.err
    assert "Accord entre ateliers et enquêtes : τ de Kendall = " in text.out
    assert "compte une seule fois" in text.out
    document = json.loads(cli("results", "--campaign", "gt-jnt", "--format", "json").out)
    uc = next(p for p in document["polls"] if p["poll"] == "uc")
    assert uc["ballots"] == 7 and uc["ranking"][0]["title"]
    assert set(uc["by_session"]) == {room, survey}
    assert uc["by_session"][survey]["survey"] is True
    assert uc["comparison"]["a"] == "rooms" and uc["comparison"]["b"] == "surveys"
    pair = json.loads(
        cli("results", "--campaign", "gt-jnt", "--poll", "uc", "--compare", room, "--against",
            survey, "--format", "json").out
    )  # fmt: skip
    (only,) = pair["polls"]
    assert only["comparison"]["a"] == room and only["comparison"]["kendall_tau"] is not None
    bad = cli("results", "--campaign", "gt-jnt", "--compare", "XXXXXX", "--against", survey)
    assert bad.code == 2 and "n’est pas une session de la campagne gt-jnt" in bad.err
    missing = cli("results", "--campaign", "nulle-part")
    assert missing.code == 2 and "campagne inconnue nulle-part" in missing.err


def test_campaign_exports_and_report(cli: Cli, db: str, tmp_path: Path) -> None:
    with Store(db) as store:
        room, survey = _fill(store)
    out = tmp_path / "campagne"
    assert cli("campaign", "export", "gt-jnt", "--format", "json", "-o", f"{out}.json").code == 0
    exported = json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))
    assert len([b for b in exported["ballots"] if b["poll"] == "uc"]) == 7
    assert cli("campaign", "export", "gt-jnt", "--format", "preflib", "-o", f"{out}.soi").code == 0
    soi = Path(f"{out}-uc.soi").read_text(encoding="utf-8")
    assert "# NUMBER VOTERS: 7" in soi
    assert cli("campaign", "export", "gt-jnt", "--format", "xlsx", "-o", f"{out}.xlsx").code == 0
    assert cli("campaign", "export", "gt-jnt", "--format", "csv", "-o", f"{out}.csv").code == 0
    assert Path(f"{out}-ballots.csv").read_text(encoding="utf-8").count("\n") >= 8
    report = tmp_path / "rapport.pdf"
    made = cli("campaign", "report", "gt-jnt", "-o", str(report))
    assert made.code == 0, made.err
    text = " ".join(page_text(report))
    assert squash("La campagne") in text and squash("ateliers face à enquêtes") in text
    assert squash("τ de Kendall entre ateliers et enquêtes") in text
    assert room in text and survey in text


def test_the_campaign_page_shows_the_pooled_top_10_and_the_comparison(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    from jnt_fresque.app.resources import forget_stores

    from ._app import ROOT, TIMEOUT

    url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    monkeypatch.setenv("JNT_FRESQUE_DB", url)
    with Store(url) as store:
        _fill(store)
    page = str(ROOT / "apps" / "atelier" / "pages" / "campagne.py")
    try:
        at = AppTest.from_file(page, default_timeout=TIMEOUT)
        at.run()
        assert not at.exception, at.exception
        assert any("gt-jnt" in i.value for i in at.info)  # no campaign named: which exist
        at = AppTest.from_file(page, default_timeout=TIMEOUT)
        at.query_params["campagne"] = "gt-jnt"
        at.run()
        assert not at.exception, at.exception
        assert next(h.value for h in at.header) == "Top 10 des cas d’usage"
        assert "7 bulletins" in [c.value for c in at.caption]
        assert next(s.value for s in at.subheader) == "ateliers face à enquêtes"
        assert any("τ de Kendall" in m.value for m in at.markdown)
        at.query_params["campagne"] = "nulle-part"
        at.run()
        assert not at.exception
        assert any("campagne inconnue" in e.value for e in at.error)
    finally:
        forget_stores()
