"""What each kind of card shows on its front and its back, laid out on the card.

A `Face` is a list of things to draw (colour fills, rules, icons, QR codes and
text already fitted to its box) in the card's own coordinates, in points, from
``(0, 0)`` at the bottom left of the trimmed card. Laying out is separate from
drawing: every card of a deck is laid out (and every text checked to fit)
before a single page is written, and tests check the fit of every card without
making a PDF.

The design, for every kind of card:

- front: a full-bleed band in the deck's colour (the annex colour for data
  cards) holding the kind of card and the title; below it the key content;
- back: a narrower band repeating the title, then the details;
- both: a footer with the card id and the deck version.

Nothing but background colour comes closer than `SAFE` (3 mm) to the trim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from jnt_fresque.cards.deck import Deck, Decks
from jnt_fresque.cards.model import (
    BlankCard,
    Card,
    Criterion,
    DataCard,
    QuestionCard,
    TermCard,
    UseCaseCard,
)
from jnt_fresque.cards.sources import references
from jnt_fresque.cards.vocab import (
    CADENCE_LABELS,
    CAPABILITY_LABELS,
    FAMILY_LABELS,
    IMPLEMENTATION_LABELS,
    KIND_LABELS,
    RELIABILITY_LABELS,
    SCALE_LABELS,
    TIME_STEP_LABELS,
)
from jnt_fresque.i18n import Lang, Message, Text, say
from jnt_fresque.printing.fit import (
    FLOOR,
    Fitted,
    Overflow,
    Para,
    Span,
    fit,
    set_at,
    sizes,
    typeset,
)
from jnt_fresque.printing.fonts import BOLD, OBLIQUE, REGULAR
from jnt_fresque.printing.geometry import BLEED, CARDS, MM, SAFE, CardName, Line, Rect, Size
from jnt_fresque.reference import inspire

Side = Literal["front", "back"]

WHITE = "#ffffff"
MUTED = "#5f6368"  # footers, notes
RULE = "#c9ccd1"  # writing lines, thin rules
POKER_WIDTH = 63 * MM


# --- what a face is made of ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fill:
    """A rectangle of colour (``radius``: rounded corners)."""

    rect: Rect
    colour: str
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin line."""

    line: Line
    colour: str
    width: float


@dataclass(frozen=True, slots=True)
class Icon:
    """A theme icon (a Tabler Icons name) drawn in ``rect``, outlined in ``colour``."""

    name: str
    rect: Rect
    colour: str


@dataclass(frozen=True, slots=True)
class Qr:
    """A QR code of ``data`` filling the square ``rect`` (quiet zone included)."""

    data: str
    rect: Rect


@dataclass(frozen=True, slots=True)
class TextBox:
    """Fitted text whose box has its top-left corner at (``x``, ``top``)."""

    x: float
    top: float
    text: Fitted


Item = Fill | Rule | Icon | Qr | TextBox


@dataclass(frozen=True, slots=True)
class Face:
    """One side of one card, ready to draw."""

    card: str
    side: Side
    size: Size
    items: tuple[Item, ...]

    @property
    def text(self) -> str:
        """All the text of the face, box after box (for checks and tests)."""
        return "\n".join(item.text.text for item in self.items if isinstance(item, TextBox))


@dataclass(frozen=True, slots=True)
class CardFaces:
    """Both sides of a card."""

    card: str
    front: Face
    back: Face


# --- what a face needs besides the card --------------------------------------------------


@dataclass(frozen=True)
class Look:
    """The card size and language, and the deck facts a face shows."""

    size: Size
    size_name: str
    lang: Lang
    colour: str  # the deck's colour, or the annex colour of a data card
    version: str
    criteria: tuple[Criterion, ...] = ()
    titles: Mapping[str, Text] | None = None  # other cards' titles, for « see also »

    @property
    def unit(self) -> float:
        """One millimetre on a poker card, scaled to this card's width."""
        return MM * self.size.width / POKER_WIDTH

    @property
    def scale(self) -> float:
        return self.size.width / POKER_WIDTH

    def say(self, key: str, **values: object) -> str:
        """A printed word (see printing/messages.py) in the card's language."""
        return typeset(say(key, self.lang, **values), self.lang)

    def get(self, text: Text | Message) -> str:
        return typeset(text.get(self.lang), self.lang)


