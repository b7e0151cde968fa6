"""The source sheet of the facilitator pack: every reference the cards stand on.

For each card of the chosen decks that names sources (use-case examples, data-card
datasets), one row per reference: a QR code to the page, the claim it backs, the page's
title, its publisher and the day it was checked, and its address. Rows run down as many
pages as needed; the page title says what the sheet is for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jnt_fresque.cards.deck import Deck
from jnt_fresque.cards.sources import references
from jnt_fresque.printing import qr
from jnt_fresque.printing.faces import MUTED, TextBox
from jnt_fresque.printing.fit import Overflow, Para, Span, fit, typeset
from jnt_fresque.printing.fonts import BOLD, REGULAR
from jnt_fresque.printing.geometry import MM, Rect
from jnt_fresque.printing.render import draw_text

if TYPE_CHECKING:
    from jnt_fresque.printing.pack import _Pages

ROW = 17 * MM  # height of one reference
CODE = 14 * MM  # side of its QR code
MAX_SIZE = 7.5  # largest font size of a row's text


@dataclass(frozen=True, slots=True)
class _Row:
    card: str  # the card's title, for the first reference of each card
    claim: str
    title: str
    meta: str
    url: str
    colour: str


def _rows(chosen: list[Deck], pages: _Pages) -> list[_Row]:
    lang = pages.lang
    rows: list[_Row] = []
    for deck in chosen:
        tint = deck.manifest.colours["primary"]
        for card in deck.cards:
            for n, backing in enumerate(references(card)):
                ref = backing.reference
                meta = f"{ref.publisher} · {pages.say('pack_sources_checked', date=ref.checked)}"
                rows.append(
                    _Row(
                        card=typeset(card.title.get(lang), lang) if n == 0 else "",
                        claim=typeset(backing.claim.get(lang), lang),
                        title=typeset(ref.title, lang),
                        meta=typeset(meta, lang),
                        url=ref.url,
                        colour=tint,
                    )
                )
    return rows


def _short_address(url: str, most: int = 64) -> str:
    """The address as a reader would type it: no scheme, cut with « … » when long (the QR
    code holds it whole)."""
    shown = url.split("://", 1)[-1]
    return shown if len(shown) <= most else shown[: most - 1] + "…"


def _draw_row(pages: _Pages, row: _Row, rect: Rect, forms: dict[str, str]) -> None:
    canvas = pages.canvas
    form = forms.get(row.url)
    if form is None:
        form = f"src-{len(forms)}"
        qr.define(canvas, row.url, form)
        forms[row.url] = form
    units = qr.side(row.url)
    scale = CODE / units
    canvas.saveState()
    canvas.transform(scale, 0, 0, scale, rect.x, rect.top - CODE)
    canvas.doForm(form)
    canvas.restoreState()
    paras: list[Para] = []
    if row.card:
        paras.append(Para((Span(row.card, BOLD, row.colour),), "card", leading=1.1))
    paras += [
        Para((Span(row.claim, BOLD),), "claim", leading=1.1),
        Para((Span(row.title),), "title", leading=1.1),
        Para((Span(row.meta, REGULAR, MUTED),), "meta", leading=1.1),
        Para((Span(_short_address(row.url), REGULAR, MUTED),), "url", leading=1.1),
    ]
    text = Rect(rect.x + CODE + 3 * MM, rect.y, rect.width - CODE - 3 * MM, rect.height)
    try:
        fitted = fit(paras, width=text.width, height=text.height, max_size=MAX_SIZE)
    except Overflow:
        # A very long page title: keep its start, the QR code and address keep the rest.
        index = 2 if row.card else 1
        short = Para((Span(row.title[:90] + "…"),), "title", leading=1.1)
        paras[index] = short
        fitted = fit(paras, width=text.width, height=text.height, max_size=MAX_SIZE)
    draw_text(canvas, TextBox(text.x, text.top, fitted))


def write_source_sheet(pages: _Pages, chosen: list[Deck], margin: float) -> int:
    """Print the source sheet of ``chosen``'s cards; return how many references it lists."""
    rows = _rows(chosen, pages)
    if not rows:
        return 0
    forms: dict[str, str] = {}
    index = 0
    while index < len(rows):
        page = pages.start()
        top = pages.heading(page, pages.say("pack_sources_title"), pages.say("pack_sources_intro"))
        width = page.width - 2 * margin
        for slot in range(max(1, int((top - margin) // ROW))):
            if index == len(rows):
                break
            y_top = top - slot * ROW
            box = Rect(margin, y_top - ROW + 2 * MM, width, ROW - 2 * MM)
            _draw_row(pages, rows[index], box, forms)
            index += 1
        pages.end()
    return len(rows)
