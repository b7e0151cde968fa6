"""How long loading every default deck takes (goal ≤ 0.2 s), beside parsing the same
YAML files alone with libyaml (the ceiling: no validation at all).

Run: .venv/bin/python benchmarks/bench_decks.py
"""

from __future__ import annotations

import yaml
from _timing import median_process_seconds, median_seconds, row

from jnt_fresque import load_decks
from jnt_fresque.reference.bundled import cards_dir

RUNS = 20


def parse_only() -> None:
    for path in sorted(cards_dir().glob("*/*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> None:
    decks = load_decks()
    cards = sum(len(d) for d in decks.values())
    load_decks()  # warm the model's validators once
    warm = median_seconds(load_decks, runs=RUNS)
    ceiling = median_seconds(parse_only, runs=RUNS)
    cold = median_process_seconds("import jnt_fresque; jnt_fresque.load_decks()", runs=7)
    bare = median_process_seconds("pass", runs=7)
    print(f"{len(decks)} decks, {cards} cards; median of {RUNS} runs (7 for processes)")
    print(row("parse the YAML files only (libyaml, the ceiling)", ceiling))
    print(row("load_decks(): parse + validate + cross-checks", warm, goal=0.2))
    print(row("fresh process: import + load every deck", cold - bare, goal=0.2))
    print(f"{'validation overhead over parsing':<52} {warm / ceiling:8.1f} ×")


if __name__ == "__main__":
    main()
