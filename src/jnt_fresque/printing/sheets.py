"""Card faces onto pages: home sheets (duplex or fold-over) and print-shop pages.

- ``home``: as many cards per sheet as fit (`geometry.impose`), crop marks
  outside the artwork, and for duplex printers a page of backs after each page
  of fronts, each back behind its front for the chosen flip. Without duplex,
  fronts and backs share a sheet that is folded in half (`geometry.fold`).
- ``shop``: one card face per page, the page being the card plus 3 mm of
  bleed, with TrimBox and BleedBox set, front then back.

The PDF is reproducible: the same faces give the same bytes (reportlab's
invariant mode, fixed metadata, forms named from their content).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

from jnt_fresque.i18n import Lang, say
from jnt_fresque.printing import geometry as g
from jnt_fresque.printing.faces import MUTED, CardFaces, Face
from jnt_fresque.printing.fit import text_width
from jnt_fresque.printing.fonts import REGULAR, register
from jnt_fresque.printing.operators import fine
from jnt_fresque.printing.render import Assets, colour, draw_placed

# How a sheet's caption names its side.
_SIDES = {"front": "print_side_front", "back": "print_side_back", "fold": "print_side_fold"}

Profile = Literal["home", "shop"]
Duplex = Literal["long", "short", "none"]
Progress = Callable[[int, int], None]

MARK_WIDTH = 0.25  # points: hairline crop marks
FOLD_COLOUR = "#7a7a7a"
CAPTION_SIZE = 6.0


@contextmanager
def document(
    out: IO[bytes] | Path | str, page: g.Size, *, title: str, **boxes: Any
) -> Iterator[Any]:
    """A reportlab canvas writing a reproducible PDF to ``out``, saved on leaving.

    The fonts are embedded (DejaVu Sans, subset), the dates and document id
    are fixed, and the metadata never names the machine or the time. Streams
    are compressed binary, not ASCII85 text: a quarter smaller and faster.
    """
    from reportlab import rl_config  # type: ignore[import-untyped]
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

    register()
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canvas = Canvas(
            str(out) if isinstance(out, Path) else out,
            pagesize=(page.width, page.height),
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,  # so that no unembedded standard font is ever named
            initialFontSize=8,
            **boxes,
        )
        canvas.setTitle(title)
        canvas.setAuthor("jnt-fresque")
        canvas.setCreator("jnt-fresque")
        canvas.setProducer("jnt-fresque (reportlab)")
        canvas.setSubject(title)
        yield canvas
        canvas.save()
    finally:
        rl_config.useA85 = saved


def marks_operators(lines: list[g.Line], *, width: float = MARK_WIDTH) -> str:
    """Hairlines in black as PDF operators, in their own graphics state.

    A sheet's crop marks are the same on every page: made once, written as is.
    """
    path = "".join(f"{fine(m.x0)} {fine(m.y0)} m {fine(m.x1)} {fine(m.y1)} l\n" for m in lines)
    return f"q\n0 G\n{fine(width)} w\n[] 0 d\n{path}S\nQ\n"


def _caption(canvas: Any, text: str, page: g.Size, marks: list[g.Line]) -> None:
    """A small page label in the bottom margin, between the crop marks, if it fits there."""
    if not text:
        return
    width = text_width(text, REGULAR, CAPTION_SIZE)
    centre = page.width / 2
    xs = sorted({round(m.x0, 3) for m in marks if m.x0 == m.x1})
    left = max((x for x in xs if x < centre), default=0.0)
    right = min((x for x in xs if x > centre), default=page.width)
    if right - left < width + 4 * g.MM:
        return
    canvas.setFillColor(colour(MUTED))
    canvas.setFont(REGULAR, CAPTION_SIZE)
    canvas.drawCentredString((left + right) / 2, g.PRINTER_MARGIN, text)


def _chunks(faces: Sequence[CardFaces], size: int) -> list[Sequence[CardFaces]]:
    return [faces[i : i + size] for i in range(0, len(faces), size)]


def _home_duplex(
    canvas: Any,
    faces: Sequence[CardFaces],
    card: g.Size,
    paper: g.Size,
    flip: g.Flip,
    tick: Callable[[], None],
    label: Callable[[int, int, str], str],
) -> None:
    assets = Assets(canvas)
    grid = g.impose(card, paper)
    fronts = grid.placements()
    behind = g.backs(fronts, card, paper, flip)
    marks = grid.marks()
    back_marks = g.moved(g.sheet_flip(paper, flip), marks)
    front_ops, back_ops = marks_operators(marks), marks_operators(back_marks)
    sheets = _chunks(faces, len(grid))
    for n, sheet in enumerate(sheets, start=1):
        for pair, where in zip(sheet, fronts, strict=False):
            draw_placed(canvas, pair.front, where, assets)
        canvas.addLiteral(front_ops)
        _caption(canvas, label(n, len(sheets), "front"), paper, marks)
        canvas.showPage()
        tick()
        for pair, where in zip(sheet, behind, strict=False):
            draw_placed(canvas, pair.back, where, assets)
        canvas.addLiteral(back_ops)
        _caption(canvas, label(n, len(sheets), "back"), paper, back_marks)
        canvas.showPage()
        tick()


def _home_fold(
    canvas: Any,
    faces: Sequence[CardFaces],
    card: g.Size,
    paper: g.Size,
    tick: Callable[[], None],
    label: Callable[[int, int, str], str],
) -> None:
    assets = Assets(canvas)
    layout = g.fold(card, paper)
    pairs = layout.pairs()
    marks = layout.marks()
    marks_ops = marks_operators(marks)
    fold_line = layout.fold_line(paper)
    sheets = _chunks(faces, len(layout))
    for n, sheet in enumerate(sheets, start=1):
        for faces_of, (front, back) in zip(sheet, pairs, strict=False):
            draw_placed(canvas, faces_of.front, front, assets)
            draw_placed(canvas, faces_of.back, back, assets)
        canvas.addLiteral(marks_ops)
        canvas.setStrokeColor(colour(FOLD_COLOUR))
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 2)
        canvas.line(fold_line.x0, fold_line.y0, fold_line.x1, fold_line.y1)
        canvas.setDash()
        _caption(canvas, label(n, len(sheets), "fold"), paper, marks)
        canvas.showPage()
        tick()


def _shop(canvas: Any, faces: Sequence[CardFaces], card: g.Size, tick: Callable[[], None]) -> None:
    assets = Assets(canvas)
    _, where = g.shop_page(card)
    for pair in faces:
        for face in (pair.front, pair.back):
            draw_placed(canvas, face, where, assets)
            canvas.showPage()
            tick()


def page_count(count: int, card: g.Size, paper: g.Size, *, profile: Profile, duplex: Duplex) -> int:
    """How many pages ``count`` cards take."""
    if profile == "shop":
        return 2 * count
    if duplex == "none":
        per = len(g.fold(card, paper))
        return -(-count // per)
    per = len(g.impose(card, paper))
    return 2 * -(-count // per)


def write_cards(
    faces: Sequence[CardFaces],
    out: IO[bytes] | Path | str,
    *,
    paper: g.PaperName = "a4",
    profile: Profile = "home",
    duplex: Duplex = "long",
    title: str | None = None,
    lang: Lang | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the card faces as a PDF to ``out``; return the number of pages.

    Parameters
    ----------
    faces
        Laid-out cards (see `faces.lay_out_decks`), all of one card size.
    paper
        ``a4`` or ``letter``, for the home profile.
    profile
        ``home`` (sheets to cut) or ``shop`` (one card per page, with bleed).
    duplex
        For home sheets: ``long`` or ``short`` (the printer's flip), or
        ``none`` for sheets folded in half.
    title
        The PDF's title (default: « Cartes de la fresque du JNT » in ``lang``).
    lang
        The language of the small caption under each home sheet (« planche
        2/18 · verso »); None prints no caption.
    progress
        Called as ``progress(done, total)`` after each page.
    """
    if not faces:
        raise ValueError("no card to print")
    card = faces[0].front.size
    sheet = g.PAPERS[paper]
    total = page_count(len(faces), card, sheet, profile=profile, duplex=duplex)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def caption(number: int, sheets: int, side: str) -> str:
        if lang is None:
            return ""
        words = say(_SIDES[side], lang)
        return say("print_sheet_label", lang, sheet=number, sheets=sheets, side=words)

    if title is None:
        title = say("print_title_cards", lang or "fr")
    if profile == "shop":
        page, where = g.shop_page(card)
        boxes = {"trimBox": where.trim.box(), "bleedBox": where.clip.box()}
        with document(out, page, title=title, **boxes) as canvas:
            _shop(canvas, faces, card, tick)
    else:
        with document(out, sheet, title=title) as canvas:
            if duplex == "none":
                _home_fold(canvas, faces, card, sheet, tick, caption)
            else:
                _home_duplex(canvas, faces, card, sheet, duplex, tick, caption)
    return total


def face_pages(faces: Sequence[Face], out: IO[bytes]) -> None:
    """One trimmed face per page (no bleed, no marks): the source of PNG images."""
    card = faces[0].size
    trim = g.Rect(0, 0, card.width, card.height)
    where = g.Placement(g.IDENTITY, trim, trim)
    with document(out, card, title="jnt-fresque") as canvas:
        assets = Assets(canvas)
        for face in faces:
            draw_placed(canvas, face, where, assets)
            canvas.showPage()
