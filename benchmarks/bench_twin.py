"""The embedded NGSI-LD broker's speed, beside raw SQLite doing the same writes (the ceiling).

1. Batch upsert (update) of 100 sensors × 2 attributes per batch: in process, over HTTP
   (``jnt-fresque twin serve`` in its own process, batches of 100), and raw SQLite
   inserting the same history rows with the same index (no NGSI-LD work at all).
   Goals: ≥ 20 000 attribute updates/s in process, ≥ 2 000/s over HTTP.
2. Temporal aggregation: ``avg`` per hour over one day of 1 Hz readings from 100
   sensors (8.64 M instances), through the broker's temporal query. Goal ≤ 1 s.
   The rows go in through the store's bulk path (where every write ends), timed too.
3. Net3, seven simulated days (169 hourly steps) published in full. Goal ≤ 10 s.

Run: .venv/bin/python benchmarks/bench_twin.py
[--sensors 100] [--batches 60] [--seconds 86400] [--hours 168] [--runs 5] [--net3-runs 3]
(smaller sizes make a smoke run; the goals hold for the defaults.)
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
from _timing import median_seconds

from jnt_fresque.twin import TWIN_CONTEXT, Broker, Client, WaterNetwork, prop
from jnt_fresque.twin.ngsild import format_time, parse_time

T0 = parse_time("2024-06-03T00:00:00Z")
# A history row, as the store takes it: series id, instant (ms), number, JSON of the rest.
Row = tuple[int, int, float | None, str | None]


def rate_row(
    label: str, per_second: float, goal: float | None = None, ceiling: float | None = None
) -> str:
    verdict = (
        "" if goal is None else ("  ok" if per_second >= goal else f"  MISSED (goal {goal:,.0f}/s)")
    )
    share = "" if ceiling is None else f"  ({per_second / ceiling:5.1%} of the ceiling)"
    return f"{label:<58} {per_second:>12,.0f} /s{share}{verdict}"


def time_row(label: str, seconds: float, goal: float | None = None) -> str:
    verdict = "" if goal is None else ("  ok" if seconds <= goal else f"  MISSED (goal {goal:g} s)")
    return f"{label:<58} {seconds:>12.3f} s{verdict}"


def sensors(step: int, count: int) -> list[dict[str, object]]:
    stamp = format_time(T0 + step * 1000)
    return [
        {
            "id": f"urn:ngsi-ld:Sensor:S{i:03d}",
            "type": "Sensor",
            "temperature": prop(20.0 + (i + step) % 7, observed_at=stamp),
            "humidity": prop(50.0 + (i * step) % 11, observed_at=stamp),
        }
        for i in range(count)
    ]


# --- 1. batch upsert ---------------------------------------------------------------------


def upsert_in_process(folder: Path, run: int, count: int, steps: int) -> float:
    broker = Broker(f"sqlite:///{folder / f'process-{run}.db'}")
    broker.batch_upsert(sensors(0, count))
    batches = [sensors(step, count) for step in range(1, steps + 1)]
    start = time.perf_counter()
    for batch in batches:
        broker.batch_upsert(batch, update=True)
    elapsed = time.perf_counter() - start
    broker.close()
    return steps * count * 2 / elapsed


def upsert_raw_sqlite(folder: Path, run: int, count: int, steps: int) -> float:
    """The same history rows, entity heads and attribute rows, written by bare sqlite3
    into the broker's own tables (no roll-ups, no NGSI-LD work): the ceiling."""
    path = folder / f"raw-{run}.db"
    Broker(f"sqlite:///{path}").close()  # the broker's tables and index, empty
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    batches = []
    for step in range(1, steps + 1):
        ts = T0 + step * 1000
        rows: list[Row] = []
        heads, attrs = [], []
        for i in range(count):
            eid = f"urn:ngsi-ld:Sensor:S{i:03d}"
            rows.append((2 * i, ts, 20.0 + (i + step) % 7, None))
            rows.append((2 * i + 1, ts, 50.0 + (i * step) % 11, None))
            heads.append((eid, '{"modifiedAt":"' + format_time(ts) + '"}'))
            for name in ("temperature", "humidity"):
                attrs.append((eid, name, '{"type":"Property","value":' + str(step) + "}"))
        batches.append((rows, heads, attrs))
    start = time.perf_counter()
    for rows, heads, attrs in batches:
        db.execute("BEGIN")
        db.executemany("INSERT INTO instance (sid, ts, num, doc) VALUES (?, ?, ?, ?)", rows)
        db.executemany("INSERT OR REPLACE INTO entity (id, head) VALUES (?, ?)", heads)
        db.executemany(
            "INSERT OR REPLACE INTO attribute (entity, name, doc) VALUES (?, ?, ?)", attrs
        )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return steps * count * 2 / elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``jnt-fresque twin serve`` in its own process, on a free local port."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        code = "import sys; from jnt_fresque.cli import main; sys.exit(main(sys.argv[1:]))"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "twin", "serve", "--port", str(self.port),
             "--db", f"sqlite:///{db}", "--no-fetch"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.url}/ngsi-ld/v1/types", timeout=1)
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def upsert_over_http(url: str, count: int, steps: int) -> float:
    with Client(url) as client:
        client.batch_upsert(sensors(0, count))
        batches = [sensors(step, count) for step in range(1, steps + 1)]
        start = time.perf_counter()
        for batch in batches:
            client.batch_upsert(batch, update=True, chunk=100)
        elapsed = time.perf_counter() - start
    return steps * count * 2 / elapsed


# --- 2. temporal aggregation ----------------------------------------------------------------


