"""The broker over real HTTP (uvicorn on 127.0.0.1, a free port), through httpx and the Client."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from jnt_fresque.twin.api import CONTEXT_REL, running
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.client import Client
from jnt_fresque.twin.context import CORE_CONTEXT, TWIN_CONTEXT
from jnt_fresque.twin.errors import AlreadyExists, BadRequestData, ResourceNotFound
from jnt_fresque.twin.ngsild import prop

BASE = "/ngsi-ld/v1"
LINK = f'<{TWIN_CONTEXT}>; rel="{CONTEXT_REL}"; type="application/ld+json"'
ERRORS = "https://uri.etsi.org/ngsi-ld/errors/"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with running(Broker(), host="127.0.0.1", port=0) as base:
        yield base


@pytest.fixture
def http(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url + BASE, timeout=10) as client:
        yield client


@pytest.fixture
def client(url: str) -> Iterator[Client]:
    with Client(url, context=TWIN_CONTEXT) as c:
        yield c


def tank(n: int, level: float = 3.0) -> dict[str, object]:
    return {
        "id": f"urn:ngsi-ld:Tank:http-{n}",
        "type": "Tank",
        "level": {"type": "Property", "value": level, "unitCode": "MTR"},
        "location": {
            "type": "GeoProperty",
            "value": {"type": "Point", "coordinates": [4.83, 45.76]},
        },
    }


def problem(response: httpx.Response, status: int, name: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == ERRORS + name
    assert body["status"] == status and body["title"] and body["detail"]
    return dict(body)


def test_create_then_retrieve_with_link_and_ld_json(http: httpx.Client) -> None:
    created = http.post("/entities", json=tank(1), headers={"Link": LINK})
    assert created.status_code == 201
    assert created.headers["location"] == f"{BASE}/entities/urn:ngsi-ld:Tank:http-1"
    plain = http.get("/entities/urn:ngsi-ld:Tank:http-1", headers={"Link": LINK})
    assert plain.headers["content-type"].startswith("application/json")
    assert TWIN_CONTEXT in plain.headers["link"]
    assert plain.json()["level"]["value"] == 3.0
    ld = http.get(
        "/entities/urn:ngsi-ld:Tank:http-1", headers={"Accept": "application/ld+json", "Link": LINK}
    )
    assert ld.headers["content-type"].startswith("application/ld+json")
    assert ld.json()["@context"] == TWIN_CONTEXT
    geo = http.get(
        "/entities",
        params={"type": "Tank"},
        headers={"Accept": "application/geo+json", "Link": LINK},
    )
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert geo.json()["type"] == "FeatureCollection"
    assert geo.json()["features"][0]["geometry"]["type"] == "Point"


def test_body_context_with_ld_json(http: httpx.Client) -> None:
    doc = {**tank(2), "@context": [TWIN_CONTEXT]}
    response = http.post(
        "/entities", content=json.dumps(doc), headers={"Content-Type": "application/ld+json"}
    )
    assert response.status_code == 201
    got = http.get(
        "/entities/urn:ngsi-ld:Tank:http-2", params={"options": "keyValues"}, headers={"Link": LINK}
    )
    assert got.json()["level"] == 3.0
    core = http.get("/entities/urn:ngsi-ld:Tank:http-2")
    assert CORE_CONTEXT in core.headers["link"]


def test_query_count_and_pagination(http: httpx.Client, client: Client) -> None:
    client.batch_upsert([tank(n, float(n)) for n in range(10, 20)])
    response = http.get(
        "/entities",
        params={"type": "Tank", "q": "level>=15", "count": "true", "limit": 2},
        headers={"Link": LINK},
    )
    assert response.status_code == 200
    assert response.headers["NGSILD-Results-Count"] == "5"
    assert len(response.json()) == 2
    assert len(list(client.iter_entities(type="Tank", q="level>=10", page_size=3))) == 10


@pytest.mark.parametrize(
    ("send", "status", "name", "detail"),
    [
        ({"content": b'{"id": "urn:ngsi-ld:T:1", "type": ', "headers": {"Content-Type": "application/json"}}, 400, "InvalidRequest", "line 1, column"),
        ({"json": {"type": "Tank"}}, 400, "BadRequestData", "no id"),
        ({"json": {"id": "urn:ngsi-ld:T:x"}}, 400, "BadRequestData", "no type"),
        ({"json": {"id": "not a uri", "type": "T"}}, 400, "BadRequestData", "not a URI"),
        ({"json": {"id": "urn:ngsi-ld:T:g", "type": "T", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": ["a"]}}}}, 400, "BadRequestData", "Point"),
        ({"content": b"<xml/>", "headers": {"Content-Type": "application/xml"}}, 415, "InvalidRequest", "Content-Type"),
        ({"content": b"\xff\xfe", "headers": {"Content-Type": "application/json"}}, 400, "InvalidRequest", "UTF-8"),
        ({"json": {"id": "urn:ngsi-ld:T:1", "type": "T"}, "headers": {"Content-Type": "application/ld+json"}}, 400, "BadRequestData", "@context"),
        ({"json": {"id": "urn:ngsi-ld:T:1", "type": "T", "@context": TWIN_CONTEXT}}, 400, "BadRequestData", "Link header"),
        ({"json": [1, 2]}, 400, "InvalidRequest", "JSON object"),
    ],
)  # fmt: skip
def test_bad_creations_get_problem_details(
    http: httpx.Client, send: dict[str, object], status: int, name: str, detail: str
) -> None:
    body = problem(http.post("/entities", **send), status, name)  # type: ignore[arg-type]
    assert detail in str(body["detail"])


def test_other_errors(http: httpx.Client, client: Client) -> None:
    problem(http.get("/entities/urn:ngsi-ld:Tank:none"), 404, "ResourceNotFound")
    problem(http.get("/entities/no-uri"), 400, "BadRequestData")
    body = problem(
        http.get("/entities", params={"type": "Tank", "q": "level>>1"}), 400, "BadRequestData"
    )
    assert "position 6" in str(body["detail"])
    problem(http.get("/entities", params={"type": "Tank", "limit": "5000"}), 403, "TooManyResults")
    problem(http.get("/entities", params={"type": "Tank", "limit": "ten"}), 400, "BadRequestData")
    problem(
        http.get("/entities", params={"type": "Tank"}, headers={"Accept": "text/html"}),
        406,
        "InvalidRequest",
    )
    problem(
        http.get(
            "/entities",
            params={"type": "Tank"},
            headers={
                "Link": '<http://127.0.0.1:9/x.jsonld>; rel="http://www.w3.org/ns/json-ld#context"'
            },
        ),
        503,
        "LdContextNotAvailable",
    )
    problem(http.get("/nowhere"), 404, "ResourceNotFound")
    problem(http.put("/types"), 405, "InvalidRequest")
    problem(
        http.post(
            "/entities",
            content=b"{" + b" " * (9 * 1024 * 1024) + b"}",
            headers={"Content-Type": "application/json"},
        ),
        413,
        "InvalidRequest",
    )
    client.create_entity(tank(30))
    with pytest.raises(AlreadyExists):
        client.create_entity(tank(30))
    with pytest.raises(ResourceNotFound):
        client.retrieve_entity("urn:ngsi-ld:Tank:none")
    with pytest.raises(BadRequestData):
        client.query_entities(type="Tank", q="(level")


def test_attributes_updates_and_partial_results(http: httpx.Client, client: Client) -> None:
    eid = "urn:ngsi-ld:Tank:http-40"
    client.create_entity(tank(40))
    partial = http.patch(
        f"/entities/{eid}/attrs", json={"level": 2.0, "nope": 1}, headers={"Link": LINK}
    )
    assert partial.status_code == 207
    assert partial.json()["updated"] == ["level"]
    assert (
        http.post(f"/entities/{eid}/attrs", json={"head": 50.0}, headers={"Link": LINK}).status_code
        == 204
    )
    assert (
        http.patch(
            f"/entities/{eid}/attrs/level", json={"value": 1.5}, headers={"Link": LINK}
        ).status_code
        == 204
    )
    assert client.retrieve_entity(eid, format="keyValues")["level"] == 1.5
    assert http.delete(f"/entities/{eid}/attrs/head", headers={"Link": LINK}).status_code == 204
    assert http.delete(f"/entities/{eid}").status_code == 204
    problem(http.delete(f"/entities/{eid}"), 404, "ResourceNotFound")


def test_batch_status_codes(http: httpx.Client) -> None:
    created = http.post(
        "/entityOperations/create", json=[tank(50), tank(51)], headers={"Link": LINK}
    )
    assert created.status_code == 201 and created.json() == [
        "urn:ngsi-ld:Tank:http-50",
        "urn:ngsi-ld:Tank:http-51",
    ]
    mixed = http.post("/entityOperations/create", json=[tank(50), tank(52)], headers={"Link": LINK})
    assert mixed.status_code == 207
    assert mixed.json()["errors"][0]["error"]["type"] == ERRORS + "AlreadyExists"
    assert (
        http.post("/entityOperations/upsert", json=[tank(50)], headers={"Link": LINK}).status_code
        == 204
    )
    assert (
        http.post("/entityOperations/upsert", json=[tank(53)], headers={"Link": LINK}).status_code
        == 201
    )
    updated = http.post(
        "/entityOperations/update",
        json=[{"id": "urn:ngsi-ld:Tank:http-50", "level": 1.0}],
        headers={"Link": LINK},
    )
    assert updated.status_code == 204
    deleted = http.post(
        "/entityOperations/delete", json=["urn:ngsi-ld:Tank:http-50", "urn:ngsi-ld:Tank:zzz"]
    )
    assert deleted.status_code == 207
    found = http.post(
        "/entityOperations/query",
        json={"type": "Query", "entities": [{"type": "Tank"}], "q": "level>=3"},
        headers={"Link": LINK},
    )
    assert found.status_code == 200 and {e["id"] for e in found.json()} >= {
        "urn:ngsi-ld:Tank:http-51"
    }


def test_types_attributes_and_temporal(http: httpx.Client, client: Client) -> None:
    client.batch_upsert([tank(60)])
    for hour in range(6):
        client.batch_upsert([{"id": "urn:ngsi-ld:Tank:http-60", "type": "Tank",
                              "level": prop(float(hour), observed_at=f"2024-06-03T0{hour}:30:00Z")}], update=True)  # fmt: skip
    assert "Tank" in client.types()["typeList"]
    assert http.get("/types/Tank", headers={"Link": LINK}).json()["entityCount"] >= 1
    assert "level" in client.attributes()["attributeList"]
    window = {
        "timerel": "between",
        "time_at": "2024-06-03T00:00:00Z",
        "end_time_at": "2024-06-03T06:00:00Z",
    }
    history = client.temporal_entity("urn:ngsi-ld:Tank:http-60", attrs="level", last_n=2, **window)
    assert [i["value"] for i in history["level"]] == [4.0, 5.0]
    aggregated = client.temporal_entity("urn:ngsi-ld:Tank:http-60", attrs="level", options="aggregatedValues",
                                        aggr_methods="avg,max", aggr_period="PT2H", **window)  # fmt: skip
    assert [v for v, *_ in aggregated["level"]["avg"]] == [0.5, 2.5, 4.5]
    listed = client.temporal_query(type="Tank", attrs="level", options="temporalValues", **window)
    assert any(e["id"] == "urn:ngsi-ld:Tank:http-60" for e in listed)
    temporal = {
        "id": "urn:ngsi-ld:Tank:http-61",
        "type": "Tank",
        "level": [prop(1.0, observed_at="2024-06-03T01:00:00Z")],
    }
    assert client.temporal_upsert(temporal) is True
    assert client.temporal_upsert(temporal) is False
    problem(http.get("/temporal/entities/urn:ngsi-ld:Tank:none"), 404, "ResourceNotFound")
    problem(
        http.get("/temporal/entities/urn:ngsi-ld:Tank:http-61", params={"timerel": "during"}),
        400,
        "BadRequestData",
    )
    problem(
        http.get(
            "/temporal/entities/urn:ngsi-ld:Tank:http-61",
            params={
                "options": "aggregatedValues",
                "aggrMethods": "avg",
                "aggrPeriodDuration": "P1M",
            },
        ),
        400,
        "BadRequestData",
    )


def test_openapi_document(http: httpx.Client, url: str) -> None:
    spec = httpx.get(url + "/openapi.json").json()
    paths = spec["paths"]
    for path in ("/entities", "/entities/{entityId}", "/entityOperations/upsert", "/types",
                 "/temporal/entities/{entityId}", "/attributes"):  # fmt: skip
        assert BASE + path in paths


@pytest.mark.parametrize(
    "raw",
    [b'{"id": "urn:ngsi-ld:T:n", "type": "T", "v": 1e400}',
     b'{"id": "urn:ngsi-ld:T:n", "type": "T", "v": NaN}',
     b'{"id": "urn:ngsi-ld:T:n", "type": "T", "v": ' + b"9" * 5000 + b"}",
     b"[" * 100_000 + b"]" * 100_000],
)  # fmt: skip
def test_numbers_json_cannot_hold_are_refused(http: httpx.Client, raw: bytes) -> None:
    response = http.post("/entities", content=raw, headers={"Content-Type": "application/json"})
    problem(response, 400, "InvalidRequest")


def test_extreme_but_valid_values(http: httpx.Client) -> None:
    doc = {"id": "urn:ngsi-ld:T:big", "type": "T", "v": 10**30, "w": -(10**300)}
    assert http.post("/entities", json=doc).status_code == 201
    assert http.get("/entities/urn:ngsi-ld:T:big").json()["v"]["value"] == 10**30
    response = http.get("/temporal/entities/urn:ngsi-ld:T:big", params={"lastN": str(10**20)})
    assert response.status_code == 200
    assert http.get("/entities", params={"type": "T", "offset": str(10**20)}).json() == []
