"""Subscriptions end to end: the broker over HTTP notifies a real receiver on 127.0.0.1.

Each test starts the broker (uvicorn, a free port) and a `Receiver` (a small HTTP
server, a free port) and checks what arrives there: notifications on the changes
a subscription asks for and on no others, with its ``q`` filter, its throttling,
retries when the receiver fails first; and the status codes of the subscription
resource itself (clause 5.8 of ETSI GS CIM 009).

To know that a notification did *not* come, a test waits until the broker's
notifier has nothing left to send (``drain``) instead of sleeping: a
subscription's notifications go out in order, so nothing can still be on its way.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from jnt_fresque.twin.api import running
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.errors import BadRequestData, ResourceNotFound
from jnt_fresque.twin.ngsild import parse_time
from jnt_fresque.twin.notify import Message, Notifier, Receiver
from jnt_fresque.twin.subscriptions import subscription
from jnt_fresque.twin.subscriptions.model import parse_types

BASE = "/ngsi-ld/v1"
ERRORS = "https://uri.etsi.org/ngsi-ld/errors/"
J1 = "urn:ngsi-ld:Junction:J1"


@pytest.fixture
def inbox() -> Iterator[Receiver]:
    with Receiver() as receiver:
        yield receiver


@pytest.fixture
def broker() -> Iterator[Broker]:
    found = Broker(notifier=Notifier(retries=3, backoff=0.01, timeout=5))
    yield found
    found.close()


@pytest.fixture
def http(broker: Broker) -> Iterator[httpx.Client]:
    with running(broker) as url, httpx.Client(base_url=url + BASE, timeout=10) as client:
        yield client


def subscribe(http: httpx.Client, doc: dict[str, Any]) -> str:
    response = http.post("/subscriptions", json=doc)
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


def junction(pressure: float, elevation: float = 170.0) -> dict[str, Any]:
    return {"id": J1, "type": "Junction", "pressure": pressure, "elevation": elevation}


def settle(broker: Broker) -> None:
    """Wait until every notification queued has been delivered or given up."""
    assert broker.notifier.drain(10)


def problem(response: httpx.Response, status: int, name: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == ERRORS + name and body["title"]
    return dict(body)


# --- notifications -------------------------------------------------------------------


def test_a_change_of_a_watched_attribute_is_notified_and_other_changes_are_not(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    sid = subscribe(
        http,
        subscription(inbox.url, type="Junction", watched=["pressure"], format="keyValues"),
    )
    assert http.post("/entities", json=junction(3.0)).status_code == 201
    assert http.patch(f"/entities/{J1}/attrs", json={"elevation": 171.0}).status_code == 204
    assert http.patch(f"/entities/{J1}/attrs", json={"pressure": 2.5}).status_code == 204
    first, second = inbox.wait(2)
    settle(broker)
    assert len(inbox.notifications) == 2  # the elevation change sent nothing
    assert [n["data"][0]["pressure"] for n in (first, second)] == [3.0, 2.5]
    assert second["type"] == "Notification" and second["subscriptionId"] == sid
    assert second["id"].startswith("urn:ngsi-ld:Notification:")
    assert parse_time(second["notifiedAt"]) > 0
    assert second["data"] == [{"id": J1, "type": "Junction", "pressure": 2.5, "elevation": 171.0}]
    request = inbox.requests[1]
    assert request.headers["Content-Type"] == "application/json"
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in request.headers["Link"]


def test_q_filters_the_notified_changes(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    subscribe(http, subscription(inbox.url, type="Junction", q="pressure<2", format="keyValues"))
    http.post("/entities", json=junction(3.0))
    for value in (1.5, 2.5, 1.8):
        http.patch(f"/entities/{J1}/attrs", json={"pressure": value})
    inbox.wait(2)
    settle(broker)
    assert [n["data"][0]["pressure"] for n in inbox.notifications] == [1.5, 1.8]


def test_throttling_drops_notifications_that_come_too_soon(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    doc = subscription(inbox.url, type="Junction", format="keyValues", throttling=60)
    subscribe(http, doc)
    http.post("/entities", json=junction(3.0))
    http.patch(f"/entities/{J1}/attrs", json={"pressure": 2.0})
    inbox.wait(1)
    settle(broker)
    assert [n["data"][0]["pressure"] for n in inbox.notifications] == [3.0]


def test_a_failing_receiver_gets_the_notification_on_a_retry(
    http: httpx.Client, broker: Broker
) -> None:
    with Receiver(fail_first=2) as inbox:
        sid = subscribe(http, subscription(inbox.url, type="Junction", format="keyValues"))
        http.post("/entities", json=junction(3.0))
        assert inbox.wait(1)[0]["data"][0]["pressure"] == 3.0
        assert inbox.refused == 2
        settle(broker)  # the receiver has it; the broker hears the answer just after
        notification = http.get(f"/subscriptions/{sid}").json()["notification"]
    assert notification["timesSent"] == 1
    assert notification["status"] == "ok"
    assert {"lastNotification", "lastSuccess", "lastFailure"} <= set(notification)


def test_a_receiver_that_cannot_be_reached_marks_the_subscription_failed(
    http: httpx.Client, broker: Broker
) -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sid = subscribe(http, subscription(f"http://127.0.0.1:{port}/notify", type="Junction"))
    http.post("/entities", json=junction(3.0))
    settle(broker)
    notification = http.get(f"/subscriptions/{sid}").json()["notification"]
    assert notification["status"] == "failed"
    assert notification["timesSent"] == 1 and notification["timesFailed"] == 1
    assert "lastFailure" in notification and "lastSuccess" not in notification


def test_writes_do_not_wait_for_a_receiver_that_never_answers() -> None:
    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    broker = Broker(notifier=Notifier(retries=0, timeout=30))
    try:
        port = silent.getsockname()[1]
        broker.create_subscription(subscription(f"http://127.0.0.1:{port}/", type="Junction"))
        done = threading.Event()

        def write() -> None:
            broker.create_entity(junction(3.0))
            broker.update_attrs(J1, {"pressure": 2.0})
            done.set()

        threading.Thread(target=write, daemon=True).start()
        assert done.wait(10)  # far less than the 30 s a delivery may take
        assert broker.notifier.pending() == 2  # handed over, not sent
    finally:
        broker.notifier.close(timeout=0.1)
        broker.close()
        silent.close()


def test_deleting_an_attribute_or_the_entity_is_notified_when_asked(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    doc = subscription(inbox.url, type="Junction")
    doc["notificationTrigger"] = ["attributeDeleted", "entityDeleted"]
    doc["notification"]["showChanges"] = True
    subscribe(http, doc)
    http.post("/entities", json=junction(3.0))
    assert http.delete(f"/entities/{J1}/attrs/elevation").status_code == 204
    assert http.delete(f"/entities/{J1}").status_code == 204
    attribute, entity = inbox.wait(2)
    settle(broker)
    assert len(inbox.notifications) == 2  # creating the entity is not asked for
    assert attribute["triggerReason"] == "attributeDeleted"
    assert attribute["data"][0]["elevation"] == {
        "type": "Property",
        "value": "urn:ngsi-ld:null",
        "previousValue": 170.0,
    }
    assert attribute["data"][0]["pressure"] == {"type": "Property", "value": 3.0}
    assert entity["triggerReason"] == "entityDeleted"
    gone = entity["data"][0]
    assert parse_time(gone.pop("deletedAt")) > 0
    assert gone == {
        "id": J1,
        "type": "Junction",
        "pressure": {"type": "Property", "value": "urn:ngsi-ld:null", "previousValue": 3.0},
    }


def test_show_changes_gives_the_previous_value(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    doc = subscription(inbox.url, type="Junction", watched=["pressure"])
    doc["notification"]["showChanges"] = True
    subscribe(http, doc)
    http.post("/entities", json=junction(3.0))
    http.patch(f"/entities/{J1}/attrs", json={"pressure": 2.5})
    created, updated = inbox.wait(2)
    assert "previousValue" not in created["data"][0]["pressure"]
    assert updated["data"][0]["pressure"] == {
        "type": "Property",
        "value": 2.5,
        "previousValue": 3.0,
    }


def test_notification_attributes_sys_attrs_and_json_ld(http: httpx.Client, inbox: Receiver) -> None:
    doc = subscription(inbox.url, type="Junction", attributes=["pressure"])
    doc["notification"]["sysAttrs"] = True
    doc["notification"]["endpoint"]["accept"] = "application/ld+json"
    doc["notification"]["endpoint"]["receiverInfo"] = [{"key": "X-Lesson", "value": "07"}]
    subscribe(http, doc)
    http.post("/entities", json=junction(3.0))
    (notification,) = inbox.wait(1)
    entity = notification["data"][0]
    assert set(entity) == {"@context", "id", "type", "createdAt", "modifiedAt", "pressure"}
    assert {"createdAt", "modifiedAt"} <= set(entity["pressure"])
    headers = inbox.requests[0].headers
    assert headers["Content-Type"] == "application/ld+json" and "Link" not in headers
    assert headers["X-Lesson"] == "07"


def test_a_paused_subscription_notifies_again_once_active(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    doc = {**subscription(inbox.url, type="Junction", format="keyValues"), "isActive": False}
    sid = subscribe(http, doc)
    assert http.get(f"/subscriptions/{sid}").json()["status"] == "paused"
    http.post("/entities", json=junction(3.0))
    settle(broker)
    assert inbox.notifications == []
    assert http.patch(f"/subscriptions/{sid}", json={"isActive": True}).status_code == 204
    assert http.get(f"/subscriptions/{sid}").json()["status"] == "active"
    http.patch(f"/entities/{J1}/attrs", json={"pressure": 2.0})
    assert inbox.wait(1)[0]["data"][0]["pressure"] == 2.0


def test_a_time_interval_subscription_notifies_periodically(
    http: httpx.Client, inbox: Receiver
) -> None:
    http.post("/entities", json=junction(3.0))
    doc = {**subscription(inbox.url, id=J1, format="keyValues"), "timeInterval": 0.2}
    doc["entities"][0]["type"] = "Junction"
    subscribe(http, doc)
    first, second = inbox.wait(2, timeout=10)
    assert first["data"] == second["data"] == [junction(3.0)]


def test_entity_type_selections_and_id_patterns(
    http: httpx.Client, broker: Broker, inbox: Receiver
) -> None:
    doc = subscription(inbox.url, type="(Junction|Tank)", id_pattern="J[0-9]$")
    doc["notificationTrigger"] = ["entityCreated"]
    subscribe(http, doc)
    for eid, kind in (("Tank:T1", "Tank"), ("Pipe:J2", "Pipe"), ("Tank:J3", "Tank")):
        http.post("/entities", json={"id": f"urn:ngsi-ld:{eid}", "type": kind})
    inbox.wait(1)
    settle(broker)
    assert [n["data"][0]["id"] for n in inbox.notifications] == ["urn:ngsi-ld:Tank:J3"]


# --- the subscription resource -----------------------------------------------------


def test_create_retrieve_query_update_delete(http: httpx.Client, inbox: Receiver) -> None:
    doc = {
        **subscription(inbox.url, type="Junction", watched=["pressure"], format="keyValues"),
        "id": "urn:ngsi-ld:Subscription:S1",
    }
    created = http.post("/subscriptions", json=doc)
    assert created.status_code == 201 and created.content == b""
    assert created.headers["Location"] == f"{BASE}/subscriptions/urn:ngsi-ld:Subscription:S1"
    problem(http.post("/subscriptions/", json=doc), 409, "AlreadyExists")
    found = http.get("/subscriptions/urn:ngsi-ld:Subscription:S1")
    assert found.status_code == 200
    assert found.json() == {
        "id": "urn:ngsi-ld:Subscription:S1",
        "type": "Subscription",
        "entities": [{"type": "Junction"}],
        "watchedAttributes": ["pressure"],
        "notification": {"format": "keyValues", "endpoint": {"uri": inbox.url}},
        "notificationTrigger": ["attributeCreated", "attributeUpdated"],
        "status": "active",
    }
    subscribe(http, {**doc, "id": "urn:ngsi-ld:Subscription:S2"})
    page = http.get("/subscriptions", params={"limit": 1, "offset": 1, "count": "true"})
    assert page.status_code == 200 and page.headers["NGSILD-Results-Count"] == "2"
    assert [s["id"] for s in page.json()] == ["urn:ngsi-ld:Subscription:S2"]
    assert 'offset=0>; rel="prev"' in page.headers["Link"]
    changed = http.patch("/subscriptions/urn:ngsi-ld:Subscription:S1", json={"throttling": 5})
    assert changed.status_code == 204
    assert http.get("/subscriptions/urn:ngsi-ld:Subscription:S1").json()["throttling"] == 5
    assert http.delete("/subscriptions/urn:ngsi-ld:Subscription:S1").status_code == 204
    problem(http.get("/subscriptions/urn:ngsi-ld:Subscription:S1"), 404, "ResourceNotFound")
    problem(http.delete("/subscriptions/urn:ngsi-ld:Subscription:S1"), 404, "ResourceNotFound")
    problem(http.patch("/subscriptions/urn:ngsi-ld:Subscription:S1", json={}), 404,
            "ResourceNotFound")  # fmt: skip
    problem(http.get("/subscriptions/not-a-uri"), 400, "BadRequestData")
    assert http.delete("/subscriptions/").status_code == 405


def test_names_are_expanded_with_the_context_and_compacted_for_the_reader(
    http: httpx.Client, inbox: Receiver
) -> None:
    link = '<https://jnt-fresque.github.io/contexts/jnt-fresque.jsonld>; rel="http://www.w3.org/ns/json-ld#context"'
    doc = subscription(inbox.url, type="Junction", watched=["pressure"])
    sid = subscribe_with(http, doc, link)
    plain = http.get(f"/subscriptions/{sid}").json()
    assert plain["entities"][0]["type"].startswith("https://")
    assert plain["watchedAttributes"][0].startswith("https://")
    linked = http.get(f"/subscriptions/{sid}", headers={"Link": link}).json()
    assert linked["entities"] == [{"type": "Junction"}]
    assert linked["watchedAttributes"] == ["pressure"]


def subscribe_with(http: httpx.Client, doc: dict[str, Any], link: str) -> str:
    response = http.post("/subscriptions", json=doc, headers={"Link": link})
    assert response.status_code == 201, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


BAD = {
    "no notification": {"notification": None},
    "no endpoint": {"notification": {"format": "keyValues"}},
    "no entities nor watched attributes": {"entities": None},
    "empty entities": {"entities": []},
    "entity without a type": {"entities": [{"id": J1}]},
    "bad type selection": {"entities": [{"type": "(Junction|"}]},
    "bad id pattern": {"entities": [{"type": "Junction", "idPattern": "(["}]},
    "not a URI": {"id": "S1"},
    "empty id": {"id": ""},
    "negative throttling": {"throttling": -30},
    "throttling with a time interval": {"throttling": 5, "timeInterval": 10},
    "watched attributes with a time interval": {"watchedAttributes": ["p"], "timeInterval": 10},
    "bad q": {"q": "pressure<<2"},
    "expired": {"expiresAt": "2020-08-01T22:07:00Z"},
    "bad trigger": {"notificationTrigger": ["entityChanged"]},
    "bad format": {"notification": {"format": "csv", "endpoint": {"uri": "http://a.b/"}}},
    "bad accept": {"notification": {"endpoint": {"uri": "http://a.b/", "accept": "text/csv"}}},
    "endpoint not a URI": {"notification": {"endpoint": {"uri": "nowhere"}}},
    "bad receiverInfo": {
        "notification": {"endpoint": {"uri": "http://a.b/", "receiverInfo": [{"key": 1}]}}
    },
    "empty watched attributes": {"watchedAttributes": []},
    "not a subscription": {"type": "Entity"},
    "isActive not a boolean": {"isActive": "yes"},
}


@pytest.mark.parametrize("change", BAD.values(), ids=list(BAD))
def test_bad_subscriptions_are_refused_and_nothing_is_stored(
    http: httpx.Client, change: dict[str, Any]
) -> None:
    doc = {**subscription("http://127.0.0.1:9/notify", type="Junction"), **change}
    doc = {k: v for k, v in doc.items() if v is not None}
    problem(http.post("/subscriptions", json=doc), 400, "BadRequestData")
    assert http.get("/subscriptions", params={"count": "true"}).json() == []


def test_malformed_json_is_an_invalid_request(http: httpx.Client) -> None:
    response = http.post(
        "/subscriptions", content=b'{"type": "Subscription",,}',
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    problem(response, 400, "InvalidRequest")
    assert http.get("/subscriptions").json() == []


def test_a_bad_update_changes_nothing(http: httpx.Client, inbox: Receiver) -> None:
    sid = subscribe(http, subscription(inbox.url, type="Junction"))
    before = http.get(f"/subscriptions/{sid}").json()
    for fragment in (
        {"notification": {"format": "keyValues"}},
        {"notification": {"endpoint": None}},
        {"notification": None},
        {"expiresAt": "2020-01-01T00:00:00Z"},
        {"q": "(("},
    ):
        problem(http.patch(f"/subscriptions/{sid}", json=fragment), 400, "BadRequestData")
    assert http.get(f"/subscriptions/{sid}").json() == before


def test_mqtt_endpoints_are_not_supported(http: httpx.Client) -> None:
    doc = subscription("mqtt://127.0.0.1:1883/topic", type="Junction")
    problem(http.post("/subscriptions", json=doc), 422, "OperationNotSupported")


def test_subscriptions_last_as_long_as_the_entities(tmp_path: Path, inbox: Receiver) -> None:
    db = f"sqlite:///{tmp_path / 'twin.db'}"
    first = Broker(db)
    sid = first.create_subscription(subscription(inbox.url, type="Junction", format="keyValues"))
    first.close()
    again = Broker(db, notifier=Notifier(backoff=0.01))
    try:
        assert again.retrieve_subscription(sid)["entities"] == [{"type": "Junction"}]
        again.create_entity(junction(3.0))
        assert inbox.wait(1)[0]["subscriptionId"] == sid
        again.delete_subscription(sid)
    finally:
        again.close()
    with pytest.raises(ResourceNotFound):
        Broker(db).retrieve_subscription(sid)


def test_the_broker_api_refuses_what_http_refuses() -> None:
    broker = Broker()
    with pytest.raises(BadRequestData, match="endpoint"):
        broker.create_subscription({"type": "Subscription", "entities": [{"type": "J"}],
                                    "notification": {}})  # fmt: skip
    assert broker.count_subscriptions() == 0


# --- the parts -----------------------------------------------------------------------


def test_type_selections() -> None:
    test = parse_types("(Building|Tower);Public")
    assert test(["Tower", "Public"]) and test(["Building", "Public"])
    assert not test(["Tower"]) and not test(["Public"])
    assert parse_types("A,B")(["B"])
    for bad in ("(A|B", "A;;B", "A)"):
        with pytest.raises(BadRequestData):
            parse_types(bad)


def test_notifier_keeps_the_order_of_one_key_and_drops_when_full(inbox: Receiver) -> None:
    with Notifier(workers=3, max_pending=50) as notifier:
        for n in range(20):
            body = json.dumps({"n": n}).encode()
            assert notifier.submit("one", lambda b=body: Message(inbox.url, b))
        assert [m["n"] for m in inbox.wait(20)] == list(range(20))
    full = Notifier(max_pending=1)
    full.close()
    assert not full.submit("k", lambda: None)


def test_notifier_calls_periodically_until_cancelled() -> None:
    calls: list[float] = []
    with Notifier() as notifier:
        notifier.every("tick", 0.05, lambda: calls.append(time.monotonic()))
        deadline = time.monotonic() + 5
        while len(calls) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        notifier.cancel("tick")
        seen = len(calls)
        time.sleep(0.2)
    assert seen >= 3 and len(calls) <= seen + 1


def test_receiver_says_when_notifications_do_not_come() -> None:
    with Receiver() as inbox, pytest.raises(TimeoutError, match="0 notification"):
        inbox.wait(1, timeout=0.1)
    with pytest.raises(RuntimeError, match="not started"):
        Receiver().url  # noqa: B018
