"""Campaigns: many workshops and surveys read as one ranking.

A campaign groups sessions played with the same decks. Its results pool, poll
by poll, the ballots of every session that has that poll with the same method
and subject (use cases or data; proposed cards belong to one room and are not
pooled), and count them as one poll: approval, Borda, Schulze, the stability
of the top 10, and breakdowns by session and by profile.

- **Deck versions.** When sessions were played on different versions of a deck,
  only the cards every version holds are pooled: a card the others lacked is
  struck from the ballots that name it, and the report lists it.
- **One person, one voice.** A person invited to two surveys of the campaign
  with the same e-mail address holds two codes with the same member digest
  (`invitations.member_key`); they count once, with their latest ballot. Anyone
  else (an anonymous token in a room) is one person per session: nothing allows
  knowing that two tokens are the same person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from jnt_fresque.i18n import N_, Key
from jnt_fresque.workshop.agreement import Agreement, agreement
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant
from jnt_fresque.workshop.polls import Poll, Subject
from jnt_fresque.workshop.results import PollResults
from jnt_fresque.workshop.session import Session
from jnt_fresque.workshop.snapshot import Snapshot
from jnt_fresque.workshop.stability import RESAMPLES, top_stability
from jnt_fresque.workshop.tallies import Count, Tally, breakdown, tally

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
ROOMS = "rooms"
SURVEYS = "surveys"


def check_name(name: str) -> str:
    """A campaign name: 1–40 lower-case letters, digits and dashes (``gt-jnt-2026``)."""
    plain = name.strip()
    if not NAME.match(plain):
        raise WorkshopError("bad_campaign_name", value=name[:60])
    return plain


@dataclass(frozen=True, slots=True)
class Campaign:
    """A named group of sessions (their codes, in the order they were added)."""

    name: str
    title: str
    created_at: str = ""
    sessions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """One session as a campaign reads it."""

    snapshot: Snapshot
    cards: frozenset[str] | None = None  # card ids its decks held (None: not recorded)
    members: Mapping[str, str] = field(default_factory=dict)  # token → member digest


@dataclass(frozen=True, slots=True)
class Note:
    """Something the pooled results leave out, said in the reader's language."""

    session: str
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def said(self, lang: str) -> str:
        from jnt_fresque.i18n import say

        return say(self.key, lang, session=self.session, **self.values)


@dataclass(frozen=True)
class PooledPoll:
    """One poll across the campaign's sessions."""

    results: PollResults  # the pooled count, its stability and its breakdown by profile
    by_session: Mapping[str, Tally]  # each session's own count (session code → tally)
    ballots_by_session: Mapping[str, tuple[Ballot, ...]]  # shared cards only
    ballots_read: int  # before a person's second voice was set aside
    merged: int  # ballots set aside: the same member's in another session


@dataclass(frozen=True)
class Pooled:
    """A campaign's results: its polls pooled, what was left out and why."""

    campaign: Campaign
    snapshot: Snapshot  # the pooled ballots as one session: what exports and the report read
    polls: Mapping[str, PooledPoll]
    surveys: frozenset[str]  # codes of the sessions that are surveys
    dropped_cards: Mapping[str, tuple[str, ...]]  # session → cards not pooled (not shared)
    notes: tuple[Note, ...]
    members_known: bool  # whether any ballot came with a member digest

    def compare(
        self, poll_id: str, a: Sequence[str] | str, b: Sequence[str] | str, *, count: Count | None
    ) -> Agreement:
        """Agreement between the ballots of sessions ``a`` and those of ``b`` (a list of
        session codes, or ``rooms`` / ``surveys``)."""
        pooled = self.polls[poll_id]
        sides = []
        for side in (a, b):
            chosen = self._sessions(side)
            ballots = [x for code in chosen for x in pooled.ballots_by_session.get(code, ())]
            sides.append(tally(pooled.results.tally.poll, ballots, by=count))
        return agreement(sides[0], sides[1], a=_label(a), b=_label(b))

    def default_sides(self) -> tuple[str | tuple[str, ...], str | tuple[str, ...]] | None:
        """What to compare when nobody says: rooms against surveys when the campaign has
        both, else its two sessions when it has two; None otherwise."""
        codes = self.campaign.sessions
        if self.surveys and set(codes) - self.surveys:
            return ROOMS, SURVEYS
        if len(codes) == 2:
            return (codes[0],), (codes[1],)
        return None

    def _sessions(self, side: Sequence[str] | str) -> tuple[str, ...]:
        codes = self.campaign.sessions
        if side == ROOMS:
            return tuple(c for c in codes if c not in self.surveys)
        if side == SURVEYS:
            return tuple(c for c in codes if c in self.surveys)
        names = (side,) if isinstance(side, str) else tuple(side)
        unknown = [n for n in names if n not in codes]
        if unknown:
            raise WorkshopError(
                "not_in_campaign", value=unknown[0], campaign=self.campaign.name,
                expected=", ".join((*codes, ROOMS, SURVEYS)),
            )  # fmt: skip
        return names


