"""Where the broker keeps entities and their history: SQLite (a file, or in memory).

The current state of every entity lives in memory, written through to the
``entity`` and ``attribute`` tables (one row per attribute, so that an update
rewrites the attributes it changed, not the whole entity and its geometry): queries (``q``, geo, types) run over Python dicts, which is
fast for the thousands of entities a teaching twin has, and the file survives a
restart. History lives only in SQLite: one row per attribute instance, numbers
in a REAL column, plus per-minute roll-ups (count, sum, sum of squares, min,
max) kept up to date on insert, so that an hourly average over millions of
readings reads thousands of rows instead.

One process owns a store (the broker serialises its calls with a lock);
several servers on one file would not see each other's changes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MINUTE = 60_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entity (id TEXT PRIMARY KEY, head TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attribute (
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (entity, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tentity (id TEXT PRIMARY KEY, types TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS series (
    sid INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    attr TEXT NOT NULL,
    dataset TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    mixed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity, attr, dataset)
);
CREATE TABLE IF NOT EXISTS instance (
    iid INTEGER PRIMARY KEY,
    sid INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    num,
    doc TEXT
);
CREATE INDEX IF NOT EXISTS instance_sid_ts ON instance (sid, ts);
CREATE TABLE IF NOT EXISTS rollup (
    sid INTEGER NOT NULL,
    minute INTEGER NOT NULL,
    n INTEGER NOT NULL,
    total REAL NOT NULL,
    squares REAL NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL,
    PRIMARY KEY (sid, minute)
) WITHOUT ROWID;
"""
_ROLLUP_UPSERT = """
INSERT INTO rollup (sid, minute, n, total, squares, low, high) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (sid, minute) DO UPDATE SET
    n = n + excluded.n, total = total + excluded.total, squares = squares + excluded.squares,
    low = min(low, excluded.low), high = max(high, excluded.high)
"""

# A history row: series id, instant (ms), number (or None), JSON of the rest (or None).
Row = tuple[int, int, float | None, str | None]


def database_path(url: str | None) -> str:
    """The SQLite file of a database URL: ``sqlite://`` or ``memory`` → in memory,
    ``sqlite:///twin.db`` or a plain path → that file."""
    if url in (None, "", "memory", ":memory:", "sqlite://", "sqlite:///:memory:"):
        return ":memory:"
    assert url is not None
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    if "://" in url:
        raise ValueError(f"{url}: only SQLite databases are supported (sqlite:///file.db)")
    return url


