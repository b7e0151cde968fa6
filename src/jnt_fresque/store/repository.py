"""The workshop store: one method per action, one transaction per action.

Every method that changes something runs in one write transaction; it reads
what the rules need, checks them (`jnt_fresque.workshop`), and writes, or
raises a `WorkshopError` having written nothing. Reads that feed a tally or a
report (`Store.snapshot`) see one consistent state of the session.

Examples
--------
>>> store = Store("sqlite://")  # in memory
>>> session, secret = store.create_session("Atelier d’essai")
>>> store.submit_ballot(session.code, "uc", "p1", ["uc-inondation"])
'added'
>>> store.submit_ballot(session.code, "uc", "p1", ["uc-inondation"])
'unchanged'
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from jnt_fresque.store import passes
from jnt_fresque.store import schema as db
from jnt_fresque.store.campaigns import CampaignStore
from jnt_fresque.store.engine import database_url, make_engine
from jnt_fresque.workshop import codes
from jnt_fresque.workshop.ballots import Ballot, check_ballot
from jnt_fresque.workshop.board import Link, check_link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.invitations import Member
from jnt_fresque.workshop.paper import (
    Context,
    Row,
    check_ballot_rows,
    check_link_rows,
    check_proposal_rows,
)
from jnt_fresque.workshop.participants import Participant, Profile, check_token, new_token
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Method, Poll, Subject, Title, check_poll, default_polls
from jnt_fresque.workshop.proposals import Proposal, check_proposal, new_proposal_id
from jnt_fresque.workshop.session import Session, check_date, check_title, now
from jnt_fresque.workshop.snapshot import Snapshot, VoteCode, candidates

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine, RowMapping

    from jnt_fresque.cards.deck import Decks

_TOUCHED = "jnt_fresque_touched"  # connection.info key: sessions a write transaction read


@dataclass(frozen=True, slots=True)
class _Statements:
    """The statements of the hot paths (a page run, a join, a ballot), made once per
    process with their values as parameters: building and keying a statement costs more
    than running it."""

    session: Any  # wanted_code
    bump_session: Any  # wanted_code: the version bumped, the row returned
    polls: Any  # session_pk
    polls_to_vote: Any  # session_pk: read-locked
    participant: Any  # session_pk, p_token
    ballots_of: Any  # session_pk, p_token: poll id → choices
    polls_and_ballots: Any  # session_pk, p_token: each poll, with the participant's choices
    ballots_before: Any  # session_pk, p_token: participant row, poll row → choices


def _statements() -> _Statements:
    from sqlalchemy import and_, bindparam, select

    by_code = db.sessions.c.code == bindparam("wanted_code")
    return _Statements(
        session=select(db.sessions).where(by_code),
        bump_session=db.sessions.update()
        .where(by_code)
        .values(version=db.sessions.c.version + 1)
        .returning(*db.sessions.c),
        polls=select(db.polls)
        .where(db.polls.c.session_id == bindparam("session_pk"))
        .order_by(db.polls.c.position),
        polls_to_vote=select(db.polls)
        .where(db.polls.c.session_id == bindparam("session_pk"))
        .order_by(db.polls.c.position)
        # Closing a poll waits for ballots in flight; ballots after it see it closed.
        .with_for_update(read=True),
        participant=select(db.participants).where(
            db.participants.c.session_id == bindparam("session_pk"),
            db.participants.c.token == bindparam("p_token"),
        ),
        ballots_of=select(db.polls.c.poll_id, db.ballots.c.choices)
        .select_from(
            db.ballots.join(db.polls).join(
                db.participants, db.ballots.c.participant_pk == db.participants.c.id
            )
        )
        .where(
            db.polls.c.session_id == bindparam("session_pk"),
            db.participants.c.session_id == bindparam("session_pk"),
            db.participants.c.token == bindparam("p_token"),
        ),
        # Every poll of the session, with what the participant cast in it (None: nothing).
        polls_and_ballots=select(db.polls, db.ballots.c.choices.label("cast"))
        .select_from(
            db.polls.outerjoin(
                db.ballots,
                and_(
                    db.ballots.c.poll_pk == db.polls.c.id,
                    db.ballots.c.participant_pk
                    == select(db.participants.c.id)
                    .where(
                        db.participants.c.session_id == bindparam("session_pk"),
                        db.participants.c.token == bindparam("p_token"),
                    )
                    .scalar_subquery(),
                ),
            )
        )
        .where(db.polls.c.session_id == bindparam("session_pk"))
        .order_by(db.polls.c.position),
        # The participant's row and every ballot they cast, one row per ballot (one row
        # with no ballot when they cast none; no row when they never joined).
        ballots_before=select(db.participants.c.id, db.ballots.c.poll_pk, db.ballots.c.choices)
        .select_from(
            db.participants.outerjoin(
                db.ballots, db.ballots.c.participant_pk == db.participants.c.id
            )
        )
        .where(
            db.participants.c.session_id == bindparam("session_pk"),
            db.participants.c.token == bindparam("p_token"),
        ),
    )


_Q = _statements()
Outcome = Literal["added", "replaced", "unchanged"]
Source = Literal["app", "paper", "import"]
MAX_VOTE_CODES = 2000


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A session and how much it holds, for listings."""

    session: Session
    participants: int
    ballots: int
    links: int
    proposals: int


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """A session as a page needs it on every run, read in one query: the session, whether
    its results are hidden until the vote closes, and its version (bumped by every write,
    so that what was computed at a version can be kept until it changes); when asked
    for, its polls and one participant's ballots (poll id → choices), read with it."""

    session: Session
    results_hidden: bool
    version: int
    polls: tuple[Poll, ...] = ()
    ballots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CodeAnswer:
    """A voting code, when it was first used (empty: not yet), how many polls it answered."""

    code: str
    used_at: str
    polls: int


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: how many items were new, replaced, or already there."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    participants: int = 0


# A ballot is one row per participant and poll: a new one replaces these columns.
_BALLOT_UPSERT = (("poll_pk", "participant_pk"), ("choices", "submitted_at", "source"))


