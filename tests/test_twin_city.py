"""Lyon 1er as a twin, simulated sensors clearly labelled, and the cards → twin skeleton."""

from __future__ import annotations

import pytest

from jnt_fresque import samples
from jnt_fresque.twin import city
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.skeleton import propose

pytestmark = pytest.mark.filterwarnings("ignore")


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
    assert first["attribution"]["value"] == samples.info("lyon1-batiments").attribution


def test_other_layers_carry_their_attribution() -> None:
    assert len(city.street_trees()) == 969
    stations = city.bike_stations()
    assert {s["totalSlotNumber"]["value"] > 0 for s in stations} == {True}
    area = city.arrondissement()
    assert area["inseeCode"]["value"] == "69381"
    for doc in [*stations, area, *city.street_trees(limit=3)]:
        assert doc["attribution"]["value"].startswith("Source : ")


def test_simulated_feeds_are_labelled_and_reproducible() -> None:
    at = 1_717_401_600_000  # 2024-06-03T08:00Z, a rush hour
    readings = city.simulated_readings(at)
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
    air = [s for s in city.air_quality_stations()]
    assert all(
        s["simulated"]["value"] is True and "simul" in s["dataProvider"]["value"] for s in air
    )


def test_publish_city_into_a_broker() -> None:
    broker = Broker()
    report = city.publish_city(broker, hours=2, step_minutes=30, start="2024-06-03T06:00:00Z")
    assert report.steps == 5
    tall = broker.count_entities(type="Building", q="height>40", context=TWIN_CONTEXT)
    assert 0 < tall < 100
    near_terreaux = broker.query_entities(
        type="BikeHireDockingStation", georel="near;maxDistance==300", geometry="Point",
        coordinates="[4.8338,45.7675]", format="keyValues", context=TWIN_CONTEXT,
    )  # fmt: skip
    assert near_terreaux and all("availableBikeNumber" in s for s in near_terreaux)
    history = broker.temporal_entity(
        "urn:ngsi-ld:AirQualityObserved:lyon1-sim-terreaux", attrs="no2", options="temporalValues",
        timerel="between", time_at="2024-06-03T06:00:00Z", end_time_at="2024-06-03T09:00:00Z",
        context=TWIN_CONTEXT,
    )  # fmt: skip
    assert len(history["no2"]["values"]) == 5


def test_skeleton_from_the_water_use_case() -> None:
    skeleton = propose(["uc-eau-assainissement", "data-us", "data-hy"])
    assert [c.key for c in skeleton.components] == ["area", "water"]
    assert {"Junction", "Pipe", "Pump", "Tank", "Reservoir", "Valve"} <= set(skeleton.entity_types)
    assert "EPANET" in skeleton.standards and "NGSI-LD" in skeleton.standards
    assert "Junction.pressure" in skeleton.sensors
    summary = skeleton.summary()
    assert summary["components"][0]["samples"][0]["attribution"].startswith("Source : ")


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
    ("cards", "error"),
    [
        (["data-us"], ValueError),
        (["uc-nope"], KeyError),
        (["uc-qualite-air", "term-bim"], ValueError),
    ],
)
def test_skeleton_refuses_wrong_cards(cards: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        propose(cards)
