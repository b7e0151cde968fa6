"""The phases of a fresque session, in the order the facilitator runs them.

discover → link → propose → vote → results. The phase tells every screen what
to show (the cards, the board, the blank cards, the ballot, the projector's
results); moving to ``results`` closes the polls, so that the figures shown
stop moving.
"""

from __future__ import annotations

from enum import StrEnum

from jnt_fresque.i18n import Text


class Phase(StrEnum):
    """A moment of the workshop."""

    discover = "discover"
    link = "link"
    propose = "propose"
    vote = "vote"
    results = "results"

    @property
    def label(self) -> Text:
        """The phase's name on screen."""
        return LABELS[self]

    @property
    def next(self) -> Phase | None:
        """The phase after this one (None after ``results``)."""
        order = list(Phase)
        at = order.index(self)
        return order[at + 1] if at + 1 < len(order) else None


LABELS: dict[Phase, Text] = {
    Phase.discover: Text(fr="Découverte des cartes", en="Discovering the cards"),
    Phase.link: Text(fr="Liens cas d’usage → données", en="Linking use cases to data"),
    Phase.propose: Text(fr="Propositions de cartes", en="Proposing cards"),
    Phase.vote: Text(fr="Vote du top 10", en="Voting the top 10"),
    Phase.results: Text(fr="Résultats", en="Results"),
}
