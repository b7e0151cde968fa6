"""/resultats: the projector view; the only page that refreshes by itself."""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.board_picture import board_dot
from jnt_fresque.app.projector import (
    bar_spec,
    comparison_rows,
    demand_bars,
    ranking_bars,
    shows_figures,
)
from jnt_fresque.app.text import say

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
        from jnt_fresque.workshop.results import poll_results

        snapshot = store.snapshot(session.code)
        # Read from the database on every refresh: the facilitator may sit on another process.
        hidden = store.results_hidden(session.code)

        def title(card: str) -> str:
            return ui.title_of(card, lang, snapshot.proposals)

        for poll in snapshot.polls:
            st.header(poll.title.get(lang))
            ballots = len(snapshot.ballots_of(poll.id))
            if not shows_figures(poll, hidden=hidden):
                st.info(say("app_results_hidden", lang, ballots=ballots))
                continue
            if not ballots:
                st.caption(say("app_results_none", lang))
                continue
            found_results = poll_results(snapshot, poll.id, resamples=0)
            st.caption(say("app_results_ballots", lang, ballots=ballots))
            bars = ranking_bars(found_results.tally, title)
            st.vega_lite_chart(
                bar_spec(bars, value_title=say("app_col_score", lang)), width="stretch"
            )
            with st.expander(say("app_results_methods", lang), expanded=True):
                st.table(comparison_rows(found_results.tally, title, lambda k: say(k, lang)))
            if found_results.demand:
                st.subheader(say("app_results_demand", lang))
                demand = demand_bars(found_results.demand, title)
                st.vega_lite_chart(
                    bar_spec(demand, value_title=say("app_col_demand", lang), colour="#c2691d"),
                    width="stretch",
                )
        if snapshot.links:
            st.header(say("app_results_board", lang))
            st.graphviz_chart(board_dot(snapshot.links, title))

    live()