def _label(side: Sequence[str] | str) -> str:
    return side if isinstance(side, str) else "+".join(side)


def _shared(parts: Sequence[Part]) -> frozenset[str] | None:
    known = [p.cards for p in parts if p.cards is not None]
    if not known or all(k == known[0] for k in known):
        return known[0] if known else None
    return frozenset.intersection(*known)


def pool(
    campaign: Campaign,
    parts: Sequence[Part],
    *,
    count: Count | None = None,
    resamples: int = RESAMPLES,
) -> Pooled:
    """Pool the ballots of ``parts`` (the campaign's sessions) poll by poll."""
    if not parts:
        raise WorkshopError("campaign_empty", campaign=campaign.name)
    shared = _shared(parts)
    notes: list[Note] = []
    dropped: dict[str, tuple[str, ...]] = {}
    versions = {tuple(sorted(p.snapshot.session.decks.items())) for p in parts}
    # The polls, in the order they first appear; the first session's defines each.
    reference: dict[str, Poll] = {}
    for part in parts:
        for poll in part.snapshot.polls:
            reference.setdefault(poll.id, poll)
    gathered: dict[str, list[tuple[str, Ballot]]] = {pid: [] for pid in reference}
    people: dict[str, Participant] = {}
    members_known = False
    for part in parts:
        snap = part.snapshot
        code = snap.session.code
        struck: set[str] = set()
        for poll in snap.polls:
            ref = reference[poll.id]
            if poll.subject is Subject.proposed:
                notes.append(Note(code, N_("campaign_left_proposed"), {"poll": poll.id}))
                continue
            if (poll.method, poll.subject) != (ref.method, ref.subject):
                notes.append(
                    Note(code, N_("campaign_left_poll"), {"poll": poll.id, "method": poll.method.value,
                         "expected": ref.method.value})
                )  # fmt: skip
                continue
            for ballot in snap.ballots_of(poll.id):
                member = part.members.get(ballot.participant)
                members_known = members_known or member is not None
                person = f"m:{member}" if member else f"{code}:{ballot.participant}"
                choices = ballot.choices
                if shared is not None and len(versions) > 1:
                    kept = tuple(c for c in choices if c in shared)
                    struck.update(c for c in choices if c not in shared)
                    choices = kept
                if not choices:
                    continue
                gathered[poll.id].append(
                    (code, Ballot(poll.id, person, choices, ballot.submitted_at))
                )
                who = snap.participant(ballot.participant)
                people[person] = Participant(person, who.profile or people.get(person, who).profile)
        if struck:
            dropped[code] = tuple(sorted(struck))
    pooled: dict[str, PooledPoll] = {}
    kept_ballots: list[Ballot] = []
    kept_polls: list[Poll] = []
    for poll_id, ref in reference.items():
        found = gathered[poll_id]
        if ref.subject is Subject.proposed:
            continue
        k = max(
            (p.k for part in parts for p in part.snapshot.polls if p.id == poll_id), default=ref.k
        )
        poll = replace(ref, k=k, open=False)
        # One voice per person: their latest ballot (ties: the later session in the campaign).
        latest: dict[str, Ballot] = {}
        for _, ballot in found:
            had = latest.get(ballot.participant)
            if had is None or ballot.submitted_at >= had.submitted_at:
                latest[ballot.participant] = ballot
        ballots = list(latest.values())
        counted = tally(poll, ballots, by=count)
        stable = None if counted.counted_by == "condorcet" else counted.counted_by
        by_session_ballots: dict[str, list[Ballot]] = {c: [] for c in campaign.sessions}
        for code, ballot in found:
            by_session_ballots.setdefault(code, []).append(ballot)
        pooled[poll_id] = PooledPoll(
            results=PollResults(
                tally=counted,
                stability=top_stability(poll, ballots, resamples=resamples, count=stable)
                if resamples
                else {},
                by_profile=breakdown(poll, ballots, people, by="profile", count=count),
                by_table={},
                demand=(),
            ),
            by_session={
                code: tally(poll, b, by=count) for code, b in by_session_ballots.items() if b
            },
            ballots_by_session={c: tuple(b) for c, b in by_session_ballots.items()},
            ballots_read=len(found),
            merged=len(found) - len(ballots),
        )
        kept_ballots += ballots
        kept_polls.append(poll)
    first = parts[0].snapshot.session
    snapshot = Snapshot(
        session=Session(
            code=campaign.name,
            title=campaign.title,
            date=max(p.snapshot.session.date for p in parts),
            decks=dict(first.decks),
            closed=True,
            created_at=campaign.created_at,
        ),
        participants=tuple(people.values()),
        polls=tuple(kept_polls),
        ballots=tuple(kept_ballots),
    )
    for code, cards in dropped.items():
        notes.append(Note(code, N_("campaign_left_cards"), {"cards": ", ".join(cards)}))
    return Pooled(
        campaign=campaign,
        snapshot=snapshot,
        polls=pooled,
        surveys=frozenset(p.snapshot.session.code for p in parts if p.snapshot.session.survey),
        dropped_cards=dropped,
        notes=tuple(notes),
        members_known=members_known,
    )


