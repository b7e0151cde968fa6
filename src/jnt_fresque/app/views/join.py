"""/rejoindre: the session code (or the QR address carrying it), a profile, a table."""

from __future__ import annotations

from functools import lru_cache

from jnt_fresque.app import ui
from jnt_fresque.app.text import say
from jnt_fresque.app.visitor import Visitor, fresh_token
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Profile, parse_table
from jnt_fresque.workshop.phases import Phase

# Where the join page leads on, in each phase.
NEXT_PAGE = {
    Phase.discover: "cartes",
    Phase.link: "plateau",
    Phase.propose: "proposer",
    Phase.vote: "voter",
    Phase.results: "resultats",
}
# The refusals that mean « this session is joined with a printed voting code ».
CODE_REFUSALS = frozenset({"code_needed", "not_a_vote_code"})
ASK_CODE = "join_asks_vote_code"  # the tab's flag: show the voting code's field
REFUSED = "join_refused"  # what the form's last sending was refused for
WELCOME = "join_welcome"  # the welcome after joining, and the page of the moment


def render() -> None:
    import streamlit as st

    # The form's button has joined before this run (`_join`): the address, hence the
    # visitor and the menu's links, already carry the new identity.
    found = ui.visitor()
    lang = found.lang
    ui.menu(found, places=ui.MENU if found.joined else ())
    st.title(say("app_join_title", lang), anchor=False)
    welcome = st.session_state.pop(WELCOME, None)
    if welcome is not None and found.joined:
        # Joined by the form's button: the welcome and where to go, no form left to fill.
        message, next_page = welcome
        st.success(message)
        # The page of the moment, under the message (a phone shows the menu far above).
        ui.menu(found, places=(next_page,), row=st.container(key="join_next"), switch=False)
    else:
        if found.code and not found.joined:
            _survey_notice(found)
        _form(found)


def _form(found: Visitor) -> None:
    """The join form; its button joins (`_join`) before the page is drawn again."""
    import streamlit as st

    lang = found.lang
    # The token is drawn before the click: a double click joins once, with one identity.
    st.session_state.setdefault("pending_token", fresh_token())
    address_code = st.query_params.get("code", "")[:32]
    # A printed voting code comes in its sheet's QR address, or is typed: the field shows
    # when the address carries one, when nothing names the session, or once the session
    # has asked for one (a room's QR code does not need it).
    ask_code = not found.code or bool(address_code) or st.session_state.get(ASK_CODE, False)
    # Streamlit's built-in words are English only: no « Press Enter to submit form » (the
    # button sends), pills rather than a select box (« No results »), no bounds on the table
    # (« Number is above the allowed range »): the table is checked below, in our words.
    with st.form("join", enter_to_submit=False):
        st.text_input(
            say("app_join_code", lang), value=found.code or "", key="join_code", max_chars=32
        )
        if ask_code:
            st.text_input(
                say("app_join_vote_code", lang),
                value=address_code,
                key="join_vote_code",
                max_chars=32,
            )
        st.pills(
            say("app_join_profile", lang),
            [p.value for p in Profile],
            key="join_profile",
            format_func=lambda v: Profile(v).label.get(lang),
        )
        st.number_input(say("app_join_table", lang), value=0, step=1, key="join_table")
        st.form_submit_button(
            say("app_join_submit", lang),
            key="join_submit",
            type="primary",
            on_click=_join,
            args=(ask_code,),
        )
    refused = st.session_state.pop(REFUSED, None)
    if refused is not None:
        kind, message = refused
        (st.warning if kind == "warning" else st.error)(message)


def _join(asked: bool) -> None:
    """The join button's callback, run before the page: join the session the form names
    and put the identity in the address, or keep why it was refused. ``asked``: the
    voting code's field was shown."""
    import streamlit as st
    from sqlalchemy.exc import OperationalError

    from jnt_fresque.workshop import codes

    found = ui.visitor()
    lang = found.lang
    state = st.session_state
    code = state.get("join_code") or ""
    vote_code = (state.get("join_vote_code") or "").strip() if asked else ""
    if not code.strip():
        state[REFUSED] = ("warning", say("app_join_empty", lang))
        return
    same = found.code == codes.normalize(code) if found.code else False
    profile = state.get("join_profile")
    table = int(state.get("join_table") or 0)
    try:
        session, person = ui.store().enter(
            code,
            token=None
            if vote_code
            else (found.token if same and found.token else state["pending_token"]),
            vote_code=vote_code or None,
            profile=Profile(profile) if profile else None,
            table=parse_table(table) if table else None,
        )
    except WorkshopError as exc:
        wanted = exc
        if exc.key in CODE_REFUSALS:
            # The session wants a printed voting code: the field shows. With none typed,
            # say what is missing (not that the tab's own token is no printed code).
            state[ASK_CODE] = True
            wanted = exc if vote_code else WorkshopError("code_needed")
        state[REFUSED] = ("error", ui.refusal_of(wanted, lang))
        return
    except OperationalError as exc:
        state[REFUSED] = ("error", ui.refusal_of(exc, lang))
        return
    joined = Visitor(session.code, person.token, lang)
    st.query_params.from_dict(joined.query())
    welcome = say("app_joined", lang, code=session.code, title=session.title)
    state[WELCOME] = (welcome + " " + say("app_join_next", lang), NEXT_PAGE[session.phase])


def _survey_notice(found: Visitor) -> None:
    """For a survey: what is asked and until when, in the visitor's time zone (nothing for
    a session in a room, or a code the form will refuse)."""
    import streamlit as st

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
