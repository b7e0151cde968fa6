"""Every page of the workshop app, driven by its widget keys (Streamlit's AppTest)."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from jnt_fresque.app.resources import store
from jnt_fresque.workshop import Profile, Proposal
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.proposals import MAX_PITCH
from tests._app import APP, TIMEOUT, app_db, follow, menu, switch_language

__all__ = ["app_db"]


def _app(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def _types(node: Any) -> set[str]:
    """Every element type under ``node`` (charts and images have no accessor of their own)."""
    found = {getattr(node, "type", "")}
    for child in getattr(node, "children", {}).values():
        found |= _types(child)
    return found


def _tiles(at: AppTest, poll: str) -> dict[str, Any]:
    """What the ballot's card tiles were given for ``poll`` (its cards in order, those
    chosen…), with the tiles' words (``labels``)."""
    import json

    def walk(node: Any) -> Any:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") == "bidi_component" and proto.id.endswith("-vote_ballot"):
            found = json.loads(proto.bytes or proto.json or proto.mixed.json)
            return json.loads(found) if isinstance(found, str) else found
        for child in getattr(node, "children", {}).values():
            if (found := walk(child)) is not None:
                return found
        return None

    found = walk(at.main)
    assert found is not None, "no card tiles on the page"
    polls = {entry["id"]: entry for entry in found["polls"]}
    assert poll in polls, f"no poll {poll!r} in the tiles"
    return {**polls[poll], "labels": found["labels"], "icons": found["icons"]}


def _choose(at: AppTest, **chosen: list[str]) -> None:
    """Tap cards on the tiles, poll by poll (the tiles' state, sent with the ballot)."""
    at.session_state["vote_ballot"] = {"chosen": chosen}


def _joined(code: str, **extra: Any) -> AppTest:
    at = _app(session=code)
    for key, value in extra.items():
        at.pills(key=key).set_value(value) if key == "join_profile" else at.number_input(
            key=key
        ).set_value(value)
    at.button(key="join_submit").click().run()
    assert not at.exception
    return at


def test_join_by_qr_address_keeps_identity(app_db: str) -> None:
    session, _ = store().create_session("Atelier d’essai")
    at = _app(session=session.code.lower())
    assert at.text_input(key="join_code").value == session.code
    at.pills(key="join_profile").set_value("etudiant")
    at.number_input(key="join_table").set_value(3)
    at.button(key="join_submit").click().run()
    assert session.code in _texts(at, "success")[0]
    token = (
        at.query_params["p"][0] if isinstance(at.query_params["p"], list) else at.query_params["p"]
    )
    # Joined: the welcome and the way on, no form left to fill in.
    assert "join_submit" not in [b.key for b in at.button]
    # A double click's second sending (the tab's address not yet updated) joins once,
    # with the same identity.
    del at.query_params["p"]
    at.run()
    at.button(key="join_submit").click().run()
    assert _texts(at, "success") and at.query_params["p"] == token
    people = store().snapshot(session.code).participants
    assert [p.token for p in people] == [token]
    assert (people[0].table, people[0].profile) == (3, Profile.etudiant)


def test_printed_voting_code_asked_when_the_session_wants_one(app_db: str) -> None:
    session, _ = store().create_session("Codes")
    printed = store().issue_vote_codes(session.code, 2)
    # A room's QR code: no field for a printed code, until the session asks for one.
    at = _app(session=session.code)
    assert "join_vote_code" not in [w.key for w in at.text_input]
    at.button(key="join_submit").click().run()
    assert not at.exception
    assert "code de vote imprimé" in _texts(at, "error")[0]
    assert "p" not in at.query_params
    # Sent again with the field left empty: the same words (no token of the tab's shown).
    at.button(key="join_submit").click().run()
    assert _texts(at, "error") == ["cette session se rejoint avec un code de vote imprimé"]
    at.text_input(key="join_vote_code").input(printed[0].lower())
    at.button(key="join_submit").click().run()
    assert session.code in _texts(at, "success")[0]
    assert at.query_params["p"] == printed[0]
    # The code sheet's QR address carries the code: the field shows, filled in.
    other = _app(session=session.code, code=printed[1])
    assert other.text_input(key="join_vote_code").value == printed[1]