class Store:
    """Entities (current state, in memory and in SQLite) and their history (SQLite)."""

    def __init__(self, url: str | None = None) -> None:
        path = database_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = NORMAL",
            "temp_store = MEMORY",
            "cache_size = -65536",
        ):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self.lock = threading.RLock()
        self.entities: dict[str, dict[str, Any]] = self._load()
        self.dirty: dict[str, set[str] | None] = {}
        self.temporal: dict[str, list[str]] = {
            eid: json.loads(types)
            for eid, types in self.db.execute("SELECT id, types FROM tentity")
        }
        self.series: dict[tuple[str, str, str], tuple[int, str, bool]] = {
            (e, a, d): (sid, kind, bool(mixed))
            for sid, e, a, d, kind, mixed in self.db.execute(
                "SELECT sid, entity, attr, dataset, kind, mixed FROM series"
            )
        }
        self._depth = 0
        # Called after each commit, lock held, with what it wrote: entity id → the
        # attributes touched (None: the whole entity). Subscriptions listen here.
        self.observers: list[Callable[[dict[str, set[str] | None]], None]] = []

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together, or not at all."""
        with self.lock:
            outer = self._depth == 0
            if outer:
                self.db.execute("BEGIN")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self.db.execute("ROLLBACK")
                    self._reload()
                raise
            self._depth -= 1
            if outer:
                written = dict(self.dirty) if self.observers else {}
                try:
                    self.flush()
                except BaseException:
                    self.db.execute("ROLLBACK")
                    self._reload()
                    raise
                self.db.execute("COMMIT")
                for observer in self.observers if written else ():
                    observer(written)

    def _load(self) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for eid, head in self.db.execute("SELECT id, head FROM entity"):
            found[eid] = {**json.loads(head), "attrs": {}}
        for eid, name, doc in self.db.execute("SELECT entity, name, doc FROM attribute"):
            if eid in found:
                found[eid]["attrs"][name] = json.loads(doc)
        return found

    def _reload(self) -> None:
        # A failed transaction may have changed the in-memory state half-way.
        self.dirty.clear()
        self.entities = self._load()
        self.temporal = {
            eid: json.loads(types)
            for eid, types in self.db.execute("SELECT id, types FROM tentity")
        }
        self.series = {
            (e, a, d): (sid, kind, bool(mixed))
            for sid, e, a, d, kind, mixed in self.db.execute(
                "SELECT sid, entity, attr, dataset, kind, mixed FROM series"
            )
        }

    # --- current state --------------------------------------------------------

    def mark(self, entity: str, attr: str | None = None) -> None:
        """Note that an entity (or one of its attributes) changed in ``self.entities``;
        the change is written when the transaction commits."""
        if attr is None:
            self.dirty[entity] = None
            return
        names = self.dirty.get(entity, set())
        if names is not None:
            names.add(attr)
            self.dirty[entity] = names

    def save(self, docs: Iterable[dict[str, Any]]) -> None:
        """Note whole entities (already changed in ``self.entities``) to write."""
        for doc in docs:
            self.dirty[doc["id"]] = None

    def remove(self, ids: Sequence[str]) -> None:
        for eid in ids:
            self.entities.pop(eid, None)
            self.dirty[eid] = None

    def flush(self) -> None:
        """Write the changed entities and attributes to SQLite."""
        if not self.dirty:
            return
        heads, gone, wiped, attrs, dropped = [], [], [], [], []
        for eid, names in self.dirty.items():
            doc = self.entities.get(eid)
            if doc is None:
                gone.append((eid,))
                continue
            head = {k: v for k, v in doc.items() if k != "attrs"}
            heads.append((eid, json.dumps(head, separators=(",", ":"))))
            if names is None:
                wiped.append((eid,))
                names = set(doc["attrs"])
            for name in names:
                attr = doc["attrs"].get(name)
                if attr is None:
                    dropped.append((eid, name))
                else:
                    attrs.append((eid, name, json.dumps(attr, separators=(",", ":"))))
        self.dirty.clear()
        self.db.executemany("DELETE FROM entity WHERE id = ?", gone)
        self.db.executemany("DELETE FROM attribute WHERE entity = ?", gone + wiped)
        self.db.executemany("INSERT OR REPLACE INTO entity (id, head) VALUES (?, ?)", heads)
        self.db.executemany("DELETE FROM attribute WHERE entity = ? AND name = ?", dropped)
        self.db.executemany(
            "INSERT OR REPLACE INTO attribute (entity, name, doc) VALUES (?, ?, ?)", attrs
        )

    # --- history ----------------------------------------------------------------

    def series_id(self, entity: str, types: list[str], attr: str, dataset: str, kind: str) -> int:
        """The id of the history of one attribute (created on first use)."""
        key = (entity, attr, dataset)
        found = self.series.get(key)
        if found is not None:
            return found[0]
        cursor = self.db.execute(
            "INSERT INTO series (entity, attr, dataset, kind) VALUES (?, ?, ?, ?)",
            (entity, attr, dataset, kind),
        )
        sid = int(cursor.lastrowid or 0)
        self.series[key] = (sid, kind, False)
        if self.temporal.get(entity) != types:
            self.temporal[entity] = types
            self.db.execute(
                "INSERT OR REPLACE INTO tentity (id, types) VALUES (?, ?)",
                (entity, json.dumps(types)),
            )
        return sid

    def add_instances(self, rows: Sequence[Row]) -> None:
        """Append history rows and update the per-minute roll-ups of their numbers."""
        if not rows:
            return
        self.db.executemany("INSERT INTO instance (sid, ts, num, doc) VALUES (?, ?, ?, ?)", rows)
        buckets: dict[tuple[int, int], list[float]] = {}
        mixed: set[int] = set()
        for sid, ts, num, _doc in rows:
            if num is None:
                mixed.add(sid)
                continue
            key = (sid, ts // MINUTE)
            acc = buckets.get(key)
            if acc is None:
                buckets[key] = [1, num, num * num, num, num]
            else:
                acc[0] += 1
                acc[1] += num
                acc[2] += num * num
                if num < acc[3]:
                    acc[3] = num
                if num > acc[4]:
                    acc[4] = num
        self.db.executemany(_ROLLUP_UPSERT, [(s, m, *acc) for (s, m), acc in buckets.items()])
        if mixed:
            self._mark_mixed(mixed)

    def drop_instants(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Delete the rows of series ``sid`` at instant ``ts``, for each ``(sid, ts)``.

        The per-minute roll-ups cannot take a row back out: a series that lost rows is
        aggregated from its rows from then on.
        """
        hit: set[int] = set()
        for sid, ts in pairs:
            cursor = self.db.execute("DELETE FROM instance WHERE sid = ? AND ts = ?", (sid, ts))
            if cursor.rowcount:
                hit.add(sid)
        if hit:
            self._mark_mixed(hit)

    def _mark_mixed(self, sids: set[int]) -> None:
        # Roll-ups count numbers only: a series with other values is aggregated from rows.
        fresh = [key for key, (sid, _kind, was) in self.series.items() if sid in sids and not was]
        for key in fresh:
            sid, kind, _ = self.series[key]
            self.series[key] = (sid, kind, True)
        if fresh:
            self.db.executemany(
                "UPDATE series SET mixed = 1 WHERE sid = ?", [(self.series[k][0],) for k in fresh]
            )

    def entity_series(self, entity: str) -> dict[tuple[str, str], tuple[int, str, bool]]:
        """The histories of one entity, by (attribute IRI, datasetId)."""
        return {(a, d): v for (e, a, d), v in self.series.items() if e == entity}

    def delete_history(self, entity: str, attr: str | None = None) -> None:
        """Forget the history of an entity (or of one of its attributes)."""
        keys = [k for k in self.series if k[0] == entity and (attr is None or k[1] == attr)]
        sids = [(self.series[k][0],) for k in keys]
        self.db.executemany("DELETE FROM instance WHERE sid = ?", sids)
        self.db.executemany("DELETE FROM rollup WHERE sid = ?", sids)
        self.db.executemany("DELETE FROM series WHERE sid = ?", sids)
        for key in keys:
            del self.series[key]
        if attr is None or not any(k[0] == entity for k in self.series):
            self.temporal.pop(entity, None)
            self.db.execute("DELETE FROM tentity WHERE id = ?", (entity,))

    def instances(
        self, sid: int, start: int | None, end: int | None, last: int | None
    ) -> list[tuple[int, int, float | None, str | None]]:
        """History rows ``(iid, ts, num, doc)`` of one series in ``[start, end)``, oldest first."""
        sql = "SELECT iid, ts, num, doc FROM instance WHERE sid = ?"
        args: list[Any] = [sid]
        if start is not None:
            sql += " AND ts >= ?"
            args.append(start)
        if end is not None:
            sql += " AND ts < ?"
            args.append(end)
        if last is not None:
            rows = self.db.execute(sql + " ORDER BY ts DESC, iid DESC LIMIT ?", [*args, last])
            return list(reversed(rows.fetchall()))
        return self.db.execute(sql + " ORDER BY ts, iid", args).fetchall()

    def has_instances(self, sids: Sequence[int], start: int | None, end: int | None) -> bool:
        """Whether any of the series has a row in ``[start, end)``."""
        if not sids:
            return False
        marks = ",".join("?" * len(sids))
        sql = f"SELECT 1 FROM instance WHERE sid IN ({marks})"
        args: list[Any] = list(sids)
        if start is not None:
            sql += " AND ts >= ?"
            args.append(start)
        if end is not None:
            sql += " AND ts < ?"
            args.append(end)
        return self.db.execute(sql + " LIMIT 1", args).fetchone() is not None

    def first_instant(self, sids: Sequence[int]) -> int | None:
        marks = ",".join("?" * len(sids))
        row = self.db.execute(f"SELECT min(ts) FROM instance WHERE sid IN ({marks})", sids)
        found = row.fetchone()[0]
        return None if found is None else int(found)

    def aggregate(
        self,
        sid: int,
        *,
        origin: int,
        period: int,
        start: int | None,
        end: int | None,
        distinct: bool,
        rollup: bool,
    ) -> list[tuple[int, int, float | None, float | None, float | None, float | None, int]]:
        """Per period: ``(bucket, count, sum, sum of squares, min, max, distinct count)``.

        With ``rollup`` the per-minute roll-ups are read (the caller checks that the
        origin, the period and the bounds fall on whole minutes); otherwise the rows.
        """
        args: list[Any]
        if rollup:
            sql = (
                "SELECT (minute * 60000 - ?) / ? AS b, sum(n), sum(total), sum(squares), "
                "min(low), max(high), 0 FROM rollup WHERE sid = ?"
            )
            args = [origin, period, sid]
            if start is not None:
                sql += " AND minute >= ?"
                args.append(start // MINUTE)
            if end is not None:
                sql += " AND minute < ?"
                args.append(end // MINUTE)
        else:
            distinct_sql = "count(DISTINCT coalesce(num, doc))" if distinct else "0"
            sql = (
                "SELECT (ts - ?) / ? AS b, count(*), sum(num), sum(num * num), min(num), "
                f"max(num), {distinct_sql} FROM instance WHERE sid = ?"
            )
            args = [origin, period, sid]
            if start is not None:
                sql += " AND ts >= ?"
                args.append(start)
            if end is not None:
                sql += " AND ts < ?"
                args.append(end)
        sql += " GROUP BY b ORDER BY b"
        return self.db.execute(sql, args).fetchall()

    # --- bulk loading -------------------------------------------------------------

    def vacuum(self) -> None:
        self.db.execute("PRAGMA optimize")


def as_number(value: Any) -> float | None:
    """The value itself when it is a number (not a boolean), for the history's number column.

    The column has no type affinity, so 3 comes back as 3 and 3.0 as 3.0.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        if -(2**63) <= value < 2**63:
            return value
        try:  # too big for SQLite's integers: a float if it fits, else kept as JSON
            return float(value)
        except OverflowError:
            return None
    return None
