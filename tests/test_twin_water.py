"""The water twin: Net3 on Lyon as Smart Data Models entities, EPANET results, scenarios."""

from __future__ import annotations

import warnings

import pytest

from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.water import Results, Scenario, WaterNetwork

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture(scope="module")
def net() -> WaterNetwork:
    return WaterNetwork.net3(start="2024-06-03T00:00:00Z")


@pytest.fixture(scope="module")
def baseline(net: WaterNetwork) -> Results:
    return net.simulate()


def test_net3_as_smart_data_models_entities(net: WaterNetwork) -> None:
    entities = net.entities()
    counts: dict[str, int] = {}
    for e in entities:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    assert counts == {"Junction": 92, "Tank": 3, "Reservoir": 2, "Pipe": 117, "Pump": 2}
    by_id = {e["id"]: e for e in entities}
    pump = by_id["urn:ngsi-ld:Pump:Net3-10"]
    assert pump["startsAt"] == {"type": "Relationship", "object": "urn:ngsi-ld:Reservoir:Net3-Lake"}
    assert pump["endsAt"]["object"] == "urn:ngsi-ld:Junction:Net3-10"
    pipe = by_id["urn:ngsi-ld:Pipe:Net3-20"]
    assert pipe["location"]["value"]["type"] == "LineString"
    assert pipe["diameter"]["unitCode"] == "MMT"
    # Placed on Lyon: every node falls within a few kilometres of Lyon 1er.
    for e in entities:
        if e["location"]["value"]["type"] == "Point":
            lon, lat = e["location"]["value"]["coordinates"]
            assert 4.79 < lon < 4.87 and 45.75 < lat < 45.79, e["id"]
    assert all("EPANET" in e["attribution"]["value"] for e in entities)


def test_the_hydraulics_come_from_epanet(net: WaterNetwork, baseline: Results) -> None:
    assert len(baseline.times) == 169  # 7 days, hourly
    states = net.states(baseline, 8)
    junction = next(s for s in states if s["id"] == "urn:ngsi-ld:Junction:Net3-123")
    assert junction["pressure"]["observedAt"] == "2024-06-03T08:00:00.000Z"
    assert junction["pressure"]["value"] == round(float(baseline.pressure["123"].iloc[8]), 2)
    tank = next(s for s in states if s["type"] == "Tank")
    assert tank["level"]["unitCode"] == "MTR"


def test_publish_replays_the_history_into_a_broker(net: WaterNetwork) -> None:
    broker = Broker()
    results = net.simulate(hours=6)
    seen = []
    report = net.publish(broker, results=results, progress=lambda i, n: seen.append((i, n)))
    assert report.entities == 216 and report.steps == 7 and seen[-1] == (7, 7)
    low = broker.query_entities(
        type="Junction", q="pressure<20", format="keyValues", context=TWIN_CONTEXT
    )
    assert all(e["pressure"] < 20 for e in low)
    history = broker.temporal_entity(
        "urn:ngsi-ld:Junction:Net3-123", attrs="pressure", context=TWIN_CONTEXT,
        timerel="between", time_at="2024-06-03T00:00:00Z", end_time_at="2024-06-04T00:00:00Z",
    )  # fmt: skip
    assert len(history["pressure"]) == 7
    hourly = broker.temporal_entity(
        "urn:ngsi-ld:Tank:Net3-1", attrs="level", options="aggregatedValues", aggr_methods="min,max",
        aggr_period="PT3H", timerel="between", time_at="2024-06-03T00:00:00Z",
        end_time_at="2024-06-03T06:00:00Z", context=TWIN_CONTEXT,
    )  # fmt: skip
    assert len(hourly["level"]["max"]) == 2


def test_a_pipe_break_leaves_junctions_without_pressure(
    net: WaterNetwork, baseline: Results
) -> None:
    report = net.compare(Scenario("pipe_break", "275", start=24, duration=6), baseline=baseline)
    names = {j.name for j in report.junctions}
    assert {"251", "253"} <= names
    assert all(j.lowest_scenario < 20 <= j.lowest_baseline for j in report.junctions)
    assert report.water_lost_m3 > 1000
    assert report.people_affected > 0
    assert report.tanks["2"][1] < report.tanks["2"][0]  # the tank nearby drains


def test_other_scenarios(net: WaterNetwork, baseline: Results) -> None:
    leak = net.compare(Scenario("leak", "275"), baseline=baseline)
    burst = net.compare(Scenario("pipe_break", "275"), baseline=baseline)
    assert 0 < leak.water_lost_m3 < burst.water_lost_m3
    pump = net.compare(Scenario("pump_down", "335", start=24, duration=12), baseline=baseline)
    assert pump.tanks["1"][1] < pump.tanks["1"][0]
    surge = net.compare(Scenario("demand_surge", factor=2.0), baseline=baseline)
    assert surge.tanks["1"][1] < surge.tanks["1"][0]
    closed = net.compare(Scenario("valve_closed", "20"), baseline=baseline)
    assert closed.tanks["2"][1] <= closed.tanks["2"][0]


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (Scenario("pipe_break"), "needs the name"),
        (Scenario("pipe_break", "nope"), "no link"),
        (Scenario("pump_down", "20"), "is a Pipe"),
        (Scenario("leak", "20", duration=0), "duration"),
        (Scenario("demand_surge", "nope"), "no junction"),
    ],
)
def test_impossible_scenarios(net: WaterNetwork, scenario: Scenario, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        net.simulate(scenario, hours=1)


def test_a_network_with_a_valve() -> None:
    import wntr

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = wntr.network.WaterNetworkModel()
        model.add_reservoir("R", base_head=60, coordinates=(0, 0))
        model.add_junction("A", base_demand=0.01, elevation=10, coordinates=(10, 0))
        model.add_junction("B", base_demand=0.01, elevation=10, coordinates=(20, 0))
        model.add_pipe("P1", "R", "A", length=500, diameter=0.3, roughness=100)
        model.add_valve("V1", "A", "B", diameter=0.3, valve_type="PRV", initial_setting=30)
        model.options.time.duration = 3600
    net = WaterNetwork(model, name="Mini")
    valve = next(e for e in net.entities() if e["type"] == "Valve")
    assert valve["valveType"]["value"] == "PRV"
    assert valve["startsAt"]["object"] == "urn:ngsi-ld:Junction:Mini-A"
    results = net.simulate()
    state = next(s for s in net.states(results, 0) if s["type"] == "Valve")
    assert state["flow"]["value"] == pytest.approx(36.0, rel=0.05)  # 0.01 m³/s = 36 m³/h
    closed = net.simulate(Scenario("valve_closed", "V1", start=0, duration=1))
    assert closed.pressure["B"].iloc[0] < 1
