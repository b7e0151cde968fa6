"""/animation: the facilitator console, behind the session's facilitator secret."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jnt_fresque.app import ui
from jnt_fresque.app.projector import is_hidden, set_hidden
from jnt_fresque.app.text import say
from jnt_fresque.app.visitor import Visitor
from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import METHOD_LABELS, Method

PASS = "fac"  # the address parameter holding the facilitator's signed pass


def render() -> None:
    import streamlit as st

    found = ui.page("app_fac_title")
    lang = found.lang
    code = st.session_state.get("fac_code")
    held = st.session_state.get("fac_pass")
    if code is not None and held and ui.store().check_facilitator_pass(held) != code:
        # Left from another tab, or expired: this tab is out too.
        for name in ("fac_code", "fac_pass"):
            st.session_state.pop(name, None)
        code = None
    code = code or _signed_in(lang)
    if code is None:
        _login(found)
        return
    # The pass stays in the address (a language switch rewrites it), so a reload keeps
    # the facilitator in; the secret itself never goes there.
    held = st.session_state.get("fac_pass")
    if held and st.query_params.get(PASS) != held:
        st.query_params[PASS] = held
    store = ui.store()
    with ui.refusals(lang):
        session = store.session(code)
        _new_session(lang)
        st.caption(say("app_session_line", lang, code=session.code, title=session.title,
                       phase=session.phase.label.get(lang)))  # fmt: skip
        if "fac_created" in st.session_state:
            st.warning(st.session_state["fac_created"])
        _address(session.code, lang)
        _phases(session.code, lang)
        _polls(session.code, lang)
        _people(session.code, lang)
        _wall(session.code, lang)
        _files(session.code, lang)
        _codes(session.code, lang)
        _campaign(session.code, lang)
    if st.sidebar.button(say("app_fac_logout", lang), key="fac_logout"):
        # Leaving voids every pass to this console (other tabs, a copied address).
        store.revoke_facilitator_passes(code)
        for key in list(st.session_state):
            if str(key) in ("fac_code", "fac_pass", "fac_created") or str(key).startswith(
                ("fac_files:", "fac_codes_pdf:")
            ):
                st.session_state.pop(key, None)
        st.query_params.pop(PASS, None)
        st.rerun()


def _enter(code: str) -> None:
    """Let the facilitator of ``code`` in, in this tab and in its address."""
    import streamlit as st

    made = ui.store().facilitator_pass(code)
    st.session_state["fac_code"] = code
    st.session_state["fac_pass"] = made
    st.query_params[PASS] = made


def _signed_in(lang: Lang) -> str | None:
    """The session the address's pass opens (after a reload), else None."""
    import streamlit as st

    made = st.query_params.get(PASS)
    if not made:
        return None
    code = ui.store().check_facilitator_pass(made)
    if code is None:
        st.query_params.pop(PASS, None)
        st.warning(say("app_fac_pass_expired", lang))
        return None
    st.session_state["fac_code"] = code
    st.session_state["fac_pass"] = made
    return code


def _login(found: Visitor) -> None:
    import streamlit as st

    lang = found.lang
    # Streamlit's own words are English only: no « Press Enter to submit form » under the
    # fields of any form here (their buttons send them).
    with st.form("fac_login_form", enter_to_submit=False):
        code = st.text_input(
            say("app_fac_code", lang), value=found.code or "", key="fac_code_input"
        )
        secret = st.text_input(say("app_fac_secret", lang), type="password", key="fac_secret")
        submitted = st.form_submit_button(
            say("app_fac_login", lang), key="fac_login", type="primary"
        )
    if submitted:
        from jnt_fresque.workshop.errors import WorkshopError

        try:
            ok = ui.store().check_secret(code, secret)
        except WorkshopError:
            ok = False
        if not ok:
            ui.stop(say("app_fac_bad_secret", lang), kind="error")
        _enter(ui.store().session(code).code)
        st.rerun()


def _new_session(lang: Lang) -> None:
    import streamlit as st

    from jnt_fresque.app.polls import session_polls

    # A form without Enter, a segmented control rather than a select box and numbers without
    # bounds: no built-in English (« Press Enter to apply », « No results », « Number is
    # above the allowed range »); k and the dots are checked by the store, in our words.
    with st.expander(say("app_fac_new", lang)), st.form("fac_new", enter_to_submit=False):
        title = st.text_input(say("app_fac_new_title", lang), key="fac_new_title", max_chars=120)
        method = st.segmented_control(
            say("app_fac_method", lang), [m.value for m in Method], key="fac_method",
            default=Method.ranked.value, format_func=lambda m: METHOD_LABELS[Method(m)].get(lang),
        )  # fmt: skip
        k = st.number_input(say("app_fac_k", lang), value=10, step=1, key="fac_k")
        dots = st.number_input(say("app_fac_dots", lang), value=10, step=1, key="fac_dots")
        hidden = st.checkbox(say("app_fac_hidden", lang), key="fac_new_hidden")
        if st.form_submit_button(say("app_fac_create", lang), key="fac_create"):
            session, secret = ui.store().create_session(
                title,
                polls=session_polls(method or Method.ranked.value, k=int(k), dots=int(dots)),
                results_hidden=hidden,
            )
            _enter(session.code)
            st.session_state["fac_created"] = say(
                "app_fac_created", lang, code=session.code, secret=secret
            )
            st.rerun()


