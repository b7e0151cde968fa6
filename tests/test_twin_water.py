"""The water twin: Net3 on Lyon as Smart Data Models entities, EPANET results, scenarios.

The figures the twin publishes are checked against an independent reference: EPANET run
directly through WNTR's ``EpanetSimulator`` on the unmodified ``Net3.inp`` that WNTR ships,
with none of the twin's code in between. The twin's own work (placing the network, the
time stamps, the units, the broker's history) is what is under test, so the engine run
alone is the reference. The twin asks EPANET for pressure-driven demand (20 m required);
on Net3 every junction that draws water keeps more than that, so the demand-driven run of
the plain file gives the same pressures (to about 0.1 mm), and any difference beyond the
published rounding (0.01 m) is a fault of the twin.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

import pytest

from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.water import Results, Scenario, WaterNetwork, net3_path

START = "2024-06-03T00:00:00Z"
ROUNDING = 0.01  # pressures and heads are published in centimetres, flows in 10 L/h


@pytest.fixture(scope="module")
def net() -> WaterNetwork:
    return WaterNetwork.net3(start=START)


@pytest.fixture(scope="module")
def baseline(net: WaterNetwork) -> Results:
    return net.simulate()


@pytest.fixture(scope="module")
def plain_net3() -> Any:
    """The ``Net3.inp`` WNTR ships, read by WNTR alone (no placement, no twin options)."""
    import wntr

    path = Path(wntr.__file__).parent / "library" / "networks" / "Net3.inp"
    assert net3_path() == path  # the twin reads that very file
    return wntr.network.WaterNetworkModel(str(path))


@pytest.fixture(scope="module")
def epanet(plain_net3: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """EPANET's own results for the plain Net3: 7 days, hourly, demand-driven."""
    import wntr

    folder = tmp_path_factory.mktemp("epanet")
    simulator = wntr.sim.EpanetSimulator(plain_net3)
    return simulator.run_sim(file_prefix=os.path.join(folder, "net3"))


def _stamp(hour: int) -> str:
    return f"2024-06-{3 + hour // 24:02d}T{hour % 24:02d}:00:00.000Z"


def _instant(text: str) -> dt.datetime:
    """An NGSI-LD date-time as an instant (``…T03:00:00Z`` and ``…T03:00:00.000Z`` alike)."""
    return dt.datetime.fromisoformat(text)


def _orifice_m3(size: float, pressures: list[float]) -> float:
    """Water out of a round hole of ``size`` m, one hour at each pressure (m): the
    orifice law q = Cd·A·√(2g·p), with the discharge coefficient of a sharp hole, 0.75."""
    area = math.pi * size**2 / 4
    return sum(0.75 * area * math.sqrt(2 * 9.81 * p) * 3600 for p in pressures)


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


def test_published_states_are_epanets_own_figures(
    net: WaterNetwork, baseline: Results, plain_net3: Any, epanet: Any
) -> None:
    assert baseline.times == [hour * 3600 for hour in range(169)]  # 7 days, hourly
    pressure, head = epanet.node["pressure"], epanet.node["head"]
    flow = epanet.link["flowrate"]
    for hour in (0, 8, 24, 100, 168):
        states = {s["id"]: s for s in net.states(baseline, hour)}
        assert len(states) == 92 + 3 + 2 + 117 + 2  # every node and link, each hour
        for name in plain_net3.junction_name_list:
            published = states[f"urn:ngsi-ld:Junction:Net3-{name}"]["pressure"]
            assert published["observedAt"] == _stamp(hour) and published["unitCode"] == "MTR"
            expected = float(pressure[name].iloc[hour])
            assert published["value"] == pytest.approx(expected, abs=ROUNDING), (name, hour)
        for name in plain_net3.tank_name_list:
            # A tank's level: its water surface above its bottom.
            level = float(head[name].iloc[hour]) - plain_net3.get_node(name).elevation
            published = states[f"urn:ngsi-ld:Tank:Net3-{name}"]["level"]
            assert published["value"] == pytest.approx(level, abs=ROUNDING), (name, hour)
        for name, link in plain_net3.links():
            published = states[f"urn:ngsi-ld:{link.link_type}:Net3-{name}"]["flow"]
            assert published["unitCode"] == "MQH"  # m³/h; EPANET gives m³/s
            expected = float(flow[name].iloc[hour]) * 3600
            assert published["value"] == pytest.approx(expected, abs=ROUNDING, rel=1e-4)