def test_join_with_the_database_down_says_so_and_keeps_the_form(
    app_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from jnt_fresque.store.repository import Store

    session, _ = store().create_session("Panne")

    def down(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("BEGIN", {}, Exception("disk I/O error"))

    at = _app(session=session.code)
    at.number_input(key="join_table").set_value(4)
    with monkeypatch.context() as patched:
        patched.setattr(Store, "enter", down)
        at.button(key="join_submit").click().run()
    assert not at.exception
    assert _texts(at, "error") == [
        "La base de l’atelier ne répond pas (disk I/O error) ; réessayez dans un instant."
    ]
    # Nothing joined; the form is there again, as filled in, to send once the base is back.
    assert "p" not in at.query_params
    assert at.number_input(key="join_table").value == 4
    at.button(key="join_submit").click().run()
    assert session.code in _texts(at, "success")[0]
    assert [p.table for p in store().snapshot(session.code).participants] == [4]


def test_joined_page_leads_to_the_phase_page(app_db: str) -> None:
    session, _ = store().create_session("Suite")
    store().set_phase(session.code, "vote")
    at = _joined(session.code)
    # The menu at the top now offers every page; under the message, the page of the moment.
    links = [link.value for link in at.get("page_link")]
    assert links[-1] == "Voter" and links.count("Voter") == 2
    assert "Cartes" in links and "English" in links
    follow(at, "Voter", last=True)
    assert [t.value for t in at.title] == ["Votez"]


def test_wrong_code_says_so(app_db: str) -> None:
    at = _app()
    at.text_input(key="join_code").input("ZZZZZZ")
    at.button(key="join_submit").click().run()
    assert "ZZZZZZ" in _texts(at, "error")[0]
    at.text_input(key="join_code").input("")
    at.button(key="join_submit").click().run()
    assert _texts(at, "warning")


def test_menu_after_joining_leads_on_with_the_identity(app_db: str) -> None:
    session, _ = store().create_session("Menu")
    at = _joined(session.code)
    token = at.query_params["p"]
    follow(at, "Voter", last=True)
    assert not at.exception
    assert [t.value for t in at.title] == ["Votez"]
    assert at.query_params["p"] == token and at.query_params["session"] == session.code
    # The vote page's menu marks where the participant is, and leads on again.
    assert menu(at)["Voter"].proto.disabled
    follow(at, "Cartes")
    assert [t.value for t in at.title] == ["Les cartes"]


def test_english_switch(app_db: str) -> None:
    at = _app()
    switch_language(at, "en")
    assert at.title[0].value == "Join the workshop"
    assert at.query_params["lang"] in ("en", ["en"])


def _participant(code: str) -> tuple[AppTest, str]:
    at = _joined(code)
    token = at.query_params["p"]
    return at, token[0] if isinstance(token, list) else token


def test_vote_closed_phase_then_vote_and_change(app_db: str) -> None:
    session, _ = store().create_session("Vote")
    at, token = _participant(session.code)
    at.switch_page("pages/voter.py").run()
    assert "pas ouvert" in _texts(at, "info")[0]
    store().set_phase(session.code, "vote")
    at.run()
    options = _tiles(at, "uc")["cards"]
    assert len(options) > 10
    _choose(at, uc=["uc-inondation", "uc-mobilite-transports"], data=["data-hy"])
    at.button(key="vote_submit").click().run()
    assert _texts(at, "success")
    # Under the button, what is saved, poll by poll, each named.
    saved = "\n".join(_texts(at, "caption"))
    titles = [p.title.get("fr") for p in store().polls(session.code)]
    assert all(f"{t} — votre vote enregistré" in saved for t in titles), saved
    assert "Hydrographie" in saved
    # A double click sends the same ballot: nothing doubled.
    at.button(key="vote_submit").click().run()
    assert _texts(at, "info") and "inchangé" in _texts(at, "info")[-1]
    ballots = store().snapshot(session.code).ballots
    assert sorted((b.poll, b.choices) for b in ballots) == [
        ("data", ("data-hy",)),
        ("uc", ("uc-inondation", "uc-mobilite-transports")),
    ]
    # A reload mid-vote shows the saved ballot, which can then be changed.
    again = _app("voter", session=session.code, p=token)
    assert _tiles(again, "uc")["chosen"] == ["uc-inondation", "uc-mobilite-transports"]
    _choose(again, uc=["uc-inondation"])
    again.button(key="vote_submit").click().run()
    choices = {b.poll: b.choices for b in store().snapshot(session.code).ballots}
    assert choices["uc"] == ("uc-inondation",)
    assert len(store().snapshot(session.code).ballots) == 2
    # Once the vote closes, the page says so and takes nothing.
    store().set_phase(session.code, "results")
    again.run()
    assert "pas ouvert" in _texts(again, "info")[0]


def test_a_dot_poll_on_the_tiles_keeps_several_dots_a_card_and_no_more_than_n(
    app_db: str,
) -> None:
    from jnt_fresque.app.polls import session_polls

    session, _ = store().create_session("Gommettes", polls=session_polls("dots", dots=3))
    store().set_phase(session.code, "vote")
    at, token = _participant(session.code)
    at.switch_page("pages/voter.py").run()
    assert _tiles(at, "uc")["dots"] is True
    # What the browser sends is checked: unknown cards dropped, no more than 3 dots.
    a, b = "uc-inondation", "uc-mobilite-transports"
    _choose(at, uc=[a, "uc-nope", a, b, b, b])
    at.button(key="vote_submit").click().run()
    assert _texts(at, "success")
    ballots = {p.poll: p.choices for p in store().snapshot(session.code).ballots}
    assert sorted(ballots["uc"]) == [a, a, b] and "data" not in ballots
    # Back on the page, the tiles show the dots as saved.
    again = _app("voter", session=session.code, p=token)
    assert sorted(_tiles(again, "uc")["chosen"]) == [a, a, b]


def test_card_order_differs_between_participants(app_db: str) -> None:
    session, _ = store().create_session("Ordre")
    store().set_phase(session.code, "vote")
    first = _app("voter", session=session.code, p="alice")
    second = _app("voter", session=session.code, p="bob")
    a = [c["id"] for c in _tiles(first, "uc")["cards"]]
    b = [c["id"] for c in _tiles(second, "uc")["cards"]]
    assert sorted(a) == sorted(b) and a != b


def test_page_without_join_asks_to_join(app_db: str) -> None:
    at = _app("voter")
    assert "Rejoignez" in _texts(at, "info")[0]


def test_propose_hostile_text(app_db: str) -> None:
    session, _ = store().create_session("Propositions")
    store().set_phase(session.code, "propose")
    at, token = _participant(session.code)
    at.switch_page("pages/proposer.py").run()
    at.text_input(key="propose_title").input("<script>alert(1)</script>")
    at.text_area(key="propose_pitch").input("**gras** <img src=x onerror=alert(1)>")
    at.button(key="propose_submit").click().run()
    assert _texts(at, "success")
    shown = _texts(at, "text")
    assert any("<script>alert(1)</script>" in s for s in shown)
    assert not any("<script>" in str(m.value) for m in at.markdown)
    sent = ("<script>alert(1)</script>", "**gras** <img src=x onerror=alert(1)>")
    # 100 kB pasted into the pitch: the field takes no more than a card holds (the
    # browser's limit, which AppTest applies too), so what was typed before stays...
    pitch = at.text_area(key="propose_pitch")
    assert pitch.max_chars == MAX_PITCH == 280
    pitch.input("x" * 100_000)
    assert at.text_area(key="propose_pitch").value == sent[1]
    # ...and sending it again changes nothing: still one card, as first sent.
    at.button(key="propose_submit").click().run()
    assert not at.exception and _texts(at, "error") == []
    proposals = store().snapshot(session.code).proposals
    assert [(p.title, p.pitch) for p in proposals] == [sent]
    # A request that goes round the form is refused by the store, which keeps nothing.
    with pytest.raises(WorkshopError, match="description trop longue : 280 caractères au plus"):
        store().propose(session.code, Proposal("", "Autre", "x" * 100_000, participant=token))
    assert len(store().snapshot(session.code).proposals) == 1


def _search(at: AppTest, words: str) -> None:
    """Type ``words`` in the cards' search and press its button (Enter does not send it)."""
    at.text_input(key="cards_search").input(words)
    at.button(key="cards_search_go").click().run()


def test_cards_search_and_filter(app_db: str) -> None:
    at = _app("cartes")
    at.pills(key="cards_deck").set_value("donnees").run()
    _search(at, "bâtiments")
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert "data-bu" in labels and f"{len(labels)} cartes" in [e.value for e in at.caption]
    assert "image" in _types(at.main)
    _search(at, "")
    at.pills(key="cards_deck").set_value("vocabulaire").run()
    assert at.expander
    assert all(e.label.startswith("term-") for e in at.expander)


def test_cards_page_shows_each_cards_sources(app_db: str) -> None:
    at = _app("cartes")
    at.pills(key="cards_deck").set_value("cas-usage").run()
    _search(at, "stationnement")
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    # Under the card: its example, the page that backs it, who published it, when it was read.
    assert "**Sources**" in shown
    assert "Angers Loire Métropole — Territoire intelligent (2019)" in shown
    assert "(https://www.angersloiremetropole.fr/un-territoire-en-mouvement/" in shown
    assert "consulté le 2026-11-29" in shown


def test_results_projector(app_db: str) -> None:
    session, _ = store().create_session("Résultats")
    for token, cards in (
        ("a", ["uc-inondation", "uc-mobilite-transports"]),
        ("b", ["uc-inondation"]),
    ):
        store().submit_ballot(session.code, "uc", token, cards)
    store().add_link(session.code, Link("uc-inondation", "data-hy", table=1))
    at = _app("resultats", session=session.code)
    table = at.table[0].value
    assert table.iloc[0, 0] == "1" and table.iloc[1, 0] == "2"
    assert table.iloc[0, 2] == 2  # approval of the winner: both ballots name it
    assert {"vega_lite_chart", "graphviz_chart"} <= _types(at.main), _types(at.main)


def test_results_hidden_until_closed(app_db: str) -> None:
    from jnt_fresque.app.projector import set_hidden

    session, _ = store().create_session("Masqué")
    store().submit_ballot(session.code, "uc", "a", ["uc-inondation"])
    set_hidden(session.code, True)
    at = _app("resultats", session=session.code)
    assert any("clôture" in s for s in _texts(at, "info"))
    store().set_phase(session.code, "results")
    at.run()
    assert at.table


def test_console_adds_the_session_to_a_campaign(app_db: str) -> None:
    session, secret = store().create_session("Console")
    other, _ = store().create_session("Autre atelier")
    at = _app("animation", session=session.code)
    at.text_input(key="fac_secret").input(secret)
    at.button(key="fac_login").click().run()
    assert "aucune campagne" in " ".join(_texts(at, "caption"))
    # A bad name is refused in one line, and nothing is made.
    at.text_input(key="fac_campaign_name").input("Pas Bon!")
    at.button(key="fac_campaign_add").click().run()
    assert not at.exception and _texts(at, "error") and store().campaigns() == []
    # A new name makes the campaign and adds the session; the projector's address follows.
    at.text_input(key="fac_campaign_name").input("gt-jnt")
    at.button(key="fac_campaign_add").click().run()
    assert "gt-jnt réunit 1 séance" in _texts(at, "success")[0]
    assert any("/campagne?campagne=gt-jnt" in text for text in _texts(at, "markdown"))
    store().add_to_campaign("gt-jnt", [other.code])
    assert store().campaign("gt-jnt").sessions == (session.code, other.code)


def test_facilitator_console(app_db: str) -> None:
    session, secret = store().create_session("Console")
    at = _app("animation", session=session.code)
    at.text_input(key="fac_secret").input("wrong")
    at.button(key="fac_login").click().run()
    assert "incorrect" in _texts(at, "error")[0]
    at.text_input(key="fac_secret").input(secret)
    at.button(key="fac_login").click().run()
    assert not at.exception
    at.pills(key="fac_phase").set_value("vote")
    at.button(key="fac_set_phase").click().run()
    assert store().session(session.code).phase.value == "vote"
    at.button(key="fac_poll_uc").click().run()
    assert not store().polls(session.code)[0].open
    at.button(key="fac_prepare").click().run()
    assert not at.exception
    # The files to download, named after the session.
    names = [b.label for b in at.get("download_button")]
    code = session.code
    assert {f"Télécharger {code}.json", f"Télécharger {code}-rapport.pdf"} <= set(names)
    at.text_input(key="fac_new_title").input("Deuxième atelier")
    at.segmented_control(key="fac_method").set_value("approval")
    at.button(key="fac_create").click().run()
    created = [s for s in store().sessions() if s.session.title == "Deuxième atelier"]
    assert created and "secret" in _texts(at, "warning")[0].lower()
    assert {p.method.value for p in store().polls(created[0].session.code)} == {"approval"}


ENGLISH_TITLES = {
    "cartes": "The cards",
    "plateau": "The table's board",
    "proposer": "Propose a card",
    "voter": "Vote",
    "resultats": "Live results",
    "animation": "Facilitator console",
    "cadrage": "Scoping the twin",
}


@pytest.mark.parametrize("page", sorted(ENGLISH_TITLES))
def test_every_page_switches_to_english(app_db: str, page: str) -> None:
    at = _app(page)
    french = [t.value for t in at.title]
    switch_language(at, "en")
    assert not at.exception
    assert [t.value for t in at.title] == [ENGLISH_TITLES[page]] != french
    assert at.query_params["lang"] in ("en", ["en"])  # kept in the address to share


def test_scoping_page_shows_a_profile(app_db: str) -> None:
    from jnt_fresque import scoping
    from jnt_fresque.app.resources import decks

    first = scoping.questions(decks())[0]
    at = _app("cadrage")
    answer = first.answers[0].id
    at.pills(key=f"scoping_{first.id}").set_value([answer] if first.multiple else answer).run()
    at.button(key="scoping_submit").click().run()
    assert not at.exception
    assert any(m.value.startswith("# ") for m in at.markdown)
