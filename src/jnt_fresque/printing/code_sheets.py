"""Printed sheets of single-use voting codes, each with its QR code, to cut apart.

One slip per participant: one person, one vote, without accounts. The QR code
holds the voting app's address with the session and the code when an address
is given (``--url``), else the code alone. Codes are saved in the store before
the sheets are drawn; the sheets are only their printed form.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jnt_fresque.i18n import Lang, Translator
from jnt_fresque.workshop.session import Session

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM  # A4
COLUMNS, ROWS = 2, 8
MARGIN_X, MARGIN_Y = 10 * MM, 12 * MM


def qr_content(session: Session, code: str, url: str | None) -> str:
    """What a slip's QR code holds."""
    if not url:
        return code
    joiner = "&" if "?" in url else "?"
    return url + joiner + urlencode({"session": session.code, "code": code})


def draw_qr(canvas: Any, content: str, x: float, y: float, size: float) -> None:
    """Draw ``content`` as a QR code, vector squares, lower-left corner at (x, y)."""
    import segno  # type: ignore[import-untyped,unused-ignore]

    qr = segno.make(content, error="m")
    matrix = [list(row) for row in qr.matrix]
    quiet = 2  # modules of white border: the slip's edge is not the code's
    count = len(matrix) + 2 * quiet
    module = size / count
    canvas.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                canvas.rect(
                    x + (start + quiet) * module,
                    y + size - (r + quiet + 1) * module,
                    (c - start) * module,
                    module,
                    stroke=0,
                    fill=1,
                )
            else:
                c += 1


def _fit(canvas: Any, text: str, font: str, size: float, width: float) -> str:
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def write_code_sheets(
    session: Session,
    codes: Sequence[str],
    path: Path,
    *,
    url: str | None = None,
    lang: Lang = "fr",
) -> Path:
    """A4 pages of slips in ``lang``, 16 a page, cut lines dashed, fonts embedded."""
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped,unused-ignore]

    from jnt_fresque.printing.fonts import register

    regular, bold, _oblique = register()
    _ = Translator(lang)
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    canvas.setTitle(_("codes_pdf_title", code=session.code))
    canvas.setAuthor("jnt-fresque")
    slip_w = (PAGE_W - 2 * MARGIN_X) / COLUMNS
    slip_h = (PAGE_H - 2 * MARGIN_Y) / ROWS
    per_page = COLUMNS * ROWS
    for start in range(0, len(codes), per_page):
        page = codes[start : start + per_page]
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.4)
        canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
        for i in range(COLUMNS + 1):
            x = MARGIN_X + i * slip_w
            canvas.line(x, MARGIN_Y, x, PAGE_H - MARGIN_Y)
        for j in range(ROWS + 1):
            y = MARGIN_Y + j * slip_h
            canvas.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
        canvas.setDash()
        for n, code in enumerate(page):
            col, row = n % COLUMNS, n // COLUMNS
            x = MARGIN_X + col * slip_w
            y = PAGE_H - MARGIN_Y - (row + 1) * slip_h
            qr_size = slip_h - 6 * MM
            draw_qr(canvas, qr_content(session, code, url), x + 3 * MM, y + 3 * MM, qr_size)
            text_x = x + qr_size + 7 * MM
            text_w = slip_w - qr_size - 10 * MM
            top = y + slip_h - 7 * MM
            canvas.setFillColorRGB(0.35, 0.35, 0.35)
            canvas.setFont(regular, 7.5)
            title = _fit(canvas, session.title, regular, 7.5, text_w)
            canvas.drawString(text_x, top, title)
            canvas.drawString(text_x, top - 3.6 * MM, _("codes_session", code=session.code))
            canvas.setFillColorRGB(0, 0, 0)
            canvas.setFont(regular, 8)
            canvas.drawString(text_x, top - 10 * MM, _("codes_label"))
            canvas.setFont(bold, 16)
            canvas.drawString(text_x, top - 15.5 * MM, code)
            canvas.setFillColorRGB(0.35, 0.35, 0.35)
            canvas.setFont(regular, 6.5)
            for line, text in enumerate((_("codes_once"), _("codes_how"))):
                shown = _fit(canvas, text, regular, 6.5, text_w)
                canvas.drawString(text_x, y + (5.5 - 2.8 * line) * MM, shown)
        canvas.showPage()
    canvas.save()
    return path
