"""The Streamlit pieces every page shares: the page list and addresses, the language
switch, the links between pages, the guards that stop a page with a clear message.

This is the only module of `jnt_fresque.app` (with `views`) that imports Streamlit.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from jnt_fresque.app.text import refusal, say
from jnt_fresque.app.visitor import Visitor
from jnt_fresque.i18n import Lang
from jnt_fresque.workshop.errors import WorkshopError

if TYPE_CHECKING:
    from streamlit.navigation.page import Page as StPage

    from jnt_fresque.store.repository import SessionStatus, Store
    from jnt_fresque.workshop.proposals import Proposal
    from jnt_fresque.workshop.session import Session


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One page of the app: its French address, its script, its title."""

    path: str
    script: str
    title: str  # message key
    icon: str


PAGES: tuple[PageInfo, ...] = (
    PageInfo("rejoindre", "rejoindre.py", "app_page_join", ":material/login:"),
    PageInfo("cartes", "cartes.py", "app_page_cards", ":material/style:"),
    PageInfo("plateau", "plateau.py", "app_page_board", ":material/hub:"),
    PageInfo("proposer", "proposer.py", "app_page_propose", ":material/edit_note:"),
    PageInfo("voter", "voter.py", "app_page_vote", ":material/how_to_vote:"),
    PageInfo("resultats", "resultats.py", "app_page_results", ":material/leaderboard:"),
    PageInfo("animation", "animation.py", "app_page_facilitator", ":material/tune:"),
)
SCOPING = PageInfo("cadrage", "cadrage.py", "app_page_scoping", ":material/quiz:")


@lru_cache(maxsize=1)
def has_scoping() -> bool:
    """Whether the scoping module (`jnt_fresque.scoping.profile`) is installed (looked up
    once per process)."""
    try:
        from jnt_fresque import scoping

        return callable(getattr(scoping, "profile", None))
    except ImportError:
        return False


def pages() -> tuple[PageInfo, ...]:
    """The app's pages, the scoping page included when scoping is available."""
    return (*PAGES, SCOPING) if has_scoping() else PAGES


# The app's `st.Page` objects, made once per process (entry script → {address: page}):
# making one resolves and checks its file, which no page run needs to do again.
_DECLARED: dict[str, dict[str, StPage]] = {}
_DECLARED_LOCK = threading.Lock()


def _declared(main_script: str) -> dict[str, StPage]:
    import streamlit as st

    with _DECLARED_LOCK:
        found = _DECLARED.get(main_script)
        if found is None:
            folder = Path(main_script).resolve().parent / "pages"
            found = _DECLARED[main_script] = {
                page.path: st.Page(
                    str(folder / page.script),
                    title=say(page.title, "fr"),
                    icon=page.icon,
                    url_path=page.path,
                    default=page.path == "rejoindre",
                )
                for page in pages()
                if (folder / page.script).is_file()
            }
        return found


def run_app(main_script: str) -> None:
    """The entry script's body: declare the pages, hide Streamlit's own menu, run the page."""
    import streamlit as st

    st.set_page_config(page_title=say("app_title", "fr"), page_icon="🃏", layout="wide")
    # Each run navigates with copies: `st.navigation` marks the page it picks as callable,
    # and visitors' runs go on in parallel threads.
    declared = [copy.copy(page) for page in _declared(main_script).values()]
    st.navigation(declared, position="hidden").run()


def visitor() -> Visitor:
    """The visitor of this page, read from its address."""
    import streamlit as st

    return Visitor.from_query(st.query_params.to_dict())


def page(title: str, *, nav: bool = True) -> Visitor:
    """Start a page: the language switch and the links in the sidebar, the title.

    Returns the visitor, in the language they chose.
    """
    import streamlit as st

    found = visitor()
    if "lang" not in st.session_state:
        st.session_state["lang"] = found.lang
    lang: Lang = st.sidebar.radio(
        "Langue / Language",
        ["fr", "en"],
        key="lang",
        horizontal=True,
        format_func=lambda code: {"fr": "Français", "en": "English"}[code],
    )
    if lang != found.lang:
        found = replace(found, lang=lang)
        st.query_params.from_dict(found.query())
    if nav:
        links(found, sidebar=True)
    st.title(say(title, found.lang))
    return found


def links(found: Visitor, *, sidebar: bool = False, only: tuple[str, ...] = ()) -> None:
    """Links to the app's pages, carrying the visitor's session, token and language."""
    import streamlit as st

    place = st.sidebar if sidebar else st
    # The process's `st.Page` objects: a link to one needs no file lookup.
    declared = next(iter(_DECLARED.values()), {}) if len(_DECLARED) == 1 else {}
    query = found.query()
    for info in pages():
        if only and info.path not in only:
            continue
        try:
            place.page_link(
                declared.get(info.path) or _page_file(info),
                label=say(info.title, found.lang),
                icon=info.icon,
                query_params=query,
            )
        except Exception:  # pragma: no cover - a page run on its own (no navigation)
            return


def _page_file(info: PageInfo) -> str:
    # page_link names pages relative to the entry script's folder.
    return f"pages/{info.script}"


def stop(message: str, *, kind: str = "info") -> NoReturn:
    """Show ``message`` and end the page run."""
    import streamlit as st

    {"info": st.info, "warning": st.warning, "error": st.error}[kind](message)
    st.stop()
    raise AssertionError("unreachable")  # pragma: no cover


def store() -> Store:
    """The process's store."""
    from jnt_fresque.app.resources import store as shared

    return shared()


@contextmanager
def refusals(lang: Lang) -> Iterator[None]:
    """Show a refusal of the workshop, or an unreachable database, as a message."""
    import streamlit as st
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except WorkshopError as exc:
        st.error(refusal(exc, lang))
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0][:120]
        st.error(say("app_db_error", lang, reason=reason))


def session_of(found: Visitor, *, need_token: bool = True) -> Session:
    """The visitor's session, or the page stops with what to do."""
    return status_of(found, need_token=need_token).session


def status_of(
    found: Visitor, *, need_token: bool = True, polls: bool = False, ballots: bool = False
) -> SessionStatus:
    """The visitor's session with its settings and version (one query), with its polls
    and the visitor's ballots when asked (same transaction), or the page stops with what
    to do."""
    import streamlit as st

    lang = found.lang
    if not found.code or (need_token and not found.token):
        st.info(say("app_need_join", lang))
        links(found, only=("rejoindre",))
        st.stop()
    assert found.code is not None
    status: SessionStatus | None = None
    with refusals(lang):
        status = store().status(
            found.code, polls=polls, token=found.token if ballots and found.token else None
        )
    if status is None:
        links(found, only=("rejoindre",))
        st.stop()
    assert status is not None
    session = status.session
    st.caption(
        say("app_session_line", lang, code=session.code, title=session.title,
            phase=session.phase.label.get(lang))
        + (f" — {say('app_fac_closed', lang)}" if session.closed else "")
    )  # fmt: skip
    return status


def title_of(card_id: str, lang: Lang, proposals: Sequence[Proposal] = ()) -> str:
    """A card's title in ``lang`` (a proposed card's as written)."""
    from jnt_fresque.app.resources import decks

    for proposal in proposals:
        if proposal.id == card_id:
            return proposal.title
    try:
        return decks().card(card_id).title.get(lang)
    except KeyError:
        return card_id
