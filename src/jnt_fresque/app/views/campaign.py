"""/campagne: a campaign on the projector — the pooled top 10 of each poll, each session's
leader, and the comparison of the workshops' ranking with the surveys' (Kendall's τ).

Reached by its address, ``/campagne?campagne=NAME``; counted once per run (a campaign
of thousands of ballots is read from the store and pooled in well under a second).
"""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.projector import bar_spec, ranking_bars
from jnt_fresque.app.text import say
from jnt_fresque.i18n import N_


def render() -> None:
    import streamlit as st

    from jnt_fresque.workshop.campaign import ROOMS, SURVEYS, pool

    found = ui.page(N_("app_campaign_title"), nav=False)
    lang = found.lang
    store = ui.store()
    name = (st.query_params.get("campagne") or "").strip()
    if not name:
        known = ", ".join(s.campaign.name for s in store.campaigns()) or "-"
        ui.stop(say("app_campaign_need", lang, names=known))
    pooled = None
    with ui.refusals(lang):
        pooled = pool(*store.campaign_parts(name), resamples=0)
    if pooled is None:  # refused: the message is on the page
        st.stop()
    campaign = pooled.campaign
    st.caption(
        say("app_campaign_caption", lang, title=campaign.title, sessions=len(campaign.sessions),
            surveys=len(pooled.surveys))
    )  # fmt: skip

    def title(card: str) -> str:
        return ui.title_of(card, lang)

    sides = pooled.default_sides()
    side_names = {ROOMS: say("side_rooms", lang), SURVEYS: say("side_surveys", lang)}
    for poll_id, found_poll in pooled.polls.items():
        tally = found_poll.results.tally
        st.header(tally.poll.title.get(lang), anchor=False)
        if not tally.ballots:
            st.caption(say("app_results_none", lang))
            continue
        st.caption(say("app_results_ballots", lang, ballots=tally.ballots))
        st.vega_lite_chart(
            bar_spec(ranking_bars(tally, title), value_title=say("app_col_score", lang)),
            width="stretch",
        )
        if sides is None:
            continue
        agreed = pooled.compare(poll_id, sides[0], sides[1], count=None)
        a, b = side_names.get(agreed.a, agreed.a), side_names.get(agreed.b, agreed.b)
        st.subheader(say("report_campaign_compare_title", lang, a=a, b=b), anchor=False)
        tau = "-" if agreed.tau is None else f"{agreed.tau:+.2f}"
        st.write(
            say("comparison_line", lang, a=a, b=b, tau=tau, common=agreed.common, top=agreed.top)
        )
        st.table(
            [
                {
                    say("col_card", lang): title(c.card),
                    a: str(c.rank_a or "-"),
                    b: str(c.rank_b or "-"),
                }
                for c in agreed.changes
            ]
        )
