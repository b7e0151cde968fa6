"""Browsing the decks in the app: search, filter, and a card's details as plain lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from jnt_fresque.cards.model import Card
from jnt_fresque.i18n import Lang, Text

# Fields shown under the image, in this order when a card has them.
DETAIL_FIELDS = ("pitch", "summary", "users", "question", "definition", "instructions", "hint")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def details(card: Card, lang: Lang) -> list[tuple[str, str]]:
    """(field, text) pairs of a card's texts in ``lang``, for the card's detail view."""
    found: list[tuple[str, str]] = []
    for name in DETAIL_FIELDS:
        value = getattr(card, name, None)
        if isinstance(value, Text):
            found.append((name, value.get(lang)))
    themes = getattr(card, "themes", None)
    if themes is not None:
        found.append(("themes", ", ".join(themes.codes)))
    return found


def search(cards: Iterable[Card], query: str, lang: Lang) -> list[Card]:
    """The cards whose id, title (in any of its languages) or texts contain every word of
    ``query`` (accents and case ignored).

    Examples
    --------
    >>> from jnt_fresque import default_decks
    >>> "data-bu" in [c.id for c in search(default_decks().cards("data"), "BATIMENTS", "fr")]
    True
    """
    words = _plain(query).split()
    kept = []
    for card in cards:
        haystack = _plain(
            " ".join([card.id, *card.title.as_dict().values()])
            + " "
            + " ".join(text for _, text in details(card, lang))
        )
        if all(word in haystack for word in words):
            kept.append(card)
    return kept
