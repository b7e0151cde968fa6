"""jnt-fresque: the fresque du jumeau numérique du territoire, as a workshop and teaching kit.

The public names are listed in ``__all__``; they are imported on first use, so
that ``import jnt_fresque`` stays fast for the command line and the apps.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from jnt_fresque._version import __version__

if TYPE_CHECKING:
    from jnt_fresque import printing, scoping, store, twin, workshop
    from jnt_fresque._show_versions import show_versions
    from jnt_fresque.cards.deck import Deck, Decks
    from jnt_fresque.cards.loader import check_decks, default_decks, load_decks
    from jnt_fresque.cards.model import (
        BlankCard,
        Card,
        DataCard,
        DeckManifest,
        QuestionCard,
        TermCard,
        UseCaseCard,
    )
    from jnt_fresque.cards.problems import DeckError, Problem
    from jnt_fresque.i18n import Text
    from jnt_fresque.reference import inspire, samples

__all__ = [
    "BlankCard",
    "Card",
    "DataCard",
    "Deck",
    "DeckError",
    "DeckManifest",
    "Decks",
    "Problem",
    "QuestionCard",
    "TermCard",
    "Text",
    "UseCaseCard",
    "__version__",
    "check_decks",
    "default_decks",
    "inspire",
    "load_decks",
    "printing",
    "samples",
    "scoping",
    "show_versions",
    "store",
    "twin",
    "workshop",
]

_WHERE: dict[str, str] = {
    "BlankCard": "jnt_fresque.cards.model",
    "Card": "jnt_fresque.cards.model",
    "DataCard": "jnt_fresque.cards.model",
    "Deck": "jnt_fresque.cards.deck",
    "DeckError": "jnt_fresque.cards.problems",
    "DeckManifest": "jnt_fresque.cards.model",
    "Decks": "jnt_fresque.cards.deck",
    "Problem": "jnt_fresque.cards.problems",
    "QuestionCard": "jnt_fresque.cards.model",
    "TermCard": "jnt_fresque.cards.model",
    "Text": "jnt_fresque.i18n",
    "UseCaseCard": "jnt_fresque.cards.model",
    "check_decks": "jnt_fresque.cards.loader",
    "default_decks": "jnt_fresque.cards.loader",
    "load_decks": "jnt_fresque.cards.loader",
    "show_versions": "jnt_fresque._show_versions",
}
# Public sub-packages, and the two reference modules kept short to type in a notebook.
_MODULES = {
    "inspire": "jnt_fresque.reference.inspire",
    "printing": "jnt_fresque.printing",
    "samples": "jnt_fresque.reference.samples",
    "scoping": "jnt_fresque.scoping",
    "store": "jnt_fresque.store",
    "twin": "jnt_fresque.twin",
    "workshop": "jnt_fresque.workshop",
}


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return import_module(_MODULES[name])
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value  # later look-ups skip this hook
        return value
    raise AttributeError(f"module 'jnt_fresque' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
