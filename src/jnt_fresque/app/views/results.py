"""/resultats: the projector view; the only page that refreshes by itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jnt_fresque.app import ui
from jnt_fresque.app.live import at_version
from jnt_fresque.app.projector import (
    bar_spec,
    comparison_rows,
    demand_bars,
    ranking_bars,
    shows_figures,
)
from jnt_fresque.app.text import say
from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.polls import Poll

if TYPE_CHECKING:
    from jnt_fresque.workshop.snapshot import Snapshot

REFRESH_SECONDS = 3


def render() -> None:
    import streamlit as st

    found = ui.page("app_results_title")
    lang = found.lang
    if not found.code:
        ui.stop(say("app_results_need", lang))
    session = ui.session_of(found, need_token=False)
    store = ui.store()

    @st.fragment(run_every=REFRESH_SECONDS)
    def live() -> None:
        # One small read per refresh; the tallies are counted again only when the session
        # has changed, once per process for every screen showing them.
        status = store.status(session.code)
        view = at_version(
            (store.url, session.code, "results", lang),
            status.version,
            lambda: _view(store.snapshot(session.code), lang),
        )
        for poll in view.polls:
            st.header(poll.heading, anchor=False)
            # The facilitator may sit on another process: the setting comes from the database.
            if not shows_figures(poll.poll, hidden=status.results_hidden):
                st.info(say("app_results_hidden", lang, ballots=poll.ballots))
                continue
            if not poll.ballots:
                st.caption(say("app_results_none", lang))
                continue
            st.caption(say("app_results_ballots", lang, ballots=poll.ballots))
            st.vega_lite_chart(poll.ranking, width="stretch")
            with st.expander(say("app_results_methods", lang), expanded=True):
                st.table(poll.methods)
            if poll.demand is not None:
                st.subheader(say("app_results_demand", lang), anchor=False)
                st.vega_lite_chart(poll.demand, width="stretch")

    live()
    from jnt_fresque.app.views import wall

    wall.render(store, session.code, lang)


@dataclass(frozen=True, slots=True)
class _PollView:
    poll: Poll
    heading: str
    ballots: int
    ranking: dict[str, object] | None = None
    methods: list[dict[str, str | int]] | None = None
    demand: dict[str, object] | None = None


@dataclass(frozen=True, slots=True)
class _View:
    polls: tuple[_PollView, ...]


def _view(snapshot: Snapshot, lang: Lang) -> _View:
    """What the projector shows of ``snapshot`` in ``lang``, counted once."""
    from jnt_fresque.workshop.results import poll_results

    def title(card: str) -> str:
        return ui.title_of(card, lang, snapshot.proposals)

    polls = []
    for poll in snapshot.polls:
        ballots = len(snapshot.ballots_of(poll.id))
        if not ballots:
            polls.append(_PollView(poll, poll.title.get(lang), 0))
            continue
        found = poll_results(snapshot, poll.id, resamples=0)
        bars = ranking_bars(found.tally, title)
        polls.append(
            _PollView(
                poll,
                poll.title.get(lang),
                ballots,
                bar_spec(bars, value_title=say("app_col_score", lang)),
                comparison_rows(found.tally, title, lambda k: say(k, lang)),
                bar_spec(
                    demand_bars(found.demand, title),
                    value_title=say("app_col_demand", lang),
                    colour="#c2691d",
                )
                if found.demand
                else None,
            )
        )
    return _View(tuple(polls))
