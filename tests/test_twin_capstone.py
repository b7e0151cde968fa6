"""From the room's cards to a live twin (lesson 12): the cards, the cleanup, the alert."""

from __future__ import annotations

import pytest

from jnt_fresque import twin
from jnt_fresque.store import Store
from jnt_fresque.twin import capstone
from jnt_fresque.workshop.board import Link


def _links(store: Store, *links: Link) -> str:
    session, _ = store.create_session("Essai")
    for link in links:
        store.add_link(session.code, link)
    return session.code


def test_room_cards_take_the_use_case_with_most_data_cards_of_the_table() -> None:
    store = Store("sqlite://")
    code = _links(
        store,
        Link("uc-inondation", "data-hy", table=1),
        Link("uc-inondation", "data-el", table=1),
        Link("uc-qualite-air", "data-ef", table=1),
        Link("uc-qualite-air", "data-mf", table=2),
    )
    snapshot = store.snapshot(code)
    assert capstone.room_cards(snapshot, table=1) == ["uc-inondation", "data-el", "data-hy"]
    assert capstone.room_cards(snapshot, table=2) == ["uc-qualite-air", "data-mf"]
    with pytest.raises(LookupError, match="table 3"):
        capstone.room_cards(snapshot, table=3)
    assert capstone.session_with_links(store) == code
    assert capstone.twin_cards(["uc-a", "data-hy"], ["data-hy", "data-us"]) == [
        "uc-a",
        "data-hy",
        "data-us",
    ]


def test_session_with_links_skips_empty_sessions() -> None:
    store = Store("sqlite://")
    assert capstone.session_with_links(store) is None
    store.create_session("Vide")
    assert capstone.session_with_links(store) is None


def test_clear_removes_entities_history_and_the_lessons_subscriptions() -> None:
    broker = twin.Broker()
    skeleton = twin.propose(["uc-eau-assainissement", "data-us", "data-hy"])
    skeleton.build(broker, hours=1)
    junction = "urn:ngsi-ld:Junction:Net3-10"
    kept = broker.create_subscription(twin.subscription("http://127.0.0.1:9/", type="Tank"))
    capstone.subscribe(broker, capstone.low_pressure_alert("http://127.0.0.1:9/"))
    assert broker.count_subscriptions() == 2
    deleted = capstone.clear(broker, skeleton)
    assert deleted > 200  # the area and the whole network
    assert broker.count_entities(type="Junction", context=twin.TWIN_CONTEXT) == 0
    with pytest.raises(twin.NgsiLdError):
        broker.temporal_entity(junction, attrs="pressure", context=twin.TWIN_CONTEXT, last_n=5)
    assert [s["id"] for s in broker.query_subscriptions().entities] == [kept]
    skeleton.build(broker, hours=1)  # and the twin builds again on the same broker
    assert broker.count_entities(type="Junction", context=twin.TWIN_CONTEXT) == 92


def test_the_low_pressure_alert_watches_customer_junctions_under_20_m() -> None:
    doc = capstone.low_pressure_alert("http://127.0.0.1:9/")
    assert doc["q"] == "pressure<20;baseDemand>0"
    assert doc["description"] == capstone.LESSON
    assert doc["entities"] == [{"type": "Junction"}]