def look_for(
    card: Card,
    deck: Deck,
    *,
    size_name: CardName,
    lang: Lang,
    titles: Mapping[str, Text] | None = None,
) -> Look:
    """The `Look` of ``card`` from its deck (colours, version, criteria)."""
    colours = deck.manifest.colours
    colour = colours["primary"]
    if isinstance(card, DataCard):
        colour = colours.get(f"annex-{card.annex.lower()}", colour)
    return Look(
        size=CARDS[size_name],
        size_name=size_name,
        lang=lang,
        colour=colour,
        version=deck.manifest.version,
        criteria=tuple(deck.manifest.criteria),
        titles=titles,
    )


# --- helpers --------------------------------------------------------------------------


def _tint(colour: str, share: float) -> str:
    """``colour`` mixed with white: ``share`` of the colour, the rest white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = (round(255 - (255 - c) * share) for c in (r, g, b))
    return "#" + "".join(f"{c:02x}" for c in mix)


def _b(text: str, colour: str | None = None) -> Span:
    return Span(text, BOLD, colour)


def _r(text: str, colour: str | None = None) -> Span:
    return Span(text, REGULAR, colour)


def _i(text: str, colour: str | None = None) -> Span:
    return Span(text, OBLIQUE, colour)


_DOT = "\u00a0· "  # between items of a list set as one paragraph; never starts a line


def _colon(look: Look) -> str:
    return "\u00a0: " if look.lang == "fr" else ": "


def _label(look: Look, key: str) -> Span:
    """A bold label in the deck's colour, followed by its colon: « Échelles : »."""
    return _b(look.say(key) + _colon(look), look.colour)


_PARENTHESIS = re.compile(r"\s*\([^)]*\)$")


def _short(label: str) -> str:
    """A criterion value without its explanation in brackets: « Vecteur (points…) » → « Vecteur »."""
    return _PARENTHESIS.sub("", label) or label


