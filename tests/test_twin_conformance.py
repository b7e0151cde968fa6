"""The broker against ETSI GS CIM 009: what the conformance work added, checked directly.

The ETSI suite itself runs with ``conformance/run.py`` (``make conformance``); these
tests pin the behaviours a student notices: refused input leaves nothing behind,
the property kinds of the standard round-trip, the NGSI-LD null deletes, merge
keeps what it is not given, temporal answers come in pages that the client follows.
"""

from __future__ import annotations

import json
import string
import unicodedata
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jnt_fresque.twin.api import running
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.client import Client
from jnt_fresque.twin.errors import BadRequestData, InvalidRequest, ResourceNotFound
from jnt_fresque.twin.ngsild import invisible, prop

SUITE = "https://ngsi-ld-test-suite/context#"
JSON_LD = "application/ld+json"


def snapshot(broker: Broker) -> tuple[Any, ...]:
    """Everything the broker keeps: entities, histories, and their rows in SQLite."""
    db = broker.store.db
    rows = tuple(
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("entity", "attribute", "series", "instance", "tentity")
    )
    return json.dumps(broker.store.entities, sort_keys=True), dict(broker.store.series), rows


# --- refused input leaves nothing behind ------------------------------------------------

# The characters ETSI's 451 test purposes put in ids, and others of the same families.
HIDDEN = [0x202E, 0x200B, 0xFEFF, 0x2028, 0x00A0, 0xFE0F, 0xE0100, 0xFDD0, 0xFFFE, 0x115F,
          0x3164, 0xFFA0, 0x2800, 0x200D, 0x2066, 0x00AD, 0x1FFFF, 0xF8FF, 0x0007]  # fmt: skip
hidden = st.sampled_from(HIDDEN).map(chr)
visible = st.text(alphabet=string.ascii_letters + string.digits + "-_.é中", min_size=1, max_size=8)


@pytest.fixture(scope="module")
def shared() -> Iterator[Broker]:
    broker = Broker()
    broker.create_entity({"id": "urn:ngsi-ld:Tank:T0", "type": "Tank", "level": 1.0})
    yield broker
    broker.close()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=visible, char=hidden, after=visible, where=st.sampled_from(["id", "type", "attr"]))
def test_an_invisible_character_is_refused_before_anything_is_stored(
    shared: Broker, before: str, char: str, after: str, where: str
) -> None:
    assert invisible(before + char + after) is not None
    doc: dict[str, Any] = {"id": f"urn:ngsi-ld:Tank:{before}x{after}", "type": "Tank", "level": 2.0}
    if where == "id":
        doc["id"] = f"urn:ngsi-ld:Tank:{before}{char}{after}"
    elif where == "type":
        doc["type"] = f"Tank{char}{after}"
    else:
        doc[f"level{char}{after}"] = 3.0
    kept = snapshot(shared)
    with pytest.raises(BadRequestData):
        shared.create_entity(doc)
    with pytest.raises(BadRequestData):
        shared.temporal_upsert(doc)
    result = shared.batch_upsert([doc])
    assert result.success == [] and len(result.errors) == 1
    if where != "id":  # the same names added to an entity that exists
        with pytest.raises(BadRequestData):
            shared.append_attrs("urn:ngsi-ld:Tank:T0", {k: v for k, v in doc.items() if k != "id"})
    assert snapshot(shared) == kept


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.one_of(st.sampled_from(["id", "type", "@context", "@id", "a b", "x;y", "q=1", "(a)"]),
                      st.text(min_size=1, max_size=6).filter(lambda t: invisible(t) is not None)))  # fmt: skip
def test_names_the_standard_refuses_change_nothing(shared: Broker, name: str) -> None:
    kept = snapshot(shared)
    with pytest.raises(BadRequestData):
        shared.create_entity({"id": "urn:ngsi-ld:Tank:N1", "type": "Tank", name: {"value": 1}})
    with pytest.raises(BadRequestData):
        shared.update_attrs("urn:ngsi-ld:Tank:T0", {"level": 5.0, name: {"value": 1}})
    assert snapshot(shared) == kept
    assert shared.retrieve_entity("urn:ngsi-ld:Tank:T0", format="keyValues")["level"] == 1.0


@given(text=st.text(max_size=12))
def test_what_is_invisible_is_what_unicode_files_as_such(text: str) -> None:
    found = invisible(text)
    if found is None:
        assert all(
            c.isprintable() if c.isascii() else unicodedata.category(c)[0] not in "CZ" for c in text
        )
    else:
        assert chr(int(found[2:], 16)) in text