def test_publish_replays_the_history_into_a_broker(
    net: WaterNetwork, plain_net3: Any, epanet: Any
) -> None:
    broker = Broker()
    results = net.simulate(hours=6)
    seen = []
    report = net.publish(broker, results=results, progress=lambda i, n: seen.append((i, n)))
    assert report.entities == 216 and report.steps == 7
    assert seen == [(i, 7) for i in range(1, 8)]
    pressure = epanet.node["pressure"]
    # The broker holds the last hour (6): its low-pressure junctions are EPANET's
    # (none of Net3's junctions is within a metre of 20 m at that hour).
    at_six = {name: float(pressure[name].iloc[6]) for name in plain_net3.junction_name_list}
    expected = {name: value for name, value in at_six.items() if value < 20}
    assert sorted(expected) == ["20", "40", "50"]
    low = broker.query_entities(
        type="Junction", q="pressure<20", format="keyValues", context=TWIN_CONTEXT
    )
    found = {e["id"].removeprefix("urn:ngsi-ld:Junction:Net3-"): e["pressure"] for e in low}
    assert found == {name: pytest.approx(value, abs=ROUNDING) for name, value in expected.items()}
    # Junction 123's history: one value an hour, EPANET's, with its hour.
    history = broker.temporal_entity(
        "urn:ngsi-ld:Junction:Net3-123", attrs="pressure", context=TWIN_CONTEXT,
        timerel="between", time_at="2024-06-03T00:00:00Z", end_time_at="2024-06-04T00:00:00Z",
    )  # fmt: skip
    assert [(_instant(v["observedAt"]), v["value"]) for v in history["pressure"]] == [
        (_instant(_stamp(h)), pytest.approx(float(pressure["123"].iloc[h]), abs=ROUNDING))
        for h in range(7)
    ]
    # Tank 1 by three-hour windows, [0 h, 3 h) and [3 h, 6 h): EPANET's lowest and highest.
    hourly = broker.temporal_entity(
        "urn:ngsi-ld:Tank:Net3-1", attrs="level", options="aggregatedValues", aggr_methods="min,max",
        aggr_period="PT3H", timerel="between", time_at="2024-06-03T00:00:00Z",
        end_time_at="2024-06-03T06:00:00Z", context=TWIN_CONTEXT,
    )  # fmt: skip
    level = [float(v) for v in pressure["1"].iloc[:6]]
    for method, pick in (("min", min), ("max", max)):
        windows = hourly["level"][method]
        assert [[_instant(w[1]), _instant(w[2])] for w in windows] == [
            [_instant(_stamp(0)), _instant(_stamp(3))],
            [_instant(_stamp(3)), _instant(_stamp(6))],
        ]
        assert [w[0] for w in windows] == [
            pytest.approx(pick(level[:3]), abs=ROUNDING),
            pytest.approx(pick(level[3:]), abs=ROUNDING),
        ]


def _unbroken_pressures(epanet: Any, start: int, hours: int) -> list[float]:
    """EPANET's pressure at the middle of pipe 275 (between junctions 239 and 241, at the
    same elevation) during the scenario's hours, the pipe intact."""
    pressure = epanet.node["pressure"]
    return [
        (float(pressure["239"].iloc[h]) + float(pressure["241"].iloc[h])) / 2
        for h in range(start, start + hours)
    ]


def test_a_pipe_break_leaves_junctions_without_pressure(
    net: WaterNetwork, baseline: Results, plain_net3: Any, epanet: Any
) -> None:
    report = net.compare(Scenario("pipe_break", "275", start=24, duration=6), baseline=baseline)
    names = {j.name for j in report.junctions}
    assert {"251", "253"} <= names
    assert all(j.lowest_scenario < 20 <= j.lowest_baseline for j in report.junctions)
    # A 15 cm hole loses less than the orifice law at the intact pipe's pressure (the
    # burst itself pulls the pressure down, to about 20 m), and more than half of it.
    most = _orifice_m3(0.15, _unbroken_pressures(epanet, 24, 6))
    assert 0.5 * most < report.water_lost_m3 < most
    # The people behind those junctions: the documented 150 L a day per inhabitant.
    people = sum(round(plain_net3.get_node(name).base_demand * 86_400_000 / 150) for name in names)
    assert report.people_affected == people > 1000
    assert report.tanks["2"][1] < report.tanks["2"][0]  # the tank nearby drains


def test_a_small_leak_loses_what_the_orifice_law_gives(
    net: WaterNetwork, baseline: Results, epanet: Any
) -> None:
    # A 2 cm hole barely lowers the pressure: EPANET's emitter must lose what the
    # orifice law gives at the intact pipe's pressures, six hours from hour 24.
    leak = net.compare(Scenario("leak", "275"), baseline=baseline)
    expected = _orifice_m3(0.02, _unbroken_pressures(epanet, 24, 6))
    assert leak.water_lost_m3 == pytest.approx(expected, rel=0.02)
    assert leak.junctions == []  # nobody loses pressure for a leak that size
    burst = net.compare(Scenario("pipe_break", "275"), baseline=baseline)
    assert burst.water_lost_m3 > 20 * leak.water_lost_m3


def test_a_pump_down_and_a_demand_surge_drain_the_tank(
    net: WaterNetwork, baseline: Results
) -> None:
    down = Scenario("pump_down", "335", start=24, duration=12)
    changed = net.simulate(down)
    flow = changed.raw.link["flowrate"]["335"]
    assert [float(flow.iloc[h]) for h in range(24, 36)] == [0.0] * 12  # its own controls wait
    assert float(flow.iloc[36]) * 3600 > 2000  # and it starts again (about 3,100 m³/h)
    pump = net.compare(down, baseline=baseline)
    assert pump.tanks["1"][1] < 0.1 < 3.9 < pump.tanks["1"][0]  # tank 1, which it fills, empties
    surge = net.compare(Scenario("demand_surge", factor=2.0), baseline=baseline)
    assert surge.tanks["1"][1] < 0.1 < 3.9 < surge.tanks["1"][0]


def test_a_closed_pipe_holds_the_tank_behind_it(
    net: WaterNetwork, baseline: Results, plain_net3: Any
) -> None:
    # Tank 3 hangs on pipe 20 alone: while the pipe is shut, no water goes in or out.
    assert plain_net3.get_links_for_node("3") == ["20"]
    changed = net.simulate(Scenario("valve_closed", "20", start=24, duration=6))
    level = changed.pressure["3"]
    assert [float(changed.raw.link["flowrate"]["20"].iloc[h]) for h in range(24, 30)] == [0.0] * 6
    assert {round(float(level.iloc[h]), 3) for h in range(24, 31)} == {
        round(float(level.iloc[24]), 3)
    }
    # Without the closure, the tank fills during those hours.
    assert float(baseline.pressure["3"].iloc[30]) > float(baseline.pressure["3"].iloc[24]) + 0.5


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