class _Builder:
    """Collects the items of one face and lays out its standard parts."""

    def __init__(self, card: Card, side: Side, look: Look) -> None:
        self.card = card
        self.side = side
        self.look = look
        self.items: list[Item] = []
        u = look.unit
        self.u = u
        self.pad = max(SAFE + 1 * MM, 4 * u)  # text stays inside the safe zone, with air
        self.width = look.size.width
        self.height = look.size.height

    def measure(self, paras: list[Para], rect: Rect, *, max_size: float) -> Fitted:
        """``paras`` fitted to ``rect``; an overflow names this card."""
        try:
            return fit(paras, width=rect.width, height=rect.height, max_size=max_size)
        except Overflow as exc:
            raise exc.at(
                card=self.card.id, lang=self.look.lang, card_size=self.look.size_name
            ) from None

    def fit(self, paras: list[Para], rect: Rect, *, max_size: float, valign: str = "top") -> Fitted:
        """Fit ``paras`` in ``rect`` and add them (``valign``: top, middle or bottom)."""
        fitted = self.measure(paras, rect, max_size=max_size)
        self.place(fitted, rect, valign=valign)
        return fitted

    def fit_first(self, variants: list[list[Para]], rect: Rect, *, max_size: float) -> Fitted:
        """Fit the first of ``variants`` (fullest first) that fits ``rect`` at the floor or above."""
        for paras in variants[:-1]:
            try:
                return self.fit(paras, rect, max_size=max_size)
            except Overflow:
                continue
        return self.fit(variants[-1], rect, max_size=max_size)

    def place(self, fitted: Fitted, rect: Rect, *, valign: str = "top") -> None:
        spare = rect.height - fitted.height
        top = rect.top - {"top": 0.0, "middle": spare / 2, "bottom": spare}[valign]
        self.items.append(TextBox(rect.x, top, fitted))

    def band(self, height: float) -> float:
        """The coloured band across the top, bleeding off three edges; returns its bottom."""
        bottom = self.height - height
        self.items.append(
            Fill(Rect(-BLEED, bottom, self.width + 2 * BLEED, height + BLEED), self.look.colour)
        )
        return bottom

    def kind_line(self, chip: str | None = None) -> float:
        """« CAS D’USAGE »-style label at the top of the band; returns its bottom.

        ``chip`` is set in a white tab at the right end of the line (the theme
        code of a data card, what tables match use cases on).
        """
        look = self.look
        size = FLOOR * look.scale
        kind = look.get(KIND_LABELS[self.card.kind]).upper()
        if isinstance(self.card, DataCard):
            kind += _DOT + look.say("card_annex", annex=self.card.annex).upper()
        if isinstance(self.card, QuestionCard):
            # « Question clé · Standards et gouvernance » is too long for one line: the
            # colour tells the kind, the family is the news.
            kind = look.get(FAMILY_LABELS[self.card.family]).upper()
        top = self.height - self.pad
        right = self.width - self.pad
        if chip is not None:
            chip_size = 9 * look.scale
            code = self.measure(
                [Para((_b(chip, look.colour),), "theme", leading=1.0)],
                Rect(0, 0, self.width / 3, 2 * chip_size),
                max_size=chip_size,
            )
            margin = 1.6 * self.u
            tab = Rect(
                right - code.width - 2 * margin,
                top - code.height - 0.8 * self.u,
                code.width + 2 * margin,
                code.height + 1.6 * self.u,
            )
            self.items.append(Fill(tab, WHITE, radius=1.2 * self.u))
            self.place(code, Rect(tab.x + margin, tab.y, code.width, tab.height), valign="middle")
            right = tab.x - 2 * self.u
        box = Rect(self.pad, top - 2 * size, right - self.pad, 2 * size)
        paras = [Para((_b(kind, WHITE),), "kind", leading=1.0)]
        fitted = self.fit(paras, box, max_size=size)
        return top - fitted.height

    def footer(self) -> float:
        """Card id on the left, deck version on the right; returns the footer's top."""
        look = self.look
        size = FLOOR * look.scale
        version = f"v{look.version}"
        base = SAFE + 0.4 * MM  # descenders stay clear of the safe zone
        version_para = [Para((_r(version, MUTED),), "version", leading=1.0)]
        version_box = Rect(self.width / 2, base, self.width / 2 - self.pad, 2 * size)
        fitted_version = self.measure(version_para, version_box, max_size=size)
        right = Rect(
            self.width - self.pad - fitted_version.width, base, fitted_version.width, 2 * size
        )
        self.place(fitted_version, right, valign="bottom")
        id_box = Rect(self.pad, base, right.x - self.pad - 2 * self.u, 2 * size)
        self.fit(
            [Para((_r(self.card.id, MUTED),), "id", leading=1.0)],
            id_box,
            max_size=size,
            valign="bottom",
        )
        top = base + size * 1.2
        rule_y = top + 0.8 * self.u
        self.items.append(
            Rule(
                Line(self.pad, rule_y, self.width - self.pad, rule_y), _tint(look.colour, 0.45), 0.5
            )
        )
        return rule_y + 1.3 * self.u

    def face(self) -> Face:
        return Face(self.card.id, self.side, self.look.size, tuple(self.items))


def _title_para(card: Card, look: Look) -> list[Para]:
    return [Para((_b(look.get(card.title), WHITE),), "title", leading=1.12)]


def _front(card: Card, look: Look, body: Callable[[_Builder, Rect], None]) -> Face:
    """The common front: band with kind and title, the body, the footer."""
    page = _Builder(card, "front", look)
    u, pad = page.u, page.pad
    bottom = page.band(23 * u)
    label = page.kind_line(card.theme if isinstance(card, DataCard) else None)
    icon_room = 0.0
    if isinstance(card, DataCard):
        side = 11 * u
        icon_room = side + 2.5 * u
        middle = (label - 2.5 * u + bottom + 1.5 * u) / 2
        rect = Rect(page.width - pad - side, middle - side / 2, side, side)
        page.items.append(Icon(card.icon, rect, WHITE))
    title = Rect(
        pad, bottom + 2.2 * u, page.width - 2 * pad - icon_room, label - 1.8 * u - bottom - 2.2 * u
    )
    page.fit(_title_para(card, look), title, max_size=11 * look.scale, valign="middle")
    footer_top = page.footer()
    body(page, Rect(pad, footer_top, page.width - 2 * pad, bottom - 3 * u - footer_top))
    return page.face()