def test_ids_refused_over_http_never_answer_500() -> None:
    broker = Broker()
    with running(broker) as url, httpx.Client(base_url=f"{url}/ngsi-ld/v1") as http:
        for code in HIDDEN:
            body = {"id": f"urn:ngsi-ld:Vehicle:A{chr(code)}B", "type": "Vehicle"}
            answer = http.post("/entities", json=body)
            assert answer.status_code == 400, (hex(code), answer.text)
            assert answer.json()["type"].endswith("/BadRequestData")
        # A non-ASCII id that is a fine IRI is created, its Location percent-encoded.
        answer = http.post("/entities", json={"id": "urn:ngsi-ld:Ciudad:París", "type": "City"})
        assert answer.status_code == 201
        assert answer.headers["Location"].endswith("urn:ngsi-ld:Ciudad:Par%C3%ADs")
        assert http.get("/entities/urn:ngsi-ld:Ciudad:París").status_code == 200
    assert list(broker.store.entities) == ["urn:ngsi-ld:Ciudad:París"]


def test_an_array_is_not_an_entity() -> None:
    with pytest.raises(InvalidRequest):
        Broker().create_entity([])


# --- the property kinds, scope, null, merge ----------------------------------------------


def test_language_vocab_list_and_json_properties_round_trip() -> None:
    broker = Broker()
    broker.create_entity({
        "id": "urn:ngsi-ld:Building:B1", "type": "Building",
        "street": {"type": "LanguageProperty", "languageMap": {"fr": "Grand Place", "nl": "Grote Markt"}},
        "category": {"type": "VocabProperty", "vocab": ["monument", "sightseeing"]},
        "floors": {"type": "ListProperty", "valueList": [0, 1, 2]},
        "extra": {"type": "JsonProperty", "json": {"id": "x", "null": None}},
    })  # fmt: skip
    stored = broker.store.entities["urn:ngsi-ld:Building:B1"]["attrs"]
    vocab = stored["https://uri.etsi.org/ngsi-ld/default-context/category"]["vocab"]
    assert vocab == ["https://uri.etsi.org/ngsi-ld/default-context/monument",
                     "https://uri.etsi.org/ngsi-ld/default-context/sightseeing"]  # fmt: skip
    doc = broker.retrieve_entity("urn:ngsi-ld:Building:B1")
    assert doc["category"]["vocab"] == ["monument", "sightseeing"]
    assert doc["extra"]["json"] == {"id": "x", "null": None}
    simple = broker.retrieve_entity("urn:ngsi-ld:Building:B1", format="keyValues")
    assert simple["street"] == {"languageMap": {"fr": "Grand Place", "nl": "Grote Markt"}}
    assert simple["floors"] == [0, 1, 2]
    dutch = broker.retrieve_entity("urn:ngsi-ld:Building:B1", lang="de,nl;q=0.8")
    assert dutch["street"] == {"type": "Property", "value": "Grote Markt", "lang": "nl"}
    assert (
        broker.retrieve_entity("urn:ngsi-ld:Building:B1", format="keyValues", lang="*")["street"]
        == "Grand Place"
    )
    picked = broker.retrieve_entity("urn:ngsi-ld:Building:B1", pick="id,floors")
    assert picked == {"id": "urn:ngsi-ld:Building:B1", "floors": doc["floors"]}
    assert "street" not in broker.retrieve_entity("urn:ngsi-ld:Building:B1", omit="street")
    with pytest.raises(BadRequestData, match="languageMap"):
        broker.create_entity({"id": "urn:ngsi-ld:Building:B2", "type": "Building",
                              "street": {"type": "LanguageProperty"}})  # fmt: skip


def test_scopes_are_kept_and_queried() -> None:
    broker = Broker()
    for n, scope in enumerate(
        ["/Madrid/Gardens/ParqueNorte", ["/Madrid/Parks/ParqueNorte", "/CompanyA/OrgB/UnitC"]]
    ):
        broker.create_entity(
            {"id": f"urn:ngsi-ld:Building:S{n}", "type": "Building", "scope": scope}
        )

    def ids(scope_q: str) -> list[str]:
        found = broker.query_entities(type="Building", scope_q=scope_q)
        return [e["id"][-2:] for e in found]

    assert ids("/Madrid/+/ParqueNorte") == ["S0", "S1"]
    assert ids("/CompanyA/#") == ["S1"]
    assert ids("/Madrid/Gardens/ParqueNorte;/CompanyA/OrgB/UnitC") == []
    assert ids("/Madrid/Gardens/ParqueNorte,/CompanyA/OrgB/UnitC") == ["S0", "S1"]
    broker.delete_attr("urn:ngsi-ld:Building:S0", "scope")
    assert "scope" not in broker.retrieve_entity("urn:ngsi-ld:Building:S0")
    with pytest.raises(BadRequestData):
        broker.create_entity(
            {"id": "urn:ngsi-ld:Building:S9", "type": "Building", "scope": "no scope"}
        )


