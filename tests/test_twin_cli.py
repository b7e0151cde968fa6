"""``jnt-fresque twin …`` in process, and ``twin serve`` as a real process answering curl-like calls."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from jnt_fresque.twin.api import running
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.context import TWIN_CONTEXT

from .conftest import Result

Cli = Callable[..., Result]
LINK = f'<{TWIN_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"'


def test_scenario_as_json(cli: Cli) -> None:
    result = cli("twin", "scenario", "pipe_break", "275", "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert {"251", "253"} <= {j["name"] for j in report["junctions"]}
    assert report["peopleAffected"] > 0


def test_scenario_table_in_french_and_a_bad_element(cli: Cli) -> None:
    result = cli("twin", "scenario", "leak", "275", "--duration", "2")
    assert result.code == 0
    assert "Réservoirs" in result.out and "eau perdue" in result.out
    bad = cli("twin", "scenario", "pump_down", "20")
    assert bad.code == 2 and "scénario impossible" in bad.err


def test_skeleton(cli: Cli) -> None:
    result = cli(
        "twin", "skeleton", "uc-eau-assainissement", "data-us", "data-hy", "--format", "json"
    )
    assert result.code == 0
    assert "Junction" in json.loads(result.out)["components"][1]["entityTypes"]
    table = cli("twin", "skeleton", "uc-qualite-air")
    assert "Squelette du jumeau" in table.out and "Standards" in table.out
    assert cli("twin", "skeleton", "uc-nope").code == 2


def test_maps_are_written_offline(cli: Cli, tmp_path: Path) -> None:
    for kind in ("3d", "water"):
        out = tmp_path / f"{kind}.html"
        result = cli("twin", "map", kind, "-o", str(out))
        assert result.code == 0, result.err
        text = out.read_text(encoding="utf-8")
        assert "deck" in text.lower() and ("BD TOPO" in text or "EPANET" in text)


def test_simulate_water_into_a_running_broker(cli: Cli) -> None:
    broker = Broker()
    with running(broker) as url:
        result = cli("twin", "simulate", "water", "--broker", url, "--hours", "3", "--speed", "0",
                     "--start", "2024-06-03T00:00:00Z")  # fmt: skip
        assert result.code == 0, result.err
        assert "curl" in result.out
        low = httpx.get(f"{url}/ngsi-ld/v1/entities", params={"type": "Junction", "q": "pressure<20",
                        "options": "keyValues"}, headers={"Link": LINK}).json()  # fmt: skip
        assert low and all(j["pressure"] < 20 for j in low)
    unreachable = cli("twin", "simulate", "water", "--broker", "http://127.0.0.1:9", "--hours", "1")
    assert unreachable.code == 1 and "injoignable" in unreachable.err


def test_simulate_takes_the_api_base_as_well_as_the_root(cli: Cli) -> None:
    # Most documentation shows the API base: it works as --broker as the root does.
    broker = Broker()
    with running(broker) as url:
        result = cli("twin", "simulate", "city", "--broker", f"{url}/ngsi-ld/v1/", "--hours", "0.5")
        assert result.code == 0, result.err
        assert "/ngsi-ld/v1/ngsi-ld/v1" not in result.out + result.err
    assert broker.count_entities(type="BikeHireDockingStation", context=TWIN_CONTEXT) == 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_twin_serve_runs_a_broker_process(tmp_path: Path) -> None:
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'twin.db'}"
    code = "import sys; from jnt_fresque.cli import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "twin", "serve", "--port", str(port), "--db", db, "--no-fetch"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/ngsi-ld/v1"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/types", timeout=1)
                break
            except httpx.HTTPError:
                assert process.poll() is None and time.monotonic() < deadline, (
                    "server did not start"
                )
                time.sleep(0.2)
        created = httpx.post(
            f"{base}/entities", json={"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.0}
        )
        assert created.status_code == 201
        assert httpx.get(f"{base}/entities/urn:ngsi-ld:Tank:T1").json()["level"]["value"] == 3.0
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=10)  # reads and closes the pipe
    assert (tmp_path / "twin.db").exists()


def test_simulate_city_into_a_running_broker(cli: Cli) -> None:
    with running(Broker()) as url:
        result = cli("twin", "simulate", "city", "--broker", url, "--hours", "0.5")
        assert result.code == 0, result.err
        stations = httpx.get(f"{url}/ngsi-ld/v1/entities", params={"type": "BikeHireDockingStation",
                             "options": "keyValues", "limit": 50}, headers={"Link": LINK}).json()  # fmt: skip
        assert len(stations) == 20 and all("availableBikeNumber" in s for s in stations)
