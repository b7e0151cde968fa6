"""Drawing one card face on a reportlab canvas.

A `Face` (see `faces`) is already laid out: this module only turns its items
into PDF operators. reportlab keeps the document (pages, fonts and their
subsets, forms, compression); the operators of a face are written here
directly, as reportlab's own documentation shows for its dynamic TrueType
fonts (``TTFont.splitString`` and ``getSubsetInternalName``, see
``reportlab/pdfbase/ttfonts.py``). A card sheet holds hundreds of short lines
in several fonts and colours, and going through reportlab's text objects for
each of them costs more than the layout itself.

Icons and QR codes become PDF forms, defined once per document by `Assets`
and reused by every card that shows them. Every face is drawn inside its own
``q … Q``, so that reportlab's idea of the graphics state stays true.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from jnt_fresque.printing import icons, qr
from jnt_fresque.printing.faces import Face, Fill, Icon, Qr, Rule, TextBox
from jnt_fresque.printing.geometry import Placement, Rect
from jnt_fresque.printing.operators import ESCAPES, rgb
from jnt_fresque.printing.operators import number as n

BAR_WIDTH = 1.2  # points: the rule beside a highlighted paragraph
KAPPA = 0.5523  # control-point distance of a quarter circle drawn as a Bézier curve


@lru_cache(maxsize=256)
def colour(hex_colour: str) -> Any:
    """A reportlab colour for ``#rrggbb`` (for pages drawn with reportlab's own calls)."""
    from reportlab.lib.colors import HexColor  # type: ignore[import-untyped]

    return HexColor(hex_colour)


class Assets:
    """What one PDF shares between its cards: icon and QR forms, font subsets."""

    def __init__(self, canvas: Any) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont  # type: ignore[import-untyped]

        self.canvas = canvas
        self.doc = canvas._doc  # the document that owns the font subsets
        self.defined: set[str] = set()
        self._get_font = getFont
        self._encoders: dict[str, _Encoder] = {}

    def icon(self, name: str, hex_colour: str) -> str:
        """The form of icon ``name`` in ``hex_colour``, defined on first use."""
        form = f"icon-{name}-{hex_colour.lstrip('#')}"
        if form not in self.defined:
            icons.define(self.canvas, name, hex_colour, form)
            self.defined.add(form)
        return form

    def qr(self, data: str) -> str:
        """The form of the QR code of ``data``, defined on first use."""
        # A stable name (not Python's salted hash): the same input gives the same PDF.
        form = "qr-" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]
        if form not in self.defined:
            qr.define(self.canvas, data, form)
            self.defined.add(form)
        return form

    def encoder(self, font: str) -> _Encoder:
        """How ``font``'s characters are written in this PDF."""
        found = self._encoders.get(font)
        if found is None:
            found = self._encoders[font] = _Encoder(self._get_font(font), self.doc)
        return found


class _Encoder:
    """One font's characters in one PDF: which subset, which code, as PDF string text.

    reportlab gives each new character a code in a subset of the embedded font
    (``splitString``); the codes are learnt from it as text arrives, so that
    text made only of known characters is encoded with one ``str.translate``.
    """

    def __init__(self, font: Any, doc: Any) -> None:
        self.font = font
        self.doc = doc
        self.first: dict[int, str] = {}  # character → escaped code, for subset 0
        self.known: set[str] = set()  # the characters of subset 0
        self.names: dict[int, str] = {}

    def name(self, subset: int) -> str:
        """The PDF resource name of one subset of the font."""
        found = self.names.get(subset)
        if found is None:
            found = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return found

    def encode(self, text: str) -> list[tuple[int, str]]:
        """``text`` as (subset, escaped PDF string) chunks."""
        if self.known.issuperset(text):
            return [(0, text.translate(self.first))]
        chunks: list[tuple[int, bytes]] = self.font.splitString(text, self.doc)
        position = 0
        for subset, data in chunks:
            for code in data:
                char = text[position]
                position += 1
                if subset == 0:
                    self.first[ord(char)] = ESCAPES[code]
                    self.known.add(char)
        return [(subset, data.decode("latin-1").translate(ESCAPES)) for subset, data in chunks]


