"""The workshop store and tallies under load.

- ballots per second written into SQLite and PostgreSQL by 1, 4 and 8 writer
  processes at once (each its own participants, one transaction per ballot, as
  the app's processes would); the PostgreSQL server is a throwaway one started
  here with its default durability (fsync on);
- how long counting 1,000 ranked top-10 ballots over 50 cards takes: approval
  and Borda (goal < 100 ms), Schulze, the full tally, and the stability of the
  top 10 over 1,000 resamples (goal < 2 s).

Run: .venv/bin/python benchmarks/bench_workshop.py
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import median_seconds, row

BALLOTS_PER_WRITER = 150
WRITERS = (1, 4, 8)
REPEATS = 3


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


def throughput(url: str, writers: int, folder: Path) -> float:
    """Ballots per second for ``writers`` processes writing at once."""
    from jnt_fresque.store import Store

    with Store(url) as store:
        code = store.create_session("Banc d’essai")[0].code
    run = folder / f"run-{time.monotonic_ns()}"
    run.mkdir()
    go = run / "go"
    command = [sys.executable, __file__, "--worker", url, code]
    processes = [
        subprocess.Popen(
            [*command, f"w{w}", str(BALLOTS_PER_WRITER), str(run / f"ready-{w}"), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    while not all((run / f"ready-{w}").exists() for w in range(writers)):
        time.sleep(0.01)
    start = time.time()
    go.touch()
    ends = []
    for process in processes:
        out, _ = process.communicate()
        assert process.returncode == 0
        ends.append(float(out.strip()))
    return writers * BALLOTS_PER_WRITER / (max(ends) - start)


def stores() -> None:
    from tests import pgserver

    folder = Path(tempfile.mkdtemp(prefix="jnt-bench-"))
    server = None
    try:
        server = pgserver.start()
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"PostgreSQL: skipped ({exc})")
    print(f"ballots per second, {BALLOTS_PER_WRITER} ballots per writer, median of {REPEATS} runs")
    print(f"{'writers':>8} {'SQLite (WAL, sync full)':>26} {'PostgreSQL (fsync on)':>24}")
    try:
        for writers in WRITERS:
            figures = []
            for backend in ("sqlite", "postgresql"):
                if backend == "postgresql" and server is None:
                    figures.append("-")
                    continue
                rates = []
                for repeat in range(REPEATS):
                    name = f"w{writers}r{repeat}"
                    if backend == "sqlite":
                        url = f"sqlite:///{folder / (name + '.sqlite')}"
                    else:
                        assert server is not None
                        url = server.create_database(name)
                    rates.append(throughput(url, writers, folder))
                figures.append(f"{statistics.median(rates):.0f}")
            print(f"{writers:>8} {figures[0]:>26} {figures[1]:>24}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def tallies() -> None:
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
    print("\n1,000 ranked top-10 ballots over 50 cards; median of 7 runs")
    print(row("approval count", median_seconds(lambda: approval(ballots), runs=7), goal=0.1))
    print(row("truncated Borda", median_seconds(lambda: borda(ballots, 10), runs=7), goal=0.1))
    print(row("Schulze (pairwise counts + strongest paths)",
              median_seconds(lambda: schulze_ranks(levels, cards), runs=7)))  # fmt: skip
    print(row("full tally (approval + Borda + Schulze + ranks)",
              median_seconds(lambda: tally(poll, ballots), runs=7)))  # fmt: skip
    print(row("stability of the top 10, 1,000 resamples",
              median_seconds(lambda: top_stability(poll, ballots), runs=7), goal=2.0))  # fmt: skip


def main() -> None:
    tallies()
    print()
    stores()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        url, code, name, count, ready, go = sys.argv[2:8]
        worker(url, code, name, int(count), Path(ready), Path(go))
    else:
        main()