def _back(card: Card, look: Look, body: Callable[[_Builder, Rect], None]) -> Face:
    """The common back: a narrow band with the title, the details, the footer."""
    page = _Builder(card, "back", look)
    u, pad = page.u, page.pad
    bottom = page.band(11.5 * u)
    title = Rect(pad, bottom + 1.5 * u, page.width - 2 * pad, page.height - pad - bottom - 1.5 * u)
    page.fit(_title_para(card, look), title, max_size=8.5 * look.scale, valign="middle")
    footer_top = page.footer()
    body(page, Rect(pad, footer_top, page.width - 2 * pad, bottom - 2.5 * u - footer_top))
    return page.face()


def _body(page: _Builder, rect: Rect, paras: list[Para], *, max_size: float = 8.0) -> None:
    page.fit(paras, rect, max_size=max_size * page.look.scale)


def _heading(look: Look, key: str, *, first: bool = False) -> Para:
    return Para(
        (_b(look.say(key), look.colour),),
        key.removeprefix("card_"),
        space_before=0 if first else 0.6,
    )


# --- use cases ----------------------------------------------------------------------------


def _use_case(card: UseCaseCard, look: Look) -> CardFaces:
    def front(page: _Builder, rect: Rect) -> None:
        paras = [
            Para((_r(look.get(card.pitch)),), "pitch", scale=1.08),
            Para(
                (_i(look.get(card.question)),),
                "question",
                space_before=0.8,
                indent=0.9,
                bar=look.colour,
            ),
            Para((_label(look, "card_users"), _r(look.get(card.users))), "users", space_before=0.8),
        ]
        _body(page, rect, paras, max_size=8.5)

    def themes(codes: list[str]) -> list[Span]:
        spans: list[Span] = []
        for n, code in enumerate(codes):
            sep = ", " if n + 1 < len(codes) else ""
            spans += [_b(code + "\u00a0"), _r(look.get(inspire.theme(code).name) + sep)]
        return spans

    def back(page: _Builder, rect: Rect) -> None:
        scales = ", ".join(look.get(SCALE_LABELS[s]) for s in card.scales)
        paras = [
            Para(
                (_label(look, "card_capability"), _r(look.get(CAPABILITY_LABELS[card.capability]))),
                "capability",
            ),
            Para(
                (_label(look, "card_time_step"), _r(look.get(TIME_STEP_LABELS[card.time_step]))),
                "time_step",
                space_before=0.2,
            ),
            Para((_label(look, "card_scales"), _r(scales)), "scales", space_before=0.2),
            Para(
                (
                    _label(look, "card_implementation"),
                    _r(look.get(IMPLEMENTATION_LABELS[card.implementation])),
                ),
                "implementation",
                space_before=0.2,
            ),
            _heading(look, "card_themes"),
            Para(
                (_label(look, "card_primary"), *themes(card.themes.primary)),
                "themes.primary",
                space_before=0.2,
                bullet=Span("●", REGULAR, look.colour),
            ),
        ]
        if card.themes.secondary:
            paras.append(
                Para(
                    (_label(look, "card_secondary"), *themes(card.themes.secondary)),
                    "themes.secondary",
                    space_before=0.2,
                    bullet=Span("○", REGULAR, look.colour),
                )
            )
        paras.append(
            Para(
                (_label(look, "card_standards"), _r(", ".join(card.standards))),
                "standards",
                space_before=0.7,
            )
        )
        places = [
            look.get(e.territory) + ("" if e.country == "FR" else f"\u00a0({e.country})")
            for e in card.examples
        ]
        paras.append(
            Para(
                (_label(look, "card_examples"), _r(typeset(_DOT.join(places), look.lang))),
                "examples",
                space_before=0.2,
            )
        )
        paras.append(_sources_line(look, card))
        _body(page, rect, paras)

    return CardFaces(card.id, _front(card, look, front), _back(card, look, back))


# --- data ---------------------------------------------------------------------------------


