"""The facilitator's wall: every table's board side by side, and the room's board.

Shown on the console (/animation) and the projector (/resultats). It polls the
versions of the session's boards (one small query) and draws again only when one of
them moved; the pictures made at a set of versions are kept per process, for every
screen showing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jnt_fresque.app.board_picture import answer_key, board_dot, expected_links, key_score
from jnt_fresque.app.live import at_version
from jnt_fresque.app.resources import decks
from jnt_fresque.app.text import say
from jnt_fresque.i18n import Lang
from jnt_fresque.store import boards
from jnt_fresque.workshop.board import Link

if TYPE_CHECKING:
    from jnt_fresque.store.repository import Store

REFRESH_SECONDS = 3
COLUMNS = 3  # tables side by side on a projector


@dataclass(frozen=True, slots=True)
class Tile:
    """One board on the wall: its heading, picture and score (when the key is shown)."""

    heading: str
    dot: str
    links: int
    score: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Wall:
    tiles: tuple[Tile, ...]
    room: str  # the room's board: an edge as wide as the number of tables that drew it


def room_links(views: dict[str, boards.BoardView]) -> list[Link]:
    """The links of every board, one per board and pair, each made by its board: counted
    by `board_dot`, an edge's width is the number of boards (tables) that drew it.

    Examples
    --------
    >>> from jnt_fresque.store.boards import BoardView
    >>> a = BoardView("t:1", 1, (Link("uc-a", "data-bu", "p1", 1), Link("uc-a", "data-bu", "p2", 1)))
    >>> b = BoardView("t:2", 1, (Link("uc-a", "data-bu", "p3", 2),))
    >>> [link.participant for link in room_links({"t:1": a, "t:2": b})]
    ['t:1', 't:2']
    """
    found = {
        (name, link.use_case, link.data) for name, view in views.items() for link in view.links
    }
    return [Link(uc, d, participant=name) for name, uc, d in sorted(found)]


def build(store: Store, code: str, lang: Lang) -> Wall:
    """The wall of session ``code`` as it is now, in ``lang``."""
    views = boards.read_all(store, code)
    proposals = store.proposals(code)

    def title(card: str) -> str:
        from jnt_fresque.app import ui

        return ui.title_of(card, lang, proposals)

    expected = expected_links(decks().cards("uc"))
    tiles = []

    def order(name: str) -> tuple[bool, int, str]:
        # Tables in number order, then the participants without a table.
        return (name.startswith("p:"), int(name[2:]) if name.startswith("t:") else 0, name)

    for name in sorted(views, key=order):
        view = views[name]
        if not view.links:
            continue
        heading = (
            say("app_wall_table", lang, table=view.table)
            if view.table is not None
            else say("app_wall_person", lang, who=name[2:6])
        )
        score = None
        if view.key_shown:
            score = key_score(
                answer_key(view.links, [link.use_case for link in view.links], expected)
            )
        tiles.append(Tile(heading, board_dot(view.links, title), len(view.links), score))
    room = room_links(views)
    return Wall(tuple(tiles), board_dot(room, title) if room else "")


def render(store: Store, code: str, lang: Lang) -> None:
    """The wall, redrawn by itself when a board of the session changes."""
    import streamlit as st

    @st.fragment(run_every=REFRESH_SECONDS)
    def live() -> None:
        seen = boards.versions(store, code)
        wall = at_version(
            (store.url, code, "wall", lang),
            hash(tuple(sorted(seen.items()))),
            lambda: build(store, code, lang),
        )
        st.subheader(say("app_wall_title", lang), anchor=False)
        if not wall.tiles:
            st.caption(say("app_wall_none", lang))
            return
        for start in range(0, len(wall.tiles), COLUMNS):
            for column, tile in zip(
                st.columns(COLUMNS), wall.tiles[start : start + COLUMNS], strict=False
            ):
                with column.container(border=True):
                    st.markdown(f"**{tile.heading}** — {say('app_wall_links', lang, n=tile.links)}")
                    if tile.score is not None:
                        st.caption(
                            say("app_wall_score", lang, found=tile.score[0], needed=tile.score[1])
                        )
                    st.graphviz_chart(tile.dot)
        st.subheader(say("app_wall_room", lang), anchor=False)
        st.caption(say("app_wall_room_note", lang))
        st.graphviz_chart(wall.room)

    live()
