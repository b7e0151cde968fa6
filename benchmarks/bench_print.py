"""Printing speed: the full default decks, QR codes included, beside a bare reportlab
script that writes the same number of pages of plain text (the ceiling on this machine).

The ceiling draws every line of text the cards hold, as plain text with the same
embedded font and stream encoding, one ``drawString`` per line, on as many pages: no
layout, no fitting, no colours, no shapes, no icons, no QR codes.

Goals: at least half the ceiling's pages per second; a 2,000-card deck in under 30 s;
QR codes far below the ≈ 30 ms each of drawing every module as its own rectangle.

Run: .venv/bin/python benchmarks/bench_print.py
[--runs 11] [--decks ID ...] [--cards 2000] [--qr-runs 5]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from typing import Any

from _timing import median_seconds

from jnt_fresque import default_decks, inspire
from jnt_fresque.cards.model import Card
from jnt_fresque.printing import clear_caches, qr
from jnt_fresque.printing.faces import CardFaces, TextBox, lay_out, lay_out_decks, look_for
from jnt_fresque.printing.fit import Overflow
from jnt_fresque.printing.fonts import REGULAR
from jnt_fresque.printing.geometry import PAPERS, Size, shop_page
from jnt_fresque.printing.sheets import document, write_cards


def text_lines(faces: list[CardFaces]) -> list[str]:
    """Every line of text the cards print, front and back, in order."""
    return [
        "".join(run.text for run in line.runs)
        for pair in faces
        for face in (pair.front, pair.back)
        for item in face.items
        if isinstance(item, TextBox)
        for line in item.text.lines
    ]


def ceiling(pages: int, lines: list[str], page: Size) -> Callable[[], bytes]:
    """A bare reportlab script: the cards' lines as plain text, spread over ``pages`` pages.

    Same lines, same embedded font, same stream encoding: one ``drawString``
    per line, and nothing else (no fitting, colours, shapes, icons or QR codes).
    """
    per_page = -(-len(lines) // pages)

    def run() -> bytes:
        out = io.BytesIO()
        with document(out, page, title="ceiling") as canvas:
            for number in range(pages):
                canvas.setFont(REGULAR, 7)
                for k, line in enumerate(lines[number * per_page : (number + 1) * per_page]):
                    canvas.drawString(10, page.height - 10 - 8 * (k % 100), line)
                canvas.showPage()
        return out.getvalue()

    return run


def side_by_side(first: Callable[[], object], second: Callable[[], object], *, runs: int) -> tuple[float, float]:  # fmt: skip
    """Best CPU seconds of each over ``runs``, run in turns, so that both see the same machine.

    CPU time and the best run (as timeit advises): what other work on a shared
    machine adds is noise, not the cost of printing.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for func, found in zip((first, second), times, strict=True):
            start = time.process_time()
            func()
            found.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def ours(
    decks: Any, deck_ids: list[str] | None, *, first: bool = True, **options: Any
) -> Callable[[], int]:
    """The full print: lay out every card of ``deck_ids`` (None: all), write the PDF.

    ``first``: as the first print of a process, with nothing cached (QR codes to
    encode, icons to read, text to measure); else as a later print of other
    cards (QR codes and icons already made, the text new).
    """

    def run() -> int:
        clear_caches(text=True, drawings=first)
        faces = lay_out_decks(decks, deck_ids, card_size="poker", lang="fr")
        return write_cards(faces, io.BytesIO(), **options)

    return run


