"""Smoke tests of the benchmarks: every script in ``benchmarks/`` runs end to end on tiny
sizes, in its own process as ``make bench`` runs it, and prints its figure lines.

They check that a script starts, measures what it says and counts what it sent, never
how fast anything was: speed is a figure to read on a quiet machine, not a test to pass.
A new script without a smoke test here fails `test_every_benchmark_has_a_smoke_test`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests import pgserver

from .conftest import ROOT, in_ci, missing

BENCHMARKS = ROOT / "benchmarks"
TIMEOUT = 300  # s: a hung script fails instead of holding the suite
FIGURE = r"\s+[\d,.]+ (?:ms|s|/s|×)"  # a figure line's number and unit


def launch(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``benchmarks/script`` as ``make bench`` does, from ``cwd`` (not the repository:
    a script must not depend on the folder it is started from)."""
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=cwd,
    )


def run(script: str, *args: str, cwd: Path) -> str:
    """What ``benchmarks/script`` printed, once it has succeeded."""
    done = launch(script, *args, cwd=cwd)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def lines(out: str, *patterns: str) -> list[re.Match[str]]:
    """The line matching each pattern (anchored at a line's start); fails on a missing one."""
    found = []
    for pattern in patterns:
        match = re.search(rf"^{pattern}", out, re.MULTILINE)
        assert match, f"no line matching {pattern!r} in:\n{out}"
        found.append(match)
    return found


def nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)  # fmt: skip


# --- one smoke test per script ------------------------------------------------------------


def test_bench_import(tmp_path: Path) -> None:
    out = run("bench_import.py", "--runs", "2", cwd=tmp_path)
    lines(
        out,
        "median of 2 fresh processes each",
        rf"python -c pass \(interpreter start, the floor\){FIGURE}",
        rf"import jnt_fresque {FIGURE}",
        rf"import jnt_fresque / the floor{FIGURE}",
    )


def test_bench_decks(tmp_path: Path) -> None:
    out = run("bench_decks.py", "--runs", "2", "--process-runs", "1", cwd=tmp_path)
    lines(
        out,
        r"5 decks, \d+ cards; median of 2 runs \(1 for processes\)",
        rf"parse the YAML files only \(libyaml, the ceiling\){FIGURE}",
        rf"load_decks\(\): parse \+ validate \+ cross-checks{FIGURE}",
        rf"validation overhead over parsing{FIGURE}",
    )


def test_bench_print(tmp_path: Path) -> None:
    args = ["--runs", "1", "--decks", "vierges", "--cards", "12", "--qr-runs", "1"]
    out = run("bench_print.py", *args, cwd=tmp_path)
    lines(out, r"3 cards \(vierges, French, poker\): best CPU time of 1 runs each")
    for label in ("home sheets", "print shop"):
        for when in ("first print", "later prints"):
            # pages, chars a page, ours p/s, ceiling p/s, the ratio
            lines(out, rf"{label}, {when}\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\.\d\d  (?:ok|MISSED)")
    lines(
        out,
        r"12 different cards: [\d.]+ s .*\d+ pages\)",
        r"QR code, per code, median of 1 runs: naive .* ms; ours, new text .* × faster\)",
    )


def test_french_share(tmp_path: Path) -> None:
    out = run("french_share.py", cwd=tmp_path)
    (found,) = lines(out, r"\d+ French function words out of \d+ words: (\d+\.\d\d)%")
    lines(out, r"most frequent: ")
    # The English print keeps French only inside proper names and card ids (issue 16).
    assert float(found.group(1)) < 0.30


