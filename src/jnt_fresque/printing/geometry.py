"""Page geometry: card and paper sizes, imposition grids, duplex backs, crop marks.

Everything here is plain arithmetic in PDF points (1/72 inch, origin at the
bottom left of the page), with no drawing, so it is tested on its own.

A card is drawn in its own coordinates: ``(0, 0)`` to ``(width, height)``,
upright. A `Placement` carries the affine transform that puts those
coordinates on a page. The back of a card is placed so that, once the card is
cut out and turned over **like the page of a book** (about its own vertical
axis), the back reads upright and lands exactly behind the front. That holds
for every way of printing:

- long-edge duplex: the sheet turns about its long side, so back columns are
  mirrored left to right;
- short-edge duplex: the sheet turns about its short side, so back rows are
  mirrored top to bottom and every back is drawn upside down (rotated 180°);
- no duplex: fronts on one half of the sheet, backs on the other half,
  mirrored about the fold line.

Examples
--------
>>> grid = impose(CARDS["poker"], PAPERS["a4"])
>>> (grid.cols, grid.rows, grid.rotated)
(3, 3, False)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MM = 72 / 25.4

CardName = Literal["poker", "tarot", "a6"]
PaperName = Literal["a4", "letter"]
Flip = Literal["long", "short"]

BLEED = 3 * MM  # what a print shop asks for around the trim
SAFE = 3 * MM  # no text or icon closer than this to the trim
# Home printers: lasers leave about 4.2 mm unprinted, inkjets 3 mm; stay clear of both.
PRINTER_MARGIN = 4.5 * MM
HOME_BLEED = 2 * MM  # artwork past the trim on home sheets, room allowing
MAX_GUTTER = 4 * MM  # between cards on a home sheet (twice the home bleed)
GUTTER_STEP = 0.5 * MM
MARK_OFFSET = 0.5 * MM  # gap between the artwork and a crop mark
MARK_MIN = 2 * MM  # shortest crop mark still worth drawing
MARK_GOOD = 3 * MM  # marks are kept at least this long before gutters grow
MARK_MAX = 5 * MM
FOLD_GAP = 6 * MM  # between the fronts and the backs of a fold-over sheet


@dataclass(frozen=True, slots=True)
class Size:
    """A width and a height, in points."""

    width: float
    height: float

    def rotated(self) -> Size:
        return Size(self.height, self.width)


CARDS: dict[str, Size] = {
    "poker": Size(63 * MM, 88 * MM),
    "tarot": Size(70 * MM, 120 * MM),
    "a6": Size(105 * MM, 148 * MM),
}
PAPERS: dict[str, Size] = {
    "a4": Size(210 * MM, 297 * MM),
    "letter": Size(8.5 * 72, 11 * 72),
}


@dataclass(frozen=True, slots=True)
class Rect:
    """An upright rectangle: its bottom-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def grow(self, dx: float, dy: float | None = None) -> Rect:
        """The rectangle grown by ``dx`` left and right, ``dy`` (default ``dx``) up and down."""
        dy = dx if dy is None else dy
        return Rect(self.x - dx, self.y - dy, self.width + 2 * dx, self.height + 2 * dy)

    def contains(self, x: float, y: float, *, tolerance: float = 1e-6) -> bool:
        return (
            self.x - tolerance <= x <= self.right + tolerance
            and self.y - tolerance <= y <= self.top + tolerance
        )

    def box(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)``, as PDF page boxes are written."""
        return (self.x, self.y, self.right, self.top)


# An affine transform as PDF writes it: x' = a x + c y + e, y' = b x + d y + f.
Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def compose(outer: Affine, inner: Affine) -> Affine:
    """The transform that applies ``inner`` first, then ``outer``."""
    a1, b1, c1, d1, e1, f1 = outer
    a2, b2, c2, d2, e2, f2 = inner
    return (
        a1 * a2 + c1 * b2,
        b1 * a2 + d1 * b2,
        a1 * c2 + c1 * d2,
        b1 * c2 + d1 * d2,
        a1 * e2 + c1 * f2 + e1,
        b1 * e2 + d1 * f2 + f1,
    )


def apply(m: Affine, x: float, y: float) -> tuple[float, float]:
    """The point ``(x, y)`` moved by ``m``."""
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def bounds(m: Affine, rect: Rect) -> Rect:
    """The upright rectangle covering ``rect`` once moved by ``m``."""
    corners = [
        apply(m, x, y) for x in (rect.x, rect.right) for y in (rect.y, rect.top)
    ]  # fmt: skip
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _clean(m: Affine) -> Affine:
    # Rotations by right angles give -0.0 and 1e-17 noise; round so the PDF is stable.
    return tuple(round(v, 6) + 0.0 for v in m)  # type: ignore[return-value]


def translate(dx: float, dy: float) -> Affine:
    return (1.0, 0.0, 0.0, 1.0, dx, dy)


def rotate(quarter_turns: int) -> Affine:
    """A rotation by a multiple of 90° counter-clockwise about the origin."""
    angle = math.pi / 2 * (quarter_turns % 4)
    cos, sin = round(math.cos(angle)), round(math.sin(angle))
    return (float(cos), float(sin), float(-sin), float(cos), 0.0, 0.0)


def mirror_x(axis: float) -> Affine:
    """The reflection about the vertical line ``x = axis``."""
    return (-1.0, 0.0, 0.0, 1.0, 2 * axis, 0.0)


def mirror_y(axis: float) -> Affine:
    """The reflection about the horizontal line ``y = axis``."""
    return (1.0, 0.0, 0.0, -1.0, 0.0, 2 * axis)


def sheet_flip(page: Size, flip: Flip) -> Affine:
    """Where a point of the front of a sheet lies on its back, in the back page's coordinates.

    A printer set to long-edge duplex turns a portrait sheet about its long
    (vertical) side; short-edge duplex turns it about its short side.
    """
    return mirror_x(page.width / 2) if flip == "long" else mirror_y(page.height / 2)


def card_flip(card: Size) -> Affine:
    """A card turned over like a book page: its left edge becomes its right edge."""
    return mirror_x(card.width / 2)


@dataclass(frozen=True, slots=True)
class Placement:
    """One card face on a page.

    ``transform`` maps the card's own coordinates to the page; ``trim`` is where
    the cut lines fall; ``clip`` is how far the artwork may run past them.
    """

    transform: Affine
    trim: Rect
    clip: Rect


def place(card: Size, cell: Rect, quarter_turns: int, bleed: tuple[float, float]) -> Placement:
    """The card turned by ``quarter_turns`` and set in ``cell`` (its trimmed outline)."""
    turned = rotate(quarter_turns)
    moved = bounds(turned, Rect(0, 0, card.width, card.height))
    transform = compose(translate(cell.x - moved.x, cell.y - moved.y), turned)
    return Placement(_clean(transform), cell, cell.grow(*bleed))


def behind(front: Placement, card: Size, sheet: Affine) -> Placement:
    """The back of the card whose front is ``front``, given how the sheet turns over.

    The back's transform takes a point of the back face to the page point
    behind the same point of the card: card flip, then the front's placement,
    then the sheet's flip (``sheet``, see `sheet_flip` or a fold line).
    """
    transform = compose(sheet, compose(front.transform, card_flip(card)))
    return Placement(_clean(transform), bounds(sheet, front.trim), bounds(sheet, front.clip))


# --- the home sheet: n-up with crop marks ---------------------------------------


@dataclass(frozen=True, slots=True)
class Axis:
    """How cards line up along one side of the sheet."""

    count: int
    gutter: float  # between two cards
    bleed: float  # artwork past each cut line
    mark: float  # length of the crop marks on this axis's outer sides
    start: float  # where the first card's cut line is
    span: float  # from the first cut line to the last


def _axis(room: float, card: float, *, fold: bool = False) -> Axis | None:
    """Lay cards along a span of ``room`` points.

    Each outer side keeps the printer margin, a crop mark, a gap and the
    bleed. With ``fold``, the span ends at a fold line instead of a second
    outer side: the cards sit half a fold gap from it.
    """
    outer = 1 if fold else 2
    fixed = outer * (PRINTER_MARGIN + MARK_OFFSET) + (FOLD_GAP / 2 if fold else 0.0)

    def need(count: int, gutter: float, bleed: float, mark: float) -> float:
        return count * card + (count - 1) * gutter + outer * (bleed + mark) + fixed

    count = 0
    while need(count + 1, 0.0, 0.0, MARK_MIN) <= room + 1e-6:
        count += 1
    if count == 0:
        return None
    # The widest gutter (hence bleed) that still leaves crop marks of a useful length.
    steps = round(MAX_GUTTER / GUTTER_STEP)
    if count > 1:
        options = [
            (s * GUTTER_STEP, min(s * GUTTER_STEP / 2, HOME_BLEED)) for s in range(steps, -1, -1)
        ]
    else:
        options = [(0.0, HOME_BLEED), (0.0, 0.0)]
    gutter, bleed = next(
        ((g, b) for g, b in options if need(count, g, b, MARK_GOOD) <= room + 1e-6), (0.0, 0.0)
    )
    mark = min(MARK_MAX, (room - need(count, gutter, bleed, 0.0)) / outer)
    span = count * card + (count - 1) * gutter
    start = room - FOLD_GAP / 2 - span if fold else (room - span) / 2
    return Axis(count, gutter, bleed, mark, start, span)


@dataclass(frozen=True, slots=True)
class Grid:
    """Cards in columns and rows on a sheet, turned a quarter if that fits more."""

    card: Size
    rotated: bool
    x: Axis
    y: Axis

    @property
    def cols(self) -> int:
        return self.x.count

    @property
    def rows(self) -> int:
        return self.y.count

    def __len__(self) -> int:
        return self.cols * self.rows

    def placements(self) -> list[Placement]:
        """Fronts in reading order: left to right, then top to bottom."""
        drawn = self.card.rotated() if self.rotated else self.card
        top = self.y.start + self.y.span
        found = []
        for row in range(self.rows):
            y = top - (row + 1) * drawn.height - row * self.y.gutter
            for col in range(self.cols):
                x = self.x.start + col * (drawn.width + self.x.gutter)
                cell = Rect(x, y, drawn.width, drawn.height)
                bleed = (self.x.bleed, self.y.bleed)
                found.append(place(self.card, cell, 1 if self.rotated else 0, bleed))
        return found

    def marks(self, *, sides: str = "blrt") -> list[Line]:
        """The crop marks of the grid (see `crop_marks`)."""
        return crop_marks(self.placements(), sides=sides, across=self.y.mark, along=self.x.mark)


def impose(card: Size, paper: Size) -> Grid:
    """As many cards as a home printer can print on ``paper``, with room for crop marks.

    The card is turned a quarter when that fits more cards (A6 on A4: two
    instead of one). Between cards, a gutter (up to 4 mm) lets each card's
    artwork bleed past its cut line, so that a slightly off cut or a duplex
    shift of a millimetre or two shows no white edge.
    """
    best: Grid | None = None
    for rotated in (False, True):
        drawn = card.rotated() if rotated else card
        x = _axis(paper.width, drawn.width)
        y = _axis(paper.height, drawn.height)
        if x is None or y is None:
            continue
        grid = Grid(card, rotated, x, y)
        if best is None or len(grid) > len(best):
            best = grid
    if best is None:
        raise ValueError("the card is larger than the printable area of the paper")
    return best


def backs(fronts: list[Placement], card: Size, page: Size, flip: Flip) -> list[Placement]:
    """Where each back goes on the page printed on the other side of the sheet."""
    sheet = sheet_flip(page, flip)
    return [behind(front, card, sheet) for front in fronts]


# --- the fold-over sheet: no duplex ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Fold:
    """Fronts on one half of a sheet and backs on the other, to fold along a line.

    A horizontal fold (the line ``y = line``) puts the fronts in the bottom
    half; a vertical one (``x = line``) puts them in the left half.
    """

    grid: Grid  # the fronts
    horizontal: bool
    line: float

    def mirror(self) -> Affine:
        return mirror_y(self.line) if self.horizontal else mirror_x(self.line)

    def pairs(self) -> list[tuple[Placement, Placement]]:
        """(front, back) of each slot; both on the same page."""
        mirror = self.mirror()
        return [(f, behind(f, self.grid.card, mirror)) for f in self.grid.placements()]

    def marks(self) -> list[Line]:
        """Crop marks around both halves, none across the fold."""
        mirror = self.mirror()
        fronts = self.grid.marks(sides="blr" if self.horizontal else "blt")
        return fronts + [_moved(mirror, line) for line in fronts]

    def fold_line(self, page: Size) -> Line:
        if self.horizontal:
            return Line(0.0, self.line, page.width, self.line)
        return Line(self.line, 0.0, self.line, page.height)

    def __len__(self) -> int:
        return len(self.grid)


def fold(card: Size, paper: Size) -> Fold:
    """The fold-over layout holding the most cards per sheet (for printers without duplex)."""
    best: Fold | None = None
    for horizontal in (True, False):
        for rotated in (False, True):
            drawn = card.rotated() if rotated else card
            if horizontal:
                x = _axis(paper.width, drawn.width)
                y = _axis(paper.height / 2, drawn.height, fold=True)
            else:
                x = _axis(paper.width / 2, drawn.width, fold=True)
                y = _axis(paper.height, drawn.height)
            if x is None or y is None:
                continue
            line = paper.height / 2 if horizontal else paper.width / 2
            candidate = Fold(Grid(card, rotated, x, y), horizontal, line)
            if best is None or len(candidate) > len(best):
                best = candidate
    if best is None:
        raise ValueError("the card is too large to fold on this paper")
    return best


# --- crop marks -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """A straight segment, from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float


