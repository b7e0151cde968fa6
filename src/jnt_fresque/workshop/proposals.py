"""Proposed cards: new use cases written on blank cards during the session.

A proposal gets an id of its own (``prop-…``) so that it can be linked to data
cards and voted on like a card of the deck.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass

from jnt_fresque.workshop.errors import WorkshopError

PREFIX = "prop-"
MAX_TITLE = 60  # what fits on a printed card's title line
MAX_PITCH = 280


@dataclass(frozen=True, slots=True)
class Proposal:
    """A use case a participant or a table proposed.

    Examples
    --------
    >>> Proposal("prop-a1b2c3", "Îlots de chaleur", data=("data-lc",), table=4).title
    'Îlots de chaleur'
    """

    id: str
    title: str
    pitch: str = ""
    data: tuple[str, ...] = ()  # the data cards its authors say it needs
    blank: str | None = None  # the blank card it was written on
    participant: str | None = None
    table: int | None = None
    created_at: str = ""


def new_proposal_id() -> str:
    """A fresh id for a proposed card, e.g. ``prop-3fa9c1``."""
    return PREFIX + secrets.token_hex(3)


def check_proposal(
    proposal: Proposal, *, data: Collection[str], blanks: Collection[str]
) -> Proposal:
    """``proposal`` tidied, if its title, pitch, data cards and blank card are acceptable."""
    title = " ".join(proposal.title.split())
    pitch = " ".join(proposal.pitch.split())
    if not 3 <= len(title) <= MAX_TITLE:
        raise WorkshopError("proposal_title", max=MAX_TITLE)
    if len(pitch) > MAX_PITCH:
        raise WorkshopError("proposal_pitch", max=MAX_PITCH)
    unknown = [card for card in proposal.data if card not in data]
    if unknown:
        raise WorkshopError("proposal_unknown_data", values=", ".join(unknown))
    if len(set(proposal.data)) != len(proposal.data):
        raise WorkshopError("proposal_data_twice")
    if proposal.blank is not None and proposal.blank not in blanks:
        raise WorkshopError("proposal_unknown_blank", value=proposal.blank)
    if not proposal.participant and proposal.table is None:
        raise WorkshopError("proposal_no_author")
    return Proposal(
        proposal.id,
        title,
        pitch,
        proposal.data,
        proposal.blank,
        proposal.participant,
        proposal.table,
        proposal.created_at,
    )