def _ballot_change(
    had: Sequence[str] | None,
    poll_pk: int,
    participant_pk: int,
    choices: Sequence[str],
    source: Source,
    stamp: str,
) -> tuple[Outcome, dict[str, Any] | None]:
    """What casting ``choices`` does to a participant who had ``had`` (None: nothing): the
    outcome, and the ballot row to write (None when unchanged)."""
    if had is not None and list(had) == list(choices):
        return "unchanged", None
    row = {
        "poll_pk": poll_pk,
        "participant_pk": participant_pk,
        "choices": list(choices),
        "submitted_at": stamp,
        "source": source,
    }
    return ("added" if had is None else "replaced"), row


def _session(row: RowMapping) -> Session:
    return Session(
        code=row["code"],
        title=row["title"],
        date=row["date"],
        decks=dict(row["decks"]),
        phase=Phase(row["phase"]),
        closed=bool(row["closed"]),
        codes_required=bool(row["codes_required"]),
        created_at=row["created_at"],
        secret_hash=row["secret_hash"],
        closes_at=row["closes_at"] or "",
    )


def _poll(row: RowMapping) -> Poll:
    return Poll(
        id=row["poll_id"],
        title=_title(row),
        method=Method(row["method"]),
        subject=Subject(row["subject"]),
        k=row["k"],
        dots=row["dots"],
        open=bool(row["is_open"]),
    )


def _title(row: RowMapping) -> Title:
    # The kit's own titles are kept as the message they are (revision 0006), so that each
    # reader sees them in their language; a facilitator's title, or a message this kit no
    # longer knows, reads its French and English columns.
    from jnt_fresque.i18n import Message, Text

    kept = row["title_message"]
    if kept:
        try:
            return Message.from_data(kept)
        except ValueError:
            pass
    return Text(fr=row["title_fr"], en=row["title_en"])


def _title_columns(title: Title) -> dict[str, Any]:
    from jnt_fresque.i18n import Message

    kept = title.as_data() if isinstance(title, Message) else None
    return {"title_fr": title.fr, "title_en": title.en, "title_message": kept}


def _participant(row: RowMapping) -> Participant:
    profile = row["profile"]
    return Participant(row["token"], Profile(profile) if profile else None, row["table_no"])