def _moved(m: Affine, line: Line) -> Line:
    x0, y0 = apply(m, line.x0, line.y0)
    x1, y1 = apply(m, line.x1, line.y1)
    return Line(round(x0, 6), round(y0, 6), round(x1, 6), round(y1, 6))


def moved(m: Affine, lines: list[Line]) -> list[Line]:
    """The lines moved by ``m`` (marks of a front page, seen on its back page)."""
    return [_moved(m, line) for line in lines]


def crop_marks(
    placements: list[Placement],
    *,
    sides: str = "blrt",
    across: float = MARK_MAX,
    along: float = MARK_MAX,
) -> list[Line]:
    """Crop marks for cards laid out in a grid: one per cut line, outside the artwork.

    Each cut line (every card's left, right, bottom and top edge) gets a
    mark beyond the artwork on the sides named in ``sides`` (``b``ottom,
    ``l``eft, ``r``ight, ``t``op), so that no mark prints on a card.
    ``across`` is the length of the marks above and below the grid, ``along``
    of those left and right of it.
    """
    art = [p.clip for p in placements]
    left = min(r.x for r in art) - MARK_OFFSET
    right = max(r.right for r in art) + MARK_OFFSET
    bottom = min(r.y for r in art) - MARK_OFFSET
    top = max(r.top for r in art) + MARK_OFFSET
    xs = sorted({round(v, 6) for p in placements for v in (p.trim.x, p.trim.right)})
    ys = sorted({round(v, 6) for p in placements for v in (p.trim.y, p.trim.top)})
    marks: list[Line] = []
    for x in xs:
        if "b" in sides:
            marks.append(Line(x, bottom, x, bottom - across))
        if "t" in sides:
            marks.append(Line(x, top, x, top + across))
    for y in ys:
        if "l" in sides:
            marks.append(Line(left, y, left - along, y))
        if "r" in sides:
            marks.append(Line(right, y, right + along, y))
    return marks


# --- the print shop: one card per page -------------------------------------------


def shop_page(card: Size, *, bleed: float = BLEED) -> tuple[Size, Placement]:
    """The page of a print-shop PDF (the card and its bleed) and the card on it."""
    page = Size(card.width + 2 * bleed, card.height + 2 * bleed)
    trim = Rect(bleed, bleed, card.width, card.height)
    return page, Placement(translate(bleed, bleed), trim, trim.grow(bleed))
