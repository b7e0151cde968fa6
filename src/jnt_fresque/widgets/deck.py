"""A pydeck map shown without internet: deck.gl inlined in the page, in an iframe."""

from __future__ import annotations

from html import escape
from typing import Any


def deck_frame(deck: Any, *, height: int = 460) -> str:
    """The HTML of an iframe that draws ``deck`` with deck.gl inlined (works offline).

    Examples
    --------
    >>> from jnt_fresque.twin import maps
    >>> from jnt_fresque.twin import city
    >>> deck_frame(maps.buildings_3d(city.buildings(limit=5))).startswith('<iframe class="jnt-map"')
    True
    """
    page = deck.to_html(as_string=True, offline=True, notebook_display=False)
    return (
        f'<iframe class="jnt-map" srcdoc="{escape(page)}" '
        f'style="width:100%;height:{height}px;border:0"></iframe>'
    )


def show_deck(deck: Any, *, height: int = 460) -> Any:
    """``deck`` as a widget a notebook or a Voilà dashboard displays, even offline."""
    import ipywidgets as w  # type: ignore[import-untyped]

    return w.HTML(deck_frame(deck, height=height))
