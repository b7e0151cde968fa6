"""The same journey as ``load_atelier.py``, on PostgreSQL, with N app processes behind nginx.

What it sets up, all on 127.0.0.1 and all removed at the end (even on error):

- a throwaway PostgreSQL server (``tests.pgserver``), with the session in it;
- ``--processes`` app processes (Streamlit, the workshop app's settings), each on a free
  port, all on the same PostgreSQL database;
- nginx (the distribution's, ``apt-get install nginx``) in the foreground, with its
  configuration, pid, logs and temporary files in a temporary folder, in front of them.

Without nginx or PostgreSQL it says so in one line and stops with code 2.

Stickiness: a participant's Streamlit session lives in one process (the websocket, and
any later HTTP request tied to the session), so every request of one browser must reach
the same process. All the load comes from 127.0.0.1, so ``ip_hash`` would send everyone to
one process; instead nginx gives each new browser a route cookie (``jnt_route``, a random
request id) with the join address and hashes on it (``hash ... consistent``); the load
generator sends the cookie back on the websocket, as a browser does. In a real room,
``ip_hash`` alone would do (phones have their own addresses), unless they share a NAT.

The report is ``load_atelier.py``'s (p50 / p95 / max of each interaction, ballots stored
in PostgreSQL against ballots sent), with the resident memory of each app process and the
number of websockets each process served (from nginx's log).

Run: ``python benchmarks/load_atelier_cluster.py --participants 1000 --arrival 60 --processes 2``
(the defaults; ``-n 4 --arrival 1`` is a smoke run).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _postgres
from load_atelier import _rss, build_report, print_report, swarm

from jnt_fresque.app.server import start_background as start_app
from jnt_fresque.app.server import stop as stop_process
from jnt_fresque.app.server import wait_healthy

NGINX_CONF = """\
worker_processes 2;
worker_rlimit_nofile 16384;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 8192;
}}
http {{
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    log_format upstream '$upstream_addr $status $request_uri';
    access_log {folder}/access.log upstream;

    # A browser's route: its cookie, or a new random one (then set by the answer).
    map $cookie_jnt_route $jnt_route {{
        "" $request_id;
        default $cookie_jnt_route;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}
    upstream atelier {{
        hash $jnt_route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://atelier;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            add_header Set-Cookie "jnt_route=$jnt_route; Path=/; HttpOnly; SameSite=Lax";
        }}
    }}
}}
"""


def find_nginx() -> str | None:
    """The nginx binary: on PATH, or the distribution's (/usr/sbin is not on every PATH)."""
    found = shutil.which("nginx")
    if found is None and Path("/usr/sbin/nginx").is_file():
        found = "/usr/sbin/nginx"
    return found


def start_nginx(
    binary: str, folder: Path, upstreams: list[str]
) -> tuple[subprocess.Popen[bytes], str]:
    """Run nginx in the foreground in front of ``upstreams`` (``host:port``); return it and
    its base URL once a health check passes through it."""
    from jnt_fresque.app import server

    folder.mkdir()
    folder.chmod(0o755)  # nginx's workers run as nobody when started by root
    port = server.free_port()
    servers = "\n".join(f"        server {address};" for address in upstreams)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, port=port, servers=servers))
    log = (folder / "nginx.out").open("wb")
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process, timeout=20)
    except BaseException as exc:
        stop_process(process)
        said = (folder / "nginx.out").read_text(errors="replace").strip()
        raise RuntimeError(f"nginx did not start: {exc}\n{said}") from None
    return process, base


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by ``pid``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def websockets_per_upstream(access_log: Path) -> dict[str, int]:
    """How many websockets (``/_stcore/stream``, status 101) nginx sent to each process."""
    counts: collections.Counter[str] = collections.Counter()
    if access_log.exists():
        for line in access_log.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] == "101" and parts[2].startswith("/_stcore/stream"):
                counts[parts[0]] += 1
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", "-n", type=int, default=1000)
    parser.add_argument(
        "--arrival", type=float, default=60.0, help="seconds over which they arrive"
    )
    parser.add_argument("--processes", "-p", type=int, default=2, help="app processes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--leave", action="store_true", help="close each tab after voting (default: keep all open)"
    )
    parser.add_argument("--nginx", help="the nginx binary (default: nginx on PATH, /usr/sbin)")
    args = parser.parse_args(argv)

    from jnt_fresque.store import Store

    nginx = args.nginx or find_nginx()
    if nginx is None or not Path(nginx).is_file():
        print(f"{parser.prog}: nginx not found ({nginx or 'not on PATH, not in /usr/sbin'}): "
              "apt-get install nginx", file=sys.stderr)  # fmt: skip
        return 2
    try:
        database = _postgres.start()
    except FileNotFoundError as exc:
        print(f"{parser.prog}: {exc}: apt-get install postgresql", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="jnt-cluster-"))
    apps: list[subprocess.Popen[bytes]] = []
    proxy: subprocess.Popen[bytes] | None = None
    try:
        db_url = database.create_database("atelier")
        with Store(db_url) as store:
            session, _ = store.create_session("Charge")
            store.set_phase(session.code, "vote")
        upstreams = []
        for i in range(args.processes):
            process, base = start_app(db_url, folder / f"app{i}.log")
            apps.append(process)
            upstreams.append(base.removeprefix("http://"))
        proxy, base = start_nginx(nginx, folder / "nginx", upstreams)
        idle = [_rss(app.pid) for app in apps]
        cpu_before = [cpu_seconds(app.pid) for app in apps]
        client_before = time.process_time()
        figures, peaks, elapsed = asyncio.run(
            swarm(
                base,
                session.code,
                args.participants,
                args.arrival,
                [app.pid for app in apps],
                hold=not args.leave,
            )
        )
        client_cpu = time.process_time() - client_before
        app_cpu = [cpu_seconds(app.pid) - cpu for app, cpu in zip(apps, cpu_before, strict=True)]
        report: dict[str, Any] = build_report(
            args.participants, args.arrival, figures, elapsed, db_url, session.code
        )
        report["database"] = "postgresql"
        report["processes"] = args.processes
        report["websockets_per_process"] = websockets_per_upstream(folder / "nginx" / "access.log")
        report["app_rss_idle_mib"] = [round(rss / 2**20) for rss in idle]
        report["app_rss_peak_mib"] = [round(rss / 2**20) for rss in peaks]
        report["app_cpu_s"] = [round(seconds, 1) for seconds in app_cpu]
        report["load_generator_cpu_s"] = round(client_cpu, 1)
        report["cpus"] = os.cpu_count()
    finally:
        if proxy is not None:
            stop_process(proxy)
        for app in apps:
            stop_process(app)
        database.stop()
        shutil.rmtree(folder, ignore_errors=True)

    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(f"PostgreSQL, {args.processes} app process(es) behind nginx")
        print_report(report)
        print(f"  websockets per process: {report['websockets_per_process']}")
        print(f"  app RSS (MiB): idle {report['app_rss_idle_mib']}, "
              f"peak {report['app_rss_peak_mib']}")  # fmt: skip
        print(f"  CPU during the run (s): apps {report['app_cpu_s']}, load generator "
              f"{report['load_generator_cpu_s']} ({report['cpus']} CPUs)")  # fmt: skip
    return 0 if not figures.errors and report["ballots_lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
