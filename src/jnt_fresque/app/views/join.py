"""/rejoindre: the session code (or the QR address carrying it), a profile, a table."""

from __future__ import annotations

from functools import lru_cache

from jnt_fresque.app import ui
from jnt_fresque.app.text import refusal, say
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
REFUSED = "join_refused"  # a refusal to show after the page is drawn again


def render() -> None:
    import streamlit as st

    found = ui.visitor()
    lang = found.lang
    # The menu's row comes first on the page, and is filled last: once the form is
    # handled, it offers the pages with the identity just given.
    row = ui.menu_row()
    st.title(say("app_join_title", lang), anchor=False)
    if found.code and not found.joined:
        _survey_notice(found)
    # The token is drawn before the click: a double click joins once, with one identity.
    pending = st.session_state.setdefault("pending_token", fresh_token())
    address_code = st.query_params.get("code", "")[:32]
    # A printed voting code comes in its sheet's QR address, or is typed: the field shows
    # when the address carries one, when nothing names the session, or once the session
    # has asked for one (a room's QR code does not need it).
    ask_code = not found.code or bool(address_code) or st.session_state.get(ASK_CODE, False)
    # Streamlit's built-in words are English only: no « Press Enter to submit form » (the
    # button sends), pills rather than a select box (« No results »), no bounds on the table
    # (« Number is above the allowed range »): the table is checked below, in our words.
    with st.form("join", enter_to_submit=False):
        code = st.text_input(
            say("app_join_code", lang), value=found.code or "", key="join_code", max_chars=32
        )
        vote_code = ""
        if ask_code:
            vote_code = st.text_input(
                say("app_join_vote_code", lang),
                value=address_code,
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
    if REFUSED in st.session_state:
        st.error(st.session_state.pop(REFUSED))
    if submitted and not code.strip():
        st.warning(say("app_join_empty", lang))
    elif submitted:
        found = _join(found, code, vote_code, profile, int(table), pending=pending, asked=ask_code)
    ui.menu(found, places=ui.MENU if found.joined else (), row=row)


def _join(
    found: Visitor,
    code: str,
    vote_code: str,
    profile: str | None,
    table: int,
    *,
    pending: str,
    asked: bool,
) -> Visitor:
    """Join session ``code``; the visitor with their identity, or as they were when the
    store refuses (the page says why). ``asked``: the voting code's field was shown."""
    import streamlit as st

    from jnt_fresque.workshop import codes

    lang = found.lang
    same = found.code == codes.normalize(code) if found.code else False
    with ui.refusals(lang):
        at_table = parse_table(table) if table else None
        try:
            session, person = ui.store().enter(
                code,
                token=None
                if vote_code.strip()
                else (found.token if same and found.token else pending),
                vote_code=vote_code.strip() or None,
                profile=Profile(profile) if profile else None,
                table=at_table,
            )
        except WorkshopError as exc:
            if exc.key not in CODE_REFUSALS:
                raise
            # No code typed: the token drawn for this tab is no printed code, and showing it
            # would puzzle; say what is missing.
            wanted = exc if vote_code.strip() else WorkshopError("code_needed")
            if asked:
                raise wanted from None
            # The session wants a printed voting code: the page comes again with its field.
            st.session_state[ASK_CODE] = True
            st.session_state[REFUSED] = refusal(wanted, lang)
            st.rerun()
        joined = Visitor(session.code, person.token, lang)
        st.query_params.from_dict(joined.query())
        st.success(
            say("app_joined", lang, code=session.code, title=session.title)
            + " "
            + say("app_join_next", lang)
        )
        # The page of the moment, under the message (a phone shows the menu far above).
        next_row = st.container(key="join_next")
        ui.menu(joined, places=(NEXT_PAGE[session.phase],), row=next_row, switch=False)
        return joined
    return found


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
