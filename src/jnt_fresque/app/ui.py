"""The Streamlit pieces every page shares: the page list and addresses, the menu (the
pages and the language switch, in the visitor's language, the browser's by default), the
guards that stop a page with a clear message.

This is the only module of `jnt_fresque.app` (with `views`) that imports Streamlit.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from jnt_fresque.app.text import refusal, say
from jnt_fresque.app.visitor import Visitor
from jnt_fresque.i18n import Lang, language_of, languages
from jnt_fresque.i18n.catalogues import SOURCE
from jnt_fresque.workshop.errors import WorkshopError

if TYPE_CHECKING:
    from sqlalchemy.exc import OperationalError
    from streamlit.delta_generator import DeltaGenerator
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
    # A campaign's pooled results, for the projector (reached by its address).
    PageInfo("campagne", "campagne.py", "app_campaign_title", ":material/public:"),
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
            from jnt_fresque.app.resources import settle

            settle()
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

    if "page_config" not in st.session_state:
        # Once per browser tab: the browser keeps it, and every run would send it again.
        st.set_page_config(page_title=say("app_title", "fr"), page_icon="🃏", layout="wide")
        st.session_state["page_config"] = True
    # Each run navigates with copies: `st.navigation` marks the page it picks as callable,
    # and visitors' runs go on in parallel threads.
    declared = [copy.copy(page) for page in _declared(main_script).values()]
    st.navigation(declared, position="hidden").run()


# Where the menu leads a participant, in this order (the join page comes first, the
# facilitator's console is reached by its address).
MENU: tuple[str, ...] = ("cartes", "plateau", "proposer", "voter", "resultats", "cadrage")


def endonyms() -> dict[Lang, str]:
    """Every language with a catalogue, each named in itself, as the language switch shows
    them: a translator's new catalogue adds its language here, with no Python to edit.

    Examples
    --------
    >>> endonyms()
    {'fr': 'Français', 'en': 'English'}
    """
    return {code: endonym(code) for code in languages()}


@lru_cache(maxsize=64)
def endonym(code: Lang) -> str:
    """The language ``code`` named in itself, capitalised (CLDR's names, through Babel):
    ``de`` → « Deutsch »; the code itself for a language CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        name = code
    return name[:1].upper() + name[1:]


def browser_language() -> Lang:
    """The language the visitor's browser asks for when a catalogue speaks it, French
    otherwise (Streamlit reads it from the browser; none in a test run)."""
    import streamlit as st

    try:
        locale = st.context.locale or ""
    except Exception:  # pragma: no cover - no browser behind this run
        locale = ""
    return language_of(locale) or SOURCE


def time_zone() -> str:
    """The browser's time zone (IANA name), or the kit's default when the browser gives
    none this machine knows."""
    import streamlit as st

    from jnt_fresque.workshop.errors import WorkshopError
    from jnt_fresque.workshop.survey import DEFAULT_ZONE, zone

    name = st.context.timezone or DEFAULT_ZONE
    try:
        zone(name)
    except WorkshopError:
        return DEFAULT_ZONE
    return name


def visitor() -> Visitor:
    """The visitor of this page, read from its address; the browser's language when the
    address names none."""
    import streamlit as st

    return Visitor.from_query(st.query_params.to_dict(), default_lang=browser_language())


def here() -> str:
    """The address of the page being run: its script's name (``pages/voter.py`` is
    ``voter``), as the run's context knows it; ``rejoindre`` when it knows none."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None:  # pragma: no cover - outside a page run
        return "rejoindre"
    running = context.pages_manager.get_pages().get(context.page_script_hash)
    script = running.get("script_path") if running else None
    return Path(script).stem if script else "rejoindre"


def page(title: str, *, nav: bool = True) -> Visitor:
    """Start a page: the menu (the app's pages and the language switch), then the title.

    Returns the visitor, in the language they read. ``nav=False``: the menu offers only
    the language switch.
    """
    import streamlit as st

    found = visitor()
    menu(found, places=MENU if nav else ())
    st.title(say(title, found.lang), anchor=False)
    return found


# The address parameter a language link adds, for the page it leads to to remove.
SWITCHED = "langue"


def menu(
    found: Visitor,
    *,
    places: Sequence[str] = MENU,
    row: DeltaGenerator | None = None,
    switch: bool = True,
) -> None:
    """The app's menu, one row of links at the top of the page (a phone shows it too,
    wrapped): the pages in ``places``, then this page in the other languages. Each link
    carries the visitor's session, token and language in its address.

    Links, not buttons: the browser moves to the page tapped and only that page runs (a
    button would run this page again first, then the next), and a link can be opened in
    a new tab or read out as a link. ``row``: where the links go (by default, a row of
    their own at this point of the page); ``switch=False``: no language links.
    """
    import streamlit as st

    if SWITCHED in st.query_params:
        # Arrived by a language link: a browser moving to the page it shows does not put
        # the link's address in its bar, so the page does (a reload keeps the language).
        del st.query_params[SWITCHED]
    declared = _current_pages()
    current = here()
    lang = found.lang
    titles = {info.path: info for info in pages()}
    if row is None:
        row = st.container(horizontal=True, gap="small", key="menu_top")
    query = found.query()
    for path in places:
        info = titles.get(path)
        if info is None or path not in declared:
            continue
        row.page_link(
            declared[path], label=say(info.title, lang), icon=info.icon, query_params=query,
            disabled=path == current,
        )  # fmt: skip
    this = declared.get(current)
    if this is None or not switch:  # no switch asked, or a page run on its own
        return
    # This page in another language: the whole address is kept (a facilitator's pass too).
    address = st.query_params.to_dict()
    address.update(query)
    for other, name in endonyms().items():
        if other != lang:
            row.page_link(
                this, label=name, icon=":material/translate:",
                query_params={**address, "lang": other, SWITCHED: "1"},
            )  # fmt: skip


def _current_pages() -> dict[str, StPage]:
    """The process's `st.Page` objects (empty when a page runs on its own, in a test)."""
    return next(iter(_DECLARED.values()), {}) if len(_DECLARED) == 1 else {}


def links(found: Visitor, *, only: tuple[str, ...] = ()) -> None:
    """Links to the app's pages, carrying the visitor's session, token and language."""
    import streamlit as st

    declared = _current_pages()
    query = found.query()
    for info in pages():
        if only and info.path not in only:
            continue
        try:
            st.page_link(
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
    except (WorkshopError, OperationalError) as exc:
        st.error(refusal_of(exc, lang))


def refusal_of(exc: WorkshopError | OperationalError, lang: Lang) -> str:
    """What a refusal of the workshop, or an unreachable database, says to the visitor."""
    if isinstance(exc, WorkshopError):
        return refusal(exc, lang)
    reason = str(exc.orig or exc).strip().splitlines()[0][:120]
    return say("app_db_error", lang, reason=reason)


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
