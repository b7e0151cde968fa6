"""ETSI's NGSI-LD conformance suite (core subset) against a fresh embedded broker.

    python conformance/run.py                 # the core subset (`make conformance` runs both)
    python conformance/run.py --subscriptions # the subscription test purposes (goal 80 %)
    python conformance/run.py --test "020_*"  # one group of test purposes (robot --test)

Starts ``jnt-fresque twin serve --db memory`` on a free loopback port with the
suite's @context files, runs ``../shared/conformance/run-etsi.sh run`` against it
(the suite installs Robot Framework from PyPI into its own venv on first use),
then reads the runner's closing ``N passed, N failed`` line and counts the HTTP
500 answers in the broker's access log. Exits 1 below the goal: 85 % of the
core subset passing, the temporal groups 020 and 021 at 80 % each, and no 500.
Robot's output stays in ``build/conformance/``.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 85.0
SUBSCRIPTIONS_GOAL = 80.0  # the suite's receiver listens on 127.0.0.1:8085: one run at a time
TEMPORAL = ("020", "021")  # retrieve and query the temporal evolution of entities
TEMPORAL_GOAL = 80.0
SERVE = "import sys; from jnt_fresque.cli import main; sys.exit(main(sys.argv[1:]))"
_GROUP = re.compile(r"^\s*test purpose (\w+): (\d+) passed, (\d+) failed\s*$")
_TOTAL = re.compile(r"^(\d+) passed, (\d+) failed\s*$")
_ERROR_500 = re.compile(r'"\s+500\b')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None:
                stopped = f"the broker stopped before answering (exit {process.returncode})"
                raise SystemExit(stopped) from None
            if time.monotonic() > deadline:
                late = f"the broker did not answer at {url} within {seconds:.0f} s"
                raise SystemExit(late) from None
            time.sleep(0.3)


def parse(output: str) -> tuple[dict[str, tuple[int, int]], tuple[int, int] | None]:
    """The runner's per-group figures and its closing total, from what it printed."""
    groups: dict[str, tuple[int, int]] = {}
    total = None
    for line in output.splitlines():
        if match := _GROUP.match(line):
            groups[match.group(1)] = (int(match.group(2)), int(match.group(3)))
        elif match := _TOTAL.match(line.strip()):
            total = (int(match.group(1)), int(match.group(2)))
    return groups, total


def percent(passed: int, failed: int) -> float:
    return 100.0 * passed / (passed + failed) if passed + failed else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding conformance/run-etsi.sh")  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "conformance")
    parser.add_argument(
        "--goal", type=float, help="percentage to reach (85, or 80 for subscriptions)"
    )
    parser.add_argument("--subscriptions", action="store_true",
                        help="the subscription test purposes instead of the core subset")  # fmt: skip
    parser.add_argument("--test", help="only the test purposes matching (robot --test)")
    args = parser.parse_args(argv)
    mode = "subscriptions" if args.subscriptions else "run"
    if args.goal is None:
        args.goal = SUBSCRIPTIONS_GOAL if args.subscriptions else GOAL

    runner = args.shared / "conformance" / "run-etsi.sh"
    if not runner.is_file():
        print(f"conformance: {runner} not found (a checkout of shared/ beside the repository)")
        return 2
    out = (args.out / mode).resolve() if args.subscriptions else args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    contexts = out / "contexts"
    subprocess.run(["bash", str(runner), "contexts", str(contexts)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip

    port = free_port()
    log_path = out / "broker.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        broker = subprocess.Popen(
            [sys.executable, "-c", SERVE, "twin", "serve", "--host", "127.0.0.1",
             "--port", str(port), "--db", "memory", "--contexts", str(contexts)],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
        )  # fmt: skip
        try:
            root = f"http://127.0.0.1:{port}"
            wait_until_up(f"{root}/ngsi-ld/v1/types", broker)
            extra = ["--test", args.test] if args.test else []
            started = time.monotonic()
            done = subprocess.run(
                ["bash", str(runner), mode, root, str(out / "robot"), *extra],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            seconds = time.monotonic() - started
        finally:
            broker.terminate()
            try:
                broker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                broker.kill()
    output = done.stdout + done.stderr
    (out / "runner.txt").write_text(output, encoding="utf-8")
    groups, total = parse(output)
    errors_500 = sum(
        1 for line in log_path.read_text(errors="replace").splitlines() if _ERROR_500.search(line)
    )
    if total is None:
        print(output[-3000:])
        print(
            f"conformance: the runner printed no 'N passed, N failed' line (exit {done.returncode})"
        )
        return 2

    print(f"{'group':<8}{'passed':>8}{'failed':>8}{'%':>8}")
    for group, (p, f) in sorted(groups.items()):
        print(f"{group:<8}{p:>8}{f:>8}{percent(p, f):>7.1f}%")
    passed, failed = total
    share = percent(passed, failed)
    print(f"{passed} passed, {failed} failed: {share:.1f} % (goal {args.goal:.0f} %), "
          f"{errors_500} answers HTTP 500, {seconds:.0f} s")  # fmt: skip
    problems = []
    if share < args.goal:
        problems.append(f"{share:.1f} % passed, below {args.goal:.0f} %")
    if errors_500:
        problems.append(f"{errors_500} answers were HTTP 500 (see {log_path})")
    if not args.test and not args.subscriptions:
        for group in TEMPORAL:
            p, f = groups.get(group, (0, 0))
            if percent(p, f) < TEMPORAL_GOAL:
                problems.append(
                    f"group {group}: {percent(p, f):.1f} %, below {TEMPORAL_GOAL:.0f} %"
                )
    for problem in problems:
        print(f"conformance: {problem}")
    print(f"(failures and robot's output: {out / 'runner.txt'}, {out / 'robot'})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
