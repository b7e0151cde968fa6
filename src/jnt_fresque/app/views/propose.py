"""/proposer: fill a blank card; the session's proposed cards, shown as plain text."""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.guards import may_propose
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.workshop.proposals import MAX_PITCH, MAX_TITLE, Proposal


def render() -> None:
    import streamlit as st

    found = ui.page("app_propose_title")
    lang = found.lang
    session = ui.session_of(found)
    store = ui.store()
    assert found.token is not None
    if may_propose(session):
        data = [c.id for c in decks().cards("data")]
        # No « Press Enter to submit form » under the fields (Streamlit says it in English
        # only): the form is sent by its button.
        with st.form("propose", enter_to_submit=False):
            title = st.text_input(
                say("app_propose_name", lang), key="propose_title", max_chars=MAX_TITLE
            )
            pitch = st.text_area(
                say("app_propose_pitch", lang), key="propose_pitch", max_chars=MAX_PITCH
            )
            # Pills, not a multiselect: its « No results » is English only.
            needs = st.pills(
                say("app_propose_data", lang), data, key="propose_data",
                format_func=lambda card: ui.title_of(card, lang), selection_mode="multi",
            )  # fmt: skip
            submitted = st.form_submit_button(
                say("app_propose_submit", lang), key="propose_submit", type="primary"
            )
        if submitted:
            with ui.refusals(lang):
                me = store.participant(session.code, found.token)
                kept = store.propose(
                    session.code,
                    Proposal("", title, pitch, tuple(needs), None, found.token, me.table),
                )
                st.success(say("app_proposed", lang, title=kept.title))
    else:
        st.info(say("app_propose_phase", lang, phase=session.phase.label.get(lang)))
    proposals = store.proposals(session.code)
    if proposals:
        st.subheader(say("app_proposals", lang), anchor=False)
        for proposal in proposals:
            # Plain text: a title full of HTML or markdown is shown as typed, never rendered.
            st.text(f"{proposal.title}\n{proposal.pitch}")
