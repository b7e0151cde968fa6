"""QR codes drawn as vector paths: one path per code, made once per PDF and reused.

Drawing each dark module as its own rectangle costs about 30 ms per code in
reportlab and writes hundreds of operators. Here segno computes the matrix
(cached per text), neighbouring dark modules merge into rectangles (runs
along a row, stacked when the rows below repeat them), and the whole code is
one filled path inside a PDF form, its operators written once per text
(whole numbers, no float formatting): every card showing the same address
reuses the form, and only a few bytes are written per card.

Examples
--------
>>> size, boxes = modules("http://inspire.ec.europa.eu/theme/bu")
>>> size
29
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

QUIET = 2  # modules of white margin drawn around the code (the card's white adds more)


@lru_cache(maxsize=4096)
def modules(data: str) -> tuple[int, tuple[tuple[int, int, int, int], ...]]:
    """The code's side in modules and its dark areas as (column, row, width, height).

    Rows count from the top. Runs of dark modules along a row become one
    rectangle, and a rectangle grows downwards while the next row repeats it.
    """
    try:
        import segno
    except ImportError:  # pragma: no cover - segno is part of the kit's extras
        raise ImportError("QR codes need segno: pip install 'jnt-fresque[kit]'") from None

    matrix = segno.make(data, error="m", micro=False).matrix
    size = len(matrix)
    open_boxes: dict[tuple[int, int], list[int]] = {}  # (column, width) → [row, height]
    done: list[tuple[int, int, int, int]] = []
    for row, line in enumerate(matrix):
        runs: list[tuple[int, int]] = []
        col = 0
        while col < size:
            if line[col] & 1:
                start = col
                while col < size and line[col] & 1:
                    col += 1
                runs.append((start, col - start))
            else:
                col += 1
        current = set(runs)
        for key in list(open_boxes):
            if key not in current:
                top, height = open_boxes.pop(key)
                done.append((key[0], top, key[1], height))
        for key in runs:
            if key in open_boxes:
                open_boxes[key][1] += 1
            else:
                open_boxes[key] = [row, 1]
    done.extend((key[0], top, key[1], height) for key, (top, height) in open_boxes.items())
    return size, tuple(sorted(done, key=lambda box: (box[1], box[0])))


@lru_cache(maxsize=4096)
def operators(data: str) -> str:
    """The PDF drawing operators of the code: a white square, then one black filled path.

    Coordinates are whole modules, so the text is short and exact; it is
    made once per text and written as is into each PDF that shows the code.
    """
    size, boxes = modules(data)
    side = size + 2 * QUIET
    # PDF counts y upwards from the bottom; the matrix counts rows down from the top.
    path = "".join(
        f"{QUIET + col} {side - QUIET - row - height} {width} {height} re\n"
        for col, row, width, height in boxes
    )
    return f"1 g\n0 0 {side} {side} re\nf\n0 g\n{path}f\n"


def define(canvas: Any, data: str, form: str) -> None:
    """Draw the QR code of ``data`` into the PDF form ``form``, one unit per module.

    The form is ``size + 2 × QUIET`` units square, white behind the code.
    """
    side = modules(data)[0] + 2 * QUIET
    canvas.beginForm(form, 0, 0, side, side)
    canvas.addLiteral(operators(data))
    canvas.endForm()


def side(data: str) -> int:
    """The width of the code's form in modules, quiet zone included."""
    return modules(data)[0] + 2 * QUIET
