"""/rejoindre: the session code (or the QR address carrying it), a profile, a table."""

from __future__ import annotations

from functools import lru_cache

from jnt_fresque.app import ui
from jnt_fresque.app.text import say
from jnt_fresque.app.visitor import Visitor, fresh_token
from jnt_fresque.workshop.participants import Profile, parse_table


def render() -> None:
    import streamlit as st

    found = ui.page("app_join_title", nav=None)
    was_joined = found.joined
    if found.code and not was_joined:
        _survey_notice(found)
    lang = found.lang
    # The token is drawn before the click: a double click joins once, with one identity.
    pending = st.session_state.setdefault("pending_token", fresh_token())
    # Streamlit's built-in words are English only: no « Press Enter to submit form » (the
    # button sends), pills rather than a select box (« No results »), no bounds on the table
    # (« Number is above the allowed range »): the table is checked below, in our words.
    with st.form("join", enter_to_submit=False):
        code = st.text_input(
            say("app_join_code", lang), value=found.code or "", key="join_code", max_chars=32
        )
        vote_code = st.text_input(
            say("app_join_vote_code", lang),
            value=st.query_params.get("code", "")[:32],
            key="join_vote_code",
            max_chars=32,
        )
        profile = st.pills(
            say("app_join_profile", lang),
            [p.value for p in Profile],
            key="join_profile",
            format_func=lambda v: Profile(v).label.get(lang),
        )
        table = st.number_input(say("app_join_table", lang), value=0, step=1, key="join_table")
        submitted = st.form_submit_button(
            say("app_join_submit", lang), key="join_submit", type="primary"
        )
    if submitted:
        if not code.strip():
            ui.stop(say("app_join_empty", lang), kind="warning")
        from jnt_fresque.workshop import codes

        same = found.code == codes.normalize(code) if found.code else False
        with ui.refusals(lang):
            at_table = parse_table(int(table)) if table else None
            store = ui.store()
            session, person = store.enter(
                code,
                token=None
                if vote_code.strip()
                else (found.token if same and found.token else pending),
                vote_code=vote_code.strip() or None,
                profile=Profile(profile) if profile else None,
                table=at_table,
            )
            found = Visitor(session.code, person.token, lang)
            st.query_params.from_dict(found.query())
            st.success(say("app_joined", lang, code=session.code, title=session.title))
    if found.joined and not was_joined:
        # Joined in this run: the menu at the top had no pages yet, nor the new identity.
        st.write(say("app_join_next", lang))
        ui.menu(found, where="next")


def _survey_notice(found: Visitor) -> None:
    """For a survey: what is asked and until when, in the visitor's time zone (nothing for
    a session in a room, or a code the form will refuse)."""
    import streamlit as st

    from jnt_fresque.workshop.errors import WorkshopError
    from jnt_fresque.workshop.survey import survey_notice

    assert found.code is not None
    store = ui.store()
    try:
        if not _is_survey(store.url, found.code):
            return
        status = store.status(found.code, polls=True)
    except WorkshopError:
        return
    st.info(survey_notice(status.session, status.polls, found.lang, zone_name=ui.time_zone()))


@lru_cache(maxsize=1024)
def _is_survey(url: str, code: str) -> bool:
    """Whether session ``code`` is a survey, looked up once per process: a session is made
    a survey or not when it is created, and a room of arrivals then reads nothing more
    before joining. An unknown code raises, and is not kept."""
    from jnt_fresque.app.resources import store

    return store(url).status(code).session.survey
