"""/plateau: link a use case to the data cards it needs; the table's board as a picture."""

from __future__ import annotations

from jnt_fresque.app import ui
from jnt_fresque.app.board_picture import board_dot, coverage_rows, expected_links, links_of
from jnt_fresque.app.guards import may_link
from jnt_fresque.app.live import at_version
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.workshop.board import Link


def render() -> None:
    import streamlit as st

    found = ui.page("app_board_title")
    lang = found.lang
    status = ui.status_of(found)
    session = status.session
    store = ui.store()
    assert found.token is not None
    me = store.participant(session.code, found.token)
    # The board and the proposed cards as of the session's version, shared by the process.
    key = (store.url, session.code)
    proposals = at_version(
        (*key, "proposals"), status.version, lambda: store.proposals(session.code)
    )
    links = at_version((*key, "links"), status.version, lambda: store.links(session.code))

    def title(card: str) -> str:
        return ui.title_of(card, lang, proposals)

    if may_link(session):
        use_cases = [c.id for c in decks().cards("uc")] + [p.id for p in proposals]
        data = [c.id for c in decks().cards("data")]
        with st.form("board", clear_on_submit=False):
            use_case = st.selectbox(
                say("app_board_uc", lang), use_cases, key="board_uc", format_func=title
            )
            chosen = st.multiselect(
                say("app_board_data", lang), data, key="board_data", format_func=title
            )
            note = st.text_input(say("app_board_note", lang), key="board_note", max_chars=280)
            submitted = st.form_submit_button(
                say("app_board_submit", lang), key="board_submit", type="primary"
            )
        if submitted:
            if not chosen:
                st.warning(say("app_board_pick", lang))
            else:
                with ui.refusals(lang):
                    outcomes = [
                        store.add_link(session.code, Link(use_case, d, found.token, me.table, note))
                        for d in chosen
                    ]
                    st.success(
                        say("app_board_done", lang, added=outcomes.count("added") + outcomes.count("replaced"),
                            same=outcomes.count("unchanged"))
                    )  # fmt: skip
                    links = store.links(session.code)
    else:
        st.info(say("app_board_phase", lang, phase=session.phase.label.get(lang)))
    mine = links_of(links, table=me.table, participant=found.token)
    scope = (
        say("app_board_scope_table", lang, table=me.table)
        if me.table
        else say("app_board_scope_mine", lang)
    )
    st.subheader(f"{say('app_board_picture', lang)} — {scope}")
    if not mine:
        ui.stop(say("app_board_empty", lang))
    st.graphviz_chart(board_dot(mine, title))
    st.markdown(f"**{say('app_board_matrix', lang)}**")
    st.dataframe(coverage_rows(mine, expected_links(decks().cards("uc")), title), hide_index=True)
