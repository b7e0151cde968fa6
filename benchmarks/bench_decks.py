"""How long loading every default deck takes (goal ≤ 0.2 s), beside parsing the same
YAML files alone with libyaml (the ceiling: no validation at all).

Run: .venv/bin/python benchmarks/bench_decks.py [--runs 20] [--process-runs 7]
"""

from __future__ import annotations

import argparse
import sys

import yaml
from _timing import median_process_seconds, median_seconds, ratio_row, row

from jnt_fresque import load_decks
from jnt_fresque.reference.bundled import cards_dir


def parse_only() -> None:
    for path in sorted(cards_dir().glob("*/*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs in this process")
    parser.add_argument("--process-runs", type=int, default=7, help="fresh processes")
    args = parser.parse_args(argv)

    decks = load_decks()
    cards = sum(len(d) for d in decks.values())
    load_decks()  # warm the model's validators once
    warm = median_seconds(load_decks, runs=args.runs)
    ceiling = median_seconds(parse_only, runs=args.runs)
    cold = median_process_seconds(
        "import jnt_fresque; jnt_fresque.load_decks()", runs=args.process_runs
    )
    bare = median_process_seconds("pass", runs=args.process_runs)
    print(
        f"{len(decks)} decks, {cards} cards; median of {args.runs} runs "
        f"({args.process_runs} for processes)"
    )
    print(row("parse the YAML files only (libyaml, the ceiling)", ceiling))
    print(row("load_decks(): parse + validate + cross-checks", warm, goal=0.2))
    print(row("fresh process: import + load every deck", cold - bare, goal=0.2))
    print(ratio_row("validation overhead over parsing", warm / ceiling))
    return 0


if __name__ == "__main__":
    sys.exit(main())
