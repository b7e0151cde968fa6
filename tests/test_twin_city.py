"""Lyon 1er as a twin, simulated sensors clearly labelled, and the cards → twin skeleton."""

from __future__ import annotations

import json
import math

import pytest

from jnt_fresque import samples
from jnt_fresque.twin import city
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.skeleton import propose


def test_buildings_with_height_floors_and_use() -> None:
    buildings = city.buildings()
    assert len(buildings) == 2576
    first = buildings[0]
    assert first["type"] == "Building"
    assert first["height"] == {"type": "Property", "value": 9.2, "unitCode": "MTR"}
    assert first["usage"]["value"] == "Commercial et services"
    assert first["category"]["value"] == ["commercial"]
    assert sum("floorsAboveGround" in b for b in buildings) == 1767
    lon, lat = first["location"]["value"]["coordinates"][0][0][0]
    assert 4.81 < lon < 4.84 and 45.76 < lat < 45.78  # reprojected from EPSG:3946, Z dropped
    assert first["attribution"]["value"] == samples.info("lyon1-batiments").credit("fr")


def test_other_layers_carry_their_attribution() -> None:
    assert len(city.street_trees()) == 969
    stations = city.bike_stations()
    assert {s["totalSlotNumber"]["value"] > 0 for s in stations} == {True}
    area = city.arrondissement()
    assert area["inseeCode"]["value"] == "69381"
    for doc in [*stations, area, *city.street_trees(limit=3)]:
        assert doc["attribution"]["value"].startswith("Source\u00a0: Métropole de Lyon – ")


def test_the_twins_texts_for_people_come_in_the_language_asked() -> None:
    (station,) = city.bike_stations(lang="en")[:1]
    assert station["attribution"]["value"].startswith("Source: Métropole de Lyon – Stations Vélo’v")
    assert "Licence Ouverte v2.0 (Open Licence)" in station["attribution"]["value"]
    air = city.air_quality_stations(lang="en")[0]
    assert air["name"]["value"] == "Place des Terreaux (simulated station)"
    assert air["attribution"]["value"] == "Data simulated by jnt-fresque (not a real measurement)"
    assert city.air_quality_stations()[0]["name"]["value"] == "Place des Terreaux (station simulée)"
    entities = city.city_entities(with_buildings=False, with_trees=False, lang="en")
    assert not [e["id"] for e in entities if "Source\u00a0:" in e["attribution"]["value"]]


def test_simulated_feeds_are_labelled_and_reproducible() -> None:
    at = 1_717_401_600_000  # 2024-06-03T08:00Z, a rush hour
    readings = city.simulated_readings(at)
    assert [d["type"] for d in readings] == ["BikeHireDockingStation"] * 20 + [
        "AirQualityObserved"
    ] * 5
    assert readings == city.simulated_readings(at)
    assert readings != city.simulated_readings(at, seed=1)
    for doc in readings:
        for name, attr in doc.items():
            if name not in ("id", "type", "dateObserved"):
                assert attr["simulated"]["value"] is True, name
    stations = {s["id"]: s["totalSlotNumber"]["value"] for s in city.bike_stations()}
    for doc in readings:
        if doc["type"] == "BikeHireDockingStation":
            bikes, free = doc["availableBikeNumber"]["value"], doc["freeSlotNumber"]["value"]
            assert bikes + free == stations[doc["id"]]
    air = city.air_quality_stations()
    assert len(air) == 5
    for station in air:
        assert station["simulated"]["value"] is True
        assert "simul" in station["dataProvider"]["value"]


