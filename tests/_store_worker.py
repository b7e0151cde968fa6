"""One writer process of the store's concurrency tests.

Usage: python -m tests._store_worker URL CODE WORKER COUNT LOG

Submits COUNT ballots for participants ``w<WORKER>-<n>``, and replaces every
tenth one with another ballot (a replacement, never a second ballot). A line is
appended to LOG only after the store returned, that is after the commit: what
LOG lists is what the store promised to keep.
"""

from __future__ import annotations

import sys

from jnt_fresque.store import Store


def ballot(worker: int, n: int, cards: list[str]) -> list[str]:
    return [cards[(worker * 7 + n + j) % len(cards)] for j in range(1 + n % 10)]


def replacement(worker: int, n: int, cards: list[str]) -> list[str]:
    """What participant ``n`` votes the second time: other cards, in another order (the
    first ballot of a tenth participant holds one card, so reversing it would change
    nothing and hide a lost replacement)."""
    return ballot(worker, n + 3, cards)[::-1]


def main(url: str, code: str, worker: int, count: int, log: str) -> None:
    store = Store(url)
    cards = sorted(card.id for card in store.decks.cards("uc"))
    with open(log, "a", encoding="utf-8") as out:
        for n in range(count):
            token = f"w{worker}-{n:03d}"
            choices = ballot(worker, n, cards)
            store.submit_ballot(code, "uc", token, choices)
            out.write(f"{token} added\n")
            out.flush()
            if n % 10 == 0:
                store.submit_ballot(code, "uc", token, replacement(worker, n, cards))
                out.write(f"{token} replaced\n")
                out.flush()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
