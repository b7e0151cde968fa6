"""/voter: one ballot per open poll, cards in an order of the participant's own, a
confirmation, changes allowed until the vote closes."""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.ballots import card_order, dots_ballot, dots_of, saved_ballots
from jnt_fresque.app.guards import may_vote, open_polls
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.workshop.polls import Method, Poll, Subject


def render() -> None:
    import streamlit as st

    found = ui.page("app_vote_title")
    lang = found.lang
    session = ui.session_of(found)
    if not may_vote(session):
        ui.stop(say("app_vote_phase", lang, phase=session.phase.label.get(lang)))
    store = ui.store()
    polls = open_polls(store.polls(session.code))
    if not polls:
        ui.stop(say("app_vote_none", lang))
    proposals = (
        store.snapshot(session.code).proposals
        if any(p.subject is Subject.proposed for p in polls)
        else ()
    )
    token = found.token
    assert token is not None

    def title(card: str) -> str:
        return ui.title_of(card, lang, proposals)

    def candidates(poll: Poll) -> list[str]:
        if poll.subject is Subject.proposed:
            ids = [p.id for p in proposals]
        else:
            ids = [c.id for c in decks().cards(poll.subject.value)]
        return card_order(token, poll.id, ids)

    @st.fragment
    def ballot() -> None:
        # A rerun of this fragment (a card ticked) leaves the rest of the page alone.
        # What this participant sent, read once per browser tab, then kept up to date.
        memo = f"vote_saved:{session.code}:{token}"
        if memo not in st.session_state:
            st.session_state[memo] = saved_ballots(store, session.code, token)
        saved: dict[str, tuple[str, ...]] = st.session_state[memo]
        chosen: dict[str, list[str]] = {}
        for poll in polls:
            key = f"vote_{poll.id}"
            options = candidates(poll)
            before = saved.get(poll.id, ())
            if key not in st.session_state:
                st.session_state[key] = [c for c in dict.fromkeys(before) if c in options]
            if poll.method is Method.dots:
                label = say("app_vote_dots", lang, title=poll.title.get(lang), dots=poll.dots)
                cards = st.multiselect(label, options, key=key, format_func=title)
                counts = dots_of(before)
                dots = {
                    card: int(
                        st.number_input(
                            say("app_vote_dots_for", lang, title=title(card)), 0, poll.dots,
                            counts.get(card, 1), key=f"{key}_{card}",
                        )
                    )
                    for card in cards
                }  # fmt: skip
                chosen[poll.id] = dots_ballot(dots)
            else:
                kind = "app_vote_ranked" if poll.method is Method.ranked else "app_vote_approval"
                label = say(kind, lang, title=poll.title.get(lang), k=poll.k)
                chosen[poll.id] = st.multiselect(
                    label, options, key=key, format_func=title, max_selections=poll.k
                )
        if st.button(say("app_vote_submit", lang), key="vote_submit", type="primary"):
            if not any(chosen.values()):
                st.warning(say("app_vote_empty", lang))
                return
            outcomes: dict[str, str] = {}
            with ui.refusals(lang):
                for poll in polls:
                    if chosen[poll.id]:
                        outcomes[poll.id] = store.submit_ballot(
                            session.code, poll.id, token, chosen[poll.id]
                        )
                        saved = {**saved, poll.id: tuple(chosen[poll.id])}
                st.session_state[memo] = saved
                if all(o == "unchanged" for o in outcomes.values()):
                    st.info(say("app_vote_unchanged", lang))
                else:
                    st.success(
                        say(
                            "app_vote_saved",
                            lang,
                            polls=", ".join(p.title.get(lang) for p in polls if p.id in outcomes),
                        )
                    )
        for poll in polls:
            if saved.get(poll.id):
                st.caption(
                    say(
                        "app_vote_current", lang, cards=" · ".join(title(c) for c in saved[poll.id])
                    )
                )

    ballot()