def rotated_words(card: Card, turn: int) -> Card:
    """The same card with the words of every text but its title rotated: new text, same
    lengths (a title is set large on few lines, and its words in another order may break
    where no card's title does)."""

    def rotate(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"fr", "en"} and all(isinstance(v, str) for v in value.values()):
                return {k: _rotate(v, turn) for k, v in value.items()}
            return {k: v if k == "title" else rotate(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rotate(v) for v in value]
        return value

    data = rotate(card.model_dump(mode="json"))
    return type(card).model_validate(data)  # type: ignore[return-value]


def _rotate(text: str, turn: int) -> str:
    words = text.split(" ")
    k = turn % len(words)
    return " ".join(words[k:] + words[:k])


def big_deck(decks: Any, count: int, fits: Callable[[Card, Any], bool]) -> list[tuple[Card, Any]]:
    """``count`` different cards made from the kit's cards, with their decks: each card's
    words rotated one more turn each round, a variant kept only where it ``fits`` (a card
    filled to the edge may not fit once its words break elsewhere)."""
    base = [(card, deck) for deck in decks.values() for card in deck.cards]
    found: list[tuple[Card, Any]] = []
    for turn in range(1000):
        for card, deck in base:
            variant = rotated_words(card, turn)
            if fits(variant, deck):
                found.append((variant, deck))
                if len(found) == count:
                    return found
    raise RuntimeError(f"only {len(found)} variants of the cards fit")


def naive_qr(canvas: Any, data: str, x: float, y: float, size: float) -> None:
    """What drawing a QR code without care costs: one rectangle per dark module."""
    import segno

    matrix = segno.make(data, error="m", micro=False).matrix
    module = size / len(matrix)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            if dark & 1:
                canvas.rect(x + col * module, y + size - (row + 1) * module, module, module, stroke=0, fill=1)  # fmt: skip


def qr_figures(runs: int) -> tuple[float, float, float]:
    """Per code: naive, ours from scratch (new text), ours reused (same text, same PDF)."""
    addresses = [theme.uri + f"?n={n}" for n in range(3) for theme in inspire.THEMES]
    page = PAPERS["a4"]

    def naive() -> None:
        with document(io.BytesIO(), page, title="qr") as canvas:
            for data in addresses:
                naive_qr(canvas, data, 100, 100, 40)

    def cold() -> None:
        qr.modules.cache_clear()
        qr.operators.cache_clear()
        with document(io.BytesIO(), page, title="qr") as canvas:
            for n, data in enumerate(addresses):
                qr.define(canvas, data, f"qr{n}")
                canvas.doForm(f"qr{n}")

    def warm() -> None:
        with document(io.BytesIO(), page, title="qr") as canvas:
            qr.define(canvas, addresses[0], "qr")
            for _ in addresses:
                canvas.saveState()
                canvas.transform(1.2, 0, 0, 1.2, 100, 100)
                canvas.doForm("qr")
                canvas.restoreState()

    count = len(addresses)
    return tuple(median_seconds(f, runs=runs) / count for f in (naive, cold, warm))  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each print and its ceiling")
    parser.add_argument("--decks", nargs="+", metavar="ID", help="these decks (default: all)")
    parser.add_argument("--cards", type=int, default=2000, help="size of the big deck")
    parser.add_argument("--qr-runs", type=int, default=5, help="runs of each QR code figure")
    args = parser.parse_args(argv)
    runs = args.runs

    everything = default_decks()
    faces = lay_out_decks(everything, args.decks, card_size="poker", lang="fr")  # warms caches
    lines = text_lines(faces)
    cards = len(faces)
    chars = sum(len(line) for line in lines)
    rows = []
    shop = shop_page(faces[0].front.size)[0]
    for label, options, page, first in (
        ("home sheets, first print", {}, PAPERS["a4"], True),
        ("home sheets, later prints", {}, PAPERS["a4"], False),
        ("print shop, first print", {"profile": "shop"}, shop, True),
        ("print shop, later prints", {"profile": "shop"}, shop, False),
    ):
        pages = ours(everything, args.decks, **options)()
        mine, bare = side_by_side(ours(everything, args.decks, first=first, **options), ceiling(pages, lines, page), runs=runs)  # fmt: skip
        rows.append((label, pages, chars // pages, mine, bare))

    which = ", ".join(args.decks) if args.decks else "all default decks"
    print(f"{cards} cards ({which}, French, poker): best CPU time of {runs} runs each")
    print("first print: nothing cached; later prints: QR codes and icons made, text new")
    print(f"{'':<28}{'pages':>6}{'chars/p':>9}{'ours p/s':>10}{'ceiling p/s':>13}{'ratio':>7}  goal ≥ 0.5")  # fmt: skip
    for label, pages, per_page, mine, bare in rows:
        ratio = bare / mine
        verdict = "ok" if ratio >= 0.5 else "MISSED"
        print(f"{label:<28}{pages:>6}{per_page:>9}{pages / mine:>10.0f}{pages / bare:>13.0f}{ratio:>7.2f}  {verdict}")  # fmt: skip

    def fits(card: Card, deck: Any) -> bool:
        try:
            lay_out(card, look_for(card, deck, size_name="poker", lang="fr", titles=titles))
        except Overflow:
            return False
        return True

    titles = {card.id: card.title for deck in everything.values() for card in deck.cards}
    big = big_deck(everything, args.cards, fits)
    clear_caches()
    start = time.perf_counter()
    laid = [lay_out(card, look_for(card, deck, size_name="poker", lang="fr", titles=titles)) for card, deck in big]  # fmt: skip
    middle = time.perf_counter()
    pages = write_cards(laid, io.BytesIO())
    end = time.perf_counter()  # wall time: what a facilitator waits
    goal = 30 * args.cards / 2000  # 30 s for 2,000 cards
    verdict = "ok" if end - start < goal else "MISSED"
    print(
        f"{len(laid)} different cards: {end - start:.1f} s ({middle - start:.1f} s layout, "
        f"{end - middle:.1f} s PDF, {pages} pages)  goal < {goal:g} s  {verdict}"
    )

    naive, cold, warm = qr_figures(args.qr_runs)
    print(
        f"QR code, per code, median of {args.qr_runs} runs: naive (a rectangle per module) "
        f"{naive * 1000:.1f} ms; ours, new text {cold * 1000:.2f} ms ({naive / cold:.1f} × "
        f"faster); ours, reused in the PDF {warm * 1000:.3f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
