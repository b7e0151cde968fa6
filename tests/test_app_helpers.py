"""The app's helpers, without Streamlit: identity, phases, ballots, pictures, the command."""

from __future__ import annotations

import pytest

from jnt_fresque.app import server
from jnt_fresque.app.ballots import card_order, dots_ballot, dots_of, saved_ballots
from jnt_fresque.app.board_picture import board_dot, coverage_rows, expected_links, links_of
from jnt_fresque.app.catalogue import details, search
from jnt_fresque.app.guards import may_link, may_propose, may_vote, open_polls
from jnt_fresque.app.polls import proposed_poll, session_polls
from jnt_fresque.app.projector import comparison_rows, ranking_bars, shows_figures
from jnt_fresque.app.text import refusal, say
from jnt_fresque.app.visitor import Visitor, fresh_token
from jnt_fresque.store import Store
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import TOKEN
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Method, default_polls
from jnt_fresque.workshop.session import Session
from jnt_fresque.workshop.tallies import tally


def test_visitor_from_address_ignores_what_is_not_ours() -> None:
    assert Visitor.from_query({"session": "k7mq2x", "p": "<script>", "lang": "de"}) == Visitor(
        "K7MQ2X", None, "fr"
    )
    found = Visitor("K7MQ2X", "tok", "en")
    assert Visitor.from_query(found.query()) == found
    assert all(TOKEN.match(fresh_token()) for _ in range(500))


def test_phases_decide_what_participants_may_do() -> None:
    def session(phase: Phase, closed: bool = False) -> Session:
        return Session("K7MQ2X", "Essai", "2025-06-12", phase=phase, closed=closed)

    assert [may_link(session(p)) for p in Phase] == [False, True, True, False, False]
    assert [may_propose(session(p)) for p in Phase] == [False, False, True, False, False]
    assert [may_vote(session(p)) for p in Phase] == [False, False, False, True, False]
    assert not may_vote(session(Phase.vote, closed=True))
    polls = default_polls()
    assert open_polls([polls[0].closed(), polls[1]]) == [polls[1]]


def test_card_order_is_a_stable_permutation() -> None:
    ids = [f"uc-{n}" for n in range(30)]
    first = card_order("alice", "uc", ids)
    assert sorted(first) == sorted(ids) and first == card_order("alice", "uc", reversed(ids))
    assert first != card_order("alice", "data", ids)
    assert dots_of(dots_ballot({"a": 3, "b": 1})) == {"a": 3, "b": 1}


def test_saved_ballots_reads_one_participant() -> None:
    store = Store("sqlite://")
    session, _ = store.create_session("Essai")
    store.submit_ballot(session.code, "uc", "alice", ["uc-inondation"])
    store.submit_ballot(session.code, "uc", "bob", ["uc-geothermie"])
    assert saved_ballots(store, session.code.lower(), "alice") == {"uc": ("uc-inondation",)}
    assert saved_ballots(store, session.code, "nobody") == {}


def test_board_picture_escapes_titles_and_weights_edges() -> None:
    links = [Link("uc-a", "data-bu", table=1), Link("uc-a", "data-bu", table=2)]
    dot = board_dot(links, lambda card: 'say "hi" \\ ' + card)
    assert '\\"hi\\"' in dot and "penwidth=3" in dot
    assert links_of(links, table=2) == [links[1]]
    assert links_of(links, participant="nobody") == []


def test_coverage_rows_mark_expected_links() -> None:
    from jnt_fresque import default_decks

    expected = expected_links(default_decks().cards("uc"))
    assert expected[("uc-inondation", "data-hy")] == "primary"
    rows = coverage_rows([Link("uc-inondation", "data-el", table=1)], expected, str)
    assert rows[0]["data-el"] == "1" and rows[0]["data-hy"] == "●"


def test_projector_ranking_and_hiding() -> None:
    poll = default_polls()[0]
    ballots = [
        Ballot("uc", "a", ("uc-inondation", "uc-geothermie")),
        Ballot("uc", "b", ("uc-inondation",)),
    ]
    counted = tally(poll, ballots)
    bars = ranking_bars(counted, str)
    assert [b.label for b in bars] == ["01. uc-inondation", "02. uc-geothermie"]
    rows = comparison_rows(counted, str, lambda key: say(key, "en"))
    assert rows[0]["Card"] == "uc-inondation" and rows[0]["Approval"] == 2
    assert not shows_figures(poll, hidden=True) and shows_figures(poll.closed(), hidden=True)
    assert shows_figures(poll, hidden=False)


def test_search_ignores_accents_and_details_follow_language() -> None:
    from jnt_fresque import default_decks

    cards = default_decks().cards("data")
    found = [c.id for c in search(cards, "BÂTIMENTS", "fr")]
    assert "data-bu" in found and len(found) < len(cards)
    assert search(cards, "zzz nothing", "fr") == []
    assert details(default_decks().card("uc-inondation"), "en")[0][0] == "pitch"


def test_polls_follow_the_facilitator_choice() -> None:
    polls = session_polls("dots", dots=7)
    assert [(p.method, p.dots) for p in polls] == [(Method.dots, 7), (Method.dots, 7)]
    assert proposed_poll(Method.approval).subject.value == "proposed"


def test_refusals_are_worded_for_the_app() -> None:
    assert "ZZZ" in refusal(WorkshopError("unknown_session", code="ZZZ"), "en")
    assert "jnt-fresque" not in refusal(WorkshopError("unknown_session", code="ZZZ"), "fr")


def test_join_address_and_settings() -> None:
    assert server.join_url("10.0.0.2", 8600, "K7MQ2X") == "http://10.0.0.2:8600/?session=K7MQ2X"
    args = server.command(8600, address="127.0.0.1")
    assert "--runner.postScriptGC=false" in args and "--server.fileWatcherType=none" in args
    assert "--browser.gatherUsageStats=false" in args
    assert server.app_script().name == "atelier.py"
    assert "█" in server.terminal_qr("http://10.0.0.2:8600/")


def test_atelier_command_prints_address_qr_and_secret(
    cli: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jnt_fresque.cli import atelier

    seen: dict[str, object] = {}

    def fake_serve(args: list[str], env: dict[str, str]) -> int:
        seen["args"], seen["env"] = args, env
        return 0

    monkeypatch.setattr(atelier, "serve", fake_serve)
    url = f"sqlite:///{tmp_path}/a.sqlite"
    result = cli("atelier", "--port", "8765", "--db", url, "--title", "Salle B")  # type: ignore[operator]
    assert result.code == 0, result.err
    assert ":8765/?session=" in result.out and "█" in result.out
    assert "Secret d’animation" in result.out
    assert seen["env"]["JNT_FRESQUE_DB"] == url  # type: ignore[index]
    assert "--server.port=8765" in seen["args"]  # type: ignore[operator]
    code = Store(url).sessions()[0].session.code
    again = cli("atelier", "--db", url, "--session", code)  # type: ignore[operator]
    assert again.code == 0 and "reprise" in again.out
    wrong = cli("atelier", "--db", url, "--session", "NOPE99")  # type: ignore[operator]
    assert wrong.code == 2


def test_serve_returns_the_server_exit_code() -> None:
    import os
    import sys

    from jnt_fresque.cli.atelier import serve

    assert serve([sys.executable, "-c", "raise SystemExit(3)"], dict(os.environ)) == 3
