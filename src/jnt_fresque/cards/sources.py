"""The references a card stands on: one per example territory and per dataset.

The source sheet of the facilitator pack and the app's card page list them; a card's back
shows how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from jnt_fresque.cards.model import Card, DataCard, Reference, UseCaseCard
from jnt_fresque.i18n import Text


@dataclass(frozen=True, slots=True)
class Backing:
    """One claim of a card (an example, a dataset) and a reference that backs it."""

    claim: Text
    reference: Reference


def references(card: Card) -> list[Backing]:
    """The card's claims with their references, in the card's order.

    Examples
    --------
    >>> from jnt_fresque import default_decks
    >>> found = references(default_decks().card("data-ad"))
    >>> found[0].reference.url.startswith("https://")
    True
    """
    found: list[Backing] = []
    if isinstance(card, UseCaseCard):
        for example in card.examples:
            claim = Text(
                fr=f"{example.territory.fr} — {example.project} ({example.year})",
                en=f"{example.territory.en} — {example.project} ({example.year})",
            )
            found += [Backing(claim, ref) for ref in example.sources]
    elif isinstance(card, DataCard):
        for dataset in card.datasets:
            found += [Backing(dataset.name, ref) for ref in dataset.sources]
    return found