def test_bench_workshop(tmp_path: Path) -> None:
    has_postgres = pgserver.find_binaries() is not None
    if not has_postgres and in_ci():  # elsewhere, the script says it skips PostgreSQL
        missing("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    args = ["--ballots", "3", "--writers", "2", "--repeats", "1", "--runs", "1"]
    out = run("bench_workshop.py", *args, "--resamples", "20", cwd=tmp_path)
    lines(
        out,
        "1,000 ranked top-10 ballots over 50 cards; median of 1 runs",
        rf"approval count {FIGURE}",
        rf"full tally .*{FIGURE}",
        rf"stability of the top 10, 20 resamples{FIGURE}",
        rf"approval count / the floor{FIGURE}",
        # each run reads its ballots back and stops if stored ≠ sent
        r"ballots per second, 3 ballots per writer, median of 1 runs",
    )
    (writers,) = lines(out, r" +2 +(\d+) +(\S+) +(.*)$")
    if has_postgres:
        assert writers[2].isdigit() and writers[3].endswith("×"), writers[0]
    else:
        assert "PostgreSQL: skipped" in out


def test_bench_twin(tmp_path: Path) -> None:
    args = ["--sensors", "4", "--batches", "2", "--seconds", "7200", "--hours", "2"]
    out = run("bench_twin.py", *args, "--runs", "1", "--net3-runs", "1", cwd=tmp_path)
    lines(
        out,
        "batch upsert: 2 batches of 4 entities × 2 attributes; median of 1 runs",
        r"raw SQLite, same rows and states \(the ceiling\)\s+[\d,]+ /s$",
        r"embedded broker, in process\s+[\d,]+ /s  \(\s*[\d.]+% of the ceiling\)",
        r"embedded broker over HTTP \(batches of 100\)\s+[\d,]+ /s  \(\s*[\d.]+% of the ceil",
        # the script checks every sensor got every hour's average
        r"temporal aggregation: 4 sensors × 7200 s at 1 Hz = 28,800 instances; .*\(2 h\)",
        rf"roll-ups, faster than scanning every row{FIGURE}",
        r"Net3: 2 simulated hours",
        rf"published in process \(3 steps, [\d,]+ values\){FIGURE}",
        rf"over HTTP / in process{FIGURE}",
    )


def participants(out: str, count: int) -> None:
    """The load generator's report: every step timed for everyone, no ballot lost."""
    lines(out, rf"{count} participants arriving over 1 s")
    for step in ("open", "join", "goto_vote", "vote"):
        lines(out, rf"  {step}\s+n={count}\s+p50=[\d.]+ s  p95=[\d.]+ s  max=[\d.]+ s")
    (ballots,) = lines(out, r"  ballots: (\d+) stored / (\d+) sent \((\d+) lost\); confirmations seen: (\d+)")  # fmt: skip
    assert ballots.groups() == (str(2 * count), str(2 * count), "0", str(count)), ballots[0]
    lines(out, r"  errors: 0 \[\]")


def test_load_atelier(tmp_path: Path) -> None:
    out = run("load_atelier.py", "-n", "3", "--arrival", "1", cwd=tmp_path)
    participants(out, 3)
    lines(out, r"  server RSS: idle \d+ MiB, peak \d+ MiB")


def test_load_atelier_board(tmp_path: Path) -> None:
    """``--board``: 4 participants at 2 tables each draw 5 links on their table's live board
    while it refreshes; every link drawn is on a board, none doubled."""
    out = run("load_atelier.py", "--board", "-n", "4", "--tables", "2", "--arrival", "1", cwd=tmp_path)  # fmt: skip
    lines(out, r"4 participants arriving over 1 s")
    for step, n in (("open", 4), ("join", 4), ("goto_board", 4), ("board_refresh", 20), ("board_link", 20)):  # fmt: skip
        lines(out, rf"  {step}\s+n={n}\s+p50=[\d.]+ s  p95=[\d.]+ s  max=[\d.]+ s")
    (links,) = lines(out, r"  links: (\d+) on the boards / (\d+) drawn \((\d+) doubled\)")
    # Every pair drawn is on its table's board once (two people drawing one pair: one link).
    assert links[1] == links[2] and int(links[1]) >= 10 and links[3] == "0", links[0]
    lines(out, r"  errors: 0 \[\]", r"  server CPU: [\d.]+ ms per participant")


def test_load_atelier_baseline(tmp_path: Path) -> None:
    """``--baseline``: the one-widget page, then the app, each a swarm and a one-step ramp
    (a generous p95 limit, so that the step passes on a busy machine too)."""
    ramp = ["--ramp-start", "2", "--ramp-seconds", "1", "--ramp-max", "2", "--p95-limit", "60"]
    out = run("load_atelier.py", "--baseline", "-n", "3", "--arrival", "1", *ramp, cwd=tmp_path)
    lines(out, r"baseline \(one-widget page\) vs app, 3 participants over 1 s")
    for page in ("baseline", "app"):
        # four page runs a participant, every one timed
        lines(out, rf"  {page} +12 page runs, server CPU [\d.]+ s: [\d.]+ ms per run")
    assert out.count("    ramp: 2/s → p95 ") == 2, out
    assert out.count("    capacity: 2 arrivals/s") == 2, out
    assert "errors:" not in out
    lines(out, r"  cost per run: app / baseline = [\d.]+ \(goal ≤ 2\)", r"  capacity: app / baseline = 100%")  # fmt: skip


def test_load_atelier_capacity_is_narrowed_by_bisection(monkeypatch: Any) -> None:
    """After the ramp, each bisection step halves the gap (in ratio) between the highest rate
    that held and the lowest that broke, on a server that holds up to 5 arrivals/s."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import load_atelier as load
    finally:
        sys.path.remove(str(BENCHMARKS))

    async def server(base: str, code: str, n: int, arrival: float, *_: Any, **__: Any) -> Any:
        figures = load.Figures()
        figures.latency["open"] = [0.1 if n / arrival <= 5 else 3.0] * n
        return figures, [], arrival

    monkeypatch.setattr(load, "swarm", server)
    monkeypatch.setattr(load.time, "sleep", lambda seconds: None)
    args = load.argparse.Namespace(ramp_seconds=10.0, p95_limit=1.0)
    served = load.Served(load.Measure("app", capacity=4.0, broke=8.0), None, "", "", None)
    for _ in range(3):
        load._refine(served, args)
    tried = [rate for rate, *_ in served.measure.refined]
    assert tried == [5.66, 4.76, 5.19]
    assert (served.measure.capacity, served.measure.broke) == (4.76, 5.19)


def test_load_atelier_cluster(tmp_path: Path) -> None:
    if nginx() is None:
        missing("nginx not found: apt-get install nginx")
    if pgserver.find_binaries() is None:
        missing("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    out = run("load_atelier_cluster.py", "-n", "4", "--arrival", "1", "-p", "2", cwd=tmp_path)
    lines(out, "PostgreSQL, 2 app process\\(es\\) behind nginx")
    participants(out, 4)
    (served,) = lines(out, r"  websockets per process: (\{.*\})")
    counts = [int(n) for n in re.findall(r"'127\.0\.0\.1:\d+': (\d+)", served[1])]
    assert sum(counts) == 4, served[0]  # one websocket a participant, all through nginx
    lines(out, r"  app RSS \(MiB\): idle \[\d+, \d+\], peak \[\d+, \d+\]")


def test_load_atelier_cluster_without_nginx(tmp_path: Path) -> None:
    done = launch("load_atelier_cluster.py", "--nginx", str(tmp_path / "nginx"), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "nginx not found" in done.stderr
    assert "apt-get install nginx" in done.stderr


# --- nothing rots unnoticed ---------------------------------------------------------------


def test_every_benchmark_has_a_smoke_test() -> None:
    scripts = sorted(p.stem for p in BENCHMARKS.glob("*.py") if not p.name.startswith("_"))
    assert scripts, "no benchmark scripts found"
    missing = [name for name in scripts if f"test_{name}" not in globals()]
    assert not missing, f"benchmarks without a smoke test in {Path(__file__).name}: {missing}"


def test_bench_campaign(tmp_path: Path) -> None:
    args = ["--sessions", "10", "--ballots", "60", "--runs", "1", "--resamples", "20"]
    out = run("bench_campaign.py", *args, cwd=tmp_path)
    (header,) = lines(
        out,
        r"60 ranked top-10 ballots; 10 sessions \(surveys: 2\); read 60, counted (\d+) "
        r"\(one voice per member\), single session 60; median of 1 runs",
    )
    assert int(header[1]) < 60  # members invited to two surveys counted once
    for label in ("approval and Borda", "with stability, 20 resamples"):
        lines(
            out,
            rf"single session, {label}{FIGURE}",
            rf"campaign, {label}{FIGURE}  (?:ok|MISSED)",
            rf"campaign / single session, {label}{FIGURE}",
        )
