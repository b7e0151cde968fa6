"""NGSI-LD entities: normalization, representations, @contexts and GeoJSON checks."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from jnt_fresque.twin.context import CORE_CONTEXT, DEFAULT_VOCAB, TWIN_CONTEXT, ContextCache
from jnt_fresque.twin.errors import BadRequestData, LdContextNotAvailable, from_problem
from jnt_fresque.twin.geo import GeoQuery, check_geometry
from jnt_fresque.twin.ngsild import (
    entity,
    geo,
    normalize_entity,
    parse_time,
    prop,
    rel,
    to_concise,
    to_feature_collection,
    to_key_values,
)

TANK = {
    "id": "urn:ngsi-ld:Tank:T1",
    "type": "Tank",
    "level": {"type": "Property", "value": 3.2, "observedAt": "2024-06-03T08:00:00Z", "unitCode": "MTR"},
    "isPartOf": {"type": "Relationship", "object": "urn:ngsi-ld:Network:Net3"},
    "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [4.83, 45.76]}},
}  # fmt: skip


def test_concise_input_becomes_normalized() -> None:
    doc = normalize_entity(
        {
            "id": "urn:ngsi-ld:Tank:T1",
            "type": "Tank",
            "level": 3.2,
            "name": {"value": "T1"},
            "isPartOf": {"object": "urn:ngsi-ld:Network:Net3"},
            "location": {"type": "Point", "coordinates": [4.83, 45.76]},
        }
    )
    assert doc["level"] == {"type": "Property", "value": 3.2}
    assert doc["name"] == {"type": "Property", "value": "T1"}
    assert doc["isPartOf"] == {"type": "Relationship", "object": "urn:ngsi-ld:Network:Net3"}
    assert doc["location"]["type"] == "GeoProperty"


def test_builders_give_the_normalized_form() -> None:
    built = entity(
        "urn:ngsi-ld:Tank:T1",
        "Tank",
        level=prop(3.2, observed_at="2024-06-03T08:00:00Z", unit_code="MTR"),
        isPartOf=rel("urn:ngsi-ld:Network:Net3"),
        location=geo({"type": "Point", "coordinates": [4.83, 45.76]}),
    )
    assert built == TANK


def test_representations() -> None:
    assert to_key_values(TANK) == {
        "id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.2,
        "isPartOf": "urn:ngsi-ld:Network:Net3",
        "location": {"type": "Point", "coordinates": [4.83, 45.76]},
    }  # fmt: skip
    concise = to_concise(TANK)
    assert concise["level"] == {
        "value": 3.2,
        "observedAt": "2024-06-03T08:00:00Z",
        "unitCode": "MTR",
    }
    assert concise["isPartOf"] == {"object": "urn:ngsi-ld:Network:Net3"}
    assert normalize_entity(concise) == TANK  # concise goes back to the same entity
    collection = to_feature_collection([TANK], attribution="Source : essai")
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [4.83, 45.76]}
    assert collection["attribution"] == "Source : essai"


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"type": "Tank"}, "no id"),
        ({"id": "T1", "type": "Tank"}, "not a URI"),
        ({"id": "urn:ngsi-ld:Tank:T1"}, "has no type"),
        ({"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": None}, "null"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "a b": 1}, "not allowed"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "r": {"type": "Relationship"}}, "a Relationship needs object"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "r": {"type": "Relationship", "object": "x y"}}, "not a URI"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "p": {"type": "Foo", "value": 1}}, "is not one of Property"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "p": {"type": "Property", "value": 1, "observedAt": "hier"}}, "ISO 8601"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [400, 1]}}}, "WGS84"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "location": {"type": "GeoProperty", "value": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}}}, "closed"),
        ({"id": "urn:ngsi-ld:T:1", "type": "T", "location": {"type": "GeoProperty", "value": {"type": "Circle"}}}, "GeoJSON type"),
    ],
)  # fmt: skip
def test_malformed_entities_are_bad_request_data(doc: dict[str, object], message: str) -> None:
    with pytest.raises(BadRequestData, match=message):
        normalize_entity(doc)


def test_times() -> None:
    assert parse_time("2024-06-03T08:00:00Z") == parse_time("2024-06-03T10:00:00+02:00")
    assert parse_time("2024-06-03T08:00:00.250Z") % 1000 == 250


def test_contexts_expand_and_compact_without_the_network() -> None:
    cache = ContextCache(fetch=False)
    twin = cache.resolve(TWIN_CONTEXT)
    core = cache.resolve(None)
    pressure = twin.expand("pressure")
    assert pressure.startswith(
        "https://smartdatamodels.org/dataModel.WaterDistributionManagementEPANET/"
    )
    assert twin.compact(pressure) == "pressure"
    assert core.expand("pressure") == DEFAULT_VOCAB + "pressure"
    assert core.expand("location") == "https://uri.etsi.org/ngsi-ld/location"
    assert core.url == CORE_CONTEXT
    for pinned in ("", "-v1.6", "-v1.7", "-v1.8", "-v1.9"):  # known without a fetch
        url = f"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context{pinned}.jsonld"
        assert (
            cache.resolve(url).expand("languageMap")
            == "https://uri.etsi.org/ngsi-ld/hasLanguageMap"
        )


def test_a_user_folder_of_contexts_works_offline(tmp_path: Path) -> None:
    url = "https://example.org/ctx/ville.jsonld"
    (tmp_path / "ville.jsonld").write_text(
        json.dumps({"@context": {"banc": "https://example.org/v#banc"}})
    )
    (tmp_path / "index.json").write_text(json.dumps({url: "ville.jsonld"}))
    cache = ContextCache([tmp_path], fetch=False)
    assert cache.resolve(url).expand("banc") == "https://example.org/v#banc"


def test_an_unreachable_context_is_503_quickly_and_remembered() -> None:
    cache = ContextCache(timeout=2)
    url = "http://127.0.0.1:9/nowhere.jsonld"  # discard port: nothing listens
    started = time.monotonic()
    with pytest.raises(LdContextNotAvailable):
        cache.resolve(url)
    with pytest.raises(LdContextNotAvailable):
        cache.resolve([url])
    assert time.monotonic() - started < 5
    assert LdContextNotAvailable("x").status == 503


def test_a_context_redefining_a_core_term_is_refused() -> None:
    with pytest.raises(BadRequestData, match="protected"):
        ContextCache(fetch=False).resolve({"type": "@id"})


def test_problem_details_round_trip() -> None:
    error = LdContextNotAvailable("no context")
    again = from_problem(error.problem(), 503)
    assert type(again) is LdContextNotAvailable
    assert again.problem() == error.problem()


def test_geo_queries() -> None:
    near = GeoQuery.parse("near;maxDistance==100", "Point", "[4.8320, 45.7676]")
    assert near.matches({"type": "Point", "coordinates": [4.8325, 45.7678]})  # ≈ 40 m
    assert not near.matches({"type": "Point", "coordinates": [4.8420, 45.7676]})  # ≈ 780 m
    far = GeoQuery.parse("near;minDistance==500", "Point", [4.8320, 45.7676])
    assert far.matches({"type": "Point", "coordinates": [4.8420, 45.7676]})
    square = "[[[4.82,45.76],[4.84,45.76],[4.84,45.78],[4.82,45.78],[4.82,45.76]]]"
    inside = {"type": "Point", "coordinates": [4.83, 45.77]}
    assert GeoQuery.parse("within", "Polygon", square).matches(inside)
    assert GeoQuery.parse("intersects", "Polygon", square).matches(inside)
    assert not GeoQuery.parse("disjoint", "Polygon", square).matches(inside)
    assert GeoQuery.parse("contains", "Point", "[4.83,45.77]").matches(json.loads(
        '{"type":"Polygon","coordinates":' + square + "}"))  # fmt: skip
    assert GeoQuery.parse("equals", "Point", "[4.83,45.77]").matches(inside)
    line = {"type": "LineString", "coordinates": [[4.81, 45.77], [4.83, 45.77]]}
    assert GeoQuery.parse("overlaps", "LineString", "[[4.82,45.77],[4.85,45.77]]").matches(line)


@pytest.mark.parametrize(
    ("georel", "geometry", "coordinates", "message"),
    [
        ("near", "Point", "[4.8,45.7]", "maxDistance"),
        ("nearby;maxDistance==1", "Point", "[4.8,45.7]", "georel"),
        ("within;maxDistance==1", "Polygon", "[]", "only goes with near"),
        ("near;maxDistance==-3", "Point", "[4.8,45.7]", "maxDistance==N"),
        ("within", "Point", "[4.8,", "not a JSON array"),
        ("within", "Polygon", "[[[0,0],[1,1]]]", "ring"),
        ("within", None, "[4.8,45.7]", "together"),
    ],
)
def test_bad_geo_queries(georel: str, geometry: str | None, coordinates: str, message: str) -> None:
    with pytest.raises(BadRequestData, match=message):
        GeoQuery.parse(georel, geometry, coordinates)


def test_check_geometry_counts_positions() -> None:
    assert (
        check_geometry({"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]})["type"]
        == "MultiPoint"
    )


def test_the_twin_package_surface_is_lazy() -> None:
    import subprocess
    import sys

    import jnt_fresque.twin as twin

    assert len(set(twin.__all__)) == len(twin.__all__)
    for name in twin.__all__:
        assert getattr(twin, name) is not None
    code = (
        "import sys, jnt_fresque.twin; "
        "print(sorted({'wntr', 'fastapi', 'pyld', 'shapely', 'httpx'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_geojson_features_round_trip() -> None:
    from jnt_fresque.twin.ngsild import from_feature, to_feature

    assert from_feature(to_feature(TANK)) == TANK
    plain = {"type": "Feature", "id": "urn:ngsi-ld:Tree:1", "geometry": {"type": "Point", "coordinates": [4.8, 45.7]},
             "properties": {"height": 12}}  # fmt: skip
    tree = from_feature(plain, type="StreetTree")
    assert (
        tree["height"] == {"type": "Property", "value": 12}
        and tree["location"]["type"] == "GeoProperty"
    )
    with pytest.raises(BadRequestData):
        from_feature({"type": "FeatureCollection"})
