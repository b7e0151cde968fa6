"""Text that fits its box: line breaking, shrinking down to a floor size, overflow errors.

A box holds paragraphs (`Para`) made of styled pieces of text (`Span`). `fit`
finds the largest base size, between a maximum and `FLOOR`, at which every
paragraph, wrapped to the box's width, fits the box's height. When even the
floor is too big, it raises `Overflow` naming the card field that runs out of
room: a printed card never loses text silently.

Widths come from the embedded fonts' own metrics (the ones reportlab writes in
the PDF), so what fits here fits on paper.

Examples
--------
>>> from jnt_fresque.printing.fit import Para, Span, fit
>>> title = [Para((Span("Prévision des crues et gestion de crise"),), "title")]
>>> fit(title, width=100, height=60, max_size=12).size
12.0
>>> box = fit(title, width=100, height=40, max_size=12)  # shorter box: smaller text
>>> box.size
11.25
>>> print(box.text)
Prévision des
crues et gestion
de crise
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from jnt_fresque.i18n import Lang
from jnt_fresque.printing.fonts import REGULAR, register

FLOOR = 6.5  # points: the smallest size a card's text may shrink to
STEP = 0.25  # sizes are tried in quarter points
ASCENT = 0.93  # DejaVu Sans, as a share of the size: room above the baseline (É, Â…)
DESCENT = 0.24  # below the baseline (g, p, ç)
INK = "#1f1f1f"

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, before ; ! ? in French


class Span(NamedTuple):
    """A piece of text in one font and colour (None: the paragraph's colour)."""

    text: str
    font: str = REGULAR
    colour: str | None = None


class Para(NamedTuple):
    """A paragraph: its spans, the card field it shows, and its style.

    Sizes are relative to the box's base size (``scale`` ≥ 1, so nothing
    shrinks below the floor); ``space_before`` and ``indent`` are in units of
    the paragraph's own size. A ``bullet`` hangs in the indent; a ``bar`` draws
    a coloured rule along the paragraph's left side.
    """

    spans: tuple[Span, ...]
    field: str
    scale: float = 1.0
    leading: float = 1.18
    space_before: float = 0.0
    indent: float = 0.0
    bullet: Span | None = None
    bar: str | None = None
    colour: str = INK
    soft_breaks: bool = True  # False: lines end only at spaces (web addresses)


# Runs and lines are made by the thousand for a deck: tuples are the cheapest to make.
class Run(NamedTuple):
    """Text set on one line, from ``x`` (relative to the box's left side), ``width`` long."""

    x: float
    text: str
    font: str
    size: float
    colour: str
    width: float


class TextLine(NamedTuple):
    """One line: its baseline, measured down from the box's top, and its runs."""

    baseline: float
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Extent:
    """Where a paragraph landed: top and bottom, measured down from the box's top."""

    para: Para
    top: float
    bottom: float
    size: float


@dataclass(frozen=True, slots=True)
class Fitted:
    """Paragraphs set in a box at one base size."""

    size: float
    lines: tuple[TextLine, ...]
    extents: tuple[Extent, ...]
    height: float  # from the box's top to the last line's descent
    width: float  # the widest line

    @property
    def text(self) -> str:
        """The text as set, one line per line (for checks and tests)."""
        return "\n".join("".join(run.text for run in line.runs) for line in self.lines)


class Overflow(Exception):
    """Text that does not fit its box, even at the floor size.

    ``field`` names the card field that runs out of room; `at` adds the card,
    the language and the card size when they are known.
    """

    def __init__(
        self,
        field: str,
        *,
        card: str | None = None,
        lang: str | None = None,
        card_size: str | None = None,
    ) -> None:
        super().__init__(field)
        self.field = field
        self.card = card
        self.lang = lang
        self.card_size = card_size

    def at(self, *, card: str, lang: str, card_size: str) -> Overflow:
        return Overflow(self.field, card=card, lang=lang, card_size=card_size)

    def __str__(self) -> str:
        return self.said(self.lang or "fr")

    def said(self, reader: str) -> str:
        """The one-line message in the ``reader``'s language (the print's may differ)."""
        from jnt_fresque.i18n import say

        floor = f"{FLOOR:g}"
        return say(
            "print_overflow",
            reader,
            card=self.card or "?",
            lang=self.lang or "?",
            field=self.field,
            size=self.card_size or "?",
            floor=floor.replace(".", ",") if reader == "fr" else floor,
        )


# --- French typography --------------------------------------------------------------

# Spaces French typography keeps with their neighbour, and straight apostrophes.
_FRENCH = re.compile(r" (?=[;!?])| (?=[:»])|(?<=«) |(?<=\w)'(?=\w)")
_FRENCH_FOR = {" ;": NNBSP, " !": NNBSP, " ?": NNBSP, " :": NBSP, " »": NBSP}


def _french(match: re.Match[str]) -> str:
    found = match.group()
    if found == "'":
        return "’"
    following = match.string[match.end() : match.end() + 1]
    return _FRENCH_FOR.get(found + following, NBSP)


@lru_cache(maxsize=1 << 14)
def typeset(text: str, lang: Lang) -> str:
    """The text with French no-break spaces, so that ``?`` or ``»`` never starts a line.

    Authors type ordinary spaces before ``; ! ? : »`` and after ``«``; in
    French they become a narrow (``; ! ?``) or a plain (``: « »``) no-break
    space, and a straight apostrophe between letters becomes ’. English text
    is left as it is.

    Examples
    --------
    >>> typeset("Quoi ? « Oui »", "fr") == "Quoi\\u202f? «\\u00a0Oui\\u00a0»"
    True
    """
    if lang != "fr":
        return text
    return _FRENCH.sub(_french, text)


# --- measuring ---------------------------------------------------------------------


class _Advances(dict[str, float]):
    """A font's advance widths by character, at 1 pt, read from the font on first use."""

    def __init__(self, font: str) -> None:
        super().__init__()
        from reportlab.pdfbase.pdfmetrics import getFont  # type: ignore[import-untyped]

        register()  # once per process; the fonts' metrics are what the PDF uses
        face = getFont(font).face
        self._widths = face.charWidths
        self._default = face.defaultWidth

    def __missing__(self, char: str) -> float:
        width: float = 0.001 * self._widths.get(ord(char), self._default)
        self[char] = width
        return width


@lru_cache(maxsize=16)
def _advances(font: str) -> _Advances:
    return _Advances(font)


def unit_width(text: str, font: str) -> float:
    """Width of ``text`` set at 1 pt in ``font`` (a registered font name).

    The same sum as reportlab's ``stringWidth``, over a per-font table of
    characters: widths here are exactly those the PDF's font uses.
    """
    return float(sum(map(_advances(font).__getitem__, text)))


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` set at ``size`` points."""
    return unit_width(text, font) * size


class _Piece(NamedTuple):
    text: str
    font: str
    colour: str
    width: float  # at 1 pt


class _Word(NamedTuple):
    pieces: tuple[_Piece, ...]  # empty when the word has one style (see ``style``)
    width: float  # at 1 pt
    space: float  # the width of the space that follows, at 1 pt (0: glued to the next word)
    text: str  # the pieces' text, joined
    style: tuple[str, str] | None  # (font, colour) when the word has only one


# Where a long compound may break: after a hyphen or a slash between letters.
_SOFT_BREAK = re.compile(r"(?<=[^\W\d_][-/])(?=[^\W_])|(?<=\w/)(?=\w)")


@lru_cache(maxsize=4096)
def _words(para: Para) -> tuple[_Word, ...]:
    """The paragraph cut into words: the places a line may end."""
    if len(para.spans) == 1:
        span = para.spans[0]
        text = span.text
        if not (para.soft_breaks and ("-" in text or "/" in text)):
            # The usual paragraph: one style, words between spaces.
            advances = _advances(span.font)
            measure = advances.__getitem__
            space = advances[" "]
            style = (span.font, span.colour or para.colour)
            simple = [
                _Word((), sum(map(measure, w)), space, w, style) for w in text.split(" ") if w
            ]
            if simple:
                simple[-1] = simple[-1]._replace(space=0.0)
            return tuple(simple)
    # Each word as its pieces (text, style, width) and the space after it (0: glued).
    words: list[tuple[list[tuple[str, tuple[str, str], float]], float]] = []
    pending: list[tuple[str, tuple[str, str], float]] = []
    for span in para.spans:
        style = (span.font, span.colour or para.colour)
        advances = _advances(span.font)
        measure = advances.__getitem__
        space = advances[" "]
        for i, chunk in enumerate(span.text.split(" ")):
            if i:  # a space ends the word before it
                if pending:
                    words.append((pending, space))
                    pending = []
                elif words and not words[-1][1]:
                    words[-1] = (words[-1][0], space)
            if not chunk:
                continue
            if para.soft_breaks and ("-" in chunk or "/" in chunk):
                for j, part in enumerate(_SOFT_BREAK.split(chunk)):
                    if j and pending:
                        words.append((pending, 0.0))
                        pending = []
                    if part:
                        pending.append((part, style, sum(map(measure, part))))
            else:
                pending.append((chunk, style, sum(map(measure, chunk))))
    if pending:
        words.append((pending, 0.0))
    found = []
    for pieces, space in words:
        if len(pieces) == 1:
            text, style, width = pieces[0]
            found.append(_Word((), width, space, text, style))
            continue
        first = pieces[0][1]
        alike = all(p[1] == first for p in pieces)
        found.append(
            _Word(
                tuple(_Piece(t, f, c, w) for t, (f, c), w in pieces),
                sum(p[2] for p in pieces),
                space,
                "".join(p[0] for p in pieces),
                first if alike else None,
            )
        )
    return tuple(found)


class _TooWide(Exception):
    """One word is wider than the line: no size of this paragraph fits below it."""


class _Prepared(NamedTuple):
    """A paragraph's words, ready for line breaking at any size."""

    words: tuple[_Word, ...]
    widths: tuple[float, ...]  # at 1 pt
    spaces: tuple[float, ...]  # the space after each word, at 1 pt
    joined: tuple[str, ...]  # each word's text with its following space
    style: tuple[str, str] | None  # (font, colour) when the whole paragraph has one


@lru_cache(maxsize=4096)
def _prepare(para: Para) -> _Prepared:
    words = _words(para)
    styles = {w.style for w in words}
    style = next(iter(styles)) if len(styles) == 1 else None
    return _Prepared(
        words,
        tuple(w.width for w in words),
        tuple(w.space for w in words),
        tuple(w.text + " " if w.space else w.text for w in words),
        style,
    )


# A line: the index of its first word, the index after its last, and its width (at 1 pt).
_Line = tuple[int, int, float]


def _wrap(prepared: _Prepared, size: float, width: float) -> list[_Line]:
    """Where the lines of a paragraph set at ``size`` points on a ``width`` line end."""
    room = width / size + 1e-9  # compare at 1 pt: one division per paragraph
    lines: list[_Line] = []
    start = 0
    x = gap = 0.0
    for i, (advance, space) in enumerate(zip(prepared.widths, prepared.spaces, strict=True)):
        if advance > room:
            raise _TooWide
        if i > start and x + gap + advance > room:
            lines.append((start, i, x))
            start, x = i, advance
        else:
            x += gap + advance
        gap = space
    if prepared.widths:
        lines.append((start, len(prepared.widths), x))
    return lines


def _runs(words: tuple[_Word, ...], size: float, left: float) -> tuple[Run, ...]:
    """Merge a line's words into runs of one font and colour (fewer PDF operators)."""
    runs: list[Run] = []
    parts: list[str] = []
    style: tuple[str, str] | None = None
    start = width = offset = 0.0
    last = len(words) - 1
    for n, word in enumerate(words):
        if word.style is not None:  # most words have one font and one colour
            pieces: tuple[tuple[str, tuple[str, str], float], ...] = (
                (word.text, word.style, word.width),
            )
        else:
            pieces = tuple((p.text, (p.font, p.colour), p.width) for p in word.pieces)
        for text, key, advance in pieces:
            if key is not style and key != style:
                if parts and style is not None:
                    runs.append(Run(start, "".join(parts), style[0], size, style[1], width * size))
                parts, style, start, width = [], key, left + offset * size, 0.0
            parts.append(text)
            width += advance
            offset += advance
        if word.space and n < last:
            parts.append(" ")
            width += word.space
            offset += word.space
    if parts and style is not None:
        runs.append(Run(start, "".join(parts), style[0], size, style[1], width * size))
    return tuple(runs)


def _bullet_width(para: Para, size: float) -> float:
    if para.bullet is None:
        return para.indent * size
    return max(para.indent * size, text_width(para.bullet.text + " ", para.bullet.font, size))


def _wrap_all(paras: Sequence[Para], base: float, width: float) -> tuple[list[list[_Line]], float]:
    """Every paragraph's lines at ``base`` points, and the height they take.

    Raises `_TooWide` (with the paragraph's field) for an unbreakable word.
    """
    wrapped: list[list[_Line]] = []
    bottom = 0.0
    for n, para in enumerate(paras):
        size = base * para.scale
        try:
            lines = _wrap(_prepare(para), size, width - _bullet_width(para, size))
        except _TooWide:
            raise _TooWide(para.field) from None
        wrapped.append(lines)
        top = bottom + (para.space_before * size if n else 0.0)
        span = ASCENT + (len(lines) - 1) * para.leading + DESCENT if lines else 0.0
        bottom = top + span * size
    return wrapped, bottom


def _set(
    paras: Sequence[Para], base: float, width: float, wrapped: list[list[_Line]] | None = None
) -> Fitted:
    """Set ``paras`` at ``base`` points (raises `_TooWide` for an unbreakable word)."""
    if wrapped is None:
        wrapped, _ = _wrap_all(paras, base, width)
    lines: list[TextLine] = []
    extents: list[Extent] = []
    baseline = bottom = widest = 0.0
    for n, (para, para_lines) in enumerate(zip(paras, wrapped, strict=True)):
        prepared = _prepare(para)
        size = base * para.scale
        indent = _bullet_width(para, size)
        top = bottom + (para.space_before * size if n else 0.0)
        for i, (start, end, line_width) in enumerate(para_lines):
            baseline = top + ASCENT * size if i == 0 else baseline + para.leading * size
            style = prepared.style
            if style is not None:  # the usual paragraph, in one font and colour: one run a line
                text = "".join(prepared.joined[start:end]).rstrip(" ")
                runs: tuple[Run, ...] = (
                    Run(indent, text, style[0], size, style[1], line_width * size),
                )
            else:
                runs = _runs(prepared.words[start:end], size, indent)
            if i == 0 and para.bullet is not None:
                mark, font = para.bullet.text, para.bullet.font
                colour = para.bullet.colour or para.colour
                runs = (Run(0.0, mark, font, size, colour, text_width(mark, font, size)), *runs)
            lines.append(TextLine(baseline, runs))
            widest = max(widest, indent + line_width * size)
        bottom = baseline + DESCENT * size if para_lines else top
        extents.append(Extent(para, top, bottom, size))
    return Fitted(base, tuple(lines), tuple(extents), bottom, widest)


def sizes(max_size: float, floor: float = FLOOR) -> list[float]:
    """The sizes tried, from ``max_size`` down to ``floor``, a quarter point apart."""
    count = max(0, round((max_size - floor) / STEP))
    return [round(max_size - i * STEP, 4) for i in range(count + 1)]


def set_at(paras: list[Para], size: float, width: float) -> Fitted:
    """``paras`` set at ``size`` on lines ``width`` wide, however tall that makes them.

    Raises
    ------
    Overflow
        When a word is wider than the line.
    """
    try:
        return _set(paras, size, width)
    except _TooWide as exc:
        raise Overflow(str(exc.args[0]) if exc.args else paras[0].field) from None


def _overflowing(paras: Sequence[Para], width: float, height: float, floor: float) -> str:
    """The field of the first paragraph that runs past the box at the floor size."""
    try:
        fitted = _set(paras, floor, width)
    except _TooWide as exc:
        return str(exc.args[0]) if exc.args else paras[0].field
    for extent in fitted.extents:
        if extent.bottom > height + 1e-6:
            return extent.para.field
    return paras[-1].field  # pragma: no cover - only reached if the box fits after all


def fit_together(
    boxes: list[tuple[list[Para], float, float]],
    *,
    max_size: float,
    floor: float = FLOOR,
) -> list[Fitted]:
    """Set several boxes at one common size, the largest at which each fits its box.

    ``boxes`` are ``(paragraphs, width, height)``; sharing a size keeps sibling
    boxes (the prompts of a blank card) looking alike.

    Raises
    ------
    Overflow
        When a box does not fit even at ``floor``; names the field that runs over.
    """
    # Many boxes repeat from card to card (footers, kind labels, headings): the result
    # of the same text in the same box is reused.
    key = tuple((tuple(paras), width, height) for paras, width, height in boxes)
    return list(_fit_together(key, max_size, floor))


@lru_cache(maxsize=4096)
def _fit_together(
    boxes: tuple[tuple[tuple[Para, ...], float, float], ...], max_size: float, floor: float
) -> tuple[Fitted, ...]:
    def attempt(size: float) -> list[Fitted] | None:
        found = []
        for paras, box_width, box_height in boxes:
            fitted = _attempt(paras, size, box_width, box_height)
            if fitted is None:
                return None
            found.append(fitted)
        return found

    steps = sizes(max_size, floor)
    best = attempt(steps[0])
    if best is not None:
        return tuple(best)  # the usual case: the text fits at its full size
    # Text height goes roughly with the square of its size: start from that guess, then
    # walk a quarter point at a time to the largest size that fits.
    try:
        needed = max(
            _wrap_all(paras, max_size, width)[1] / height for paras, width, height in boxes
        )
    except _TooWide:
        needed = float("inf")
    guess = max_size / needed**0.5 if needed < float("inf") else floor
    index = min(len(steps) - 1, max(1, round((max_size - guess) / STEP)))
    found = attempt(steps[index])
    if found is not None:
        while index > 1:
            larger = attempt(steps[index - 1])
            if larger is None:
                break
            found, index = larger, index - 1
        return tuple(found)
    while index < len(steps) - 1:
        index += 1
        found = attempt(steps[index])
        if found is not None:
            return tuple(found)
    for paras, box_width, box_height in boxes:
        if _attempt(paras, floor, box_width, box_height) is None:
            raise Overflow(_overflowing(paras, box_width, box_height, floor))
    raise AssertionError("unreachable: the floor size fits")  # pragma: no cover


def _attempt(
    paras: Sequence[Para], size: float, box_width: float, box_height: float
) -> Fitted | None:
    """``paras`` set at ``size`` if they fit the box, else None."""
    try:
        wrapped, height = _wrap_all(paras, size, box_width)
    except _TooWide:
        return None
    # Lines become positioned runs only at the size that fits: most attempts fail.
    return _set(paras, size, box_width, wrapped) if height <= box_height + 1e-6 else None


def fit(
    paras: list[Para],
    *,
    width: float,
    height: float,
    max_size: float,
    floor: float = FLOOR,
) -> Fitted:
    """Set ``paras`` in a box ``width`` × ``height`` at the largest size that fits.

    Raises
    ------
    Overflow
        When the text does not fit even at ``floor`` points.
    """
    return fit_together([(paras, width, height)], max_size=max_size, floor=floor)[0]
