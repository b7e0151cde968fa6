"""The workshop's rules, with no I/O: sessions, phases, participants, the board,
proposed cards, polls, ballots and their counts.

Everything here works on card ids and plain values; `jnt_fresque.store` keeps
it, the apps and the command show it.
"""

from __future__ import annotations

from jnt_fresque.workshop.ballots import Ballot, BallotRefused, check_ballot, parse_choices
from jnt_fresque.workshop.board import Link, check_link, link_counts
from jnt_fresque.workshop.demand import Demand, data_demand
from jnt_fresque.workshop.errors import RowProblem, RowsRefused, WorkshopError
from jnt_fresque.workshop.participants import Participant, Profile, parse_profile
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Method, Poll, Subject, default_polls
from jnt_fresque.workshop.proposals import Proposal
from jnt_fresque.workshop.session import Session
from jnt_fresque.workshop.snapshot import Snapshot, VoteCode
from jnt_fresque.workshop.stability import top_stability
from jnt_fresque.workshop.tallies import Score, Tally, breakdown, tally

__all__ = [
    "Ballot",
    "BallotRefused",
    "Demand",
    "Link",
    "Method",
    "Participant",
    "Phase",
    "Poll",
    "Profile",
    "Proposal",
    "RowProblem",
    "RowsRefused",
    "Score",
    "Session",
    "Snapshot",
    "Subject",
    "Tally",
    "VoteCode",
    "WorkshopError",
    "breakdown",
    "check_ballot",
    "check_link",
    "data_demand",
    "default_polls",
    "link_counts",
    "parse_choices",
    "parse_profile",
    "tally",
    "top_stability",
]
