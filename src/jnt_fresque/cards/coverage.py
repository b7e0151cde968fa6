"""The use case × INSPIRE theme coverage matrix: the links the game is expected to produce.

Each use case says which themes it needs (primary or secondary); the matrix puts
them side by side, so that a facilitator sees which data cards every table will
reach for, and which ones no use case needs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from jnt_fresque.cards.deck import Decks
from jnt_fresque.cards.model import UseCaseCard
from jnt_fresque.i18n import Lang
from jnt_fresque.reference import inspire

MARKS = {"primary": "●", "secondary": "○"}


@dataclass(frozen=True)
class Coverage:
    """Which use case needs which theme, and how strongly."""

    use_cases: tuple[UseCaseCard, ...]
    weights: dict[tuple[str, str], str]  # (use case id, theme code) → primary | secondary

    def weight(self, use_case: str, theme: str) -> str | None:
        """``primary``, ``secondary`` or None."""
        return self.weights.get((use_case, theme))

    def demand(self, theme: str) -> tuple[int, int]:
        """How many use cases need ``theme``: (as primary, as secondary)."""
        found = [w for (_, code), w in self.weights.items() if code == theme]
        return found.count("primary"), found.count("secondary")

    @property
    def needed(self) -> tuple[str, ...]:
        """The theme codes at least one use case needs, in the register's order."""
        codes = {code for _, code in self.weights}
        return tuple(t.code for t in inspire.THEMES if t.code in codes)

    def to_csv(self, *, lang: Lang = "fr") -> str:
        """The matrix as CSV: one row per use case, one column per theme (P, S or empty)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "title", *(t.code for t in inspire.THEMES)])
        for card in self.use_cases:
            cells = [
                {"primary": "P", "secondary": "S"}.get(self.weight(card.id, t.code) or "", "")
                for t in inspire.THEMES
            ]
            writer.writerow([card.id, card.title.get(lang), *cells])
        return out.getvalue()


def coverage(decks: Decks) -> Coverage:
    """The coverage matrix of every use case in ``decks``."""
    use_cases = tuple(c for c in decks.cards("uc") if isinstance(c, UseCaseCard))
    weights: dict[tuple[str, str], str] = {}
    for card in use_cases:
        for code in card.themes.primary:
            weights[(card.id, code)] = "primary"
        for code in card.themes.secondary:
            weights[(card.id, code)] = "secondary"
    return Coverage(use_cases, weights)