def _address(code: str, lang: Lang) -> None:
    import io

    import segno  # type: ignore[import-untyped,unused-ignore]
    import streamlit as st

    host = st.context.headers.get("Host") or "localhost:8501"
    url = f"http://{host}/?session={code}"
    left, right = st.columns([1, 3])
    picture = io.BytesIO()
    segno.make(url, error="m").save(picture, kind="png", scale=6, border=2)
    left.image(picture.getvalue(), width=180)
    right.subheader(say("app_fac_join_address", lang), anchor=False)
    # Plain text: a code block's copy button is named in English only.
    right.text(url)
    right.header(code, anchor=False)


def _phases(code: str, lang: Lang) -> None:
    import streamlit as st

    store = ui.store()
    session = store.session(code)
    phases = [p.value for p in Phase]
    # Pills: the five phases in sight, wrapped on a narrow screen, and no built-in English
    # (a select box's « No results »).
    chosen = st.pills(
        say("app_fac_phase", lang), phases, default=session.phase.value, key="fac_phase",
        format_func=lambda p: Phase(p).label.get(lang),
    )  # fmt: skip
    middle, right = st.columns(2)
    if (
        middle.button(say("app_fac_set_phase", lang), key="fac_set_phase", type="primary")
        and chosen
    ):
        session = store.set_phase(code, chosen)
        st.toast(say("app_fac_phase_set", lang, phase=session.phase.label.get(lang)))
        st.rerun()
    closed_label = say("app_fac_reopen" if session.closed else "app_fac_close", lang)
    if right.button(closed_label, key="fac_close"):
        store.set_closed(code, not session.closed)
        st.rerun()
    # Kept in the database: every app process and the next start see the same choice. The
    # switch shows what the database says (another tab may have changed it) and writes only
    # when the facilitator flips it.
    st.session_state["fac_hidden"] = is_hidden(code, store=store)
    st.toggle(
        say("app_fac_hidden", lang), key="fac_hidden",
        on_change=lambda: set_hidden(code, bool(st.session_state["fac_hidden"]), store=store),
    )  # fmt: skip


def _wall(code: str, lang: Lang) -> None:
    import streamlit as st

    from jnt_fresque.app.views import wall
    from jnt_fresque.store import boards

    store = ui.store()
    # Like the switch above: what the database says, written only when flipped.
    st.session_state["fac_key"] = boards.key_shown(store, code)
    st.toggle(
        say("app_fac_key", lang), key="fac_key",
        on_change=lambda: boards.set_key_shown(store, code, bool(st.session_state["fac_key"])),
    )  # fmt: skip
    wall.render(store, code, lang)


def _polls(code: str, lang: Lang) -> None:
    import streamlit as st

    from jnt_fresque.app.polls import proposed_poll

    store = ui.store()
    snapshot = store.snapshot(code)
    st.subheader(say("app_fac_polls", lang), anchor=False)
    for poll in snapshot.polls:
        left, right = st.columns([3, 1])
        left.write(
            say("app_fac_poll_line", lang, title=poll.title.get(lang),
                method=METHOD_LABELS[poll.method].get(lang).replace(" k", f" {poll.limit}"),
                state=say("app_fac_open" if poll.open else "app_fac_closed", lang),
                ballots=len(snapshot.ballots_of(poll.id)))
        )  # fmt: skip
        label = "app_fac_poll_close" if poll.open else "app_fac_poll_open"
        if right.button(say(label, lang, poll=poll.id), key=f"fac_poll_{poll.id}"):
            store.set_poll_open(code, poll.id, not poll.open)
            st.rerun()
    has_proposed = any(p.id == "proposed" for p in snapshot.polls)
    if (
        snapshot.proposals
        and not has_proposed
        and st.button(say("app_fac_let_proposed", lang), key="fac_proposed")
    ):
        model = snapshot.polls[0] if snapshot.polls else None
        method = model.method if model else Method.ranked
        store.add_poll(
            code,
            proposed_poll(
                method, k=model.k if model else 10, dots=model.dots or 10 if model else 10
            ),
        )
        st.success(say("app_fac_proposed_added", lang))