def test_the_ngsi_ld_null_deletes_and_merge_keeps_what_it_is_not_given() -> None:
    broker = Broker()
    broker.create_entity({
        "id": "urn:ngsi-ld:Building:M1", "type": "Building",
        "name": [prop("Eiffel Tower", dataset_id="urn:ngsi-ld:Dataset:01"),
                 prop("The iron lady", dataset_id="urn:ngsi-ld:Dataset:02")],
        "airQualityLevel": prop(5, unit_code="C62"),
        "street": {"type": "LanguageProperty", "languageMap": {"fr": "Rue"}},
    })  # fmt: skip
    broker.merge_entity(
        "urn:ngsi-ld:Building:M1", {"airQualityLevel": {"value": 7}, "type": "Museum"}
    )
    doc = broker.retrieve_entity("urn:ngsi-ld:Building:M1")
    assert doc["airQualityLevel"] == {"type": "Property", "value": 7, "unitCode": "C62"}
    assert doc["type"] == ["Building", "Museum"]
    null = "urn:ngsi-ld:null"
    broker.update_attrs("urn:ngsi-ld:Building:M1",
                        {"name": {"value": null, "datasetId": "urn:ngsi-ld:Dataset:01"}})  # fmt: skip
    assert broker.retrieve_entity("urn:ngsi-ld:Building:M1")["name"]["value"] == "The iron lady"
    broker.merge_entity("urn:ngsi-ld:Building:M1",
                        {"street": {"type": "LanguageProperty", "languageMap": {"@none": null}}})  # fmt: skip
    assert "street" not in broker.retrieve_entity("urn:ngsi-ld:Building:M1")
    result = broker.batch_merge([{"id": "urn:ngsi-ld:Building:M1", "airQualityLevel": 8},
                                 {"id": "urn:ngsi-ld:Building:none", "airQualityLevel": 8}])  # fmt: skip
    assert result.success == ["urn:ngsi-ld:Building:M1"] and len(result.errors) == 1
    with pytest.raises(ResourceNotFound):  # no default instance to update partially
        broker.update_attr("urn:ngsi-ld:Building:M1", "name", {"value": "x"})
    with pytest.raises(BadRequestData):  # a partial update keeps the attribute's kind
        broker.update_attr("urn:ngsi-ld:Building:M1", "airQualityLevel",
                           {"type": "Relationship", "object": "urn:ngsi-ld:X:1"})  # fmt: skip


# --- temporal pages ------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged() -> Iterator[tuple[str, Broker]]:
    broker = Broker()
    for attr, day in (("speed", "01"), ("fuelLevel", "02")):
        broker.temporal_upsert({
            "id": "urn:ngsi-ld:Vehicle:V1", "type": "Vehicle",
            attr: [prop(n, observed_at=f"2020-01-{day}T01:{n:02d}:00Z") for n in range(1, 13)],
        })  # fmt: skip
    with running(broker, temporal_page=10) as url:
        yield url, broker


def test_a_long_history_comes_in_pages(paged: tuple[str, Broker]) -> None:
    url, _broker = paged
    base = f"{url}/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:Vehicle:V1"
    first = httpx.get(base, params={"timerel": "after", "timeAt": "2019-01-01T00:00:00Z"})
    assert first.status_code == 206
    assert first.headers["Content-Range"] == "date-time 2019-01-01T00:00:00Z-2020-01-01T01:10:00Z/*"
    assert len(first.json()["speed"]) == 10 and first.json()["fuelLevel"] == []  # cut, not gone
    newest = httpx.get(base, params={"lastN": "6"})  # 12 instances, the newest 10 first
    assert newest.status_code == 206
    assert (
        newest.headers["Content-Range"] == "date-time 2020-01-02T01:12:00Z-2020-01-01T01:09:00Z/6"
    )
    assert [i["value"] for i in newest.json()["fuelLevel"]] == [7, 8, 9, 10, 11, 12]
    assert [i["value"] for i in newest.json()["speed"]] == [9, 10, 11, 12]
    assert httpx.get(base, params={"lastN": "2", "attrs": "speed"}).status_code == 200


def test_the_client_follows_the_pages(paged: tuple[str, Broker]) -> None:
    url, broker = paged
    with Client(f"{url}/ngsi-ld/v1") as client:  # the API base works as the root does
        whole = client.temporal_entity("urn:ngsi-ld:Vehicle:V1")
        assert [i["value"] for i in whole["speed"]] == list(range(1, 13))
        assert [i["value"] for i in whole["fuelLevel"]] == list(range(1, 13))
        assert whole == {**broker.temporal_entity("urn:ngsi-ld:Vehicle:V1"), "type": "Vehicle"}
        last = client.temporal_entity("urn:ngsi-ld:Vehicle:V1", last_n=3, options="temporalValues")
        assert [v for v, _t in last["speed"]["values"]] == [10, 11, 12]
        assert [v for v, _t in last["fuelLevel"]["values"]] == [10, 11, 12]
        listed = client.temporal_query(type="Vehicle", timerel="before",
                                       time_at="2020-01-02T01:05:00Z")  # fmt: skip
        assert [len(listed[0][a]) for a in ("speed", "fuelLevel")] == [12, 4]
