"""The live boards in the store: a table's links, where its cards lie, and its version.

A board belongs to a table (``t:<table>``, shared by everyone who gave that table
number) or, for a participant without a table, to that participant (``p:<token>``).
Its links are rows of the session's ``links`` table (who drew each is kept); its
``boards`` row holds a version number that every change to the board bumps, so that
the screens of the table poll one small number and redraw only when it moved, and the
places the cards were dragged to (shared by the table).

Every change is refused outside the linking phases and in a closed session, checks the
cards against the session's decks, and never doubles a link that is already on the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from jnt_fresque.store import schema as db
from jnt_fresque.workshop.board import Link, check_link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.phases import Phase

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, RowMapping

    from jnt_fresque.store.repository import Store

LINK_PHASES = frozenset({Phase.link, Phase.propose})
WIDTH, HEIGHT = 1000.0, 900.0  # the board's own units: what a card's place is measured in
MAX_PLACED = 120  # cards placed on one board (the kit's decks hold 80)

Change = Literal["added", "removed", "noted", "moved"]


def board_of(table: int | None, token: str) -> str:
    """The board a participant works on: their table's, else their own.

    Examples
    --------
    >>> board_of(3, "abc"), board_of(None, "abc")
    ('t:3', 'p:abc')
    """
    return f"t:{table}" if table is not None else f"p:{token}"


def on_board(link: Link, board: str) -> bool:
    """Whether ``link`` lies on ``board`` (a table's: any link of that table)."""
    kind, _, who = board.partition(":")
    if kind == "t":
        return link.table is not None and str(link.table) == who
    return link.table is None and link.participant == who


@dataclass(frozen=True, slots=True)
class BoardView:
    """One board as its screens draw it: its version, links (one per pair) and places."""

    board: str
    version: int
    links: tuple[Link, ...] = ()
    layout: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    key_shown: bool = False  # whether the facilitator shows the deck's expected links

    @property
    def table(self) -> int | None:
        """The table number of a table's board, else None."""
        kind, _, who = self.board.partition(":")
        return int(who) if kind == "t" else None


def _one_per_pair(links: Iterable[Link]) -> tuple[Link, ...]:
    # Two people of a table linking the same pair at once leave two rows: one link shown,
    # carrying the latest note written.
    kept: dict[tuple[str, str], Link] = {}
    for link in links:
        before = kept.get((link.use_case, link.data))
        kept[(link.use_case, link.data)] = (
            link if before is None or link.note or not before.note else before
        )
    return tuple(kept.values())


def _layout(raw: object) -> dict[str, tuple[float, float]]:
    if not isinstance(raw, dict):
        return {}
    return {
        str(card): (float(place[0]), float(place[1]))
        for card, place in raw.items()
        if isinstance(place, list | tuple) and len(place) == 2
    }


def _session_pk(connection: Connection, code: str) -> int | None:
    from sqlalchemy import select

    from jnt_fresque.workshop import codes

    return connection.execute(
        select(db.sessions.c.id).where(db.sessions.c.code == codes.normalize(code))
    ).scalar()


def version(store: Store, code: str, board: str) -> int:
    """The version of ``board`` (0 before its first change)."""
    return poll(store, code, board)[0]


def poll(store: Store, code: str, board: str) -> tuple[int, Phase | None]:
    """What a table's screens poll, in one small query: the board's version (0 before its
    first change), and None if the board can be changed now, else the session's phase
    (outside the linking phases, or the session closed)."""
    from sqlalchemy import and_, select

    from jnt_fresque.workshop import codes

    s = db.sessions.c
    query = (
        select(db.boards.c.version, s.phase, s.closed)
        .select_from(
            db.sessions.outerjoin(
                db.boards, and_(db.boards.c.session_id == s.id, db.boards.c.board == board)
            )
        )
        .where(s.code == codes.normalize(code))
    )
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        raise WorkshopError("unknown_session", code=code)
    phase = Phase(row[1])
    return int(row[0] or 0), None if not row[2] and phase in LINK_PHASES else phase


def versions(store: Store, code: str) -> dict[str, int]:
    """Every board of session ``code`` and its version (the wall polls these)."""
    from sqlalchemy import select

    from jnt_fresque.workshop import codes

    query = (
        select(db.boards.c.board, db.boards.c.version)
        .select_from(db.boards.join(db.sessions))
        .where(db.sessions.c.code == codes.normalize(code))
    )
    with store.engine.connect() as connection:
        return {board: int(v) for board, v in connection.execute(query).all()}


def read(store: Store, code: str, board: str) -> BoardView:
    """``board`` as it is now: version, links and places, read in one transaction."""
    found = read_all(store, code, only=board)
    return found.get(board) or BoardView(board, 0, key_shown=key_shown(store, code))


def read_all(store: Store, code: str, *, only: str | None = None) -> dict[str, BoardView]:
    """Every board of session ``code`` (the facilitator's wall), by board name; a board
    with links but no change through the live board yet (an imported sheet) is there too."""
    from sqlalchemy import select

    with store._read() as connection:
        session = store._session_row(connection, code)
        pk = session["id"]
        rows = connection.execute(
            select(db.boards.c.board, db.boards.c.version, db.boards.c.layout).where(
                db.boards.c.session_id == pk,
                *([db.boards.c.board == only] if only else []),
            )
        ).all()
        x = db.links.c
        found = connection.execute(
            select(x.use_case, x.data, db.participants.c.token, x.table_no, x.note)
            .select_from(db.links.outerjoin(db.participants))
            .where(x.session_id == pk)
            .order_by(x.id)
        ).all()
    links = [Link(uc, d, token, table, note) for uc, d, token, table, note in found]
    boards = {name: (int(v), _layout(layout)) for name, v, layout in rows}
    for link in links:
        name = board_of(link.table, link.participant or "")
        if link.table is None and not link.participant:
            continue
        boards.setdefault(name, (0, {}))
    return {
        name: BoardView(
            name,
            v,
            _one_per_pair(link for link in links if on_board(link, name)),
            layout,
            bool(session["key_shown"]),
        )
        for name, (v, layout) in boards.items()
        if only is None or name == only
    }


# --- changes ------------------------------------------------------------------------------


def _check_phase(row: RowMapping) -> None:
    phase = Phase(row["phase"])
    if row["closed"] or phase not in LINK_PHASES:
        raise WorkshopError("board_phase", phase=phase.value)


def _bump(
    connection: Connection, session_pk: int, board: str, layout: Mapping[str, Any] | None = None
) -> None:
    from sqlalchemy import select

    where = (db.boards.c.session_id == session_pk) & (db.boards.c.board == board)
    found = connection.execute(select(db.boards.c.id).where(where)).scalar()
    if found is None:
        connection.execute(
            db.boards.insert().values(
                session_id=session_pk, board=board, version=1, layout=dict(layout or {})
            )
        )
        return
    values: dict[str, Any] = {"version": db.boards.c.version + 1}
    if layout is not None:
        values["layout"] = dict(layout)
    connection.execute(db.boards.update().where(where).values(**values))


def _pair_rows(session_pk: int, board: str, use_case: str, data: str) -> Any:
    x = db.links.c
    where = (x.session_id == session_pk) & (x.use_case == use_case) & (x.data == data)
    kind, _, who = board.partition(":")
    if kind == "t":
        return where & (x.table_no == int(who))
    return where & (x.maker == board) & x.table_no.is_(None)


def _start(store: Store, connection: Connection, code: str, token: str) -> tuple[int, str]:
    """The session's row (checked open and linking) and the participant's board."""
    from sqlalchemy import select

    row = store._open_session(connection, code)
    _check_phase(row)
    table = connection.execute(
        select(db.participants.c.table_no).where(
            db.participants.c.session_id == row["id"], db.participants.c.token == token
        )
    ).first()
    if table is None:
        raise WorkshopError("board_not_joined")
    return int(row["id"]), board_of(table[0], token)


def link(store: Store, code: str, token: str, use_case: str, data: str, note: str = "") -> Link:
    """Draw ``use_case`` → ``data`` on the board of participant ``token``.

    Raises
    ------
    WorkshopError
        Outside the linking phases, for a card not in the session's decks, a note too
        long, or a link already on the board (nothing is written then).
    """
    from sqlalchemy import select

    with store._write() as connection:
        pk, board = _start(store, connection, code, token)
        context = store._context(connection, store._session_row(connection, code))
        table = int(board[2:]) if board.startswith("t:") else None
        kept = check_link(
            Link(use_case, data, token, table, note),
            use_cases=context.use_cases,
            data=context.data,
        )
        if connection.execute(
            select(db.links.c.id).where(_pair_rows(pk, board, use_case, data))
        ).first():
            raise WorkshopError("board_duplicate")
        store._put_link(connection, pk, kept)
        layout = _placed(connection, pk, board)
        if use_case not in layout and len(layout) < MAX_PLACED:
            # A use case linked from the deck lands on the board where the table will see it.
            layout[use_case] = _free_place(layout)
            _bump(connection, pk, board, layout)
        else:
            _bump(connection, pk, board)
        return kept


def unlink(store: Store, code: str, token: str, use_case: str, data: str) -> bool:
    """Take ``use_case`` → ``data`` off the participant's board; False if it was not on it."""
    with store._write() as connection:
        pk, board = _start(store, connection, code, token)
        done = connection.execute(db.links.delete().where(_pair_rows(pk, board, use_case, data)))
        if done.rowcount:
            _bump(connection, pk, board)
        return bool(done.rowcount)


def annotate(store: Store, code: str, token: str, use_case: str, data: str, note: str) -> str:
    """Write the note of a link on the participant's board; returns the note as kept."""
    with store._write() as connection:
        pk, board = _start(store, connection, code, token)
        context = store._context(connection, store._session_row(connection, code))
        tidy = check_link(
            Link(use_case, data, token, None, note),
            use_cases=context.use_cases,
            data=context.data,
        ).note
        done = connection.execute(
            db.links.update().where(_pair_rows(pk, board, use_case, data)).values(note=tidy)
        )
        if not done.rowcount:
            raise WorkshopError("board_no_link")
        _bump(connection, pk, board)
        return tidy


def place(
    store: Store, code: str, token: str, card: str, x: float | None = None, y: float | None = None
) -> tuple[float, float]:
    """Put ``card`` on the participant's board at (``x``, ``y``) in board units (clamped),
    or at the next free place; returns where it lies."""
    with store._write() as connection:
        pk, board = _start(store, connection, code, token)
        context = store._context(connection, store._session_row(connection, code))
        if card not in context.use_cases and card not in context.data:
            raise WorkshopError("board_unknown_card", value=card)
        layout = _placed(connection, pk, board)
        if card not in layout and len(layout) >= MAX_PLACED:
            raise WorkshopError("board_full", max=MAX_PLACED)
        where = (
            (min(max(float(x), 0.0), WIDTH), min(max(float(y), 0.0), HEIGHT))
            if x is not None and y is not None
            else layout.get(card) or _free_place(layout)
        )
        layout[card] = where
        _bump(connection, pk, board, layout)
        return where


def unplace(store: Store, code: str, token: str, card: str) -> None:
    """Take a use case off the board (its links stay until removed one by one)."""
    with store._write() as connection:
        pk, board = _start(store, connection, code, token)
        layout = _placed(connection, pk, board)
        if layout.pop(card, None) is not None:
            _bump(connection, pk, board, layout)


def _placed(connection: Connection, session_pk: int, board: str) -> dict[str, tuple[float, float]]:
    from sqlalchemy import select

    raw = connection.execute(
        select(db.boards.c.layout).where(
            db.boards.c.session_id == session_pk, db.boards.c.board == board
        )
    ).scalar()
    return _layout(raw)


def _free_place(layout: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    # Use cases go down the left half in two columns, clear of the places already taken.
    taken = set(layout.values())
    for n in range(MAX_PLACED):
        spot = (20.0 + 230.0 * (n % 2), 20.0 + 90.0 * (n // 2))
        if spot not in taken:
            return spot
    return (20.0, 20.0)


# --- the answer key's switch -----------------------------------------------------------------


def key_shown(store: Store, code: str) -> bool:
    """Whether the tables see the deck's expected links and their score."""
    from sqlalchemy import select

    with store.engine.connect() as connection:
        pk = _session_pk(connection, code)
        if pk is None:
            raise WorkshopError("unknown_session", code=code)
        return bool(
            connection.execute(
                select(db.sessions.c.key_shown).where(db.sessions.c.id == pk)
            ).scalar()
        )


def set_key_shown(store: Store, code: str, shown: bool) -> None:
    """Show (or hide) the answer key to every table; every board's version moves, so that
    the tables' screens redraw."""
    with store._write() as connection:
        row = store._session_row(connection, code)
        connection.execute(
            db.sessions.update().where(db.sessions.c.id == row["id"]).values(key_shown=shown)
        )
        connection.execute(
            db.boards.update()
            .where(db.boards.c.session_id == row["id"])
            .values(version=db.boards.c.version + 1)
        )