class Store(CampaignStore):
    """The workshop's persistence, over SQLite or PostgreSQL.

    Parameters
    ----------
    url
        A SQLAlchemy URL; default ``JNT_FRESQUE_DB``, else the user's SQLite file.
    decks
        The decks ballots and links are checked against (default: the kit's).
    migrate
        Bring an older database to the current schema on opening (default).
    """

    def __init__(
        self, url: str | None = None, *, decks: Decks | None = None, migrate: bool = True
    ) -> None:
        self.url = database_url(url)
        self.engine: Engine = make_engine(self.url)
        self._decks = decks
        self._deck_ids: dict[Subject, frozenset[str]] = {}
        self._upserts: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Any] = {}
        self._writer: AbstractContextManager[Any] = (
            threading.Lock() if self.url.startswith("sqlite") else nullcontext()
        )
        if migrate:
            from jnt_fresque.store.migrate import upgrade

            upgrade(self.engine)

    # --- plumbing ------------------------------------------------------------------

    @property
    def decks(self) -> Decks:
        """The decks the store checks card ids against (loaded on first use)."""
        if self._decks is None:
            from jnt_fresque.cards.loader import default_decks

            self._decks = default_decks()
        return self._decks

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        # SQLite takes one writer at a time: the threads of this process queue on a lock of
        # their own, handed over at once, rather than on SQLite's busy handler, which
        # polls and sleeps (up to 100 ms a try) and turns a burst of votes into a queue of
        # naps. Other processes still wait on SQLite's lock.
        with self._writer, self.engine.begin() as connection:
            # Every session this transaction reads through `_session_row` gets its version
            # bumped with the write: a page that saw version n knows whether anything changed.
            connection.info[_TOUCHED] = set()
            try:
                yield connection
            finally:
                connection.info.pop(_TOUCHED, None)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.execution_options(sqlite_begin="DEFERRED")
            elif connection.dialect.name == "postgresql":
                connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    def _upsert(
        self,
        connection: Connection,
        table: Any,
        values: Mapping[str, Any],
        keys: Sequence[str],
        update: Sequence[str] | None,
    ) -> None:
        """Insert a row, or on a clash of ``keys`` update ``update`` (None: leave it)."""
        self._upsert_many(connection, table, [values], keys, update)

    def _upsert_many(
        self,
        connection: Connection,
        table: Any,
        rows: Sequence[Mapping[str, Any]],
        keys: Sequence[str],
        update: Sequence[str] | None,
    ) -> None:
        """`_upsert` each of ``rows``, in one statement where the database allows it."""
        if not rows:
            return
        name = connection.dialect.name
        if name in ("sqlite", "postgresql"):
            if name == "sqlite":
                from sqlalchemy.dialects.sqlite import insert
            else:
                from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
            # Made once per table and kind, values given at execution: building the
            # statement (and its `excluded` alias) costs more than running it.
            shape = (name, table.name, tuple(keys), tuple(update or ()))
            statement = self._upserts.get(shape)
            if statement is None:
                statement = insert(table)
                if update:
                    statement = statement.on_conflict_do_update(
                        index_elements=list(keys),
                        set_={column: statement.excluded[column] for column in update},
                    )
                else:
                    statement = statement.on_conflict_do_nothing(index_elements=list(keys))
                self._upserts[shape] = statement
            # One row: a plain execution; several: the driver's executemany.
            connection.execute(
                statement, dict(rows[0]) if len(rows) == 1 else list(map(dict, rows))
            )
            return
        # Other databases: look, then insert or update (the unique constraint still guards).
        from sqlalchemy import and_, select

        for values in rows:
            where = and_(*(table.c[k] == values[k] for k in keys))
            found = connection.execute(select(table.c.id).where(where)).first()
            if found is None:
                connection.execute(table.insert().values(**values))
            elif update:
                connection.execute(
                    table.update().where(where).values({c: values[c] for c in update})
                )

    def _session_row(self, connection: Connection, code: str) -> RowMapping:
        wanted = codes.normalize(code)
        touched: set[str] | None = connection.info.get(_TOUCHED)
        if touched is not None and wanted not in touched and connection.dialect.update_returning:
            # In a write, the first thing done: the session's version is bumped and its row
            # read in one statement; the row is locked before any other (PostgreSQL), the
            # same order in every write, so that two writes never deadlock.
            row = connection.execute(_Q.bump_session, {"wanted_code": wanted}).mappings().first()
            touched.add(wanted)
        else:
            row = connection.execute(_Q.session, {"wanted_code": wanted}).mappings().first()
            if row is not None and touched is not None and wanted not in touched:
                touched.add(wanted)
                connection.execute(
                    db.sessions.update()
                    .where(db.sessions.c.id == row["id"])
                    .values(version=db.sessions.c.version + 1)
                )
        if row is None:
            raise WorkshopError("unknown_session", code=code.strip() or "-")
        return row

    def _open_session(self, connection: Connection, code: str) -> RowMapping:
        row = self._session_row(connection, code)
        _session(row).check_open()
        return row

    def _polls(self, connection: Connection, session_pk: int) -> dict[str, tuple[int, Poll]]:
        rows = connection.execute(_Q.polls, {"session_pk": session_pk}).mappings()
        return {row["poll_id"]: (row["id"], _poll(row)) for row in rows}

    def _proposal_ids(self, connection: Connection, session_pk: int) -> list[str]:
        from sqlalchemy import select

        return list(
            connection.execute(
                select(db.proposals.c.card_id).where(db.proposals.c.session_id == session_pk)
            ).scalars()
        )

    def _candidates(self, subject: Subject, proposal_ids: Sequence[str]) -> frozenset[str]:
        if subject is Subject.proposed:
            return frozenset(proposal_ids)
        # The decks do not change while the store is open: their ids are gathered once.
        if subject not in self._deck_ids:
            self._deck_ids[subject] = candidates(subject, self.decks, ())
        return self._deck_ids[subject]

    def _codes(self, connection: Connection, session_pk: int) -> frozenset[str]:
        from sqlalchemy import select

        return frozenset(
            connection.execute(
                select(db.vote_codes.c.code).where(db.vote_codes.c.session_id == session_pk)
            ).scalars()
        )

    def _participant_pk(
        self,
        connection: Connection,
        session_pk: int,
        person: Participant,
        *,
        update: bool,
        fresh: bool = False,
    ) -> int:
        """The row of ``person`` in the session, created if needed; its profile and table
        updated when ``update`` and given."""
        from sqlalchemy import and_, select

        where = and_(
            db.participants.c.session_id == session_pk, db.participants.c.token == person.token
        )
        values = {
            "session_id": session_pk,
            "token": person.token,
            "profile": person.profile.value if person.profile else None,
            "table_no": person.table,
            "joined_at": now(),
        }
        name = connection.dialect.name
        if fresh and name in ("sqlite", "postgresql"):
            # Someone new (joining): insert and learn the row in one statement.
            if name == "sqlite":
                from sqlalchemy.dialects.sqlite import insert
            else:
                from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
            shape = (name, "participants", ("session_id", "token"), ("returning",))
            statement = self._upserts.get(shape)
            if statement is None:
                statement = self._upserts[shape] = (
                    insert(db.participants)
                    .on_conflict_do_nothing(index_elements=["session_id", "token"])
                    .returning(db.participants.c.id)
                )
            made = connection.execute(statement, values).scalar()
            if made is not None:
                return int(made)
        # Most calls are for someone already there (a ballot, a rejoin): look first.
        row = (
            connection.execute(_Q.participant, {"session_pk": session_pk, "p_token": person.token})
            .mappings()
            .first()
        )
        if row is None:
            self._upsert(connection, db.participants, values, ("session_id", "token"), None)
            row = connection.execute(select(db.participants).where(where)).mappings().one()
        changes: dict[str, Any] = {}
        if update and person.profile is not None and row["profile"] != person.profile.value:
            changes["profile"] = person.profile.value
        if update and person.table is not None and row["table_no"] != person.table:
            changes["table_no"] = person.table
        if changes:
            connection.execute(db.participants.update().where(where).values(**changes))
        return int(row["id"])

    # --- sessions ------------------------------------------------------------------

    def create_session(
        self,
        title: str,
        *,
        date: str | None = None,
        polls: Sequence[Poll] | None = None,
        results_hidden: bool = False,
        closes_at: str | None = None,
    ) -> tuple[Session, str]:
        """A new session with its polls (default: top 10 use cases and top 10 data).

        Returns the session and the facilitator secret, which is shown only now.
        ``results_hidden`` keeps the figures off the projector until each poll closes.
        ``closes_at`` (ISO 8601, see `survey.parse_closing`) makes it a survey: it starts
        in the vote phase with its polls open, and closes by itself at that time.
        """
        title = check_title(title)
        date = check_date(date)
        chosen = tuple(check_poll(p) for p in (polls or default_polls()))
        if closes_at is not None:
            from jnt_fresque.workshop.survey import parse_closing

            closes_at = parse_closing(closes_at)
            chosen = tuple(p if p.open else replace(p, open=True) for p in chosen)
        versions = {deck.id: deck.manifest.version for deck in self.decks.values()}
        secret = codes.new_secret()
        with self._write() as connection:
            session = Session(
                code=self._free_code(connection),
                title=title,
                date=date,
                decks=versions,
                created_at=now(),
                secret_hash=codes.hash_secret(secret),
                phase=Phase.vote if closes_at else Phase.discover,
                closes_at=closes_at or "",
            )
            self._insert_session(connection, session, chosen, results_hidden=results_hidden)
        return session, secret

    def _free_code(self, connection: Connection) -> str:
        from sqlalchemy import select

        while True:
            code = codes.new_session_code()
            if (
                connection.execute(
                    select(db.sessions.c.id).where(db.sessions.c.code == code)
                ).first()
                is None
            ):
                return code

    def _insert_session(
        self,
        connection: Connection,
        session: Session,
        polls: Sequence[Poll],
        *,
        results_hidden: bool = False,
    ) -> int:
        inserted = connection.execute(
            db.sessions.insert().values(
                code=session.code,
                title=session.title,
                date=session.date,
                decks=dict(session.decks),
                phase=session.phase.value,
                closed=session.closed,
                codes_required=session.codes_required,
                secret_hash=session.secret_hash,
                created_at=session.created_at,
                results_hidden=results_hidden,
                facilitator_key=passes.new_key(),
                closes_at=session.closes_at or None,
                cards=self._cards_of(session),
            )
        ).inserted_primary_key
        assert inserted is not None
        session_pk = inserted[0]
        for position, poll in enumerate(polls):
            connection.execute(
                db.polls.insert().values(
                    session_id=session_pk,
                    poll_id=poll.id,
                    **_title_columns(poll.title),
                    method=poll.method.value,
                    subject=poll.subject.value,
                    k=poll.k,
                    dots=poll.dots,
                    is_open=poll.open,
                    position=position,
                )
            )
        return int(session_pk)

    def _cards_of(self, session: Session) -> list[str] | None:
        # The card ids a session's decks held, known only when they are the kit's decks
        # (a session restored from another deck version keeps None: unknown).
        versions = {deck.id: deck.manifest.version for deck in self.decks.values()}
        if dict(session.decks) != versions:
            return None
        return sorted(self._candidates(Subject.uc, ()) | self._candidates(Subject.data, ()))

    def session(self, code: str) -> Session:
        """The session ``code`` (`WorkshopError` if there is none)."""
        with self._read() as connection:
            return _session(self._session_row(connection, code))

    def sessions(self) -> list[SessionSummary]:
        """Every session, newest first, with how much each holds."""
        from sqlalchemy import func, select

        with self._read() as connection:
            rows = connection.execute(
                select(db.sessions).order_by(
                    db.sessions.c.created_at.desc(), db.sessions.c.id.desc()
                )
            ).mappings()
            found = [_session(row) for row in rows]
            numbers: dict[str, dict[Any, int]] = {}
            for name, column in (
                ("participants", db.participants.c.session_id),
                ("links", db.links.c.session_id),
                ("proposals", db.proposals.c.session_id),
            ):
                numbers[name] = dict(
                    connection.execute(select(column, func.count()).group_by(column)).all()
                )
            ballots: dict[Any, int] = dict(
                connection.execute(
                    select(db.polls.c.session_id, func.count())
                    .select_from(db.ballots.join(db.polls))
                    .group_by(db.polls.c.session_id)
                ).all()
            )
            pks = dict(connection.execute(select(db.sessions.c.code, db.sessions.c.id)).all())
        return [
            SessionSummary(
                s,
                numbers["participants"].get(pks[s.code], 0),
                ballots.get(pks[s.code], 0),
                numbers["links"].get(pks[s.code], 0),
                numbers["proposals"].get(pks[s.code], 0),
            )
            for s in found
        ]

    def check_secret(self, code: str, secret: str) -> bool:
        """Whether ``secret`` is the facilitator secret of session ``code``."""
        return codes.check_secret(secret, self.session(code).secret_hash)

    # --- what the facilitator sets, shared by every app process --------------------

    def status(self, code: str, *, polls: bool = False, token: str | None = None) -> SessionStatus:
        """Session ``code``, its results-hidden setting and its version, in one query; with
        its ``polls`` and the ballots of participant ``token`` when asked (one transaction:
        a page needs no snapshot of the whole session to show one participant's state)."""

        with self._read() as connection:
            row = self._session_row(connection, code)
            found: dict[str, tuple[int, Poll]] = {}
            ballots: dict[str, tuple[str, ...]] = {}
            if polls and token is not None:
                # The polls and this participant's ballots in one query.
                for poll_row in connection.execute(
                    _Q.polls_and_ballots, {"session_pk": row["id"], "p_token": token}
                ).mappings():
                    found[poll_row["poll_id"]] = (poll_row["id"], _poll(poll_row))
                    if poll_row["cast"] is not None:
                        ballots[poll_row["poll_id"]] = tuple(poll_row["cast"])
            elif polls:
                found = self._polls(connection, row["id"])
            elif token is not None:
                found_ballots = connection.execute(
                    _Q.ballots_of, {"session_pk": row["id"], "p_token": token}
                ).all()
                ballots = {poll_id: tuple(c) for poll_id, c in found_ballots}
        return SessionStatus(
            _session(row),
            bool(row["results_hidden"]),
            int(row["version"]),
            tuple(poll for _, poll in found.values()),
            ballots,
        )

    def results_hidden(self, code: str) -> bool:
        """Whether session ``code``'s figures stay hidden until its polls close."""
        with self._read() as connection:
            return bool(self._session_row(connection, code)["results_hidden"])

    def set_results_hidden(self, code: str, hidden: bool) -> None:
        """Keep (or stop keeping) session ``code``'s figures hidden until its polls close;
        every app process reading the database sees it, and so does one started later."""
        with self._write() as connection:
            row = self._session_row(connection, code)
            if bool(row["results_hidden"]) != hidden:
                connection.execute(
                    db.sessions.update()
                    .where(db.sessions.c.id == row["id"])
                    .values(results_hidden=hidden)
                )

    def facilitator_pass(self, code: str, *, hours: float = passes.HOURS) -> str:
        """A signed pass to session ``code``'s console, valid ``hours`` (see `passes`).

        Give it only to whoever proved they hold the facilitator secret.
        """
        import time

        with self._write() as connection:
            row = self._session_row(connection, code)
            key = row["facilitator_key"]
            if key is None:  # a session from before revision 0003
                key = passes.new_key()
                connection.execute(
                    db.sessions.update()
                    .where(db.sessions.c.id == row["id"])
                    .values(facilitator_key=key)
                )
            return passes.sign(key, row["code"], expires=int(time.time() + hours * 3600))

    def check_facilitator_pass(self, made: str) -> str | None:
        """The session code pass ``made`` opens, or None (forged, expired, revoked, unknown)."""
        from sqlalchemy import select

        code = passes.code_of(made)
        if code is None:
            return None
        with self._read() as connection:
            key = connection.execute(
                select(db.sessions.c.facilitator_key).where(db.sessions.c.code == code)
            ).scalar()
        return passes.verify(key, made) if key else None

    def revoke_facilitator_passes(self, code: str) -> None:
        """Void every pass to session ``code``'s console (a new key is drawn)."""
        with self._write() as connection:
            row = self._session_row(connection, code)
            connection.execute(
                db.sessions.update()
                .where(db.sessions.c.id == row["id"])
                .values(facilitator_key=passes.new_key())
            )

    def set_phase(self, code: str, phase: Phase | str) -> Session:
        """Move the session to ``phase``; the results phase closes every poll."""
        try:
            chosen = Phase(phase)
        except ValueError:
            raise WorkshopError(
                "unknown_phase", value=phase, expected=", ".join(p.value for p in Phase)
            ) from None
        with self._write() as connection:
            row = self._session_row(connection, code)
            connection.execute(
                db.sessions.update().where(db.sessions.c.id == row["id"]).values(phase=chosen.value)
            )
            if chosen is Phase.results:
                connection.execute(
                    db.polls.update()
                    .where(db.polls.c.session_id == row["id"])
                    .values(is_open=False)
                )
            return _session(self._session_row(connection, code))

    def set_closed(self, code: str, closed: bool) -> Session:
        """Close the session (it then takes nothing more) or open it again."""
        with self._write() as connection:
            row = self._session_row(connection, code)
            connection.execute(
                db.sessions.update().where(db.sessions.c.id == row["id"]).values(closed=closed)
            )
            return _session(self._session_row(connection, code))

    # --- polls ---------------------------------------------------------------------

    def polls(self, code: str) -> tuple[Poll, ...]:
        """The session's polls, in order."""
        with self._read() as connection:
            row = self._session_row(connection, code)
            return tuple(poll for _, poll in self._polls(connection, row["id"]).values())

    def add_poll(self, code: str, poll: Poll) -> Poll:
        """Add a poll to the session."""
        check_poll(poll)
        with self._write() as connection:
            row = self._open_session(connection, code)
            existing = self._polls(connection, row["id"])
            if poll.id in existing:
                raise WorkshopError("poll_exists", value=poll.id)
            connection.execute(
                db.polls.insert().values(
                    session_id=row["id"],
                    poll_id=poll.id,
                    **_title_columns(poll.title),
                    method=poll.method.value,
                    subject=poll.subject.value,
                    k=poll.k,
                    dots=poll.dots,
                    is_open=poll.open,
                    position=len(existing),
                )
            )
        return poll

    def set_poll_open(self, code: str, poll_id: str, is_open: bool) -> Poll:
        """Open or close one poll."""
        with self._write() as connection:
            row = self._session_row(connection, code)
            polls = self._polls(connection, row["id"])
            if poll_id not in polls:
                raise WorkshopError("unknown_poll", value=poll_id, expected=", ".join(polls) or "-")
            poll_pk, poll = polls[poll_id]
            connection.execute(
                db.polls.update().where(db.polls.c.id == poll_pk).values(is_open=is_open)
            )
            return Poll(poll.id, poll.title, poll.method, poll.subject, poll.k, poll.dots, is_open)

    # --- participants and codes ----------------------------------------------------

    def join(
        self,
        code: str,
        *,
        token: str | None = None,
        vote_code: str | None = None,
        profile: Profile | None = None,
        table: int | None = None,
    ) -> Participant:
        """A participant enters the session (again, with their token).

        When the session uses voting codes, a first entry needs an unused code,
        which becomes the participant's token: a code works once.
        """
        return self.enter(code, token=token, vote_code=vote_code, profile=profile, table=table)[1]

    def enter(
        self,
        code: str,
        *,
        token: str | None = None,
        vote_code: str | None = None,
        profile: Profile | None = None,
        table: int | None = None,
    ) -> tuple[Session, Participant]:
        """`join`, returning the session too (one transaction, for the join page)."""
        from sqlalchemy import and_, select

        with self._write() as connection:
            row = self._open_session(connection, code)
            session = _session(row)
            if token is None and vote_code is None and session.codes_required:
                raise WorkshopError("code_needed")
            returning = token is not None and vote_code is None
            if (
                returning
                and session.codes_required
                and token not in self._codes(connection, row["id"])
            ):
                raise WorkshopError("not_a_vote_code", value=token)
            if vote_code is not None:
                wanted = codes.normalize(vote_code)
                where = and_(
                    db.vote_codes.c.session_id == row["id"], db.vote_codes.c.code == wanted
                )
                found = connection.execute(select(db.vote_codes).where(where)).mappings().first()
                if found is None:
                    raise WorkshopError("unknown_vote_code", value=vote_code.strip())
                if found["used_at"] is not None:
                    raise WorkshopError("vote_code_used", value=wanted)
                connection.execute(db.vote_codes.update().where(where).values(used_at=now()))
                token = wanted
            person = Participant(check_token(token or new_token()), profile, table)
            self._participant_pk(connection, row["id"], person, update=True, fresh=True)
            return session, person

    def _use_codes(self, connection: Connection, session_pk: int, used: Sequence[str]) -> None:
        if used:
            connection.execute(
                db.vote_codes.update()
                .where(
                    db.vote_codes.c.session_id == session_pk,
                    db.vote_codes.c.code.in_(list(used)),
                    db.vote_codes.c.used_at.is_(None),
                )
                .values(used_at=now())
            )

    def issue_vote_codes(self, code: str, count: int) -> list[str]:
        """``count`` new single-use voting codes; from now on the session requires them."""
        if not 1 <= count <= MAX_VOTE_CODES:
            raise WorkshopError("bad_code_count", value=count, max=MAX_VOTE_CODES)
        with self._write() as connection:
            row = self._open_session(connection, code)
            taken = set(self._codes(connection, row["id"]))
            fresh: list[str] = []
            while len(fresh) < count:
                candidate = codes.new_vote_code()
                if candidate not in taken:
                    taken.add(candidate)
                    fresh.append(candidate)
            stamp = now()
            connection.execute(
                db.vote_codes.insert(),
                [{"session_id": row["id"], "code": c, "created_at": stamp} for c in fresh],
            )
            connection.execute(
                db.sessions.update()
                .where(db.sessions.c.id == row["id"])
                .values(codes_required=True)
            )
        return fresh

    def invite(self, code: str, members: Sequence[Member]) -> list[tuple[Member, str]]:
        """One single-use voting code per member (the same one again for a member invited
        before: re-running the invitations sends nobody a second code); from now on the
        session requires codes. Only a digest of each address is kept (`member_key`)."""
        from sqlalchemy import select

        if not 1 <= len(members) <= MAX_VOTE_CODES:
            raise WorkshopError("bad_code_count", value=len(members), max=MAX_VOTE_CODES)
        with self._write() as connection:
            row = self._open_session(connection, code)
            known = dict(
                connection.execute(
                    select(db.vote_codes.c.member, db.vote_codes.c.code).where(
                        db.vote_codes.c.session_id == row["id"],
                        db.vote_codes.c.member.is_not(None),
                    )
                ).all()
            )
            taken = set(self._codes(connection, row["id"]))
            given: list[tuple[Member, str]] = []
            fresh: list[dict[str, Any]] = []
            stamp = now()
            for member in members:
                found = known.get(member.key)
                if found is None:
                    found = codes.new_vote_code()
                    while found in taken:
                        found = codes.new_vote_code()
                    taken.add(found)
                    known[member.key] = found
                    fresh.append(
                        {
                            "session_id": row["id"],
                            "code": found,
                            "created_at": stamp,
                            "member": member.key,
                        }
                    )
                given.append((member, found))
            if fresh:
                connection.execute(db.vote_codes.insert(), fresh)
            connection.execute(
                db.sessions.update()
                .where(db.sessions.c.id == row["id"])
                .values(codes_required=True)
            )
        return given

    def answers(self, code: str) -> list[CodeAnswer]:
        """Each voting code of the session: whether it was used, and how many polls it
        answered (never what it chose), in the order the codes were made."""
        from sqlalchemy import func, select

        with self._read() as connection:
            pk = self._session_row(connection, code)["id"]
            answered: dict[str, int] = dict(
                connection.execute(
                    select(db.participants.c.token, func.count(db.ballots.c.id))
                    .select_from(db.ballots.join(db.participants))
                    .where(db.participants.c.session_id == pk)
                    .group_by(db.participants.c.token)
                ).all()
            )
            rows = connection.execute(
                select(db.vote_codes.c.code, db.vote_codes.c.used_at)
                .where(db.vote_codes.c.session_id == pk)
                .order_by(db.vote_codes.c.id)
            ).all()
        return [CodeAnswer(c, used or "", int(answered.get(c, 0))) for c, used in rows]

    # --- ballots -------------------------------------------------------------------

    def submit_ballot(
        self,
        code: str,
        poll_id: str,
        token: str,
        choices: Iterable[str],
        *,
        source: Source = "app",
    ) -> Outcome:
        """Record a participant's ballot, replacing theirs if they had one.

        Refused (`WorkshopError`, nothing written) when the session or the poll is
        closed, a card is unknown or named twice, or there are more than k cards.
        """
        return self.submit_ballots(code, token, {poll_id: choices}, source=source)[poll_id]

    def submit_ballots(
        self,
        code: str,
        token: str,
        ballots: Mapping[str, Iterable[str]],
        *,
        source: Source = "app",
    ) -> dict[str, Outcome]:
        """A participant's ballots in several polls (poll id → choices), all recorded or,
        when one is refused (see `submit_ballot`), none; one transaction."""

        with self._write() as connection:
            row = self._open_session(connection, code)
            session = _session(row)
            kept: dict[str, tuple[int, Sequence[str]]] = {}
            rows = {
                found["poll_id"]: found
                for found in connection.execute(
                    _Q.polls_to_vote, {"session_pk": row["id"]}
                ).mappings()
            }
            for poll_id, choices in ballots.items():
                found = rows.get(poll_id)
                if found is None:
                    raise WorkshopError(
                        "unknown_poll", value=poll_id, expected=", ".join(rows) or "-"
                    )
                poll = _poll(found)
                proposal_ids = (
                    self._proposal_ids(connection, row["id"])
                    if poll.subject is Subject.proposed
                    else []
                )
                candidates = self._candidates(poll.subject, proposal_ids)
                kept[poll_id] = (found["id"], check_ballot(poll, choices, candidates))
            check_token(token)
            if session.codes_required:
                if token not in self._codes(connection, row["id"]):
                    raise WorkshopError("not_a_vote_code", value=token)
                self._use_codes(connection, row["id"], [token])
            # Who they are and what they cast before, in one query; someone new joins now.
            cast = connection.execute(
                _Q.ballots_before, {"session_pk": row["id"], "p_token": token}
            ).all()
            if cast:
                participant_pk = int(cast[0][0])
            else:
                participant_pk = self._participant_pk(
                    connection, row["id"], Participant(token), update=False
                )
            before = {poll_pk: choices for _, poll_pk, choices in cast if poll_pk is not None}
            outcomes: dict[str, Outcome] = {}
            changed: list[dict[str, Any]] = []
            stamp = now()
            for poll_id, (poll_pk, choices) in kept.items():
                outcomes[poll_id], written = _ballot_change(
                    before.get(poll_pk), poll_pk, participant_pk, choices, source, stamp
                )
                if written is not None:
                    changed.append(written)
            # Every changed ballot in one statement.
            self._upsert_many(connection, db.ballots, changed, *_BALLOT_UPSERT)
            return outcomes

    def _put_ballot(
        self,
        connection: Connection,
        poll_pk: int,
        participant_pk: int,
        choices: Sequence[str],
        source: Source,
    ) -> Outcome:
        """Write one ballot, replacing the participant's own in that poll."""
        from sqlalchemy import select

        had = connection.execute(
            select(db.ballots.c.choices).where(
                db.ballots.c.poll_pk == poll_pk, db.ballots.c.participant_pk == participant_pk
            )
        ).scalar()
        outcome, written = _ballot_change(had, poll_pk, participant_pk, choices, source, now())
        if written is not None:
            self._upsert(connection, db.ballots, written, *_BALLOT_UPSERT)
        return outcome

    def _context(self, connection: Connection, row: RowMapping) -> Context:
        polls = {poll_id: poll for poll_id, (_, poll) in self._polls(connection, row["id"]).items()}
        proposal_ids = self._proposal_ids(connection, row["id"])
        return Context(
            polls=polls,
            candidates={p.id: self._candidates(p.subject, proposal_ids) for p in polls.values()},
            use_cases=frozenset(c.id for c in self.decks.cards("uc")) | frozenset(proposal_ids),
            data=frozenset(c.id for c in self.decks.cards("data")),
            blanks=frozenset(c.id for c in self.decks.cards("blank")),
            codes=self._codes(connection, row["id"]) if row["codes_required"] else None,
        )

    def import_ballots(
        self, code: str, rows: Iterable[Row], *, source: Source = "paper"
    ) -> ImportReport:
        """Record the ballots of a paper sheet, all of them or none (`RowsRefused`).

        Importing the same sheet twice changes nothing: each ballot replaces the
        participant's own, and an identical one is left as it is.
        """
        with self._write() as connection:
            row = self._open_session(connection, code)
            context = self._context(connection, row)
            people, ballots = check_ballot_rows(rows, context)
            if context.codes is not None:
                # A code voted with on paper is spent: the app will not take it again.
                self._use_codes(connection, row["id"], [p.token for p in people])
            pks = {
                p.token: self._participant_pk(connection, row["id"], p, update=True) for p in people
            }
            polls = self._polls(connection, row["id"])
            outcomes = [
                self._put_ballot(
                    connection, polls[b.poll][0], pks[b.participant], b.choices, source
                )
                for b in ballots
            ]
        return ImportReport(
            added=outcomes.count("added"),
            replaced=outcomes.count("replaced"),
            unchanged=outcomes.count("unchanged"),
            participants=len(people),
        )

    # --- the board and proposed cards ----------------------------------------------

    def _put_link(self, connection: Connection, session_pk: int, link: Link) -> Outcome:
        from sqlalchemy import select

        participant_pk = (
            self._participant_pk(
                connection,
                session_pk,
                Participant(link.participant, None, link.table),
                update=False,
            )
            if link.participant
            else None
        )
        before = connection.execute(
            select(db.links.c.note).where(
                db.links.c.session_id == session_pk,
                db.links.c.use_case == link.use_case,
                db.links.c.data == link.data,
                db.links.c.maker == link.maker,
            )
        ).scalar()
        if before is not None and before == link.note:
            return "unchanged"
        self._upsert(
            connection,
            db.links,
            {
                "session_id": session_pk,
                "use_case": link.use_case,
                "data": link.data,
                "maker": link.maker,
                "participant_pk": participant_pk,
                "table_no": link.table,
                "note": link.note,
                "created_at": now(),
            },
            ("session_id", "use_case", "data", "maker"),
            ("note",),
        )
        return "added" if before is None else "replaced"

    def add_link(self, code: str, link: Link) -> Outcome:
        """Put a link on the board (the same maker linking the same pair again keeps one)."""
        with self._write() as connection:
            row = self._open_session(connection, code)
            context = self._context(connection, row)
            kept = check_link(link, use_cases=context.use_cases, data=context.data)
            return self._put_link(connection, row["id"], kept)

    def remove_link(self, code: str, link: Link) -> bool:
        """Take a link off the board; False if it was not there."""
        with self._write() as connection:
            row = self._open_session(connection, code)
            done = connection.execute(
                db.links.delete().where(
                    db.links.c.session_id == row["id"],
                    db.links.c.use_case == link.use_case,
                    db.links.c.data == link.data,
                    db.links.c.maker == link.maker,
                )
            )
            return bool(done.rowcount)

    def import_links(self, code: str, rows: Iterable[Row]) -> ImportReport:
        """Put the links of a board sheet on the board, all of them or none."""
        with self._write() as connection:
            row = self._open_session(connection, code)
            people, links = check_link_rows(rows, self._context(connection, row))
            for person in people:
                self._participant_pk(connection, row["id"], person, update=True)
            outcomes = [self._put_link(connection, row["id"], link) for link in links]
        return ImportReport(
            added=outcomes.count("added"),
            replaced=outcomes.count("replaced"),
            unchanged=outcomes.count("unchanged"),
            participants=len(people),
        )

    def _put_proposal(
        self, connection: Connection, session_pk: int, proposal: Proposal
    ) -> tuple[Outcome, str]:
        from sqlalchemy import select

        participant_pk = (
            self._participant_pk(
                connection,
                session_pk,
                Participant(proposal.participant, None, proposal.table),
                update=False,
            )
            if proposal.participant
            else None
        )
        # The same title by the same author is the same card (a sheet imported twice).
        same = connection.execute(
            select(db.proposals.c.card_id, db.proposals.c.pitch, db.proposals.c.data).where(
                db.proposals.c.session_id == session_pk,
                db.proposals.c.title == proposal.title,
                db.proposals.c.participant_pk.is_(None)
                if participant_pk is None
                else db.proposals.c.participant_pk == participant_pk,
                db.proposals.c.table_no.is_(None)
                if proposal.table is None
                else db.proposals.c.table_no == proposal.table,
            )
        ).first()
        if same is not None:
            if same.pitch == proposal.pitch and list(same.data) == list(proposal.data):
                return "unchanged", same.card_id
            connection.execute(
                db.proposals.update()
                .where(
                    db.proposals.c.session_id == session_pk, db.proposals.c.card_id == same.card_id
                )
                .values(pitch=proposal.pitch, data=list(proposal.data), blank=proposal.blank)
            )
            return "replaced", same.card_id
        taken = set(self._proposal_ids(connection, session_pk))
        card_id = proposal.id or new_proposal_id()
        while card_id in taken:
            card_id = new_proposal_id()
        connection.execute(
            db.proposals.insert().values(
                session_id=session_pk,
                card_id=card_id,
                title=proposal.title,
                pitch=proposal.pitch,
                data=list(proposal.data),
                blank=proposal.blank,
                participant_pk=participant_pk,
                table_no=proposal.table,
                created_at=proposal.created_at or now(),
            )
        )
        return "added", card_id

    def propose(self, code: str, proposal: Proposal) -> Proposal:
        """Add a proposed card; returns it with its id."""
        with self._write() as connection:
            row = self._open_session(connection, code)
            context = self._context(connection, row)
            kept = check_proposal(proposal, data=context.data, blanks=context.blanks)
            _, card_id = self._put_proposal(connection, row["id"], kept)
        return Proposal(
            card_id, kept.title, kept.pitch, kept.data, kept.blank, kept.participant, kept.table
        )

    def import_proposals(self, code: str, rows: Iterable[Row]) -> ImportReport:
        """Add the proposed cards of a sheet, all of them or none."""
        with self._write() as connection:
            row = self._open_session(connection, code)
            people, proposals = check_proposal_rows(rows, self._context(connection, row))
            for person in people:
                self._participant_pk(connection, row["id"], person, update=True)
            outcomes = [self._put_proposal(connection, row["id"], p)[0] for p in proposals]
        return ImportReport(
            added=outcomes.count("added"),
            replaced=outcomes.count("replaced"),
            unchanged=outcomes.count("unchanged"),
            participants=len(people),
        )

    # --- the whole session ---------------------------------------------------------

    def snapshot(self, code: str) -> Snapshot:
        """Everything the session holds, read in one consistent transaction."""
        from sqlalchemy import select

        with self._read() as connection:
            row = self._session_row(connection, code)
            pk = row["id"]
            people = (
                connection.execute(
                    select(db.participants)
                    .where(db.participants.c.session_id == pk)
                    .order_by(db.participants.c.id)
                )
                .mappings()
                .all()
            )
            token_of = {p["id"]: p["token"] for p in people}
            polls = self._polls(connection, pk)
            poll_of = {poll_pk: poll_id for poll_id, (poll_pk, _) in polls.items()}
            ballots = connection.execute(
                select(db.ballots)
                .where(db.ballots.c.poll_pk.in_(list(poll_of) or [-1]))
                .order_by(db.ballots.c.id)
            ).mappings()
            links = connection.execute(
                select(db.links).where(db.links.c.session_id == pk).order_by(db.links.c.id)
            ).mappings()
            proposals = connection.execute(
                select(db.proposals)
                .where(db.proposals.c.session_id == pk)
                .order_by(db.proposals.c.id)
            ).mappings()
            vote_codes = connection.execute(
                select(db.vote_codes)
                .where(db.vote_codes.c.session_id == pk)
                .order_by(db.vote_codes.c.id)
            ).mappings()
            return Snapshot(
                session=_session(row),
                participants=tuple(_participant(p) for p in people),
                polls=tuple(poll for _, poll in polls.values()),
                ballots=tuple(
                    Ballot(
                        poll_of[b["poll_pk"]],
                        token_of[b["participant_pk"]],
                        tuple(b["choices"]),
                        b["submitted_at"],
                    )
                    for b in ballots
                ),
                links=tuple(
                    Link(
                        link["use_case"],
                        link["data"],
                        token_of.get(link["participant_pk"]) if link["participant_pk"] else None,
                        link["table_no"],
                        link["note"],
                    )
                    for link in links
                ),
                proposals=tuple(
                    Proposal(
                        p["card_id"],
                        p["title"],
                        p["pitch"],
                        tuple(p["data"]),
                        p["blank"],
                        token_of.get(p["participant_pk"]) if p["participant_pk"] else None,
                        p["table_no"],
                        p["created_at"],
                    )
                    for p in proposals
                ),
                vote_codes=tuple(VoteCode(v["code"], v["used_at"] or "") for v in vote_codes),
            )

    def participant(self, code: str, token: str) -> Participant:
        """The participant ``token`` of session ``code`` (one without profile or table if
        unknown), without reading the whole session."""
        from sqlalchemy import select

        with self._read() as connection:
            pk = self._session_row(connection, code)["id"]
            row = (
                connection.execute(
                    select(db.participants).where(
                        db.participants.c.session_id == pk, db.participants.c.token == token
                    )
                )
                .mappings()
                .first()
            )
        return _participant(row) if row is not None else Participant(token)

    def links(self, code: str) -> tuple[Link, ...]:
        """The links on the session's board, oldest first (without the rest of the session)."""
        from sqlalchemy import select

        with self._read() as connection:
            pk = self._session_row(connection, code)["id"]
            x = db.links.c
            rows = connection.execute(
                select(x.use_case, x.data, db.participants.c.token, x.table_no, x.note)
                .select_from(db.links.outerjoin(db.participants))
                .where(x.session_id == pk)
                .order_by(x.id)
            ).all()
        return tuple(
            Link(use_case, data, token, table, note) for use_case, data, token, table, note in rows
        )

    def proposals(self, code: str) -> tuple[Proposal, ...]:
        """The session's proposed cards, oldest first (without reading the whole session)."""
        from sqlalchemy import select

        with self._read() as connection:
            pk = self._session_row(connection, code)["id"]
            p = db.proposals.c
            rows = connection.execute(
                select(
                    p.card_id,
                    p.title,
                    p.pitch,
                    p.data,
                    p.blank,
                    db.participants.c.token,
                    p.table_no,
                    p.created_at,
                )
                .select_from(db.proposals.outerjoin(db.participants))
                .where(p.session_id == pk)
                .order_by(p.id)
            ).all()
            return tuple(
                Proposal(card_id, title, pitch, tuple(data), blank, token, table_no, created_at)
                for card_id, title, pitch, data, blank, token, table_no, created_at in rows
            )

    def restore(self, snapshot: Snapshot, *, new_code: bool = False) -> Session:
        """Write a whole session read from an export, in one transaction.

        The session keeps its code unless ``new_code`` (then it gets a fresh one);
        a code already in this store is refused rather than overwritten.
        """
        from dataclasses import replace

        from sqlalchemy import select

        with self._write() as connection:
            session = snapshot.session
            if new_code:
                session = replace(session, code=self._free_code(connection))
            elif connection.execute(
                select(db.sessions.c.id).where(db.sessions.c.code == session.code)
            ).first():
                raise WorkshopError("session_exists", code=session.code)
            self._restore(connection, session, snapshot)
        return session

    def _restore(self, connection: Connection, session: Session, snapshot: Snapshot) -> None:
        pk = self._insert_session(connection, session, snapshot.polls)
        people = {p.token: p for p in snapshot.participants}
        named = [b.participant for b in snapshot.ballots]
        named += [x.participant for x in snapshot.links if x.participant]
        named += [x.participant for x in snapshot.proposals if x.participant]
        for token in named:
            people.setdefault(token, Participant(token))
        pks = {
            token: self._participant_pk(connection, pk, person, update=True)
            for token, person in people.items()
        }
        polls = self._polls(connection, pk)
        for ballot in snapshot.ballots:
            connection.execute(
                db.ballots.insert().values(
                    poll_pk=polls[ballot.poll][0],
                    participant_pk=pks[ballot.participant],
                    choices=list(ballot.choices),
                    submitted_at=ballot.submitted_at or now(),
                    source="import",
                )
            )
        for link in snapshot.links:
            self._put_link(connection, pk, link)
        for proposal in snapshot.proposals:
            self._put_proposal(connection, pk, proposal)
        if snapshot.vote_codes:
            connection.execute(
                db.vote_codes.insert(),
                [
                    {
                        "session_id": pk,
                        "code": v.code,
                        "created_at": now(),
                        "used_at": v.used_at or None,
                    }
                    for v in snapshot.vote_codes
                ],
            )
