"""A poll's results as every front end shows them: the tally, the stability of the
top 10, the breakdowns by profile and by table, and (for use cases) the data demand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jnt_fresque.workshop.demand import Demand, data_demand
from jnt_fresque.workshop.polls import Subject
from jnt_fresque.workshop.snapshot import Snapshot
from jnt_fresque.workshop.stability import RESAMPLES, top_stability
from jnt_fresque.workshop.tallies import TOP, Count, Tally, breakdown, tally


@dataclass(frozen=True)
class PollResults:
    """Everything said about one poll."""

    tally: Tally
    stability: Mapping[str, float]
    by_profile: Mapping[str, Tally]
    by_table: Mapping[str, Tally]
    demand: tuple[Demand, ...]  # use-case polls only: what their votes ask of the data


def poll_results(
    snapshot: Snapshot, poll_id: str, *, count: Count | None = None, resamples: int = RESAMPLES
) -> PollResults:
    """Count poll ``poll_id`` of ``snapshot`` every way the kit knows."""
    poll = snapshot.poll(poll_id)
    ballots = snapshot.ballots_of(poll_id)
    counted = tally(poll, ballots, by=count)
    people = snapshot.participants_by_token
    stable_count = None if counted.counted_by == "condorcet" else counted.counted_by
    return PollResults(
        tally=counted,
        stability=top_stability(poll, ballots, resamples=resamples, count=stable_count)
        if resamples
        else {},
        by_profile=breakdown(poll, ballots, people, by="profile", count=count),
        by_table=breakdown(poll, ballots, people, by="table", count=count),
        demand=data_demand(counted, snapshot.links)
        if poll.subject in (Subject.uc, Subject.proposed) and counted.counted_by != "condorcet"
        else (),
    )


def as_json(
    results: PollResults, *, session: str, title_of: Callable[[str], str]
) -> dict[str, Any]:
    """The results as JSON-ready values: ``poll``, ``ballots``, ``ranking`` (in rank order,
    each ``{rank, tied, card, title, approval, borda, dots, condorcet, stability}``),
    the top 10 of each profile and table, and the data demand."""
    counted = results.tally
    poll = counted.poll

    def ranking(found: Tally, *, n: int | None = None) -> list[dict[str, Any]]:
        rows = found.top(n) if n else found.scores
        return [
            {
                **s.as_dict(),
                "title": title_of(s.card),
                **({"stability": results.stability.get(s.card)} if found is counted else {}),
            }
            for s in rows
        ]

    return {
        "session": session,
        "poll": poll.id,
        "title": poll.title.get(),
        "method": poll.method.value,
        "subject": poll.subject.value,
        "k": poll.k,
        "dots": poll.dots,
        "open": poll.open,
        "ballots": counted.ballots,
        "counted_by": counted.counted_by,
        "ranking": ranking(counted),
        "by_profile": {
            name: {"ballots": t.ballots, "top": ranking(t, n=TOP)}
            for name, t in results.by_profile.items()
        },
        "by_table": {
            name: {"ballots": t.ballots, "top": ranking(t, n=TOP)}
            for name, t in results.by_table.items()
        },
        "demand": [
            {
                "card": d.data,
                "title": title_of(d.data),
                "demand": d.demand,
                "use_cases": list(d.use_cases),
                "makers": d.makers,
            }
            for d in results.demand
        ],
    }
