"""Loaded decks: a `Deck` is a manifest and its cards; `Decks` is all of them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jnt_fresque.cards.model import Card, DeckManifest


@dataclass(frozen=True)
class Deck:
    """One deck: its manifest, its cards in order, and the folder it came from."""

    manifest: DeckManifest
    cards: tuple[Card, ...]
    path: Path | None = None

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def kind(self) -> str:
        return self.manifest.kind

    def __len__(self) -> int:
        return len(self.cards)

    def __iter__(self) -> Iterator[Card]:
        return iter(self.cards)


@dataclass(frozen=True)
class Decks(Mapping[str, Deck]):
    """Every loaded deck by id, with card look-up across decks.

    Examples
    --------
    >>> from jnt_fresque import load_decks
    >>> decks = load_decks()
    >>> decks.card("data-bu").kind
    'data'
    """

    decks: tuple[Deck, ...]
    _by_id: dict[str, Deck] = field(init=False, repr=False)
    _cards: dict[str, Card] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {d.id: d for d in self.decks})
        object.__setattr__(self, "_cards", {c.id: c for d in self.decks for c in d.cards})

    def __getitem__(self, deck_id: str) -> Deck:
        try:
            return self._by_id[deck_id]
        except KeyError:
            raise KeyError(f"no deck {deck_id!r}; decks: {', '.join(self._by_id)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def card(self, card_id: str) -> Card:
        """The card with this id, in whichever deck it is."""
        try:
            return self._cards[card_id]
        except KeyError:
            raise KeyError(f"no card {card_id!r} in the loaded decks") from None

    def cards(self, kind: str | None = None) -> tuple[Card, ...]:
        """All cards, or those of one kind, deck after deck."""
        return tuple(c for d in self.decks for c in d.cards if kind is None or c.kind == kind)
