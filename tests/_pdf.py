"""Reading back the PDFs the kit prints: text runs with their position and direction, crop marks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MARK_WIDTH = 0.25  # the kit's hairline crop marks


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its start on the page and the direction it runs in."""

    text: str
    x: float
    y: float
    dx: float  # 1: left to right, -1: upside down
    dy: float


def runs(path: Path | bytes) -> list[list[Run]]:
    """The text runs of every page, in drawing order."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    pages = []
    for page in reader.pages:
        found: list[Run] = []
        page.extract_text(visitor_text=_collect(found))
        pages.append(found)
    return pages


def _collect(found: list[Run]) -> Callable[..., None]:
    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        # The text matrix, then the current transformation matrix (PDF row vectors).
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found.append(Run(text.strip(), x, y, round(a, 6), round(b, 6)))

    return visit


def page_text(path: Path | bytes) -> list[str]:
    """Each page's text with every kind of space removed, to look for titles across line breaks."""
    return ["".join(squash(run.text) for run in page) for page in runs(path)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def crop_marks(path: Path, page: int) -> list[tuple[float, float, float, float]]:
    """The page's crop marks as (x0, y0, x1, y1), in PDF coordinates (y upwards)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        sheet = pdf.pages[page]
        height = sheet.height
        return [
            (line["x0"], height - line["bottom"], line["x1"], height - line["top"])
            for line in sheet.lines
            if abs(line["linewidth"] - MARK_WIDTH) < 1e-3
        ]


def cuts(marks: list[tuple[float, float, float, float]]) -> tuple[list[float], list[float]]:
    """The cut lines the marks point along: x of vertical marks, y of horizontal ones."""
    xs = sorted({round(m[0], 2) for m in marks if abs(m[0] - m[2]) < 1e-6})
    ys = sorted({round(m[1], 2) for m in marks if abs(m[1] - m[3]) < 1e-6})
    return xs, ys


def slot(value: float, lines: list[float]) -> int:
    """Between which two cut lines ``value`` lies (0: before the first)."""
    return sum(1 for line in lines if line < value)