def _data(card: DataCard, look: Look) -> CardFaces:
    theme = inspire.theme(card.theme)

    def front(page: _Builder, rect: Rect) -> None:
        u = page.u
        side = 12 * u
        qr = Rect(rect.right - side, rect.y, side, side)
        page.items.append(Qr(theme.uri, qr))
        caption = Rect(rect.x, rect.y, qr.x - rect.x - 2 * u, side)
        address = theme.uri.split("://", 1)[1]
        page.fit(
            [
                Para((_r(look.say("card_qr"), MUTED),), "theme", leading=1.1),
                Para(
                    (_b(address, MUTED),), "theme", leading=1.1, space_before=0.2, soft_breaks=False
                ),
            ],
            caption,
            max_size=FLOOR * look.scale,
            valign="bottom",
        )
        concepts: list[Span] = []
        for concept in card.geoconcepts:
            if concepts:
                concepts.append(_r(_DOT, look.colour))
            concepts.append(_r(look.get(concept)))
        paras = [
            Para((_r(look.get(card.summary)),), "summary"),
            _heading(look, "card_geoconcepts"),
            Para(tuple(concepts), "geoconcepts", space_before=0.2),
        ]
        body = Rect(rect.x, qr.top + 2 * u, rect.width, rect.top - qr.top - 2 * u)
        _body(page, body, paras)

    def back(page: _Builder, rect: Rect) -> None:
        paras = [_heading(look, "card_datasets", first=True)]
        for dataset in card.datasets:
            details = _DOT.join(
                (
                    look.get(dataset.producer),
                    look.get(CADENCE_LABELS[dataset.cadence]),
                    look.get(dataset.licence),
                )
            )
            paras.append(
                Para(
                    (_b(look.get(dataset.name)), _r(" — " + details)),
                    "datasets",
                    space_before=0.15,
                    bullet=Span("•", BOLD, look.colour),
                )
            )
        sources = _sources_line(look, card)
        if not (card.criteria and look.criteria):
            _body(page, rect, [*paras, sources])
            return
        # Criteria by name (« Nature : Vecteur ») where they fit, else by code (« C1 Vecteur »).
        variants = [
            [*paras, *_criteria(card, look, by_code=by_code), sources] for by_code in (False, True)
        ]
        page.fit_first(variants, rect, max_size=8.0 * look.scale)

    return CardFaces(card.id, _front(card, look, front), _back(card, look, back))


def _criteria(card: DataCard, look: Look, *, by_code: bool) -> list[Para]:
    """The card's values of the deck's criteria, the working group's (C1 to C3) apart from
    the kit's proposal (C4 onwards), each under its own heading."""
    paras: list[Para] = []
    for origin, heading in (
        ("working-group", "card_criteria_group"),
        ("kit", "card_criteria_kit"),
    ):
        spans: list[Span] = []
        for criterion in look.criteria:
            value = card.criteria.get(criterion.id)
            if value is None or criterion.origin != origin:
                continue
            ids = [value] if isinstance(value, str) else value
            labels = {c.id: c.label for c in criterion.values}
            shown = ", ".join(_short(look.get(labels[i])) if i in labels else i for i in ids)
            if spans:
                spans.append(_r(_DOT, look.colour))
            name = criterion.code + "\u00a0" if by_code else look.get(criterion.name) + _colon(look)
            spans += [_b(name, look.colour), _r(shown)]
        if spans:
            paras += [
                _heading(look, heading),
                Para(tuple(spans), "criteria", space_before=0.25),
            ]
    return paras


def _sources_line(look: Look, card: Card) -> Para:
    """« Sources : 3 » at the foot of a back: the references are on the deck's source sheet."""
    count = len(references(card))
    return Para(
        (_label(look, "card_sources"), _r(look.say("card_sources_count", count=count), MUTED)),
        "sources",
        space_before=0.5,
    )


# --- blank cards --------------------------------------------------------------------------

_FRONT_PROMPTS = ("title", "pitch", "users")
_BACK_PROMPTS = (
    "question",
    "scales",
    "time_step",
    "capability",
    "implementation",
    "themes",
    "standards",
    "examples",
)


