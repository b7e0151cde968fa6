"""How long `import jnt_fresque` takes, beside a bare interpreter start (goal ≤ 0.3 s).

Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

from _timing import median_process_seconds, row

RUNS = 15


def main() -> None:
    bare = median_process_seconds("pass", runs=RUNS)
    package = median_process_seconds("import jnt_fresque", runs=RUNS)
    models = median_process_seconds("import jnt_fresque; jnt_fresque.load_decks", runs=RUNS)
    command = median_process_seconds("import jnt_fresque.cli", runs=RUNS)
    print(f"median of {RUNS} fresh processes each")
    print(row("python -c pass (interpreter start, the floor)", bare))
    print(row("import jnt_fresque", package, goal=0.3))
    print(row("  of which the package itself (minus the floor)", package - bare))
    print(row("import jnt_fresque + card models (first use)", models))
    print(row("import jnt_fresque.cli (the command)", command))


if __name__ == "__main__":
    main()
