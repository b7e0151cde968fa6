"""The workshop store and tallies under load.

- ballots per second written into SQLite and PostgreSQL by 1, 4 and 8 writer
  processes at once (each its own participants, one transaction per ballot, as
  the app's processes would), every ballot read back afterwards; the PostgreSQL
  server is a throwaway one started here with its default durability (fsync on);
- how long counting 1,000 ranked top-10 ballots over 50 cards takes, beside a bare
  count of the cards named (the floor): approval and Borda (goal < 100 ms), Schulze,
  the full tally, and the stability of the top 10 over 1,000 resamples (goal < 2 s).

Run: .venv/bin/python benchmarks/bench_workshop.py
[--ballots 150] [--writers 1 4 8] [--repeats 3] [--runs 7] [--resamples 1000]
"""

from __future__ import annotations

import argparse
import collections
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _postgres
from _timing import median_seconds, ratio_row, row


def worker(url: str, code: str, name: str, count: int, ready: Path, go: Path) -> None:
    """One writer: open the store, say ready, wait for the start, write, print its end time."""
    from jnt_fresque.store import Store

    store = Store(url)
    cards = sorted(card.id for card in store.decks.cards("uc"))
    rng = random.Random(name)
    ready.touch()
    while not go.exists():
        time.sleep(0.001)
    for n in range(count):
        store.submit_ballot(code, "uc", f"{name}-{n}", rng.sample(cards, 10))
    print(time.time())
    store.close()


def throughput(url: str, writers: int, ballots: int, folder: Path) -> float:
    """Ballots per second for ``writers`` processes writing ``ballots`` each at once."""
    from jnt_fresque.store import Store

    with Store(url) as store:
        code = store.create_session("Banc d’essai")[0].code
    run = folder / f"run-{time.monotonic_ns()}"
    run.mkdir()
    go = run / "go"
    command = [sys.executable, __file__, "--worker", url, code]
    processes = [
        subprocess.Popen(
            [*command, f"w{w}", str(ballots), str(run / f"ready-{w}"), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    while not all((run / f"ready-{w}").exists() for w in range(writers)):
        if any(process.poll() is not None for process in processes):
            raise RuntimeError("a writer stopped before it was ready")
        time.sleep(0.01)
    start = time.time()
    go.touch()
    ends = []
    for process in processes:
        out, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"a writer failed with code {process.returncode}")
        ends.append(float(out.strip()))
    with Store(url) as store:
        stored = len(store.snapshot(code).ballots)
    if stored != writers * ballots:
        raise RuntimeError(f"{stored} ballots stored, {writers * ballots} sent")
    return writers * ballots / (max(ends) - start)


def stores(ballots: int, writer_counts: list[int], repeats: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="jnt-bench-"))
    server: Any = None
    try:
        server = _postgres.start()
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"PostgreSQL: skipped ({exc})")
    print(
        f"ballots per second, {ballots} ballots per writer, median of {repeats} runs "
        "(every ballot read back: stored = sent)"
    )
    print(f"{'writers':>8} {'SQLite (WAL, sync full)':>26} {'PostgreSQL (fsync on)':>24} "
          f"{'PostgreSQL / SQLite':>21}")  # fmt: skip
    try:
        for writers in writer_counts:
            figures: list[float | None] = []
            for backend in ("sqlite", "postgresql"):
                if backend == "postgresql" and server is None:
                    figures.append(None)
                    continue
                rates = []
                for repeat in range(repeats):
                    name = f"w{writers}r{repeat}"
                    if backend == "sqlite":
                        url = f"sqlite:///{folder / (name + '.sqlite')}"
                    else:
                        url = server.create_database(name)
                    rates.append(throughput(url, writers, ballots, folder))
                figures.append(statistics.median(rates))
            lite, pg = figures
            assert lite is not None
            shown = "-" if pg is None else f"{pg:.0f}"
            ratio = "-" if pg is None else f"{pg / lite:.2f} ×"
            print(f"{writers:>8} {lite:>26.0f} {shown:>24} {ratio:>21}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def tallies(runs: int, resamples: int) -> None:
    from jnt_fresque.i18n import Text
    from jnt_fresque.workshop.ballots import Ballot
    from jnt_fresque.workshop.condorcet import schulze_ranks
    from jnt_fresque.workshop.polls import Method, Poll, Subject
    from jnt_fresque.workshop.stability import top_stability
    from jnt_fresque.workshop.tallies import approval, borda, tally

    rng = random.Random(1)
    cards = [f"c{i:02d}" for i in range(50)]
    weights = [1 / (1 + i) for i in range(50)]
    ballots = []
    for n in range(1000):
        chosen: list[str] = []
        while len(chosen) < 10:
            card = rng.choices(cards, weights)[0]
            if card not in chosen:
                chosen.append(card)
        ballots.append(Ballot("uc", f"p{n}", tuple(chosen)))
    poll = Poll("uc", Text(fr="Top 10", en="Top 10"), Method.ranked, Subject.uc)
    levels = [b.levels(Method.ranked) for b in ballots]
    top_stability(poll, ballots, resamples=10)  # import numpy once

    def floor() -> object:
        return collections.Counter(card for ballot in ballots for card in ballot.choices)

    print(f"{len(ballots):,} ranked top-10 ballots over {len(cards)} cards; median of {runs} runs")
    bare = median_seconds(floor, runs=runs)
    counted = median_seconds(lambda: approval(ballots), runs=runs)
    print(row("count the cards named (a Counter, the floor)", bare))
    print(row("approval count", counted, goal=0.1))
    print(row("truncated Borda", median_seconds(lambda: borda(ballots, 10), runs=runs), goal=0.1))
    print(row("Schulze (pairwise counts + strongest paths)",
              median_seconds(lambda: schulze_ranks(levels, cards), runs=runs)))  # fmt: skip
    print(row("full tally (approval + Borda + Schulze + ranks)",
              median_seconds(lambda: tally(poll, ballots), runs=runs)))  # fmt: skip
    stable = median_seconds(lambda: top_stability(poll, ballots, resamples=resamples), runs=runs)
    print(row(f"stability of the top 10, {resamples:,} resamples", stable,
              goal=2.0 * resamples / 1000))  # fmt: skip
    print(ratio_row("approval count / the floor", counted / bare))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=150, help="ballots per writer")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 4, 8], help="writers")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each store figure")
    parser.add_argument("--runs", type=int, default=7, help="runs of each tally figure")
    parser.add_argument("--resamples", type=int, default=1000, help="for the top's stability")
    args = parser.parse_args(argv)
    tallies(args.runs, args.resamples)
    print()
    stores(args.ballots, args.writers, args.repeats)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        url, code, name, count, ready, go = sys.argv[2:8]
        worker(url, code, name, int(count), Path(ready), Path(go))
    else:
        sys.exit(main())
