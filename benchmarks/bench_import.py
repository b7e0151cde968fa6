"""How long `import jnt_fresque` takes, beside a bare interpreter start (goal ≤ 0.3 s).

Run: .venv/bin/python benchmarks/bench_import.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys

from _timing import median_process_seconds, ratio_row, row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per figure")
    args = parser.parse_args(argv)
    runs = args.runs

    bare = median_process_seconds("pass", runs=runs)
    package = median_process_seconds("import jnt_fresque", runs=runs)
    models = median_process_seconds("import jnt_fresque; jnt_fresque.load_decks", runs=runs)
    command = median_process_seconds("import jnt_fresque.cli", runs=runs)
    print(f"median of {runs} fresh processes each")
    print(row("python -c pass (interpreter start, the floor)", bare))
    print(row("import jnt_fresque", package, goal=0.3))
    print(row("  of which the package itself (minus the floor)", package - bare))
    print(row("import jnt_fresque + card models (first use)", models))
    print(row("import jnt_fresque.cli (the command)", command))
    print(ratio_row("import jnt_fresque / the floor", package / bare))
    return 0


if __name__ == "__main__":
    sys.exit(main())
