"""Maps return objects to inspect: layers, their data, the attribution; no tile server."""

from __future__ import annotations

import pytest

from jnt_fresque.reference import samples
from jnt_fresque.twin import city, maps
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.water import WaterNetwork

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def broker() -> Broker:
    b = Broker()
    city.publish_city(b, hours=0.5, step_minutes=30, entities=[
        city.arrondissement(), *city.buildings(limit=200), *city.street_trees(limit=50),
        *city.bike_stations(), *city.air_quality_stations()])  # fmt: skip
    return b


def test_twin_map_has_a_layer_per_type_and_the_attribution(broker: Broker) -> None:
    m = maps.twin_map(broker)
    assert sorted(maps.layer_names(m)) == [
        "AdministrativeArea", "AirQualityObserved", "BikeHireDockingStation", "Building", "StreetTree",
    ]  # fmt: skip
    html = m.get_root().render()
    assert samples.info("lyon1-batiments").attribution.split(" – ")[0] in m.jnt_attribution
    assert "Licence Ouverte" in html
    assert "tile.openstreetmap" not in html  # offline: no basemap
    layer = next(
        c for c in m._children.values() if getattr(c, "layer_name", "") == "BikeHireDockingStation"
    )
    props = layer.data["features"][0]["properties"]
    assert "availableBikeNumber" in props  # popups show current values


def test_buildings_in_3d(broker: Broker) -> None:
    deck = maps.buildings_3d(broker, colour_by="usage")
    layer = deck.layers[0]
    assert layer.type == "PolygonLayer" and layer.extruded
    assert len(layer.data) == 200
    assert {len(row["colour"]) for row in layer.data} == {3}
    usages = {row["usage"]: tuple(row["colour"]) for row in layer.data}
    assert len(set(usages.values())) == len(usages)  # one colour per use
    assert deck.map_provider is None and "BD TOPO" in deck.jnt_attribution
    by_height = maps.buildings_3d(city.buildings(limit=20), colour_by="height")
    tallest = max(by_height.layers[0].data, key=lambda r: r["height"])
    assert tallest["colour"] == maps.RAMP[-1]


def test_water_network_coloured_by_pressure() -> None:
    net = WaterNetwork.net3()
    results = net.simulate(hours=2)
    states = {s["id"]: s for s in net.states(results, 1)}
    docs = [{**e, **states.get(e["id"], {})} for e in net.entities()]
    deck = maps.water_network_3d(docs, highlight=["251"])
    links, nodes = deck.layers
    assert (links.type, nodes.type) == ("PathLayer", "ScatterplotLayer")
    assert len(links.data) == 119 and len(nodes.data) == 97
    lowest = min((r for r in nodes.data if r["type"] == "Junction"), key=lambda r: r["value"])
    assert lowest["colour"] == maps.RAMP[0]
    assert next(r for r in nodes.data if r["id"].endswith("-251"))["radius"] > 25
    assert "EPANET" in deck.jnt_attribution
