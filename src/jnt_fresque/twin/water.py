"""A water distribution twin: an EPANET network, run by WNTR, published as NGSI-LD.

The network (by default EPANET's *Net3* example, read from WNTR's own copy) is
placed on a French territory: its plan coordinates are scaled and moved into
Lambert-93 (EPSG:2154), then given in WGS84 to NGSI-LD. Each node and link
becomes a FIWARE Smart Data Models entity (``Junction``, ``Tank``,
``Reservoir``, ``Pipe``, ``Pump``, ``Valve``) with ``startsAt`` / ``endsAt``
relationships. The hydraulics run in EPANET through WNTR — nothing here
computes a pressure. `WaterNetwork.publish` replays the simulated hours into a
broker's history, and `Scenario` changes the network (pipe break, leak, valve
closed, pump down, demand surge) to compare with the baseline.

Examples
--------
>>> net = WaterNetwork.net3()
>>> sorted({e["type"] for e in net.entities()})
['Junction', 'Pipe', 'Pump', 'Reservoir', 'Tank']
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jnt_fresque.i18n import Lang, say
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.ngsild import format_time, geo, parse_time, prop, rel

LITRES_PER_PERSON_DAY = 150.0  # order of magnitude of French household use, for estimates
GRAVITY = 9.81
DISCHARGE_COEFFICIENT = 0.75
NETWORK_ID = "urn:ngsi-ld:Network:{name}"


def _wntr() -> Any:
    try:
        import wntr  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a kit install has it
        raise ImportError(
            "the water twin needs WNTR: pip install 'jnt-fresque[kit]' (or pip install wntr)"
        ) from None
    return wntr


def net3_path() -> Path:
    """WNTR's copy of EPANET's Net3 example (read where WNTR installed it)."""
    return Path(_wntr().__file__).parent / "library" / "networks" / "Net3.inp"


@dataclass(frozen=True)
class Placement:
    """Where a network's plan goes: its centre in Lambert-93, metres per plan unit, a turn.

    The default puts Net3's centre on Lyon 1er (about 3.7 × 3.1 km).
    """

    centre_x: float = 841_929.0  # Lambert-93 of 4.8264 E, 45.7697 N (Lyon 1er)
    centre_y: float = 6_520_540.0
    scale: float = 100.0
    rotation_deg: float = 0.0
    territory: str = "Lyon (Rhône)"

    def transformer(
        self, plan_centre: tuple[float, float]
    ) -> Callable[[float, float], tuple[float, float]]:
        """A function from plan coordinates to WGS84 (lon, lat)."""
        from pyproj import Transformer

        to_wgs84 = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
        turn = math.radians(self.rotation_deg)
        cos, sin = math.cos(turn), math.sin(turn)
        cx, cy = plan_centre

        def place(x: float, y: float) -> tuple[float, float]:
            dx, dy = (x - cx) * self.scale, (y - cy) * self.scale
            lon, lat = to_wgs84.transform(
                self.centre_x + dx * cos - dy * sin, self.centre_y + dx * sin + dy * cos
            )
            return round(lon, 7), round(lat, 7)

        return place


@dataclass(frozen=True)
class Scenario:
    """A what-if event on the network, during ``duration`` hours from hour ``start``.

    kind
        ``pipe_break`` (a burst: a hole of ``size`` m, 0.15 by default, at the pipe's
        middle), ``leak`` (the same with a small hole, 0.02 m), ``valve_closed`` (the
        link ``element`` is shut: a valve, or the isolation valve of a pipe),
        ``pump_down`` (the pump ``element`` stops), ``demand_surge`` (every junction's
        demand, or the junction ``element``'s, times ``factor``).
    """

    kind: Literal["pipe_break", "leak", "valve_closed", "pump_down", "demand_surge"]
    element: str | None = None
    start: float = 24.0
    duration: float = 6.0
    size: float | None = None
    factor: float = 1.5

    def label(self) -> str:
        what = f" {self.element}" if self.element else ""
        return f"{self.kind}{what} @ {self.start:g} h for {self.duration:g} h"

    def apply(self, wn: Any) -> Any:
        """A changed copy of the WNTR model ``wn``."""
        wntr = _wntr()
        from wntr.network.controls import (  # type: ignore[import-untyped]
            Control,
            ControlAction,
            SimTimeCondition,
        )

        model = copy.deepcopy(wn)
        start_s = round(self.start * 3600)
        end_s = round((self.start + self.duration) * 3600)
        if self.duration <= 0 or self.start < 0:
            raise ValueError("a scenario needs start ≥ 0 and duration > 0 (hours)")

        def timed(link: Any, first: Any, then: Any, tag: str) -> None:
            model.add_control(
                f"{tag}-on",
                Control(
                    SimTimeCondition(model, "=", start_s), ControlAction(link, "status", first)
                ),
            )
            model.add_control(
                f"{tag}-off",
                Control(SimTimeCondition(model, "=", end_s), ControlAction(link, "status", then)),
            )

        open_, closed = wntr.network.LinkStatus.Open, wntr.network.LinkStatus.Closed
        if self.kind in ("pipe_break", "leak"):
            pipe = self._link(model, ("Pipe",))
            size = self.size or (0.15 if self.kind == "pipe_break" else 0.02)
            split, leak, branch = f"{pipe}-split", f"{pipe}-hole", f"{pipe}-burst"
            model = wntr.morph.split_pipe(model, pipe, f"{pipe}-b", split)
            node = model.get_node(split)
            model.add_junction(
                leak, base_demand=0.0, elevation=node.elevation, coordinates=node.coordinates
            )
            # Water escapes through an orifice: q = Cd·A·√(2g·p), EPANET's emitter law.
            area = math.pi * size**2 / 4
            model.get_node(leak).emitter_coefficient = (
                DISCHARGE_COEFFICIENT * area * math.sqrt(2 * GRAVITY)
            )
            model.add_pipe(
                branch, split, leak, length=1.0, diameter=max(size * 2, 0.1), roughness=140.0,
                minor_loss=0.0, initial_status="CLOSED",
            )  # fmt: skip
            timed(model.get_link(branch), open_, closed, branch)
        elif self.kind == "valve_closed":
            link = self._link(model, ("Pipe", "Valve"))
            timed(model.get_link(link), closed, open_, f"{link}-shut")
        elif self.kind == "pump_down":
            pump = self._link(model, ("Pump",))
            # The pump's own controls would restart it: they go for the event's span.
            target = model.get_link(pump)
            for name in list(model.control_name_list):
                if any(_target(a) is target for a in _actions(model.get_control(name))):
                    model.remove_control(name)
            timed(model.get_link(pump), closed, open_, f"{pump}-down")
        elif self.kind == "demand_surge":
            self._surge(model, start_s, end_s)
        else:  # pragma: no cover - Literal guards it
            raise ValueError(f"unknown scenario kind {self.kind!r}")
        return model

    def _link(self, model: Any, kinds: tuple[str, ...]) -> str:
        if not self.element:
            raise ValueError(f"{self.kind} needs the name of a {' or '.join(kinds).lower()}")
        if self.element not in model.link_name_list:
            raise ValueError(f"{self.kind}: no link {self.element!r} in the network")
        link = model.get_link(self.element)
        if link.link_type not in kinds:
            raise ValueError(
                f"{self.kind}: {self.element} is a {link.link_type}, not a {'/'.join(kinds)}"
            )
        return str(self.element)

    def _surge(self, model: Any, start_s: int, end_s: int) -> None:
        """Multiply demands inside the window: each demand pattern unrolled over the run."""
        step = int(model.options.time.pattern_timestep) or 3600
        steps = max(int(model.options.time.duration // step) + 1, 1)
        targets = [self.element] if self.element else list(model.junction_name_list)
        for name in targets:
            if name not in model.junction_name_list:
                raise ValueError(f"demand_surge: no junction {name!r}")
            for demand in model.get_node(name).demand_timeseries_list:
                pattern = demand.pattern
                base = list(pattern.multipliers) if pattern is not None else [1.0]
                multipliers = []
                for i in range(steps):
                    value = base[i % len(base)]
                    if start_s <= i * step < end_s:
                        value *= self.factor
                    multipliers.append(value)
                new_name = f"surge-{name}-{id(demand)}"
                model.add_pattern(new_name, multipliers)
                demand.pattern_name = new_name


def _target(action: Any) -> Any:
    found = getattr(action, "target", None)
    found = found() if callable(found) else found
    return found[0] if isinstance(found, tuple) and found else None


def _actions(control: Any) -> list[Any]:
    found = []
    for getter in ("actions", "then_actions", "else_actions"):
        value = getattr(control, getter, None)
        if callable(value):
            value = value()
        if value:
            found.extend(value)
    return found


@dataclass
class JunctionImpact:
    """How a scenario treats one junction: hours under the minimum, lowest pressures."""

    name: str
    hours_below: int
    lowest_baseline: float
    lowest_scenario: float
    people: int


@dataclass
class ScenarioReport:
    """A scenario compared with the baseline."""

    scenario: Scenario
    min_pressure: float
    junctions: list[JunctionImpact]
    tanks: dict[str, tuple[float, float]]  # lowest level (m): baseline, scenario
    water_lost_m3: float
    demand_unmet_m3: float

    @property
    def people_affected(self) -> int:
        """Estimated inhabitants behind the junctions that lose pressure."""
        return sum(j.people for j in self.junctions)

    def rows(self) -> list[tuple[str, int, float, float, int]]:
        return [
            (
                j.name,
                j.hours_below,
                round(j.lowest_baseline, 1),
                round(j.lowest_scenario, 1),
                j.people,
            )
            for j in self.junctions
        ]


@dataclass
class Results:
    """A WNTR simulation's results, with the times they refer to."""

    raw: Any
    times: list[int]  # seconds from the start

    @property
    def pressure(self) -> Any:
        return self.raw.node["pressure"]


@dataclass
class PublishReport:
    entities: int
    steps: int
    attributes: int
    seconds: float


@dataclass
class WaterNetwork:
    """A water network twin: the WNTR model, where it lies, and when its clock starts.

    Parameters
    ----------
    model
        A ``wntr.network.WaterNetworkModel``.
    name
        The network's name, used in entity ids (``urn:ngsi-ld:Junction:Net3-10``).
    placement
        Where the plan goes on the ground.
    start
        The date-time of simulation hour 0 (UTC).
    lang
        The language of the texts the entities carry for people (their attribution).
    """

    model: Any
    name: str = "Net3"
    placement: Placement = field(default_factory=Placement)
    start: str = "2024-06-03T00:00:00Z"
    lang: Lang = "fr"
    _place: Any = field(default=None, init=False, repr=False)

    @classmethod
    def from_inp(cls, path: str | os.PathLike[str], **options: Any) -> WaterNetwork:
        """A network read from an EPANET ``.inp`` file."""
        wntr = _wntr()
        model = wntr.network.WaterNetworkModel(str(path))
        options.setdefault("name", Path(path).stem)
        return cls(model, **options)

    @classmethod
    def net3(cls, **options: Any) -> WaterNetwork:
        """EPANET's Net3 example (2 sources, 3 tanks, 2 pumps, 92 junctions, 117 pipes)."""
        return cls.from_inp(net3_path(), **options)

    def __post_init__(self) -> None:
        hydraulic = self.model.options.hydraulic
        # Pressure-driven demand: a node without pressure gets less water, instead of
        # EPANET's demand-driven answer of negative pressures.
        hydraulic.demand_model = "PDD"
        hydraulic.required_pressure = 20.0
        hydraulic.minimum_pressure = 0.0
        xs = [n.coordinates[0] for _, n in self.model.nodes()]
        ys = [n.coordinates[1] for _, n in self.model.nodes()]
        centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2) if xs else (0.0, 0.0)
        self._place = self.placement.transformer(centre)

    # --- ids and places ----------------------------------------------------------------

    def entity_id(self, kind: str, name: str) -> str:
        return f"urn:ngsi-ld:{kind}:{self.name}-{name}"

    def node_id(self, name: str) -> str:
        node = self.model.get_node(name)
        return self.entity_id(node.node_type, name)

    def link_id(self, name: str) -> str:
        link = self.model.get_link(name)
        return self.entity_id(link.link_type, name)

    def position(self, name: str) -> tuple[float, float]:
        """WGS84 (lon, lat) of a node."""
        x, y = self.model.get_node(name).coordinates
        return self._place(x, y)  # type: ignore[no-any-return]

    def path(self, link_name: str) -> list[list[float]]:
        link = self.model.get_link(link_name)
        points = [self.model.get_node(link.start_node_name).coordinates]
        points += list(getattr(link, "vertices", []) or [])
        points.append(self.model.get_node(link.end_node_name).coordinates)
        return [list(self._place(x, y)) for x, y in points]

    # --- description ---------------------------------------------------------------------

    def entities(self) -> list[dict[str, Any]]:
        """The network as Smart Data Models entities (static attributes, no results yet)."""
        network = NETWORK_ID.format(name=self.name)
        out: list[dict[str, Any]] = []
        for name, node in self.model.nodes():
            kind = node.node_type
            doc: dict[str, Any] = {
                "id": self.entity_id(kind, name),
                "type": kind,
                "name": prop(name),
                "location": geo({"type": "Point", "coordinates": list(self.position(name))}),
                "isPartOf": rel(network),
                "attribution": prop(say("water_credit", self.lang)),
            }
            if kind == "Junction":
                doc["elevation"] = prop(round(node.elevation, 3), unit_code="MTR")
                doc["baseDemand"] = prop(round(node.base_demand * 3600, 4), unit_code="MQH")
            elif kind == "Tank":
                doc["elevation"] = prop(round(node.elevation, 3), unit_code="MTR")
                doc["initLevel"] = prop(round(node.init_level, 3), unit_code="MTR")
                doc["minLevel"] = prop(round(node.min_level, 3), unit_code="MTR")
                doc["maxLevel"] = prop(round(node.max_level, 3), unit_code="MTR")
                doc["nominalDiameter"] = prop(round(node.diameter, 3), unit_code="MTR")
            else:  # Reservoir
                doc["reservoirHead"] = prop(round(node.base_head, 3), unit_code="MTR")
            out.append(doc)
        for name, link in self.model.links():
            kind = link.link_type
            doc = {
                "id": self.entity_id(kind, name),
                "type": kind,
                "name": prop(name),
                "startsAt": rel(self.node_id(link.start_node_name)),
                "endsAt": rel(self.node_id(link.end_node_name)),
                "location": geo({"type": "LineString", "coordinates": self.path(name)}),
                "isPartOf": rel(network),
                "initialStatus": prop(_status_name(link.initial_status)),
                "attribution": prop(say("water_credit", self.lang)),
            }
            if kind == "Pipe":
                doc["length"] = prop(round(link.length, 3), unit_code="MTR")
                doc["diameter"] = prop(round(link.diameter * 1000, 1), unit_code="MMT")
                doc["roughness"] = prop(round(link.roughness, 3))
                doc["minorLoss"] = prop(round(link.minor_loss, 3))
                if link.check_valve:
                    doc["initialStatus"] = prop("CV")
            elif kind == "Pump":
                if getattr(link, "pump_type", "") == "POWER":
                    doc["power"] = prop(round(link.power / 1000, 3), unit_code="KWT")
                else:
                    doc["pumpCurve"] = prop(str(getattr(link, "pump_curve_name", "")))
            elif kind == "Valve":
                doc["valveType"] = prop(str(link.valve_type))
                doc["diameter"] = prop(round(link.diameter * 1000, 1), unit_code="MMT")
                doc["setting"] = prop(float(link.initial_setting))
            out.append(doc)
        return out

    # --- simulation -------------------------------------------------------------------------

    def simulate(self, scenario: Scenario | None = None, *, hours: float | None = None) -> Results:
        """Run the hydraulics in EPANET (through WNTR); the model itself is left unchanged."""
        wntr = _wntr()
        model = scenario.apply(self.model) if scenario else copy.deepcopy(self.model)
        if hours is not None:
            model.options.time.duration = round(hours * 3600)
        with tempfile.TemporaryDirectory(prefix="jnt-epanet-") as folder:
            raw = wntr.sim.EpanetSimulator(model).run_sim(file_prefix=os.path.join(folder, "run"))
        return Results(raw, [int(t) for t in raw.node["pressure"].index])

    def states(self, results: Results, index: int) -> list[dict[str, Any]]:
        """The entity updates of one reported time: pressures, heads, levels, flows, statuses."""
        seconds = results.times[index]
        stamp = format_time(parse_time(self.start) + seconds * 1000)
        node = results.raw.node
        link = results.raw.link
        pressure, head, demand = (node[k].iloc[index] for k in ("pressure", "head", "demand"))
        flow, velocity, status = (link[k].iloc[index] for k in ("flowrate", "velocity", "status"))
        out: list[dict[str, Any]] = []

        def value(v: Any, digits: int, unit: str) -> dict[str, Any]:
            return prop(round(float(v), digits), observed_at=stamp, unit_code=unit)

        for name, item in self.model.nodes():
            kind = item.node_type
            doc: dict[str, Any] = {"id": self.entity_id(kind, name), "type": kind}
            if kind == "Junction":
                doc["pressure"] = value(pressure[name], 2, "MTR")
                doc["head"] = value(head[name], 2, "MTR")
                doc["demand"] = value(demand[name] * 3600, 3, "MQH")
            elif kind == "Tank":
                doc["level"] = value(pressure[name], 3, "MTR")
                doc["head"] = value(head[name], 2, "MTR")
            else:
                doc["head"] = value(head[name], 2, "MTR")
            out.append(doc)
        for name, item in self.model.links():
            kind = item.link_type
            doc = {
                "id": self.entity_id(kind, name),
                "type": kind,
                "flow": value(flow[name] * 3600, 2, "MQH"),
                "status": prop(_status_name(status[name]), observed_at=stamp),
            }
            if kind != "Pump":
                doc["velocity"] = value(velocity[name], 3, "MTS")
            out.append(doc)
        return out

    def publish(
        self,
        target: Any,
        *,
        results: Results | None = None,
        speed: float | None = None,
        progress: Callable[[int, int], None] | None = None,
        context: str = TWIN_CONTEXT,
        until_hour: float | None = None,
    ) -> PublishReport:
        """Write the network and every simulated time step into a broker.

        ``target`` is a `Broker` or a `Client` (anything with ``batch_upsert``).
        ``speed`` replays in accelerated time (simulated seconds per real second,
        e.g. 3600: one hour a second); None writes as fast as it can.
        ``until_hour`` stops the replay after that simulated hour: the broker's state
        is then the network's at that hour (a what-if shown mid-event, say).
        A what-if belongs in its own broker or tenant (``Client(url, tenant=…)``):
        published into the baseline's, it would add instances to the baseline history.
        """
        began = time.perf_counter()
        results = results or self.simulate()
        static = self.entities()
        target.batch_upsert(static, context=context)
        attributes = 0
        total = len(results.times)
        if until_hour is not None:
            total = sum(1 for seconds in results.times if seconds <= until_hour * 3600)
        for index in range(total):
            if speed:
                due = results.times[index] / speed
                wait = due - (time.perf_counter() - began)
                if wait > 0:
                    time.sleep(wait)
            batch = self.states(results, index)
            outcome = target.batch_upsert(batch, update=True, context=context)
            if getattr(outcome, "errors", None):
                raise RuntimeError(f"the broker refused updates: {outcome.errors[:1]}")
            attributes += sum(len(d) - 2 for d in batch)
            if progress:
                progress(index + 1, total)
        return PublishReport(len(static), total, attributes, time.perf_counter() - began)

    # --- scenarios ----------------------------------------------------------------------------

    def compare(
        self,
        scenario: Scenario,
        *,
        baseline: Results | None = None,
        min_pressure: float = 20.0,
    ) -> ScenarioReport:
        """Run ``scenario`` and compare it with the baseline: which junctions fall under
        ``min_pressure`` (metres) that did not before, tank levels, water lost."""
        baseline = baseline or self.simulate()
        changed = self.simulate(scenario)
        junctions = list(self.model.junction_name_list)
        before = baseline.raw.node["pressure"][junctions]
        after = changed.raw.node["pressure"][junctions].reindex(before.index)
        below = (after < min_pressure) & ~(before < min_pressure)
        impacts = []
        for name in junctions:
            hours = int(below[name].sum())
            if hours:
                base_demand = self.model.get_node(name).base_demand  # m³/s
                people = round(base_demand * 86_400_000 / LITRES_PER_PERSON_DAY)
                impacts.append(
                    JunctionImpact(
                        name, hours, float(before[name].min()), float(after[name].min()), people
                    )
                )
        impacts.sort(key=lambda j: (j.lowest_scenario, j.name))
        tanks = {
            name: (
                float(baseline.raw.node["pressure"][name].min()),
                float(changed.raw.node["pressure"][name].min()),
            )
            for name in self.model.tank_name_list
        }
        step = (baseline.times[1] - baseline.times[0]) if len(baseline.times) > 1 else 3600
        lost = 0.0
        for name in changed.raw.node["demand"].columns:
            if name.endswith("-hole"):
                lost += float(changed.raw.node["demand"][name].sum()) * step
        expected = baseline.raw.node["demand"][junctions].sum().sum() * step
        delivered = changed.raw.node["demand"][junctions].reindex(before.index).sum().sum() * step
        return ScenarioReport(
            scenario,
            min_pressure,
            impacts,
            tanks,
            round(lost, 1),
            round(max(float(expected - delivered), 0.0), 1),
        )


def _status_name(status: Any) -> str:
    try:
        code = int(status)
    except (TypeError, ValueError):
        text = str(status).upper()
        return {"OPEN": "OPEN", "CLOSED": "CLOSED", "CV": "CV"}.get(text, text)
    return {0: "CLOSED", 1: "OPEN", 2: "ACTIVE", 3: "CV"}.get(code, "OPEN")


def simulated_start(day: dt.date | None = None) -> str:
    """Midnight UTC of ``day`` (today by default), for a replay that looks current."""
    day = day or dt.datetime.now(tz=dt.UTC).date()
    return f"{day.isoformat()}T00:00:00Z"
