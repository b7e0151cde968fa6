"""Nothing submitted is lost: several processes write ballots at once, one of them is
killed with SIGKILL mid-stream, and the reopened store holds every committed ballot
exactly once — on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from jnt_fresque.store import Store

from ._store_worker import ballot, replacement
from .conftest import ROOT

WORKERS = 8
BALLOTS = 100
KILLED = 0
KILL_AFTER = 30  # committed ballots of the killed worker before the signal


def _logged(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    # A line cut by the kill is not a promise: keep whole lines only.
    lines = log.read_text(encoding="utf-8").split("\n")[:-1]
    return [tuple(line.split(" ")) for line in lines]  # type: ignore[misc]


def test_concurrent_writers_one_killed_lose_nothing(store_url: str, tmp_path: Path) -> None:
    with Store(store_url) as store:
        session, _ = store.create_session("Charge")
        cards = sorted(card.id for card in store.decks.cards("uc"))
    logs = [tmp_path / f"worker-{w}.log" for w in range(WORKERS)]
    module = [sys.executable, "-m", "tests._store_worker", store_url, session.code]
    workers = [
        subprocess.Popen(
            [*module, str(w), str(BALLOTS), str(logs[w])], cwd=ROOT, stderr=subprocess.PIPE
        )
        for w in range(WORKERS)
    ]
    deadline = time.monotonic() + 120
    while len(_logged(logs[KILLED])) < KILL_AFTER:
        assert workers[KILLED].poll() is None, "the worker to kill ended before the kill"
        assert time.monotonic() < deadline, "the worker to kill never got going"
        time.sleep(0.005)
    os.kill(workers[KILLED].pid, signal.SIGKILL)
    for w, worker in enumerate(workers):
        _, err = worker.communicate(timeout=240)
        if w == KILLED:
            assert worker.returncode == -signal.SIGKILL
        else:
            assert worker.returncode == 0, err.decode()

    with Store(store_url) as reopened:
        snapshot = reopened.snapshot(session.code)
    held = Counter(b.participant for b in snapshot.ballots)
    choices = {b.participant: b.choices for b in snapshot.ballots}
    assert max(held.values()) == 1, "a participant has two ballots"
    for w in range(WORKERS):
        logged = _logged(logs[w])
        added = [token for token, what in logged if what == "added"]
        replaced = {token for token, what in logged if what == "replaced"}
        mine = {token for token in held if token.startswith(f"w{w}-")}
        # Every ballot the store acknowledged is there, as its last acknowledged version...
        assert set(added) <= mine
        for token in added:
            n = int(token.split("-")[1])
            first, second = ballot(w, n, cards), replacement(w, n, cards)
            if token in replaced:
                assert list(choices[token]) == second, token
            elif w == KILLED and token == added[-1] and n % 10 == 0:
                # ...but for a replacement in flight at the kill, which may have landed.
                assert list(choices[token]) in (first, second), token
            else:
                assert list(choices[token]) == first, token
        if w == KILLED:
            # At most the one ballot in flight at the kill was committed without its log line.
            assert len(added) <= len(mine) <= len(added) + 1
            assert len(added) < BALLOTS
        else:
            assert len(mine) == len(added) == BALLOTS