def _writing(page: _Builder, rect: Rect, card: BlankCard, names: tuple[str, ...]) -> None:
    """Prompts with lines to write on: one block per prompt where room allows, else the
    prompts as a list above shared lines (small cards)."""
    try:
        _prompt_blocks(page, rect, card, names)
    except Overflow:
        _prompt_list(page, rect, card, names)


def _handwriting(look: Look) -> float:
    """Between two writing lines: a hand needs about 5 mm whatever the card."""
    return 5 * MM * min(look.scale, 1.3)


def _lines(page: _Builder, rect: Rect, top: float) -> None:
    """Writing lines from ``top`` down to the bottom of ``rect``."""
    pitch = _handwriting(page.look)
    y = top - pitch
    while y >= rect.y - 1e-6:
        page.items.append(Rule(Line(rect.x, y, rect.right, y), RULE, 0.5))
        y -= pitch


def _prompt_blocks(page: _Builder, rect: Rect, card: BlankCard, names: tuple[str, ...]) -> None:
    """One block per prompt: the prompt, then lines; the room left is shared evenly."""
    look = page.look
    gap = 1.2 * page.u
    paras = [
        [
            Para(
                (_b(look.get(getattr(card.prompts, name)), look.colour),),
                f"prompts.{name}",
                leading=1.1,
            )
        ]
        for name in names
    ]
    fixed = len(names) * _handwriting(look) + gap * (len(names) - 1)
    for size in sizes(7.5 * look.scale, FLOOR):
        texts = [set_at(p, size, rect.width) for p in paras]
        spare = rect.height - fixed - sum(text.height for text in texts)
        if spare >= 0:
            break
    else:
        raise Overflow(f"prompts.{names[-1]}")
    top = rect.top
    for text in texts:
        block = text.height + _handwriting(look) + spare / len(names)
        page.place(text, Rect(rect.x, top - block, rect.width, block))
        _lines(page, Rect(rect.x, top - block, rect.width, block), top - text.height)
        top -= block + gap


def _prompt_list(page: _Builder, rect: Rect, card: BlankCard, names: tuple[str, ...]) -> None:
    """The prompts as a list, then lines to write the answers on."""
    look = page.look
    paras = [
        Para(
            (_b(look.get(getattr(card.prompts, name)), look.colour),),
            f"prompts.{name}",
            leading=1.1,
            space_before=0.2,
            bullet=Span("›", BOLD, look.colour),
        )
        for name in names
    ]
    # The list takes what it needs, leaving at least two lines to write on.
    height = rect.height - 2 * _handwriting(look)
    fitted = page.fit(
        paras, Rect(rect.x, rect.top - height, rect.width, height), max_size=7 * look.scale
    )
    _lines(page, rect, rect.top - fitted.height)


def _blank(card: BlankCard, look: Look) -> CardFaces:
    def front(page: _Builder, rect: Rect) -> None:
        u = page.u
        intro = [Para((_i(look.get(card.instructions)),), "instructions")]
        room = Rect(rect.x, rect.top - rect.height * 0.3, rect.width, rect.height * 0.3)
        fitted = page.fit(intro, room, max_size=7.5 * look.scale)
        rest = rect.top - fitted.height - 3 * u - rect.y
        _writing(page, Rect(rect.x, rect.y, rect.width, rest), card, _FRONT_PROMPTS)

    def back(page: _Builder, rect: Rect) -> None:
        _writing(page, rect, card, _BACK_PROMPTS)

    return CardFaces(card.id, _front(card, look, front), _back(card, look, back))


# --- vocabulary ---------------------------------------------------------------------------