def text_operators(box: TextBox, assets: Assets, out: list[str]) -> None:
    """Append the operators that draw ``box`` (its text, and its paragraphs' side bars)."""
    fitted = box.text
    for extent in fitted.extents:
        if extent.para.bar:
            top, bottom = box.top - extent.top, box.top - extent.bottom
            out.append(
                f"{rgb(extent.para.bar)} rg {n(box.x)} {n(bottom)} {n(BAR_WIDTH)} {n(top - bottom)} re f"
            )
    out.append("BT")
    current: tuple[str, int, float] | None = None
    fill = ""
    for line in fitted.lines:
        y = n(box.top - line.baseline)
        cursor: float | None = None
        for run in line.runs:
            if run.colour != fill:
                fill = run.colour
                out.append(f"{rgb(fill)} rg")
            # Runs that follow on from the previous one need no new origin.
            if cursor is None or abs(cursor - run.x) > 0.01:
                out.append(f"1 0 0 1 {n(box.x + run.x)} {y} Tm")
            encoder = assets.encoder(run.font)
            for subset, escaped in encoder.encode(run.text):
                if (run.font, subset, run.size) != current:
                    current = (run.font, subset, run.size)
                    out.append(f"{encoder.name(subset)} {n(run.size)} Tf")
                out.append(f"({escaped}) Tj")
            cursor = run.x + run.width
    out.append("ET")


def _rounded(rect: Rect, radius: float) -> str:
    """A rounded rectangle as a closed path of lines and quarter-circle curves."""
    r = min(radius, rect.width / 2, rect.height / 2)
    k = r * KAPPA
    x0, y0, x1, y1 = rect.x, rect.y, rect.right, rect.top
    points = [
        f"{n(x0 + r)} {n(y0)} m",
        f"{n(x1 - r)} {n(y0)} l",
        f"{n(x1 - r + k)} {n(y0)} {n(x1)} {n(y0 + r - k)} {n(x1)} {n(y0 + r)} c",
        f"{n(x1)} {n(y1 - r)} l",
        f"{n(x1)} {n(y1 - r + k)} {n(x1 - r + k)} {n(y1)} {n(x1 - r)} {n(y1)} c",
        f"{n(x0 + r)} {n(y1)} l",
        f"{n(x0 + r - k)} {n(y1)} {n(x0)} {n(y1 - r + k)} {n(x0)} {n(y1 - r)} c",
        f"{n(x0)} {n(y0 + r)} l",
        f"{n(x0)} {n(y0 + r - k)} {n(x0 + r - k)} {n(y0)} {n(x0 + r)} {n(y0)} c",
    ]
    return "\n".join(points) + "\nh"


def _form(canvas: Any, out: list[str], form: str, rect: Rect, units: float) -> None:
    """Flush ``out`` and draw ``form`` (``units`` wide) scaled into ``rect``."""
    scale = rect.width / units
    out.append(f"q {n(scale)} 0 0 {n(scale)} {n(rect.x)} {n(rect.y)} cm")
    canvas.addLiteral("\n".join(out))
    out.clear()
    canvas.doForm(form)  # through reportlab, which lists the form in the page's resources
    out.append("Q")


def draw_face(canvas: Any, face: Face, assets: Assets, out: list[str] | None = None) -> None:
    """Draw ``face`` in the card's own coordinates (the caller places and clips it)."""
    ops: list[str] = [] if out is None else out
    for item in face.items:
        if isinstance(item, TextBox):
            text_operators(item, assets, ops)
        elif isinstance(item, Fill):
            r = item.rect
            shape = (
                _rounded(r, item.radius)
                if item.radius
                else f"{n(r.x)} {n(r.y)} {n(r.width)} {n(r.height)} re"
            )
            ops.append(f"{rgb(item.colour)} rg\n{shape}\nf")
        elif isinstance(item, Rule):
            line = item.line
            ops.append(
                f"{rgb(item.colour)} RG {n(item.width)} w {n(line.x0)} {n(line.y0)} m {n(line.x1)} {n(line.y1)} l S"
            )
        elif isinstance(item, Icon):
            _form(canvas, ops, assets.icon(item.name, item.colour), item.rect, icons.VIEWBOX)
        elif isinstance(item, Qr):
            _form(canvas, ops, assets.qr(item.data), item.rect, qr.side(item.data))
    if out is None and ops:
        canvas.addLiteral("\n".join(ops))


def draw_placed(canvas: Any, face: Face, placement: Placement, assets: Assets) -> None:
    """Draw ``face`` where ``placement`` puts it, its artwork clipped to the bleed allowed."""
    clip = placement.clip
    ops = [
        "q",
        f"{n(clip.x)} {n(clip.y)} {n(clip.width)} {n(clip.height)} re W n",
        " ".join(n(v) for v in placement.transform) + " cm",
        "[] 0 d 0 J 0 j",  # plain lines, whatever came before
    ]
    draw_face(canvas, face, assets, ops)
    ops.append("Q")
    canvas.addLiteral("\n".join(ops))


def draw_text(canvas: Any, box: TextBox, assets: Assets | None = None) -> None:
    """Draw fitted text with its box's top-left corner at (``box.x``, ``box.top``)."""
    ops = ["q"]
    text_operators(box, assets or Assets(canvas), ops)
    ops.append("Q")
    canvas.addLiteral("\n".join(ops))