def dedup_rule(pooled: Pooled) -> Key:
    """How a person answering twice was counted, as a message for the reader."""
    merged = sum(p.merged for p in pooled.polls.values())
    if pooled.members_known:
        return Key("campaign_dedup_members", merged=merged)
    return Key("campaign_dedup_none")


def as_json(
    pooled: Pooled,
    *,
    title_of: Any,
    lang: str,
    polls: Sequence[str] | None = None,
    compare: Mapping[str, Agreement] | None = None,
) -> dict[str, Any]:
    """The campaign's results as JSON-ready values: each poll's pooled ranking (as
    `results.as_json`), the count of each session and its agreement with the pool, the
    comparison asked for (poll id → agreement), and what was left out."""
    from jnt_fresque.i18n import say
    from jnt_fresque.workshop.results import as_json as poll_json

    rule = dedup_rule(pooled)
    documents = []
    for poll_id, found in pooled.polls.items():
        if polls is not None and poll_id not in polls:
            continue
        document = poll_json(found.results, session=pooled.campaign.name, title_of=title_of)
        document.pop("by_table", None)
        document.pop("demand", None)
        document["ballots_read"] = found.ballots_read
        document["merged"] = found.merged
        document["by_session"] = {
            code: {
                "ballots": t.ballots,
                "survey": code in pooled.surveys,
                "kendall_tau_with_pool": agreement(t, found.results.tally, a=code, b="pool").tau,
                "top": [{**s.as_dict(), "title": title_of(s.card)} for s in t.top()],
            }
            for code, t in found.by_session.items()
        }
        agreed = (compare or {}).get(poll_id)
        document["comparison"] = agreed.as_dict() if agreed else None
        documents.append(document)
    return {
        "campaign": pooled.campaign.name,
        "title": pooled.campaign.title,
        "sessions": list(pooled.campaign.sessions),
        "surveys": sorted(pooled.surveys),
        "one_voice_rule": say(rule.key, lang, **rule.values),
        "left_out": [n.said(lang) for n in pooled.notes],
        "cards_left_out": {k: list(v) for k, v in pooled.dropped_cards.items()},
        "polls": documents,
    }