def _term(card: TermCard, look: Look) -> CardFaces:
    def front(page: _Builder, rect: Rect) -> None:
        _body(
            page,
            rect,
            [Para((_r(look.get(card.definition)),), "definition", leading=1.25)],
            max_size=8.5,
        )

    def back(page: _Builder, rect: Rect) -> None:
        reliability = f"{card.reliability} — {look.get(RELIABILITY_LABELS[card.reliability])}"
        dates = card.created + (
            f", {look.say('card_modified')} {card.modified}" if card.modified else ""
        )
        paras = [
            Para((_label(look, "card_source"), _r(look.get(card.source))), "source"),
            Para(
                (_label(look, "card_reliability"), _r(reliability)), "reliability", space_before=0.5
            ),
            Para((_label(look, "card_created"), _r(dates)), "created", space_before=0.5),
        ]
        if card.related:
            titles = look.titles or {}
            names = [look.get(titles[r]) if r in titles else r for r in card.related]
            paras.append(
                Para(
                    (_label(look, "card_related"), _r(", ".join(names))),
                    "related",
                    space_before=0.5,
                )
            )
        _body(page, rect, paras)

    return CardFaces(card.id, _front(card, look, front), _back(card, look, back))


# --- key questions ------------------------------------------------------------------------


def _implied(answer_implies: object, look: Look) -> list[str]:
    found: list[str] = []
    labels: dict[str, Mapping[str, Message]] = {
        "capability": CAPABILITY_LABELS,
        "implementation": IMPLEMENTATION_LABELS,
        "scale": SCALE_LABELS,
        "time_step": TIME_STEP_LABELS,
    }
    for name, table in labels.items():
        value = getattr(answer_implies, name, None)
        if value is not None:
            found.append(look.get(table[value]))
    return found


def _question(card: QuestionCard, look: Look) -> CardFaces:
    def front(page: _Builder, rect: Rect) -> None:
        note = look.say("card_multiple" if card.multiple else "card_single")
        paras = [Para((_i(note, MUTED),), "multiple")]
        for answer in card.answers:
            paras.append(
                Para(
                    (_r(look.get(answer.label)),),
                    "answers",
                    space_before=0.35,
                    bullet=Span("☐", REGULAR, look.colour),
                )
            )
        _body(page, rect, paras, max_size=8.5)

    def back(page: _Builder, rect: Rect) -> None:
        paras: list[Para] = []
        if card.hint is not None:
            paras += [
                _heading(look, "card_why", first=True),
                Para((_i(look.get(card.hint)),), "hint", space_before=0.2),
            ]
        paras.append(_heading(look, "card_implies", first=not paras))
        implied = [(a, _implied(a.implies, look)) for a in card.answers if a.implies is not None]
        implied = [(a, found) for a, found in implied if found]
        for answer, found in implied:
            paras.append(
                Para(
                    (_b(look.get(answer.label)), _r(" → " + ", ".join(found))),
                    "answers",
                    space_before=0.25,
                    bullet=Span("•", BOLD, look.colour),
                )
            )
        if not implied:
            paras.append(Para((_r(look.say("card_no_implies")),), "answers", space_before=0.25))
        _body(page, rect, paras)

    return CardFaces(card.id, _front(card, look, front), _back(card, look, back))


# --- every card ---------------------------------------------------------------------------


def lay_out(card: Card, look: Look) -> CardFaces:
    """Both faces of ``card``.

    Raises
    ------
    Overflow
        When a text of the card does not fit its box even at the floor size;
        the error names the card, the language, the card size and the field.
    """
    if isinstance(card, UseCaseCard):
        return _use_case(card, look)
    if isinstance(card, DataCard):
        return _data(card, look)
    if isinstance(card, BlankCard):
        return _blank(card, look)
    if isinstance(card, TermCard):
        return _term(card, look)
    return _question(card, look)


def lay_out_decks(
    decks: Decks,
    deck_ids: Iterable[str] | None = None,
    *,
    card_size: CardName = "poker",
    lang: Lang = "fr",
    progress: Callable[[int, int], None] | None = None,
) -> list[CardFaces]:
    """Lay out every card of the chosen decks (default: all), deck after deck.

    ``progress(done, total)`` is called after each card.
    """
    chosen = [decks[d] for d in deck_ids] if deck_ids else list(decks.values())
    titles = {c.id: c.title for d in decks.values() for c in d.cards}
    total = sum(len(d) for d in chosen)
    done = 0
    faces: list[CardFaces] = []
    for deck in chosen:
        for card in deck.cards:
            look = look_for(card, deck, size_name=card_size, lang=lang, titles=titles)
            faces.append(lay_out(card, look))
            done += 1
            if progress is not None:
                progress(done, total)
    return faces