def _people(code: str, lang: Lang) -> None:
    import streamlit as st

    snapshot = ui.store().snapshot(code)
    voters = len({b.participant for b in snapshot.ballots})
    st.subheader(say("app_fac_participants", lang), anchor=False)
    st.write(
        say("app_fac_people", lang, participants=len(snapshot.participants), voters=voters,
            links=len(snapshot.links), proposals=len(snapshot.proposals))
    )  # fmt: skip
    groups: dict[tuple[str, str], int] = {}
    for person in snapshot.participants:
        profile = (
            person.profile.label.get(lang) if person.profile else say("app_fac_no_profile", lang)
        )
        table = str(person.table) if person.table is not None else say("app_fac_no_table", lang)
        groups[(profile, table)] = groups.get((profile, table), 0) + 1
    if groups:
        # A static table: a data frame's toolbar and menus speak English only.
        st.table(
            [
                {
                    say("app_col_profile", lang): p,
                    say("app_col_table", lang): t,
                    say("app_col_people", lang): n,
                }
                for (p, t), n in sorted(groups.items())
            ],
            hide_index=True,
        )


def _files(code: str, lang: Lang) -> None:
    import streamlit as st

    from jnt_fresque.interchange import exports
    from jnt_fresque.reporting.report import write_report

    st.subheader(say("app_fac_exports", lang), anchor=False)
    if st.button(say("app_fac_prepare", lang), key="fac_prepare"):
        store = ui.store()
        snapshot = store.snapshot(code)
        files: dict[str, bytes] = {}
        with tempfile.TemporaryDirectory() as folder:
            for name, fmt in ((f"{code}.json", "json"), (f"{code}.xlsx", "xlsx")):
                for path in exports.write(
                    snapshot, Path(folder) / name, fmt, store.decks, lang=lang
                ):
                    files[path.name] = path.read_bytes()
            report = write_report(
                snapshot, Path(folder) / f"{code}-rapport.pdf", store.decks, lang=lang
            )
            files[report.name] = report.read_bytes()
        st.session_state[f"fac_files:{code}"] = files
    # Files are kept per session: a new session never offers the previous one's.
    for name, data in st.session_state.get(f"fac_files:{code}", {}).items():
        st.download_button(
            say("app_fac_download", lang, name=name), data, file_name=name, key=f"fac_dl_{name}"
        )


def _codes(code: str, lang: Lang) -> None:
    import streamlit as st

    from jnt_fresque.printing.code_sheets import write_code_sheets

    st.subheader(say("app_fac_codes", lang), anchor=False)
    st.caption(say("app_fac_codes_note", lang))
    # No bounds in the widget (its range message is English only): the store checks the count.
    count = st.number_input(say("app_fac_codes_count", lang), value=30, step=1, key="fac_codes_n")
    if st.button(say("app_fac_codes_make", lang), key="fac_codes"):
        store = ui.store()
        session = store.session(code)
        fresh = store.issue_vote_codes(code, int(count))
        host = st.context.headers.get("Host") or "localhost:8501"
        with tempfile.TemporaryDirectory() as folder:
            path = write_code_sheets(
                session, fresh, Path(folder) / f"{code}-codes.pdf", url=f"http://{host}/", lang=lang
            )
            st.session_state[f"fac_codes_pdf:{code}"] = path.read_bytes()
    # Kept per session: a new session never offers the previous session's codes under its name.
    made = st.session_state.get(f"fac_codes_pdf:{code}")
    if made is not None:
        st.download_button(
            say("app_fac_download", lang, name=f"{code}-codes.pdf"), made,
            file_name=f"{code}-codes.pdf", key="fac_dl_codes",
        )  # fmt: skip


def _campaign(code: str, lang: Lang) -> None:
    """The campaigns this session is part of, with their projector address; adding it to
    one (created when the name is new)."""
    import streamlit as st

    store = ui.store()
    st.subheader(say("app_fac_campaign", lang), anchor=False)
    with st.form("fac_campaign", enter_to_submit=False):
        name = st.text_input(
            say("app_fac_campaign_name", lang), key="fac_campaign_name", max_chars=40
        )
        added = st.form_submit_button(say("app_fac_campaign_add", lang), key="fac_campaign_add")
    if added:
        with ui.refusals(lang):
            known = {summary.campaign.name for summary in store.campaigns()}
            if name.strip() not in known:
                store.create_campaign(name)
            campaign = store.add_to_campaign(name.strip(), [code])
            st.success(
                say("campaign_added", lang, campaign=campaign.name, count=len(campaign.sessions))
            )
    mine = [s.campaign.name for s in store.campaigns() if code in s.campaign.sessions]
    for each in mine:
        address = f"/campagne?campagne={each}&lang={lang}"
        st.markdown(say("app_fac_campaign_page", lang, campaign=each, address=address))
    if not mine:
        st.caption(say("app_fac_campaign_none", lang))
