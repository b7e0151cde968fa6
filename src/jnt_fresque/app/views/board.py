"""/plateau: the table's live board — cards laid out, links drawn by everyone at the table.

A fragment polls the board's version (one small query) every `REFRESH_SECONDS` and
rebuilds what it draws only when the version moved; what it draws at a version is
kept per process, for every screen of the table. Each tap or drag on the board is one
event, written at once; the link chosen for a note or a removal is edited below it.
"""

from __future__ import annotations

import time
from typing import Any

from jnt_fresque.app import ui
from jnt_fresque.app.board_picture import answer_key, expected_links, key_score
from jnt_fresque.app.cardboard import as_json, board_component, board_data
from jnt_fresque.app.live import at_version
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import refusal, say
from jnt_fresque.i18n import Lang
from jnt_fresque.store import boards
from jnt_fresque.workshop.errors import WorkshopError

REFRESH_SECONDS = 1.5  # a link drawn at the table shows on the others' screens within 2 s
KEY = "board"  # the component's widget key
MESSAGE_SECONDS = 6


def render() -> None:
    import streamlit as st

    found = ui.page("app_board_title")
    lang = found.lang
    status = ui.status_of(found)
    session = status.session
    store = ui.store()
    token = found.token
    assert token is not None
    me = store.participant(session.code, token)
    board = boards.board_of(me.table, token)
    st.subheader(
        say("app_board_scope_table", lang, table=me.table)
        if me.table is not None
        else say("app_board_scope_mine", lang),
        anchor=False,
    )
    st.caption(say("app_board_live", lang))

    def act() -> None:
        # The component's event, handled before the fragment draws again.
        event = (st.session_state.get(KEY) or {}).get("action")
        if isinstance(event, dict):
            _handle(event, store, session.code, token, lang)

    @st.fragment(run_every=REFRESH_SECONDS)
    def live() -> None:
        # One small query a refresh: the board's version, and whether the phase lets it
        # change (the facilitator may move on while the page is open).
        version, frozen = boards.poll(store, session.code, board)
        editable = frozen is None
        if frozen is not None:
            st.info(say("app_board_phase", lang, phase=frozen.label.get(lang)))
        drawn = at_version(
            (store.url, session.code, "board", board, lang, editable),
            version,
            lambda: _drawn(store, session.code, board, lang, editable),
        )
        board_component()(key=KEY, data=drawn["data"], on_action_change=act)
        message = st.session_state.get("board_message")
        if message:
            # Shown for a few refreshes, long enough to be read.
            if len(message) == 2:
                message = st.session_state["board_message"] = (*message, time.monotonic())
            if time.monotonic() - message[2] > MESSAGE_SECONDS:
                st.session_state.pop("board_message", None)
            else:
                (st.error if message[0] == "error" else st.success)(message[1])
        _editor(store, session.code, token, lang, drawn, editable)
        if drawn["score"] is not None:
            st.markdown(f"**{say('app_board_key', lang)}**")
            st.write(
                say("app_board_score", lang, found=drawn["score"][0], needed=drawn["score"][1])
            )
            for line in drawn["key_lines"]:
                st.markdown(line)

    # No coverage matrix here: its marks of the deck's expected links are the answer
    # key, which the tables see only when the facilitator shows it (in `live`).
    live()


def _titler(lang: Lang, proposals: Any = ()) -> Any:
    return lambda card: ui.title_of(card, lang, proposals)