def _metres(a: list[float], b: list[float]) -> float:
    """Great-circle distance between two WGS84 (lon, lat) points (haversine)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def test_publish_city_into_a_broker() -> None:
    broker = Broker()
    report = city.publish_city(broker, hours=2, step_minutes=30, start="2024-06-03T06:00:00Z")
    assert report.steps == 5
    # What the broker answers, against the open data files themselves.
    raw = json.loads(samples.path("lyon1-batiments").read_text(encoding="utf-8"))
    over_40 = sum(f["properties"]["HAUTEUR"] > 40 for f in raw["features"])
    tall = broker.count_entities(type="Building", q="height>40", context=TWIN_CONTEXT)
    assert tall == over_40 == 5
    terreaux = [4.8338, 45.7675]
    stations = json.loads(samples.path("lyon1-velov").read_text(encoding="utf-8"))["features"]
    within = {
        f"urn:ngsi-ld:BikeHireDockingStation:velov-{f['properties']['idstation']}"
        for f in stations
        if _metres(f["geometry"]["coordinates"], terreaux) <= 300  # the nearest out: 305 m
    }
    near_terreaux = broker.query_entities(
        type="BikeHireDockingStation", georel="near;maxDistance==300", geometry="Point",
        coordinates="[4.8338,45.7675]", format="keyValues", context=TWIN_CONTEXT,
    )  # fmt: skip
    assert {s["id"] for s in near_terreaux} == within and len(within) == 8
    assert all(isinstance(s["availableBikeNumber"], int) for s in near_terreaux)
    # The history replays the simulated feed, one value every 30 minutes.
    history = broker.temporal_entity(
        "urn:ngsi-ld:AirQualityObserved:lyon1-sim-terreaux", attrs="no2", options="temporalValues",
        timerel="between", time_at="2024-06-03T06:00:00Z", end_time_at="2024-06-03T09:00:00Z",
        context=TWIN_CONTEXT,
    )  # fmt: skip
    start = 1_717_394_400_000  # 2024-06-03T06:00Z
    fed = []
    for step in range(5):
        at = start + step * 30 * 60_000
        [air] = [
            d
            for d in city.simulated_readings(at)
            if d["id"] == "urn:ngsi-ld:AirQualityObserved:lyon1-sim-terreaux"
        ]
        fed.append(
            [air["no2"]["value"], f"2024-06-03T{6 + step // 2:02d}:{step % 2 * 30:02d}:00.000Z"]
        )
    assert history["no2"]["values"] == fed


def test_skeleton_from_the_water_use_case() -> None:
    skeleton = propose(["uc-eau-assainissement", "data-us", "data-hy"])
    assert [c.key for c in skeleton.components] == ["area", "water"]
    assert {"Junction", "Pipe", "Pump", "Tank", "Reservoir", "Valve"} <= set(skeleton.entity_types)
    assert "EPANET" in skeleton.standards and "NGSI-LD" in skeleton.standards
    assert "Junction.pressure" in skeleton.sensors
    summary = skeleton.summary()
    credit = summary["components"][0]["samples"][0]["attribution"]
    assert credit["fr"].startswith("Source\u00a0: ") and credit["en"].startswith("Source: ")


def test_simulated_sensors_are_said_so_in_the_readers_language() -> None:
    skeleton = propose(["uc-mobilite-transports", "data-tn", "data-ac"])
    bikes = next(c for c in skeleton.components if c.key == "bikes")
    assert bikes.sensor_labels("fr") == ["BikeHireDockingStation.availableBikeNumber (simulé)"]
    assert bikes.sensor_labels("en") == ["BikeHireDockingStation.availableBikeNumber (simulated)"]
    water = propose(["uc-eau-assainissement", "data-us", "data-hy"]).components[-1]
    assert water.sensor_labels("en") == list(water.sensors)  # computed by EPANET, not invented


def test_skeleton_without_data_cards_uses_the_use_case_themes() -> None:
    skeleton = propose(["uc-qualite-air"])
    assert [c.key for c in skeleton.components] == ["area", "buildings", "bikes", "air"]
    assert skeleton.capability == "predictive"
    assert "ef" in skeleton.uncovered


def test_skeleton_builds_from_the_samples() -> None:
    broker = Broker()
    counts = propose(["uc-eau-assainissement", "data-us", "data-hy", "data-tn"]).build(
        broker, hours=2
    )
    assert counts == {"area": 1, "bikes": 20, "water": 216}
    assert broker.count_entities(type="Junction", context=TWIN_CONTEXT) == 92
    assert broker.count_entities(type="Building", context=TWIN_CONTEXT) == 0


@pytest.mark.parametrize(
    ("cards", "error", "message"),
    [
        (["data-us"], ValueError, "give at least one use-case card"),
        (["uc-nope"], KeyError, "no card 'uc-nope'"),
        (["uc-qualite-air", "term-bim"], ValueError, "only use-case and data cards .* term-bim"),
    ],
)
def test_skeleton_refuses_wrong_cards(
    cards: list[str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        propose(cards)
