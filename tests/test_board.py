"""The live board's rules: what a table may draw, when, and what its screens are shown.

The store's rules are exercised directly; the pages through AppTest, driven by widget
keys (the board itself is a browser component: `test_board_browser.py` taps it).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from jnt_fresque.app.cardboard import board_data, tiles_data, tiles_poll
from jnt_fresque.app.resources import store
from jnt_fresque.store import Store, boards
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.errors import WorkshopError
from tests._app import APP, TIMEOUT, app_db

__all__ = ["app_db"]


@pytest.fixture
def linking(tmp_path: Any) -> Any:
    """A session in its linking phase with three people: two at table 4, one alone."""
    with Store(f"sqlite:///{tmp_path / 'board.sqlite'}") as found:
        session, _ = found.create_session("Plateau")
        found.set_phase(session.code, "link")
        for token, table in (("ana", 4), ("ben", 4), ("cloe", None)):
            found.join(session.code, token=token, table=table)
        yield found, session.code


def test_a_table_shares_one_board_and_a_lone_participant_has_their_own(linking: Any) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    boards.link(found, code, "ben", "uc-inondation", "data-el", "cote des digues")
    boards.link(found, code, "cloe", "uc-geothermie", "data-ge")
    table = boards.read(found, code, "t:4")
    assert {(x.use_case, x.data) for x in table.links} == {
        ("uc-inondation", "data-hy"),
        ("uc-inondation", "data-el"),
    }
    assert "uc-inondation" in table.layout  # the use case landed on the board
    alone = boards.read(found, code, "p:cloe")
    assert [(x.use_case, x.data) for x in alone.links] == [("uc-geothermie", "data-ge")]
    assert set(boards.read_all(found, code)) == {"t:4", "p:cloe"}


def test_every_change_moves_the_boards_version_and_only_its_own(linking: Any) -> None:
    found, code = linking
    assert boards.version(found, code, "t:4") == 0
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    boards.place(found, code, "ben", "data-hy", 600, 300)
    boards.annotate(found, code, "ben", "uc-inondation", "data-hy", "crues de 2016")
    assert boards.version(found, code, "t:4") == 3
    boards.link(found, code, "cloe", "uc-geothermie", "data-ge")
    assert boards.version(found, code, "t:4") == 3  # another board's change: no redraw here
    assert boards.unlink(found, code, "ana", "uc-inondation", "data-hy")
    assert boards.version(found, code, "t:4") == 4
    assert not boards.unlink(found, code, "ana", "uc-inondation", "data-hy")
    assert boards.version(found, code, "t:4") == 4


@pytest.mark.parametrize("phase", ["discover", "vote", "results"])
def test_the_board_is_frozen_outside_the_linking_phases(linking: Any, phase: str) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    found.set_phase(code, phase)
    for change in (
        lambda: boards.link(found, code, "ana", "uc-geothermie", "data-ge"),
        lambda: boards.unlink(found, code, "ana", "uc-inondation", "data-hy"),
        lambda: boards.annotate(found, code, "ana", "uc-inondation", "data-hy", "x"),
        lambda: boards.place(found, code, "ana", "uc-inondation", 10, 10),
    ):
        with pytest.raises(WorkshopError) as refused:
            change()
        assert refused.value.key == "board_phase"
        assert "« liens » et « propositions »" in refused.value.message
    assert len(found.links(code)) == 1  # nothing lost, nothing added


def test_a_closed_session_keeps_its_board(linking: Any) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    found.set_closed(code, True)
    with pytest.raises(WorkshopError):
        boards.unlink(found, code, "ana", "uc-inondation", "data-hy")
    assert len(found.links(code)) == 1


def test_bad_links_are_refused_with_what_is_wrong(linking: Any) -> None:
    found, code = linking
    cases = [
        (("uc-nulle-part", "data-hy"), "n’est ni un cas d’usage du jeu ni une carte proposée"),
        (("uc-inondation", "data-zz"), "n’est pas une carte données"),
        (("data-hy", "uc-inondation"), "n’est ni un cas d’usage"),
    ]
    for (uc, data), said in cases:
        with pytest.raises(WorkshopError, match=said):
            boards.link(found, code, "ana", uc, data)
    with pytest.raises(WorkshopError, match="rejoignez d’abord"):
        boards.link(found, code, "inconnu", "uc-inondation", "data-hy")
    with pytest.raises(WorkshopError, match="n’est pas une carte des jeux"):
        boards.place(found, code, "ana", "<script>", 1, 1)
    assert found.links(code) == ()


def test_a_duplicate_link_is_refused_and_never_doubled(linking: Any) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    with pytest.raises(WorkshopError, match="déjà sur le plateau"):
        boards.link(found, code, "ben", "uc-inondation", "data-hy")
    with pytest.raises(WorkshopError, match="déjà sur le plateau"):
        boards.link(found, code, "ana", "uc-inondation", "data-hy")
    assert len(found.links(code)) == 1
    # Another table drawing the same pair is another link: the room counts the tables.
    found.join(code, token="dan", table=5)
    boards.link(found, code, "dan", "uc-inondation", "data-hy")
    assert len(found.links(code)) == 2


def test_notes_too_long_are_refused_and_markup_stays_plain_text(linking: Any) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    with pytest.raises(WorkshopError, match="280 caractères au plus"):
        boards.annotate(found, code, "ben", "uc-inondation", "data-hy", "x" * 100_000)
    with pytest.raises(WorkshopError, match="280 caractères au plus"):
        boards.link(found, code, "ana", "uc-geothermie", "data-ge", "y" * 100_000)
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    kept = boards.annotate(found, code, "ben", "uc-inondation", "data-hy", hostile)
    assert kept == hostile  # stored as written: the board sets it as text, never as HTML
    (link,) = boards.read(found, code, "t:4").links
    assert link.note == hostile
    with pytest.raises(WorkshopError, match="n’est plus sur le plateau"):
        boards.annotate(found, code, "ben", "uc-geothermie", "data-ge", "ok")


def test_places_are_clamped_to_the_board_and_use_cases_come_off(linking: Any) -> None:
    found, code = linking
    assert boards.place(found, code, "ana", "data-hy", -50, 99_999) == (0.0, boards.HEIGHT)
    where = boards.place(found, code, "ana", "uc-inondation")
    assert boards.read(found, code, "t:4").layout["uc-inondation"] == where
    boards.unplace(found, code, "ben", "uc-inondation")
    assert "uc-inondation" not in boards.read(found, code, "t:4").layout


def test_two_people_drawing_at_once_lose_nothing(linking: Any) -> None:
    found, code = linking
    pairs = {
        "ana": [("uc-inondation", d) for d in ("data-hy", "data-el", "data-lc", "data-nz")],
        "ben": [("uc-geothermie", d) for d in ("data-ge", "data-er", "data-el", "data-bu")],
    }
    errors: list[BaseException] = []

    def draw(token: str) -> None:
        try:
            for uc, d in pairs[token]:
                boards.link(found, code, token, uc, d)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=draw, args=(token,)) for token in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    view = boards.read(found, code, "t:4")
    assert len(view.links) == 8
    assert view.version == 8


def test_the_answer_key_is_shown_only_when_the_facilitator_says(linking: Any) -> None:
    found, code = linking
    boards.link(found, code, "ana", "uc-inondation", "data-hy")
    before = boards.version(found, code, "t:4")
    assert not boards.read(found, code, "t:4").key_shown
    boards.set_key_shown(found, code, True)
    assert boards.read(found, code, "t:4").key_shown
    assert boards.version(found, code, "t:4") == before + 1  # the table's screens redraw


def test_the_board_component_gets_cards_as_printed_and_plain_notes() -> None:
    view = boards.BoardView("t:1", 3, (Link("uc-inondation", "data-hy", "a", 1, "<b>x</b>"),))
    drawn = board_data(view, lang="en", editable=True)
    data = {c["id"]: c for c in drawn["data"]}
    assert data["data-hy"]["title"] == "Hydrography"
    assert data["data-hy"]["colour"].startswith("#") and data["data-hy"]["icon"]
    assert "<path" in drawn["icons"][data["data-hy"]["icon"]]
    assert drawn["links"] == [{"uc": "uc-inondation", "data": "data-hy", "note": "<b>x</b>"}]
    assert drawn["labels"]["no_results"] == "No results"
    assert board_data(view, lang="fr", editable=True)["labels"]["no_results"] == "Aucun résultat"


def test_tiles_keep_only_candidates_and_the_limit() -> None:
    poll = tiles_poll(
        "uc", ["uc-a", "uc-b", "uc-c"], ["uc-b", "uc-z", "uc-a"], label="Top 1", lang="fr",
        limit=1, ranked=True, titles={"uc-a": "A", "uc-b": "B"},
    )  # fmt: skip
    assert poll["chosen"] == ["uc-b"]
    assert [c["title"] for c in poll["cards"]] == ["A", "B", "uc-c"]
    data = tiles_poll(
        "data", ["data-hy"], [], label="Données", lang="fr", limit=3, ranked=False, titles={}
    )
    drawn = tiles_data([poll, data], lang="fr")
    # Every poll of the page in one set of tiles, in the page's order, with the data
    # cards' theme icons and the tiles' words.
    assert [p["id"] for p in drawn["polls"]] == ["uc", "data"]
    assert data["cards"][0]["icon"] in drawn["icons"]
    assert drawn["labels"]["search"] == "Chercher une carte"


# --- the pages ------------------------------------------------------------------------


def _participant(code: str, table: int | None = None) -> tuple[AppTest, str]:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["session"] = code
    at.run()
    if table is not None:
        at.number_input(key="join_table").set_value(table)
    at.button(key="join_submit").click().run()
    assert not at.exception
    token = str(at.query_params["p"])
    return at, token


def _board_data(at: AppTest) -> dict[str, Any]:
    import json

    def walk(node: Any) -> Any:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") == "bidi_component" and proto is not None:
            found = json.loads(proto.bytes or proto.json or proto.mixed.json)
            return json.loads(found) if isinstance(found, str) else found
        for child in getattr(node, "children", {}).values():
            found = walk(child)
            if found is not None:
                return found
        return None

    found = walk(at.main)
    assert found is not None, "no board on the page"
    return dict(found)


def test_the_board_page_shows_the_tables_links_and_edits_the_chosen_one(app_db: str) -> None:
    session, _ = store().create_session("Plateau")
    at, _ = _participant(session.code, table=2)
    at.switch_page("pages/plateau.py").run()
    assert "phase" in at.info[0].value
    store().set_phase(session.code, "link")
    _, other = _participant(session.code, table=2)
    boards.link(store(), session.code, other, "uc-inondation", "data-hy")
    at.run()
    assert at.subheader[0].value == "Table 2"
    drawn = _board_data(at)
    assert drawn["editable"] and [x["data"] for x in drawn["links"]] == ["data-hy"]
    # A tapped link opens its editor: a note, then the link removed.
    at.session_state["board_chosen"] = ("uc-inondation", "data-hy")
    at.run()
    at.text_input(key="board_note:uc-inondation:data-hy").input("<i>cote</i>")
    at.button(key="board_note_save").click().run()
    assert [x.note for x in store().links(session.code)] == ["<i>cote</i>"]
    assert "Note enregistrée." in [s.value for s in at.success]
    at.button(key="board_unlink").click().run()
    assert store().links(session.code) == ()
    assert _board_data(at)["links"] == []


def test_the_answer_key_appears_on_the_board_when_switched_on(app_db: str) -> None:
    session, _ = store().create_session("Corrigé")
    store().set_phase(session.code, "link")
    at, token = _participant(session.code, table=1)
    boards.link(store(), session.code, token, "uc-inondation", "data-hy")
    at.switch_page("pages/plateau.py").run()
    # Before the facilitator shows it, nothing on the page gives the answer key away.
    assert not any("Score de la table" in m.value for m in at.markdown)
    assert _board_data(at)["key"] is None
    assert not at.dataframe
    boards.set_key_shown(store(), session.code, True)
    at.run()
    texts = [m.value for m in at.markdown]
    assert any("Score de la table : 1 sur" in t for t in texts), texts
    assert any("il manque" in t for t in texts)
    key = _board_data(at)["key"]["uc-inondation"]
    assert "data-hy" in key["needed"] and "data-hy" not in key["missing"]


def test_vote_tiles_take_only_known_cards_up_to_the_limit(app_db: str) -> None:
    session, _ = store().create_session("Vote")
    store().set_phase(session.code, "vote")
    at, token = _participant(session.code)
    at.switch_page("pages/voter.py").run()
    ucs = [c.id for c in store().decks.cards("uc")]
    at.session_state["vote_ballot"] = {"chosen": {"uc": ["uc-pirate", *ucs[:12]]}}
    at.button(key="vote_submit").click().run()
    assert any("Vote enregistré" in s.value for s in at.success)
    ballots = {b.poll: b.choices for b in store().snapshot(session.code).ballots}
    assert ballots["uc"] == tuple(ucs[:10])
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)  # a reload keeps the ballot
    at.query_params.update({"session": session.code, "p": token})
    at.switch_page("pages/voter.py").run()
    assert at.session_state["vote_ballot"]["chosen"]["uc"] == list(ucs[:10])


def test_the_facilitator_wall_shows_every_table_and_the_room(app_db: str) -> None:
    session, secret = store().create_session("Mur")
    store().set_phase(session.code, "link")
    for table in (1, 2):
        _, token = _participant(session.code, table=table)
        boards.link(store(), session.code, token, "uc-inondation", "data-hy")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["session"] = session.code
    at.switch_page("pages/animation.py").run()
    at.text_input(key="fac_secret").input(secret)
    at.button(key="fac_login").click().run()
    texts = " ".join(m.value for m in at.markdown)
    assert "**Table 1** — liens : 1" in texts and "**Table 2** — liens : 1" in texts
    assert any(s.value == "Le plateau de la salle" for s in at.subheader)
    at.toggle(key="fac_key").set_value(True).run()
    assert boards.key_shown(store(), session.code)
