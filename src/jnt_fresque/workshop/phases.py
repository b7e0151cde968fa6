"""The phases of a fresque session, in the order the facilitator runs them.

discover → link → propose → vote → results. The phase tells every screen what
to show (the cards, the board, the blank cards, the ballot, the projector's
results); moving to ``results`` closes the polls, so that the figures shown
stop moving.
"""

from __future__ import annotations

from enum import StrEnum

from jnt_fresque.i18n import Message


class Phase(StrEnum):
    """A moment of the workshop."""

    discover = "discover"
    link = "link"
    propose = "propose"
    vote = "vote"
    results = "results"

    @property
    def label(self) -> Message:
        """The phase's name on screen."""
        return LABELS[self]

    @property
    def next(self) -> Phase | None:
        """The phase after this one (None after ``results``)."""
        order = list(Phase)
        at = order.index(self)
        return order[at + 1] if at + 1 < len(order) else None


# The names are in the catalogues: each screen says them in its reader's language.
LABELS: dict[Phase, Message] = {
    Phase.discover: Message("phase_discover"),
    Phase.link: Message("phase_link"),
    Phase.propose: Message("phase_propose"),
    Phase.vote: Message("phase_vote"),
    Phase.results: Message("phase_results"),
}
