"""What a participant may do in each phase of the session.

The store enforces what must never happen (a ballot in a closed poll, anything in
a closed session); these rules add what the facilitator's phases mean on the
participants' screens: links are placed while linking or proposing, cards are
proposed while proposing, ballots are cast while voting.
"""

from __future__ import annotations

from collections.abc import Iterable

from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Poll
from jnt_fresque.workshop.session import Session

LINK_PHASES = frozenset({Phase.link, Phase.propose})
PROPOSE_PHASES = frozenset({Phase.propose})
VOTE_PHASES = frozenset({Phase.vote})


def may_link(session: Session) -> bool:
    """Whether links can be placed on the board now.

    Examples
    --------
    >>> may_link(Session("K7MQ2X", "Essai", "2025-06-12", phase=Phase.link))
    True
    """
    return not session.closed and session.phase in LINK_PHASES


def may_propose(session: Session) -> bool:
    """Whether blank cards can be filled in now."""
    return not session.closed and session.phase in PROPOSE_PHASES


def may_vote(session: Session) -> bool:
    """Whether ballots are taken now (each poll must be open too)."""
    return not session.closed and session.phase in VOTE_PHASES


def open_polls(polls: Iterable[Poll]) -> list[Poll]:
    """The polls that take ballots, in the session's order."""
    return [poll for poll in polls if poll.open]