def _drawn(store: Any, code: str, board: str, lang: Lang, editable: bool) -> dict[str, Any]:
    """What the board shows at its current version (kept per version by the caller)."""
    view = boards.read(store, code, board)
    proposals = store.proposals(code)
    title = _titler(lang, proposals)
    key = None
    lines: list[str] = []
    score = None
    if view.key_shown:
        on_board = [*view.layout, *(link.use_case for link in view.links)]
        placed = [uc for uc in dict.fromkeys(on_board) if uc.startswith(("uc-", "prop-"))]
        key = answer_key(view.links, placed, expected_links(decks().cards("uc")))
        score = key_score(key)
        for uc, k in key.items():
            lines.append(
                say("app_board_missing", lang, uc=title(uc), missing=", ".join(title(d) for d in k["missing"]))
                if k["missing"]
                else say("app_board_complete", lang, uc=title(uc))
            )  # fmt: skip
    return {
        # Serialized once per version: every refresh of every screen of the table sends it.
        "data": as_json(
            board_data(view, lang=lang, proposals=proposals, editable=editable, key=key)
        ),
        "links": {(link.use_case, link.data): link.note for link in view.links},
        "score": score,
        "key_lines": lines,
    }


def _handle(event: dict[str, Any], store: Any, code: str, token: str, lang: Lang) -> None:
    """One tap or drag on the board: written at once, or refused with a message."""
    import streamlit as st

    op = event.get("op")
    uc, data, card = (str(event.get(k, ""))[:64] for k in ("uc", "data", "card"))
    try:
        if op == "link":
            boards.link(store, code, token, uc, data)
            st.session_state["board_chosen"] = (uc, data)
        elif op == "select":
            st.session_state["board_chosen"] = (uc, data)
        elif op == "move":
            boards.place(store, code, token, card, _number(event.get("x")), _number(event.get("y")))
        elif op == "place":
            boards.place(store, code, token, card)
        elif op == "unplace":
            boards.unplace(store, code, token, card)
    except WorkshopError as exc:
        st.session_state["board_message"] = ("error", refusal(exc, lang))


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _editor(
    store: Any, code: str, token: str, lang: Lang, drawn: dict[str, Any], editable: bool
) -> None:
    """The chosen link: its note, written or changed, and its removal."""
    import streamlit as st

    chosen = st.session_state.get("board_chosen")
    if not chosen or tuple(chosen) not in drawn["links"]:
        return
    uc, data = chosen
    title = _titler(lang)
    with st.container(border=True):
        st.markdown(say("app_board_link", lang, uc=title(uc), data=title(data)))
        if not editable:
            st.text(drawn["links"][(uc, data)])
            return
        note_key = f"board_note:{uc}:{data}"
        if note_key not in st.session_state:
            st.session_state[note_key] = drawn["links"][(uc, data)]

        # Callbacks: written before the fragment draws again, so the board shows the change.
        def save() -> None:
            _write(lambda: boards.annotate(store, code, token, uc, data, st.session_state[note_key]),
                   say("app_board_noted", lang), lang)  # fmt: skip

        def remove() -> None:
            _write(lambda: boards.unlink(store, code, token, uc, data), say("app_board_removed", lang), lang)  # fmt: skip
            close()

        def close() -> None:
            st.session_state.pop("board_chosen", None)
            st.session_state.pop(note_key, None)

        # A form sent by its buttons: no « Press Enter to apply » under the note (Streamlit
        # says it in English only).
        with st.form(f"board_note_form:{uc}:{data}", enter_to_submit=False, border=False):
            st.text_input(say("app_board_note", lang), key=note_key, max_chars=280)
            left, middle, right = st.columns(3)
            left.form_submit_button(
                say("app_board_note_save", lang), key="board_note_save", type="primary",
                on_click=save,
            )  # fmt: skip
            middle.form_submit_button(
                say("app_board_unlink", lang), key="board_unlink", on_click=remove
            )
            right.form_submit_button(
                say("app_board_close", lang), key="board_close", on_click=close
            )


def _write(change: Any, done: str, lang: Lang) -> None:
    """Make ``change``; say ``done``, or why it was refused, above the board."""
    import streamlit as st

    try:
        change()
        st.session_state["board_message"] = ("ok", done)
    except WorkshopError as exc:
        st.session_state["board_message"] = ("error", refusal(exc, lang))
