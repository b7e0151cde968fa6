"""Polls: what is voted on, and how.

Three ways to vote, each over use cases, data cards or the proposed cards:

- ``approval``: tick up to k cards (the working group's « top 10 » survey, unordered);
- ``ranked``: rank up to k cards, best first (a top-k ranking);
- ``dots``: spread N dots over the cards, several on one card if one likes.

A new session opens two ranked top-10 polls: ``uc`` over use cases and
``data`` over data cards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from jnt_fresque.i18n import Message, Text
from jnt_fresque.workshop.errors import WorkshopError

POLL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
MAX_K = 50


class Method(StrEnum):
    """How a ballot is filled."""

    approval = "approval"
    ranked = "ranked"
    dots = "dots"


class Subject(StrEnum):
    """Which cards a poll is about."""

    uc = "uc"
    data = "data"
    proposed = "proposed"


METHOD_LABELS: dict[Method, Message] = {
    Method.approval: Message("method_approval"),
    Method.ranked: Message("method_ranked"),
    Method.dots: Message("method_dots"),
}
SUBJECT_LABELS: dict[Subject, Message] = {
    Subject.uc: Message("subject_uc"),
    Subject.data: Message("subject_data"),
    Subject.proposed: Message("subject_proposed"),
}


def default_title(method: Method, subject: Subject, *, k: int = 10, dots: int = 10) -> Message:
    """The title a new poll gets (« Top 10 : cas d’usage »): the kit's own words, so a
    message of the catalogues, said in each reader's language.

    Examples
    --------
    >>> default_title(Method.dots, Subject.uc, dots=5).en
    '5 dots: use cases'
    """
    label = SUBJECT_LABELS[subject]
    if method is Method.dots:
        return Message.of("poll_title_dots", dots=dots, subject=label)
    return Message.of("poll_title_top", limit=k, subject=label)


# A poll's title: the kit's words (a `Message`, in every catalogue language), or a
# facilitator's own title (a `Text`, kept as typed).
Title = Text | Message


@dataclass(frozen=True, slots=True)
class Poll:
    """One question put to the vote.

    Examples
    --------
    >>> poll = Poll("uc", Text(fr="Top 10", en="Top 10"), Method.ranked, Subject.uc)
    >>> poll.limit
    10
    """

    id: str
    title: Title
    method: Method
    subject: Subject
    k: int = 10  # at most k cards on a ballot (approval, ranked)
    dots: int = 0  # dots per participant (dots)
    open: bool = True

    @property
    def limit(self) -> int:
        """How many entries a ballot holds at most: k cards, or N dots."""
        return self.dots if self.method is Method.dots else self.k

    def closed(self) -> Poll:
        """This poll, closed."""
        return replace(self, open=False)


def default_polls() -> tuple[Poll, ...]:
    """The polls a new session starts with: top 10 use cases and top 10 data cards."""
    return (
        Poll(
            "uc",
            Message("poll_default_uc"),
            Method.ranked,
            Subject.uc,
        ),
        Poll(
            "data",
            Message("poll_default_data"),
            Method.ranked,
            Subject.data,
        ),
    )


def check_poll(poll: Poll) -> Poll:
    """``poll`` if its id, k and dots make sense."""
    if not POLL_ID.match(poll.id):
        raise WorkshopError("bad_poll_id", value=poll.id)
    if poll.method is Method.dots:
        if not 1 <= poll.dots <= 100:
            raise WorkshopError("bad_dots", value=poll.dots)
    elif not 1 <= poll.k <= MAX_K:
        raise WorkshopError("bad_k", value=poll.k, max=MAX_K)
    return poll
