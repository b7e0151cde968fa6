"""Small timing helpers shared by the benchmarks: medians of repeated runs, figure lines."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def median_seconds(func: Callable[[], object], *, runs: int) -> float:
    """Median wall time of ``func`` over ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_process_seconds(code: str, *, runs: int) -> float:
    """Median wall time of a fresh ``python -c code`` process."""
    return median_seconds(
        lambda: subprocess.run([sys.executable, "-c", code], check=True), runs=runs
    )


def row(label: str, seconds: float, goal: float | None = None) -> str:
    verdict = (
        "" if goal is None else ("  ok" if seconds <= goal else f"  MISSED (goal {goal:.3f} s)")
    )
    return f"{label:<52} {seconds * 1000:8.1f} ms{verdict}"


def ratio_row(label: str, ratio: float) -> str:
    """A line of ``row``'s layout with a ratio (one figure over its ceiling or peer)."""
    return f"{label:<52} {ratio:8.1f} ×"
