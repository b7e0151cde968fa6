"""Ballots and the rules they obey.

A ballot is one participant's answer to one poll: the card ids in the order the
participant put them (best first for a ranked poll; any order for approval; one
entry per dot for dot voting, so a card with three dots appears three times).

Rules: one ballot per participant and poll (a new one replaces the old one, it
is never a second vote); a ballot for a closed poll, naming unknown cards,
naming a card twice (except dots) or holding more than k cards (N dots) is
refused as a whole, with every reason at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from jnt_fresque.i18n import t
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.polls import SUBJECT_LABELS, Method, Poll

_REPEAT = re.compile(r"^(?P<card>[^*×]+?)\s*[*×]\s*(?P<n>\d{1,3})$")


@dataclass(frozen=True, slots=True)
class Ballot:
    """One participant's answer to one poll.

    Examples
    --------
    >>> Ballot("uc", "p1", ("uc-inondation", "uc-mobilite")).choices[0]
    'uc-inondation'
    """

    poll: str
    participant: str
    choices: tuple[str, ...]
    submitted_at: str = ""

    def levels(self, method: Method) -> dict[str, int]:
        """Each card named → its level on this ballot, 0 the best (ties share a level).

        A ranked ballot gives one level per position; an approval ballot puts
        every card at level 0; a dot ballot orders cards by their dots.
        """
        if method is Method.ranked:
            return {card: at for at, card in enumerate(self.choices)}
        if method is Method.approval:
            return dict.fromkeys(self.choices, 0)
        counts = Counter(self.choices)
        distinct = sorted(set(counts.values()), reverse=True)
        return {card: distinct.index(n) for card, n in counts.items()}


class BallotRefused(WorkshopError):
    """A ballot that breaks a rule; ``reasons`` lists every rule it breaks."""

    def __init__(self, poll: str, reasons: Sequence[str]) -> None:
        super().__init__("ballot_refused", poll=poll, reasons=" ; ".join(reasons))
        self.reasons = tuple(reasons)


def parse_choices(text: str) -> tuple[str, ...]:
    """Card ids from a spreadsheet cell: ``a;b;c``, and ``a*3`` for three dots on ``a``.

    Examples
    --------
    >>> parse_choices("uc-a; uc-b ;; uc-c")
    ('uc-a', 'uc-b', 'uc-c')
    >>> parse_choices("data-bu*2;data-hy")
    ('data-bu', 'data-bu', 'data-hy')
    """
    found: list[str] = []
    for part in re.split(r"[;\n|]", text):
        item = part.strip()
        if not item:
            continue
        repeat = _REPEAT.match(item)
        if repeat:
            found.extend([repeat["card"].strip()] * int(repeat["n"]))
        else:
            found.append(item)
    return tuple(found)


def check_ballot(
    poll: Poll, choices: Iterable[str], candidates: Collection[str]
) -> tuple[str, ...]:
    """The choices as they will be kept, if ``poll`` accepts them; else `BallotRefused`.

    ``candidates`` are the ids a ballot of this poll may name (the deck's use
    cases, its data cards, or the session's proposed cards). Dot ballots are
    kept in a canonical order so that the same dots are the same ballot.
    """
    chosen = tuple(c.strip() for c in choices)
    reasons: list[str] = []
    if not poll.open:
        reasons.append(t("poll_closed", poll=poll.id))
    if not chosen:
        reasons.append(t("ballot_empty"))
    unknown = sorted({c for c in chosen if c not in candidates})
    if unknown:
        reasons.append(
            t(
                "ballot_unknown",
                values=", ".join(f"« {c} »" for c in unknown[:8])
                + (" …" if len(unknown) > 8 else ""),
                subject=SUBJECT_LABELS[poll.subject].get(),
            )
        )
    if poll.method is Method.dots:
        if len(chosen) > poll.dots:
            reasons.append(t("ballot_too_many_dots", count=len(chosen), dots=poll.dots))
    else:
        twice = sorted(card for card, n in Counter(chosen).items() if n > 1)
        if twice:
            reasons.append(t("ballot_twice", values=", ".join(f"« {c} »" for c in twice)))
        if len(set(chosen)) > poll.k:
            reasons.append(t("ballot_too_many", count=len(set(chosen)), k=poll.k))
    if reasons:
        raise BallotRefused(poll.id, reasons)
    if poll.method is Method.dots:
        counts = Counter(chosen)
        return tuple(
            card
            for card in sorted(counts, key=lambda c: (-counts[c], c))
            for _ in range(counts[card])
        )
    return chosen
