"""The facilitator pack: how to run the fresque, the map of expected links, packing lists.

One PDF on the home paper size:

1. a rules sheet: the idea, the preparation, the running order with timings,
   roles and tips;
2. the map of expected links (landscape): every use case against the 34
   INSPIRE themes, essential ● or useful ○, as the backs of the use-case
   cards say, with how many use cases need each theme; then the list of
   theme codes;
3. a packing list per table: the cards of each deck, the supplies, and an
   inventory of every card to tick when the set is put away;
4. the source sheet: each reference the cards stand on, with a QR code to it.

Every text is fitted like the cards' text (never below `fit.FLOOR`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jnt_fresque.cards.coverage import coverage
from jnt_fresque.cards.deck import Deck, Decks
from jnt_fresque.i18n import Lang, say
from jnt_fresque.printing.faces import MUTED, TextBox
from jnt_fresque.printing.fit import (
    FLOOR,
    INK,
    Fitted,
    Para,
    Span,
    fit,
    set_at,
    sizes,
    text_width,
    typeset,
)
from jnt_fresque.printing.fonts import BOLD, REGULAR
from jnt_fresque.printing.geometry import MM, PAPERS, PaperName, Rect, Size
from jnt_fresque.printing.render import colour, draw_text
from jnt_fresque.printing.sheets import document
from jnt_fresque.printing.source_sheet import write_source_sheet
from jnt_fresque.reference import inspire

MARGIN = 14 * MM
ACCENT = "#2e6f95"
STRIPE = "#f1f3f5"
ROW = 1.4  # row height of the map, in font sizes
ANNEX_KEYS = {"I": "annex-i", "II": "annex-ii", "III": "annex-iii"}


@dataclass
class _Pages:
    """The canvas, its page size, and how many pages are done."""

    canvas: Any
    lang: Lang
    portrait: Size
    count: int = 0

    def say(self, key: str, **values: object) -> str:
        return typeset(say(key, self.lang, **values), self.lang)

    def start(self, *, landscape: bool = False) -> Size:
        page = Size(self.portrait.height, self.portrait.width) if landscape else self.portrait
        self.canvas.setPageSize((page.width, page.height))
        return page

    def end(self) -> None:
        self.canvas.showPage()
        self.count += 1

    def text(self, paras: list[Para], rect: Rect, *, max_size: float) -> Fitted:
        fitted = fit(paras, width=rect.width, height=rect.height, max_size=max_size)
        draw_text(self.canvas, TextBox(rect.x, rect.top, fitted))
        return fitted

    def heading(self, page: Size, title: str, subtitle: str | None = None) -> float:
        """A page title (and a grey line under it); returns where the content starts."""
        top = page.height - MARGIN
        width = page.width - 2 * MARGIN
        paras = [Para((Span(title, BOLD, ACCENT),), "title", scale=1.6, leading=1.1)]
        if subtitle:
            paras.append(Para((Span(subtitle, REGULAR, MUTED),), "subtitle", space_before=0.6))
        fitted = self.text(paras, Rect(MARGIN, top - 30 * MM, width, 30 * MM), max_size=9.5)
        y = top - fitted.height - 2.5 * MM
        self.canvas.setStrokeColor(colour(ACCENT))
        self.canvas.setLineWidth(0.8)
        self.canvas.line(MARGIN, y, page.width - MARGIN, y)
        return y - 4 * MM


def _deck_colour(deck: Deck) -> str:
    return deck.manifest.colours["primary"]


# --- the rules sheet ---------------------------------------------------------------------

_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pack_goal_title", ("pack_goal",)),
    ("pack_before_title", ("pack_before",)),
    (
        "pack_steps_title",
        (
            "pack_step_discover",
            "pack_step_link",
            "pack_step_propose",
            "pack_step_vote",
            "pack_step_results",
        ),
    ),
    ("pack_roles_title", ("pack_roles",)),
    ("pack_tips_title", ("pack_tips",)),
    ("pack_after_title", ("pack_after",)),
    ("pack_criteria_title", ("pack_criteria",)),
)


def _rules(pages: _Pages, chosen: list[Deck]) -> None:
    page = pages.start()
    lines = [
        pages.say(
            "pack_deck_line",
            title=d.manifest.title.get(pages.lang),
            cards=len(d),
            version=d.manifest.version,
        )
        for d in chosen
    ]
    top = pages.heading(
        page, pages.say("pack_title"), pages.say("pack_decks", decks=" · ".join(lines))
    )
    paras: list[Para] = []
    for heading, keys in _SECTIONS:
        paras.append(
            Para(
                (Span(pages.say(heading), BOLD, ACCENT),),
                heading,
                scale=1.2,
                space_before=1.0 if paras else 0.0,
            )
        )
        numbered = len(keys) > 1
        for n, key in enumerate(keys, start=1):
            text = pages.say(key)
            # « Découvrir (15 min) : … »: the phase's name in bold.
            name, _, rest = text.partition(":") if numbered else ("", "", text)
            spans = (Span(name + ":", BOLD), Span(rest)) if numbered else (Span(rest),)
            bullet = Span(f"{n}.", BOLD, ACCENT) if numbered else None
            paras.append(
                Para(
                    spans,
                    key,
                    space_before=0.45,
                    leading=1.3,
                    bullet=bullet,
                    indent=1.6 if numbered else 0.0,
                )
            )
    width = page.width - 2 * MARGIN
    pages.text(paras, Rect(MARGIN, MARGIN, width, top - MARGIN), max_size=10.5)
    pages.end()


# --- the map of expected links -------------------------------------------------------------


def _cell(
    pages: _Pages,
    text: str,
    x: float,
    y: float,
    size: float,
    *,
    font: str = REGULAR,
    fill: str = INK,
    centre: bool = False,
) -> None:
    canvas = pages.canvas
    canvas.setFont(font, size)
    canvas.setFillColor(colour(fill))
    if centre:
        canvas.drawCentredString(x, y, text)
    else:
        canvas.drawString(x, y, text)


def _ellipsis(text: str, width: float, size: float) -> str:
    if text_width(text, REGULAR, size) <= width:
        return text
    while text and text_width(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _map(pages: _Pages, decks: Decks, chosen: list[Deck]) -> None:
    """The use case × theme matrix, as many landscape pages as the use cases need."""
    chosen_decks = Decks(tuple(chosen))
    matrix = coverage(chosen_decks)
    if not matrix.use_cases:
        return
    data_colours = next((d.manifest.colours for d in decks.values() if d.kind == "data"), {})
    themes = inspire.THEMES
    lang = pages.lang
    canvas = pages.canvas
    page = Size(pages.portrait.height, pages.portrait.width)
    width = page.width - 2 * MARGIN
    titles = [typeset(c.title.get(lang), lang) for c in matrix.use_cases]
    # The largest size at which the whole matrix (header, rows, two total rows) fits one
    # page; below the floor, it goes on over several pages instead.
    room = page.height - 2 * MARGIN - 22 * MM
    size = next((s for s in sizes(7.5) if (len(titles) + 4) * s * ROW <= room), FLOOR)
    row = size * ROW
    title_width = min(max(text_width(t, REGULAR, size) for t in titles) + 3 * MM, width * 0.42)
    column = (width - title_width) / len(themes)
    first = 0
    while first < len(matrix.use_cases):
        pages.start(landscape=True)
        more = pages.say("pack_map_continued") if first else ""
        top = pages.heading(
            page, f"{pages.say('pack_map_title')} {more}".strip(), pages.say("pack_map_legend")
        )
        # Header: one band per annex in its colour, then the theme codes.
        x0 = MARGIN + title_width
        for annex in ("I", "II", "III"):
            in_annex = [i for i, t in enumerate(themes) if t.annex == annex]
            left = x0 + in_annex[0] * column
            fill = data_colours.get(ANNEX_KEYS[annex], ACCENT)
            canvas.setFillColor(colour(fill))
            canvas.rect(left, top - row, column * len(in_annex), row, stroke=0, fill=1)
            label = pages.say("card_annex", annex=annex)
            _cell(
                pages,
                label,
                left + column * len(in_annex) / 2,
                top - row + 0.3 * size,
                size,
                font=BOLD,
                fill="#ffffff",
                centre=True,
            )
        y = top - row
        for i, theme in enumerate(themes):
            _cell(
                pages,
                theme.code,
                x0 + (i + 0.5) * column,
                y - row + 0.3 * size,
                size,
                font=BOLD,
                centre=True,
            )
        y -= row
        fits = int((y - MARGIN) // row)
        left = len(matrix.use_cases) - first
        last = len(matrix.use_cases) if left + 2 <= fits else first + max(fits - 2, 1)
        for n in range(first, last):
            card = matrix.use_cases[n]
            y -= row
            if n % 2 == 0:
                canvas.setFillColor(colour(STRIPE))
                canvas.rect(MARGIN, y, width, row, stroke=0, fill=1)
            _cell(
                pages,
                _ellipsis(titles[n], title_width - 2 * MM, size),
                MARGIN + 1 * MM,
                y + 0.3 * size,
                size,
            )
            for i, theme in enumerate(themes):
                weight = matrix.weight(card.id, theme.code)
                if weight:
                    fill = data_colours.get(ANNEX_KEYS[theme.annex], ACCENT)
                    mark = "●" if weight == "primary" else "○"
                    _cell(
                        pages,
                        mark,
                        x0 + (i + 0.5) * column,
                        y + 0.3 * size,
                        size,
                        fill=fill,
                        centre=True,
                    )
        if last == len(matrix.use_cases):
            for weight, mark in (("primary", "●"), ("secondary", "○")):
                y -= row
                _cell(
                    pages,
                    f"{pages.say('pack_map_total')} {mark}",
                    MARGIN + 1 * MM,
                    y + 0.3 * size,
                    size,
                    font=BOLD,
                )
                for i, theme in enumerate(themes):
                    primary, secondary = matrix.demand(theme.code)
                    count = primary if weight == "primary" else secondary
                    _cell(
                        pages,
                        str(count) if count else "·",
                        x0 + (i + 0.5) * column,
                        y + 0.3 * size,
                        size,
                        font=BOLD,
                        centre=True,
                    )
        # Thin separators between annexes, through the whole table.
        canvas.setStrokeColor(colour("#9aa0a6"))
        canvas.setLineWidth(0.4)
        starts = [i for i, t in enumerate(themes) if i == 0 or t.annex != themes[i - 1].annex]
        for start in starts:
            canvas.line(x0 + start * column, top - row, x0 + start * column, y)
        pages.end()
        first = last
    _legend(pages)


def _legend(pages: _Pages) -> None:
    """The 34 theme codes with their names, in columns."""
    lang = pages.lang
    page = pages.start(landscape=True)
    top = pages.heading(page, pages.say("pack_map_themes"))
    paras = [
        Para(
            (
                Span(f"{t.code}\u00a0", BOLD, ACCENT),
                Span(typeset(t.name.get(lang), lang)),
                Span(f"\u00a0({t.label})", REGULAR, MUTED),
            ),
            "themes",
            space_before=0.3,
        )
        for t in inspire.THEMES
    ]
    _flow(pages, paras, page, top, columns=3, max_size=9.0, header=None)
    pages.end()


# --- flowing paragraphs into columns ----------------------------------------------------------


def _columns(page: Size, top: float, count: int) -> list[Rect]:
    gap = 6 * MM
    width = (page.width - 2 * MARGIN - gap * (count - 1)) / count
    return [Rect(MARGIN + i * (width + gap), MARGIN, width, top - MARGIN) for i in range(count)]


def _pack(heights: list[float], gaps: list[float], room: float) -> list[list[int]] | None:
    """Paragraph indexes column by column (a paragraph never splits), or None if one is too tall."""
    columns: list[list[int]] = [[]]
    used = 0.0
    for i, height in enumerate(heights):
        need = height + (gaps[i] if columns[-1] else 0.0)
        if columns[-1] and used + need > room + 1e-6:
            columns.append([])
            need, used = height, 0.0
        if height > room + 1e-6:
            return None
        columns[-1].append(i)
        used += need
    return columns


def _flow(
    pages: _Pages,
    paras: list[Para],
    page: Size,
    top: float,
    *,
    columns: int,
    max_size: float,
    header: Callable[[], tuple[Size, float]] | None,
) -> None:
    """Set ``paras`` in ``columns`` columns below ``top``, as large as one page allows.

    When they do not fit one page even at the floor size, they continue on
    new pages opened by ``header`` (which returns the page and its top).
    """
    rects = _columns(page, top, columns)
    chosen = FLOOR
    for size in sizes(max_size, FLOOR):
        heights = [set_at([p], size, rects[0].width).height for p in paras]
        gaps = [p.space_before * size * p.scale for p in paras]
        layout = _pack(heights, gaps, rects[0].height)
        if layout is not None and len(layout) <= columns:
            chosen = size
            break
    fitted = [set_at([p], chosen, rects[0].width) for p in paras]
    gaps = [p.space_before * chosen * p.scale for p in paras]
    heights = [f.height for f in fitted]
    if len(_pack(heights, gaps, rects[0].height) or [None] * (columns + 1)) <= columns:
        # It all fits one page: even the columns out rather than fill the first ones.
        low, high = max(heights), rects[0].height
        for _ in range(30):
            middle = (low + high) / 2
            packed = _pack(heights, gaps, middle)
            if packed is not None and len(packed) <= columns:
                high = middle
            else:
                low = middle
        rects = [Rect(r.x, r.top - high, r.width, high) for r in rects]
    column = 0
    y = rects[0].top
    for i, text in enumerate(fitted):
        gap = gaps[i] if y < rects[column].top else 0.0
        if y - gap - text.height < rects[column].y - 1e-6:
            column += 1
            if column == len(rects):
                if header is None:  # pragma: no cover - callers without a header fit one page
                    raise ValueError("too much text for one page")
                pages.end()
                page, top = header()
                rects = _columns(page, top, columns)
                column = 0
            y, gap = rects[column].top, 0.0
        y -= gap
        draw_text(pages.canvas, TextBox(rects[column].x, y, text))
        y -= text.height


# --- packing lists -------------------------------------------------------------------------------


def _checklist(items: Iterable[tuple[str, str | None]], field: str) -> list[Para]:
    return [
        Para((Span(text),), field, space_before=0.35, bullet=Span("☐", REGULAR, tint or ACCENT))
        for text, tint in items
    ]


def _packing_list(pages: _Pages, chosen: list[Deck], table: str) -> None:
    lang = pages.lang
    page = pages.start()

    def header() -> tuple[Size, float]:
        fresh = pages.start()
        title = f"{pages.say('pack_list_title', table=table)} {pages.say('pack_map_continued')}"
        return fresh, pages.heading(fresh, title)

    top = pages.heading(page, pages.say("pack_list_title", table=table))
    width = page.width - 2 * MARGIN
    decks: list[tuple[str, str | None]] = [
        (
            pages.say("pack_list_deck", cards=len(d), title=d.manifest.title.get(lang)),
            _deck_colour(d),
        )
        for d in chosen
    ]
    if any(d.kind == "blank" for d in chosen):
        decks.append((pages.say("pack_list_blanks"), None))
    supplies = [
        (pages.say(key), None)
        for key in (
            "pack_list_pens",
            "pack_list_dots",
            "pack_list_sheet",
            "pack_list_tape",
            "pack_list_timer",
            "pack_list_rules",
        )
    ]
    paras = [Para((Span(pages.say("pack_list_cards"), BOLD, ACCENT),), "cards", scale=1.15)]
    paras += _checklist(decks, "cards")
    paras.append(
        Para(
            (Span(pages.say("pack_list_material"), BOLD, ACCENT),),
            "supplies",
            scale=1.15,
            space_before=1.0,
        )
    )
    paras += _checklist(supplies, "supplies")
    fitted = pages.text(paras, Rect(MARGIN, top - 90 * MM, width, 90 * MM), max_size=10)
    y = top - fitted.height - 6 * MM
    inventory = [
        Para((Span(pages.say("pack_list_inventory"), BOLD, ACCENT),), "inventory", scale=1.15)
    ]
    fitted = pages.text(inventory, Rect(MARGIN, y - 20 * MM, width, 20 * MM), max_size=10)
    y -= fitted.height + 3 * MM
    items: list[Para] = []
    for deck in chosen:
        tint = _deck_colour(deck)
        items.append(
            Para(
                (Span(deck.manifest.title.get(lang), BOLD, tint),),
                "inventory",
                space_before=0.9 if items else 0.0,
            )
        )
        items += _checklist(
            ((typeset(c.title.get(lang), lang), tint) for c in deck.cards), "inventory"
        )
    _flow(pages, items, page, y, columns=3, max_size=7.5, header=header)
    pages.end()


# --- the pack ------------------------------------------------------------------------------------


def write_pack(
    decks: Decks,
    out: IO[bytes] | Path | str,
    *,
    deck_ids: Iterable[str] | None = None,
    lang: Lang = "fr",
    paper: PaperName = "a4",
    tables: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the facilitator pack for the chosen decks (default: all); return its page count.

    ``tables`` packing lists are printed, numbered; with one table, the
    number is left blank to write in. ``progress(done, total)`` is called
    after each part (rules, map, each packing list).
    """
    chosen = [decks[d] for d in deck_ids] if deck_ids else list(decks.values())
    total = 3 + tables
    title = say("print_title_pack", lang)
    with document(out, PAPERS[paper], title=title) as canvas:
        pages = _Pages(canvas, lang, PAPERS[paper])
        _rules(pages, chosen)
        if progress:
            progress(1, total)
        _map(pages, decks, chosen)
        if progress:
            progress(2, total)
        for n in range(1, tables + 1):
            _packing_list(pages, chosen, str(n) if tables > 1 else "n°\u00a0____")
            if progress:
                progress(2 + n, total)
        write_source_sheet(pages, chosen, MARGIN)
        if progress:
            progress(total, total)
    return pages.count
