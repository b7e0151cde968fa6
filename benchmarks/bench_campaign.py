"""Counting a campaign: 50 sessions and 10,000 ballots read from the store and pooled.

Two stores are filled with the same 10,000 ranked top-10 ballots over the use
cases: one as a single session, one as 50 sessions of a campaign (every fifth a
survey whose members were invited, some of them to two surveys). Timed, each read
from its SQLite store and counted:

- approval and Borda (no stability): the campaign's goal is ≤ 1 s;
- the same with the stability of the top 10 (1,000 resamples): goal ≤ 5 s;

each beside the single session's count of the same ballots in the same run (the
ratio is what pooling costs: reading 50 sessions, one voice per member, the
count of each session).

Run: .venv/bin/python benchmarks/bench_campaign.py
[--sessions 50] [--ballots 10000] [--runs 3] [--resamples 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from _timing import median_seconds, ratio_row, row

if TYPE_CHECKING:
    from jnt_fresque.store import Store
    from jnt_fresque.workshop.ballots import Ballot


def fill(folder: Path, sessions: int, ballots: int) -> tuple[str, str, str]:
    """The two stores' URLs, filled, and the single session's code."""
    from jnt_fresque.store import Store
    from jnt_fresque.workshop.ballots import Ballot
    from jnt_fresque.workshop.invitations import Member
    from jnt_fresque.workshop.snapshot import Snapshot

    rng = random.Random(20261129)
    single_url = f"sqlite:///{folder / 'single.sqlite'}"
    campaign_url = f"sqlite:///{folder / 'campaign.sqlite'}"
    with Store(single_url) as store:
        cards = sorted(card.id for card in store.decks.cards("uc"))
        drawn = [tuple(rng.sample(cards, 10)) for _ in range(ballots)]
        session, _ = store.create_session("Une seule session")
        snapshot = store.snapshot(session.code)
        whole = Snapshot(
            session=snapshot.session,
            polls=snapshot.polls,
            ballots=tuple(Ballot("uc", f"p{n}", c) for n, c in enumerate(drawn)),
        )
        single = store.restore(whole, new_code=True).code
    closes = (dt.datetime.now(dt.UTC) + dt.timedelta(days=7)).isoformat(timespec="seconds")
    with Store(campaign_url) as store:
        store.create_campaign("banc", "Banc d’essai")
        codes = []
        for at in range(sessions):
            share = drawn[at * ballots // sessions : (at + 1) * ballots // sessions]
            if at % 5 == 4:  # a survey: members invited (some invited before)
                survey, _ = store.create_session(f"Enquête {at}", closes_at=closes)
                # Even rows are new members; odd rows, members of the survey before (if any).
                members = [
                    Member(
                        "",
                        f"m{at - 5}-{n - 1}@exemple.fr"
                        if n % 2 and at > 4
                        else f"m{at}-{n}@exemple.fr",
                    )
                    for n in range(len(share))
                ]
                given = store.invite(survey.code, members)
                store_ballots = tuple(
                    Ballot("uc", code, c) for (_, code), c in zip(given, share, strict=True)
                )
                _write(store, survey.code, store_ballots)
                codes.append(survey.code)
            else:
                room, _ = store.create_session(f"Atelier {at}")
                _write(store, room.code, tuple(Ballot("uc", f"s{at}p{n}", c)
                                               for n, c in enumerate(share)))  # fmt: skip
                codes.append(room.code)
        store.add_to_campaign("banc", codes)
    return single_url, campaign_url, single


def _write(store: Store, code: str, ballots: Sequence[Ballot]) -> None:
    """The ballots of one session written in one transaction (as a paper import would)."""
    rows = [
        (n + 2, {"participant": b.participant, "poll": "uc", "choices": ";".join(b.choices)})
        for n, b in enumerate(ballots)
    ]
    store.import_ballots(code, rows, source="import")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args()

    from jnt_fresque.store import Store
    from jnt_fresque.workshop.campaign import pool
    from jnt_fresque.workshop.results import poll_results

    with tempfile.TemporaryDirectory(prefix="jnt-fresque-bench-") as tmp:
        single_url, campaign_url, single = fill(Path(tmp), args.sessions, args.ballots)
        with Store(single_url) as one, Store(campaign_url) as many:
            counted = poll_results(one.snapshot(single), "uc", resamples=0).tally.ballots
            campaign, parts = many.campaign_parts("banc")
            pooled = pool(campaign, parts, resamples=0).polls["uc"]
            # Members invited to two surveys count once: fewer ballots than were read.
            print(
                f"{args.ballots:,} ranked top-10 ballots; {args.sessions} sessions "
                f"(surveys: {len(campaign.sessions) // 5}); read {pooled.ballots_read:,}, "
                f"counted {pooled.results.tally.ballots:,} (one voice per member), single "
                f"session {counted:,}; median of {args.runs} runs"
            )

            def single_count(resamples: int) -> object:
                return poll_results(one.snapshot(single), "uc", resamples=resamples)

            def campaign_count(resamples: int) -> object:
                found, read = many.campaign_parts("banc")
                return pool(found, read, resamples=resamples)

            single_count(args.resamples)  # warm-up: numpy and the tallies' first imports
            campaign_count(args.resamples)
            for label, resamples, goal in [
                ("approval and Borda", 0, 1.0),
                (f"with stability, {args.resamples} resamples", args.resamples, 5.0),
            ]:
                one_time = median_seconds(lambda r=resamples: single_count(r), runs=args.runs)
                many_time = median_seconds(lambda r=resamples: campaign_count(r), runs=args.runs)
                print(row(f"single session, {label}", one_time))
                print(row(f"campaign, {label}", many_time, goal))
                print(ratio_row(f"campaign / single session, {label}", many_time / one_time))


if __name__ == "__main__":
    main()