def load_day(broker: Broker, seconds: int, count: int) -> float:
    """One reading per second and sensor, through the store's bulk path; rows/s."""
    store = broker.store
    with store.transaction():
        for i in range(count):
            broker.create_entity({"id": f"urn:ngsi-ld:Sensor:S{i:03d}", "type": "Sensor"})
        sids = [
            store.series_id(f"urn:ngsi-ld:Sensor:S{i:03d}", ["https://uri.etsi.org/ngsi-ld/default-context/Sensor"],
                            "https://uri.etsi.org/ngsi-ld/default-context/temperature", "", "Property")
            for i in range(count)
        ]  # fmt: skip
    start = time.perf_counter()
    chunk = 600  # ten minutes of the whole fleet per transaction
    for first in range(0, seconds, chunk):
        rows: list[Row] = [
            (sid, T0 + s * 1000, 15.0 + (s % 3600) / 360 + (sid % 10) / 10, None)
            for s in range(first, min(first + chunk, seconds))
            for sid in sids
        ]
        with store.transaction():
            store.add_instances(rows)
    return seconds * count / (time.perf_counter() - start)


def aggregate(broker: Broker, seconds: int, count: int) -> list[dict[str, Any]]:
    page = broker.temporal_query(
        type="Sensor", attrs="temperature", options="aggregatedValues", aggr_methods="avg",
        aggr_period="PT1H", timerel="between", time_at=format_time(T0),
        end_time_at=format_time(T0 + seconds * 1000), limit=count,
    )  # fmt: skip
    return page.entities


def aggregate_from_rows(broker: Broker, seconds: int, count: int) -> None:
    """The same averages read from every row (what the roll-ups avoid)."""
    for sid in range(1, count + 1):
        broker.store.aggregate(sid, origin=T0, period=3_600_000, start=T0,
                               end=T0 + seconds * 1000, distinct=False, rollup=False)  # fmt: skip


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sensors", type=int, default=100, help="entities per batch, sensors")
    parser.add_argument("--batches", type=int, default=60, help="batches per upsert run")
    parser.add_argument("--seconds", type=int, default=86_400, help="seconds of 1 Hz readings")
    parser.add_argument("--hours", type=float, help="Net3 hours simulated (default: its 7 days)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each upsert and query")
    parser.add_argument("--net3-runs", type=int, default=3, help="runs of each Net3 figure")
    args = parser.parse_args(argv)
    count, steps, seconds, runs = args.sensors, args.batches, args.seconds, args.runs
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="jnt-bench-") as tmp:
        folder = Path(tmp)
        print(f"batch upsert: {steps} batches of {count} entities × 2 attributes; "
              f"median of {runs} runs")  # fmt: skip
        ceiling = statistics.median(upsert_raw_sqlite(folder, r, count, steps) for r in range(runs))
        in_process = statistics.median(
            upsert_in_process(folder, r, count, steps) for r in range(runs)
        )
        server = Server(folder / "served.db")
        try:
            over_http = statistics.median(
                upsert_over_http(server.url, count, steps) for _ in range(runs)
            )
        finally:
            server.stop()
        print(rate_row("raw SQLite, same rows and states (the ceiling)", ceiling))
        print(rate_row("embedded broker, in process", in_process, 20_000, ceiling))
        print(rate_row("embedded broker over HTTP (batches of 100)", over_http, 2_000, ceiling))

        hours = -(-seconds // 3600)
        print(f"\ntemporal aggregation: {count} sensors × {seconds} s at 1 Hz = "
              f"{count * seconds:,} instances; avg per hour ({hours} h)")  # fmt: skip
        broker = Broker(f"sqlite:///{folder / 'day.db'}")
        ingest = load_day(broker, seconds, count)
        result = aggregate(broker, seconds, count)
        averages = [len(entity["temperature"]["avg"]) for entity in result]
        if averages != [hours] * count:  # every sensor, every hour
            raise RuntimeError(f"{averages}: not {hours} hourly averages for {count} sensors")
        took = median_seconds(lambda: aggregate(broker, seconds, count), runs=runs)
        rows_took = median_seconds(lambda: aggregate_from_rows(broker, seconds, count), runs=1)
        print(rate_row("bulk ingestion through the store (rows + roll-ups)", ingest))
        print(time_row(f"temporal query, avg per PT1H (roll-ups), median of {runs}", took, 1.0))
        print(time_row("same averages scanning every row (no roll-ups)", rows_took))
        print(f"{'roll-ups, faster than scanning every row':<58} {rows_took / took:>12.1f} ×")
        broker.close()

        net = WaterNetwork.net3(start="2024-06-03T00:00:00Z")
        span = "7 simulated days" if args.hours is None else f"{args.hours:g} simulated hours"
        print(f"\nNet3: {span}, simulation + publication in full; "
              f"median of {args.net3_runs} runs")  # fmt: skip
        sim = median_seconds(lambda: net.simulate(hours=args.hours), runs=args.net3_runs)

        def publish_in_process() -> None:
            target = Broker(f"sqlite:///{folder / f'net3-{time.perf_counter_ns()}.db'}")
            net.publish(target, results=net.simulate(hours=args.hours), context=TWIN_CONTEXT)
            target.close()

        published = median_seconds(publish_in_process, runs=args.net3_runs)
        server = Server(folder / "net3-served.db")
        try:
            with Client(server.url) as client:
                start = time.perf_counter()
                report = net.publish(client, results=net.simulate(hours=args.hours))
                over = time.perf_counter() - start
        finally:
            server.stop()
        print(time_row("EPANET simulation alone (WNTR)", sim))
        label = f"published in process ({report.steps} steps, {report.attributes:,} values)"
        print(time_row(label, published, 10.0))
        print(time_row("published over HTTP (one batch per hour)", over))
        print(f"{'over HTTP / in process':<58} {over / published:>12.1f} ×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
