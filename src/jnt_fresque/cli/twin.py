"""``jnt-fresque twin …``: serve the NGSI-LD broker, replay simulations, scenarios, maps."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from jnt_fresque.cli._console import done, emit_json, fail, table
from jnt_fresque.i18n import current, t

DEFAULT_BROKER = "http://localhost:1026"
BrokerOption = typer.Option(DEFAULT_BROKER, "--broker", help=t("twin_opt_broker"))


class Kind(StrEnum):
    pipe_break = "pipe_break"
    leak = "leak"
    valve_closed = "valve_closed"
    pump_down = "pump_down"
    demand_surge = "demand_surge"


class MapKind(StrEnum):
    three_d = "3d"
    two_d = "2d"
    water = "water"


class Output(StrEnum):
    table = "table"
    json = "json"


def _client(url: str) -> Any:
    """A client for ``url``, after checking that a broker answers there."""
    import httpx

    from jnt_fresque.twin.client import Client

    client = Client(url)
    try:
        client.http.get("/types", timeout=5)
    except httpx.HTTPError as exc:
        client.close()
        fail(t("twin_unreachable", url=url, reason=type(exc).__name__))
        raise typer.Exit(1) from None
    return client  # a context manager: the caller's `with` closes its connections


def _progress(label: str) -> tuple[Any, Any]:
    from rich.progress import Progress

    bar = Progress(transient=False)
    task = bar.add_task(label, total=None)

    def advance(step: int, total: int) -> None:
        bar.update(task, completed=step, total=total)

    return bar, advance


def serve(
    port: int = typer.Option(1026, "--port", help=t("twin_opt_port")),
    host: str = typer.Option("127.0.0.1", "--host", help=t("twin_opt_host")),
    db: str = typer.Option("sqlite:///jnt-twin.db", "--db", help=t("twin_opt_db")),
    contexts: list[Path] = typer.Option([], "--contexts", help=t("twin_opt_contexts")),
    no_fetch: bool = typer.Option(False, "--no-fetch", help=t("twin_opt_no_fetch")),
    temporal_page: int = typer.Option(
        20, "--temporal-page", min=1, help=t("twin_opt_temporal_page")
    ),
) -> None:
    from jnt_fresque.twin.api import serve as run
    from jnt_fresque.twin.broker import Broker
    from jnt_fresque.twin.context import ContextCache

    try:
        cache = ContextCache(contexts, fetch=not no_fetch)
        broker = Broker(db, contexts=cache)
    except (OSError, ValueError) as exc:
        fail(str(exc))
        raise typer.Exit(2) from None
    done(t("twin_serving", host=host, port=port, db=db))
    run(broker, host=host, port=port, temporal_page=temporal_page)


def simulate_water(
    broker: str = BrokerOption,
    speed: float = typer.Option(3600.0, "--speed", help=t("twin_opt_speed")),
    hours: float = typer.Option(168.0, "--hours", help=t("twin_opt_hours")),
    start: str | None = typer.Option(None, "--start", help=t("twin_opt_start_time")),
) -> None:
    from jnt_fresque.twin.context import TWIN_CONTEXT
    from jnt_fresque.twin.errors import NgsiLdError
    from jnt_fresque.twin.water import WaterNetwork, simulated_start

    network = WaterNetwork.net3(start=start or simulated_start(), lang=current())
    results = network.simulate(hours=hours)
    bar, advance = _progress(t("twin_progress_water"))
    try:
        with _client(broker) as client, bar:
            report = network.publish(client, results=results, speed=speed or None, progress=advance)
    except NgsiLdError as exc:
        fail(t("twin_refused", detail=exc.detail))
        raise typer.Exit(1) from None
    done(
        t(
            "twin_published_water",
            entities=report.entities,
            steps=report.steps,
            attributes=report.attributes,
            seconds=report.seconds,
            url=broker,
            context=TWIN_CONTEXT,
        )
    )


def simulate_city(
    broker: str = BrokerOption,
    speed: float = typer.Option(0.0, "--speed", help=t("twin_opt_speed")),
    hours: float = typer.Option(24.0, "--hours", help=t("twin_opt_hours")),
) -> None:
    from jnt_fresque.twin.city import publish_city

    bar, advance = _progress(t("twin_progress_city"))
    with _client(broker) as client, bar:
        report = publish_city(
            client, hours=hours, speed=speed or None, progress=advance, lang=current()
        )
    done(t("twin_published_city", entities=report.entities, steps=report.steps,
           seconds=report.seconds, url=broker))  # fmt: skip


def scenario(
    kind: Kind = typer.Argument(..., help=t("twin_arg_scenario")),
    element: str | None = typer.Argument(None, help=t("twin_arg_element")),
    start: float = typer.Option(24.0, "--start", help=t("twin_opt_start_hour")),
    duration: float = typer.Option(6.0, "--duration", help=t("twin_opt_duration")),
    factor: float = typer.Option(1.5, "--factor", help=t("twin_opt_factor")),
    size: float | None = typer.Option(None, "--size", help=t("twin_opt_size")),
    min_pressure: float = typer.Option(20.0, "--min-pressure", help=t("twin_opt_min_pressure")),
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    from jnt_fresque.twin.water import LITRES_PER_PERSON_DAY, Scenario, WaterNetwork

    network = WaterNetwork.net3()
    event = Scenario(kind.value, element, start=start, duration=duration, size=size,
                     factor=factor)  # fmt: skip
    try:
        report = network.compare(event, min_pressure=min_pressure)
    except (ValueError, KeyError) as exc:
        fail(t("twin_bad_scenario", reason=str(exc).strip("'\"")))
        raise typer.Exit(2) from None
    if format is Output.json:
        emit_json(
            {
                "scenario": event.label(),
                "minPressure": min_pressure,
                "junctions": [
                    {
                        "name": n,
                        "hoursBelow": h,
                        "lowestBaseline": b,
                        "lowestScenario": s,
                        "people": p,
                    }
                    for n, h, b, s, p in report.rows()
                ],
                "peopleAffected": report.people_affected,
                "tanks": {k: {"baseline": b, "scenario": s} for k, (b, s) in report.tanks.items()},
                "waterLostM3": report.water_lost_m3,
                "demandUnmetM3": report.demand_unmet_m3,
            }
        )
        return
    if report.junctions:
        table(
            t("twin_scenario_title", min=min_pressure, label=event.label()),
            [t("twin_col_junction"), t("twin_col_hours_below"), t("twin_col_lowest_baseline"),
             t("twin_col_lowest_scenario"), t("twin_col_people")],
            report.rows(),
        )  # fmt: skip
    else:
        done(t("twin_scenario_none", min=min_pressure, label=event.label()))
    table(
        t("twin_tanks_title"),
        [t("twin_col_tank"), t("twin_col_baseline"), t("twin_col_scenario")],
        [(k, round(b, 2), round(s, 2)) for k, (b, s) in report.tanks.items()],
    )
    done(t("twin_scenario_summary", count=len(report.junctions), people=report.people_affected,
           litres=LITRES_PER_PERSON_DAY, lost=report.water_lost_m3,
           unmet=report.demand_unmet_m3))  # fmt: skip


def skeleton(
    cards: list[str] = typer.Argument(..., metavar="CARD...", help=t("twin_arg_cards")),
    build: bool = typer.Option(False, "--build", help=t("twin_opt_build")),
    broker: str = BrokerOption,
    hours: float = typer.Option(24.0, "--hours", help=t("twin_opt_hours")),
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    from jnt_fresque.twin.skeleton import propose

    try:
        found = propose(cards)
    except (KeyError, ValueError) as exc:
        fail(t("twin_bad_card", reason=str(exc).strip("'\"")))
        raise typer.Exit(2) from None
    if format is Output.json:
        emit_json(found.summary())
    else:
        table(
            t("twin_skeleton_title"),
            [t("twin_col_part"), t("twin_col_entity_types"), t("twin_col_samples"),
             t("twin_col_sensors")],
            ((c.title.get(), ", ".join(c.entity_types), ", ".join(c.samples) or "—",
              ", ".join(c.sensor_labels(current())) or "—") for c in found.components),
        )  # fmt: skip
        done(t("twin_skeleton_standards", value=", ".join(found.standards)))
        if found.uncovered:
            done(t("twin_skeleton_uncovered", value=", ".join(found.uncovered)))
    if build:
        with _client(broker) as client:
            counts = found.build(client, hours=hours, lang=current())
        done(t("twin_built", url=broker, counts=", ".join(f"{k} {v}" for k, v in counts.items())))


def map_(
    kind: MapKind = typer.Argument(MapKind.three_d, help=t("twin_arg_map_kind")),
    output: Path = typer.Option(..., "-o", "--output", help=t("twin_opt_output_html")),
    broker: str | None = typer.Option(None, "--broker", help=t("twin_opt_broker")),
    basemap: bool = typer.Option(False, "--basemap", help=t("twin_opt_basemap")),
) -> None:
    from jnt_fresque.twin import city, maps

    source: Any
    if broker:
        source = _client(broker)
    elif kind is MapKind.water:
        from jnt_fresque.twin.water import WaterNetwork

        network = WaterNetwork.net3(lang=current())
        results = network.simulate(hours=12)
        states = {d["id"]: d for d in network.states(results, 8)}  # 8 a.m., a busy hour
        source = [{**e, **states.get(e["id"], {})} for e in network.entities()]
    else:
        lang = current()
        source = (
            city.city_entities(lang=lang) if kind is MapKind.two_d else city.buildings(lang=lang)
        )
    try:
        if kind is MapKind.three_d:
            built = maps.buildings_3d(source, basemap=basemap)
            built.to_html(str(output), open_browser=False, notebook_display=False, offline=True)
        elif kind is MapKind.water:
            built = maps.water_network_3d(source, basemap=basemap)
            built.to_html(str(output), open_browser=False, notebook_display=False, offline=True)
        else:
            maps.twin_map(source, basemap=basemap).save(str(output))
    finally:
        if broker:
            source.close()
    done(t("written", path=output))


def register(app: typer.Typer) -> None:
    """Add ``twin`` and its sub-commands to the command."""
    twin = typer.Typer(help=t("twin_help"), no_args_is_help=True)
    simulate = typer.Typer(help=t("twin_simulate_help"), no_args_is_help=True)
    twin.command("serve", help=t("twin_serve_help"))(serve)
    simulate.command("water", help=t("twin_water_help"))(simulate_water)
    simulate.command("city", help=t("twin_city_help"))(simulate_city)
    twin.add_typer(simulate, name="simulate")
    twin.command("scenario", help=t("twin_scenario_help"))(scenario)
    twin.command("skeleton", help=t("twin_skeleton_help"))(skeleton)
    twin.command("map", help=t("twin_map_help"))(map_)
    app.add_typer(twin, name="twin")
