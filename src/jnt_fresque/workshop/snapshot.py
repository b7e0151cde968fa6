"""Everything a session holds at one moment: what tallies, exports and the report read.

The store builds a `Snapshot` in one read transaction, so that every figure of
a report comes from the same state of the session.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant
from jnt_fresque.workshop.polls import Poll, Subject
from jnt_fresque.workshop.proposals import Proposal
from jnt_fresque.workshop.session import Session

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks


@dataclass(frozen=True, slots=True)
class VoteCode:
    """A printed single-use voting code, and when it was first used (empty: not yet)."""

    code: str
    used_at: str = ""


@dataclass(frozen=True)
class Snapshot:
    """A session with its participants, polls, ballots, links, proposals and voting codes."""

    session: Session
    participants: tuple[Participant, ...] = ()
    polls: tuple[Poll, ...] = ()
    ballots: tuple[Ballot, ...] = ()
    links: tuple[Link, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    vote_codes: tuple[VoteCode, ...] = ()
    _participants: dict[str, Participant] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_participants", {p.token: p for p in self.participants})

    def poll(self, poll_id: str) -> Poll:
        """The poll ``poll_id``, or a refusal listing the session's polls."""
        for poll in self.polls:
            if poll.id == poll_id:
                return poll
        raise WorkshopError(
            "unknown_poll", value=poll_id, expected=", ".join(p.id for p in self.polls) or "-"
        )

    def ballots_of(self, poll_id: str) -> tuple[Ballot, ...]:
        """The ballots of one poll."""
        return tuple(b for b in self.ballots if b.poll == poll_id)

    def participant(self, token: str) -> Participant:
        """The participant with this token (one without profile or table if unknown)."""
        return self._participants.get(token) or Participant(token)

    @property
    def participants_by_token(self) -> dict[str, Participant]:
        """Participants by token."""
        return dict(self._participants)


def candidates(subject: Subject, decks: Decks, proposals: Collection[Proposal]) -> frozenset[str]:
    """The card ids a poll over ``subject`` may name."""
    if subject is Subject.proposed:
        return frozenset(p.id for p in proposals)
    return frozenset(card.id for card in decks.cards(subject.value))


def title_of(
    card_id: str, decks: Decks, proposals: Collection[Proposal], lang: Lang | None = None
) -> str:
    """A card's title in ``lang`` (a proposal's as written; the id if unknown)."""
    for proposal in proposals:
        if proposal.id == card_id:
            return proposal.title
    try:
        return decks.card(card_id).title.get(lang)
    except KeyError:
        return card_id
