"""The ipywidgets pieces of the notebooks: their logic, and their widgets driven as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jnt_fresque import default_decks
from jnt_fresque.store import Store
from jnt_fresque.widgets import BoardWidget, Quiz, ScopingForm, WaterControls, quiz_questions


def test_quiz_questions_offer_the_right_term_among_four() -> None:
    found = quiz_questions(default_decks(), count=5, seed=3)
    assert len(found) == 5
    for question in found:
        assert len(set(question.options)) == 4
        assert question.answer in question.options
    assert found == quiz_questions(default_decks(), count=5, seed=3)  # reproducible


def test_quiz_widget_counts_the_score() -> None:
    quiz = Quiz(default_decks(), count=2, seed=1)
    box = quiz.widget
    text, choices, button, feedback = box.children
    choices.value = quiz.current.answer
    button.click()
    assert feedback.value == "Bravo\u00a0!"
    wrong = next(o for o in quiz.current.options if o != quiz.current.answer)
    choices.value = wrong
    button.click()
    assert feedback.value.startswith("Non\u00a0: c’était")
    assert "Score\u00a0: 1\u00a0/\u00a02" in text.value
    assert button.disabled


@pytest.fixture
def store() -> Store:
    return Store("sqlite://")


def test_board_widget_writes_links_to_the_store(store: Store) -> None:
    code = store.create_session("Atelier sans serveur")[0].code
    board = BoardWidget(store, code, table=3)
    use_case, data, _note, button, shown = board.widget.children
    use_case.value = "uc-inondation"
    data.value = ("data-hy", "data-el")
    button.click()
    links = store.snapshot(code).links  # what the app would read
    assert {(x.use_case, x.data, x.maker) for x in links} == {
        ("uc-inondation", "data-hy", "t:3"),
        ("uc-inondation", "data-el", "t:3"),
    }
    assert "uc-inondation → data-hy" in shown.value


def test_scoping_form_gives_the_profile_as_answers_change() -> None:
    form = ScopingForm()
    box = form.widget
    accordion, _canvas = box.children
    assert accordion.get_title(0) == "Utilisateurs"
    form.choose("q-usage-objectif", ["planifier"])
    assert form.answers == {"q-usage-objectif": ["planifier"]}
    assert form.profile().capability == "prospective"
    form.choose("q-usage-objectif", [])
    assert form.answers == {}


def test_water_controls_report_a_pipe_break() -> None:
    from jnt_fresque.twin import Broker, WaterNetwork

    broker = Broker()
    network = WaterNetwork.net3()
    network.publish(broker, results=network.simulate(hours=6))
    junction = network.node_id("10")

    def history() -> list[object]:
        found = broker.temporal_entity(junction, attrs="pressure", context=_context(), last_n=99)
        return list(found["pressure"])

    baseline = history()
    controls = WaterControls(network, broker=broker, hours=24)
    (kind, element, start, button), report = (
        controls.widget.children[0].children,
        controls.widget.children[1],
    )
    shown = controls.widget.children[2]
    assert shown.value.startswith('<iframe class="jnt-map"')  # the map, before any event
    before = shown.value
    kind.value, element.value, start.value = "pipe_break", "275", 6
    button.click()
    assert controls.last is not None and controls.last.junctions
    count = len(controls.last.junctions)
    assert f"{count} nœuds sous 20\u00a0m de pression" in report.value  # a French plural
    assert report.value.startswith("<p>Casse de conduite sur 275, de 6\u00a0h pendant 6\u00a0h")
    assert "150\u00a0L" in report.value
    assert "carte à 9\u00a0h" in report.value  # the middle of the event
    assert shown.value != before  # redrawn from the broker, affected junctions ringed
    assert "webpackUniversalModuleDefinition" in shown.value  # deck.gl inlined: works offline
    assert controls.scenario.count_entities(type="Pipe", context=_context()) > 100
    assert history() == baseline  # the what-if went to its own broker
    replayed = controls.scenario.temporal_entity(
        junction, attrs="pressure", context=_context(), last_n=99
    )["pressure"]
    assert max(i["observedAt"] for i in replayed) == "2024-06-03T09:00:00.000Z"


def test_water_controls_show_a_bad_element() -> None:
    from jnt_fresque.twin import WaterNetwork

    controls = WaterControls(WaterNetwork.net3(), hours=24)
    (_kind, element, _start, button), report = (
        controls.widget.children[0].children,
        controls.widget.children[1],
    )
    element.value = "pas-un-tuyau"
    button.click()
    # Said in red, naming what is wrong, instead of a traceback in the notebook.
    assert report.value == (
        "<span style='color:#b00'>pipe_break: no link 'pas-un-tuyau' in the network</span>"
    )
    assert controls.last is None


def _context() -> str:
    from jnt_fresque.twin import TWIN_CONTEXT

    return TWIN_CONTEXT


def test_results_board_shows_a_demonstration_session_when_asked(store: Store) -> None:
    from jnt_fresque.widgets import ResultsBoard

    board = ResultsBoard(store, demo=True, participants=12, resamples=20)
    assert len(store.sessions()) == 1
    ranking = board.ranking("uc")
    assert len(ranking) == 10  # the board shows the top 10
    assert [rank for rank, *_ in ranking] == sorted(rank for rank, *_ in ranking)
    stabilities = [stable for *_, stable in ranking]
    assert stabilities and all(stable is not None and 0 <= stable <= 1 for stable in stabilities)
    (poll, count), (method, table, demand) = (
        board.widget.children[0].children,
        (board.widget.children[1:]),
    )
    assert count.value == "poll" and "compté par borda" in method.value
    assert "<table" in table.value and "Demande de données" in demand.value
    poll.value = "data"
    first = board.ranking("data")[0][1]
    assert first in table.value


def test_dashboard_app_and_report_agree_on_the_top_10(store: Store, tmp_path: Path) -> None:
    """The dashboard's default count is the poll's own method, as the app's results page
    (``poll_results``) and the PDF report: the three show the same top 10."""
    import re

    from jnt_fresque.reporting.report import write_report
    from jnt_fresque.widgets import ResultsBoard
    from jnt_fresque.workshop.results import poll_results

    from ._pdf import page_text

    board = ResultsBoard(store, demo=True, participants=20, resamples=0)
    snapshot = store.snapshot(board.code or "")
    pages = page_text(write_report(snapshot, tmp_path / "rapport.pdf", store.decks))
    for poll, heading in (("uc", "Top10descasd’usage"), ("data", "Top10desdonnées")):
        app = [s.card for s in poll_results(snapshot, poll, resamples=0).tally.top(10)]
        shown = [title for _, title, *_ in board.ranking(poll)]
        assert shown == [store.decks.card(card).title.fr for card in app]
        section = next(p for p in pages if p.startswith(heading, p.index("page") + 5))
        in_report = re.findall(rf"\(({poll}-[a-z0-9-]+)\)", section)[:10]
        assert in_report == app, poll
        html = board.html(poll)
        assert [html.index(title) for title in shown] == sorted(html.index(t) for t in shown)


def test_results_board_reads_the_latest_session(store: Store) -> None:
    from jnt_fresque.interchange.demo import demo_session
    from jnt_fresque.widgets import ResultsBoard

    demo_session(store, participants=5, title="Ancienne")
    newest = demo_session(store, participants=5, title="Récente")
    assert ResultsBoard(store).code == newest


def test_show_deck_draws_without_internet() -> None:
    from jnt_fresque.twin import city, maps
    from jnt_fresque.widgets import show_deck

    shown = show_deck(maps.buildings_3d(city.buildings(limit=20)), height=300)
    assert shown.value.startswith('<iframe class="jnt-map"')
    assert "height:300px" in shown.value
    # deck.gl itself is inlined (the basemap's scripts may fail offline; deck.gl still draws,
    # as the Voilà test checks in Chromium with the network cut off)
    assert "webpackUniversalModuleDefinition" in shown.value


def test_live_twin_goes_from_the_cards_to_alerts_and_history() -> None:
    from jnt_fresque.widgets import LiveTwin

    live = LiveTwin(Store("sqlite://"), demo=True, hours=6)
    assert live.room[0].startswith("uc-") and "water" in [c.key for c in live.skeleton.components]
    assert live.counts["water"] > 200
    assert "table 1" in live.summary_html() and "<table" in live.summary_html()
    alerts, history = live.replay(speed=10 * 3600)
    assert alerts and all(pressure < 20 for _, pressure in alerts)
    assert [hour for hour, _ in history] == [f"{h:02}:00" for h in range(7)]
    _summary, water_map, button, shown = live.widget.children
    assert "iframe" in water_map.value
    button.click()
    said = re.search(r"<p>(\d+) (alertes?) sous 20\u00a0m", shown.value)
    assert said is not None
    assert said.group(2) == ("alerte" if int(said.group(1)) <= 1 else "alertes")  # French plural
    english = LiveTwin(Store("sqlite://"), demo=True, hours=6, lang="en")
    assert "Session “" in english.summary_html() and "Themes the kit does not fill" in (
        english.summary_html()
    )
    assert english.widget.children[2].description == "Replay the day live"


def test_live_twin_needs_a_session_with_links() -> None:
    from jnt_fresque.widgets import LiveTwin

    with pytest.raises(LookupError, match="demo=True"):
        LiveTwin(Store("sqlite://"))
