"""The fresque's cards on screen: the live board and the ballot on card tiles.

Both are Streamlit components (``st.components.v2``, which ships with Streamlit and
needs no build step) whose JavaScript and CSS are files of this package
(``app/assets/``): nothing is fetched from the internet, so a room without a
connection works. This module registers them and turns cards, links and ballots into
the plain data they draw; it holds no rule of the workshop.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jnt_fresque.app.text import say
from jnt_fresque.i18n import Lang

if TYPE_CHECKING:
    from jnt_fresque.store.boards import BoardView
    from jnt_fresque.workshop.proposals import Proposal

ASSETS = Path(__file__).resolve().parent / "assets"
PROPOSED_COLOUR = "#6b6b6b"  # a proposed card has no deck: a neutral colour

# The words the components show, by the name their JavaScript knows them by.
BOARD_LABELS = {
    "pick_uc": "app_board_js_pick_uc",
    "pick_data": "app_board_js_pick_data",
    "pick_uc_first": "app_board_js_pick_uc_first",
    "add_label": "app_board_js_add_label",
    "add_placeholder": "app_board_js_add_placeholder",
    "no_results": "app_board_js_no_results",
    "unplace": "app_board_js_unplace",
    "use_cases": "app_board_js_use_cases",
    "data_cards": "app_board_js_data_cards",
    "links": "app_board_js_links",
    "no_links": "app_board_js_no_links",
    "empty": "app_board_js_empty",
    "uc_word": "app_board_js_uc_word",
    "data_word": "app_board_js_data_word",
}
TILES_LABELS = {
    "search": "app_tiles_search",
    "no_results": "app_tiles_no_results",
    "count": "app_tiles_count",
    "full": "app_tiles_full",
    "order": "app_tiles_order",
    "up": "app_tiles_up",
    "down": "app_tiles_down",
    "dots_count": "app_tiles_dots_count",
    "dots_full": "app_tiles_dots_full",
    "dots_list": "app_tiles_dots_list",
    "dots_add": "app_tiles_dots_add",
    "dots_remove": "app_tiles_dots_remove",
}


@lru_cache(maxsize=4)
def _component(name: str) -> Callable[..., Any]:
    import streamlit as st

    js = (ASSETS / f"{name}.js").read_text(encoding="utf-8")
    css = (ASSETS / f"{name}.css").read_text(encoding="utf-8")
    return st.components.v2.component(f"jnt_fresque.{name}", js=js, css=css)


def as_json(data: Mapping[str, Any]) -> bytes:
    """``data`` as the one JSON text a component receives, in UTF-8 bytes: Streamlit sends
    bytes as they are, where a structure, or a text, is walked and serialized again (and
    again to name the element) on every run."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def board_component() -> Callable[..., Any]:
    """The board's mount function (registered once per process)."""
    return _component("board")


def tiles_component() -> Callable[..., Any]:
    """The card tiles' mount function (registered once per process)."""
    return _component("tiles")


@lru_cache(maxsize=64)
def icon_markup(name: str) -> str:
    """The inside of a theme icon's SVG (its shapes), from the kit's own Tabler files."""
    from jnt_fresque.printing.icons import path

    text = path(name).read_text(encoding="utf-8")
    inner = text[text.index(">", text.index("<svg")) + 1 : text.rindex("</svg>")]
    # The grid's invisible bounding square is no shape to draw.
    inner = re.sub(r'<path stroke="none"[^>]*/>', "", inner)
    return " ".join(inner.split())


@lru_cache(maxsize=4)
def deck_faces(lang: Lang) -> tuple[tuple[dict[str, str], ...], tuple[dict[str, str], ...]]:
    """The kit's use cases and data cards as the screen draws them (id, title, colour,
    icon), in ``lang``; made once per process and language."""
    from jnt_fresque.app.resources import decks
    from jnt_fresque.cards.model import DataCard, UseCaseCard

    ucs: list[dict[str, str]] = []
    data: list[dict[str, str]] = []
    found = decks()
    for deck_id in found:
        deck = found[deck_id]
        colours = deck.manifest.colours
        for card in deck:
            if isinstance(card, UseCaseCard):
                ucs.append(
                    {"id": card.id, "title": card.title.get(lang), "colour": colours["primary"]}
                )
            elif isinstance(card, DataCard):
                colour = colours.get(f"annex-{card.annex.lower()}", colours["primary"])
                data.append(
                    {
                        "id": card.id,
                        "title": card.title.get(lang),
                        "colour": colour,
                        "icon": card.icon,
                    }
                )
    ucs.sort(key=lambda c: c["title"].casefold())
    data.sort(key=lambda c: c["id"])
    return tuple(ucs), tuple(data)


def _icons(cards: Iterable[Mapping[str, str]]) -> dict[str, str]:
    return {c["icon"]: icon_markup(c["icon"]) for c in cards if c.get("icon")}


def board_data(
    view: BoardView,
    *,
    lang: Lang,
    proposals: Sequence[Proposal] = (),
    editable: bool,
    key: Mapping[str, Mapping[str, list[str]]] | None = None,
    widths: Mapping[tuple[str, str], int] | None = None,
    wide: bool = False,
) -> dict[str, Any]:
    """What the board component draws for ``view`` (plain JSON data)."""
    ucs, data = deck_faces(lang)
    extra = [{"id": p.id, "title": p.title, "colour": PROPOSED_COLOUR} for p in proposals]
    return {
        "version": view.version,
        "editable": editable,
        "wide": wide,
        "labels": {name: say(key, lang) for name, key in BOARD_LABELS.items()},
        "ucs": [*ucs, *extra],
        "data": list(data),
        "icons": _icons(data),
        "placed": {card: list(at) for card, at in view.layout.items()},
        "links": [
            {
                "uc": link.use_case,
                "data": link.data,
                "note": link.note,
                **({"width": widths[(link.use_case, link.data)]} if widths else {}),
            }
            for link in view.links
        ],
        "key": dict(key) if key else None,
    }


def tiles_poll(
    poll_id: str,
    cards: Sequence[str],
    chosen: Sequence[str],
    *,
    label: str,
    lang: Lang,
    limit: int,
    ranked: bool,
    titles: Mapping[str, str],
    dots: bool = False,
) -> dict[str, Any]:
    """One poll of the ballot's tiles: ``cards`` in the participant's order, those
    ``chosen`` (known candidates only, up to ``limit``).

    ``dots``: a dot poll, ``limit`` dots in all, a card named once per dot in ``chosen``.
    """
    ucs, data = deck_faces(lang)
    faces = {c["id"]: c for c in (*ucs, *data)}
    shown = [
        {
            **faces.get(card, {"colour": PROPOSED_COLOUR}),
            "id": card,
            "title": titles.get(card, card),
        }
        for card in cards
    ]
    return {
        "id": poll_id,
        "label": label,
        "cards": shown,
        "chosen": [c for c in chosen if c in set(cards)][:limit],
        "limit": limit,
        "ranked": ranked,
        "dots": dots,
    }


def tiles_data(polls: Sequence[Mapping[str, Any]], *, lang: Lang) -> dict[str, Any]:
    """What the ballot's tiles draw: each poll (`tiles_poll`), in the page's order, with
    the theme icons of their cards and the tiles' words in ``lang``."""
    return {
        "polls": list(polls),
        "icons": _icons(card for poll in polls for card in poll["cards"]),
        "labels": {name: say(key, lang) for name, key in TILES_LABELS.items()},
    }
