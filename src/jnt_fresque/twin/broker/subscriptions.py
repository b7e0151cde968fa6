"""Subscriptions in the broker: create, retrieve, query, update, delete; watching every write.

Subscriptions are kept where the entities are, in the store's SQLite database
(table ``subscription``, one JSON document each): in memory for an in-memory
broker, in the file for a file one, so they last exactly as long as the entities.

The store tells the broker, once a write has committed, which entities (and
which of their attributes) it touched. For the entities some subscription
selects, the broker keeps a copy of their last state, so that it can say what
changed (attributes created, updated, deleted; previous values) and hand the
changes to the subscriptions that fire. That is all a write pays: building and
POSTing the notification happens in the notifier's threads (`jnt_fresque.twin.notify`),
with retries; ``throttling`` drops notifications that come too soon after the
previous one; ``timeInterval`` subscriptions are notified periodically instead.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Sequence
from typing import Any

from jnt_fresque.twin.broker.core import DEFAULT_LIMIT, BrokerCore, Page, page_window
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.errors import AlreadyExists, ResourceNotFound
from jnt_fresque.twin.ngsild import check_uri, format_time, now_ms
from jnt_fresque.twin.notify import Notifier, Outcome
from jnt_fresque.twin.subscriptions import model
from jnt_fresque.twin.subscriptions.changes import Change, Entity, current, diff, snapshot
from jnt_fresque.twin.subscriptions.matching import Watch
from jnt_fresque.twin.subscriptions.render import message

log = logging.getLogger("jnt_fresque.twin.subscriptions")

_SCHEMA = "CREATE TABLE IF NOT EXISTS subscription (id TEXT PRIMARY KEY, doc TEXT NOT NULL)"


class SubscriptionOps(BrokerCore):
    """Subscriptions: create, retrieve, query, update, delete; notifications on change.

    Parameters
    ----------
    notifier
        What delivers notifications (default: a `Notifier` with 4 threads, 3 retries).
    """

    def __init__(self, *args: Any, notifier: Notifier | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notifier = notifier or Notifier()
        self._watches: dict[str, Watch] = {}
        self._shadow: dict[str, Entity] = {}
        self._counters = threading.Lock()
        with self.store.lock:
            self.store.db.execute(_SCHEMA)
            rows = self.store.db.execute("SELECT id, doc FROM subscription ORDER BY rowid")
            for _sid, doc in rows.fetchall():
                self._load(json.loads(doc))
            self.store.observers.append(self._on_commit)

    def close(self) -> None:
        self.notifier.close()
        super().close()

    # --- the API ---------------------------------------------------------------------

    def create_subscription(
        self, doc: Any, *, context: ContextValue | Context | None = None
    ) -> str:
        """Create a subscription; return its id (made up when the document has none).

        Raises
        ------
        BadRequestData
            If the subscription is malformed (nothing is stored).
        AlreadyExists
            If a subscription with this id exists.
        LdContextNotAvailable
            If its ``jsonldContext`` cannot be had.
        """
        ctx = self._doc_context(doc, context)
        stored = model.check(doc, ctx, now=now_ms())
        sid = stored.pop("id", None) or f"urn:ngsi-ld:Subscription:{uuid.uuid4()}"
        stored = {"id": sid, **stored, "@context": ctx.value}
        watch = self._compile(stored)
        with self.store.lock:
            if sid in self._watches:
                raise AlreadyExists(f"subscription {sid} already exists")
            self._save(stored)
            self._watches[sid] = watch
            self._follow(watch)
        return sid

    def retrieve_subscription(
        self, subscription_id: str, *, context: ContextValue | Context | None = None
    ) -> dict[str, Any]:
        """One subscription, its names compacted with ``context``, with its status."""
        return self._document(self._watch(subscription_id), self.context(context))

    def query_subscriptions(
        self,
        *,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        count: bool = False,
        context: ContextValue | Context | None = None,
    ) -> Page:
        """One page of the subscriptions, oldest first (and their number with ``count``)."""
        limit, offset = page_window(limit, offset)
        ctx = self.context(context)
        with self.store.lock:
            watches = list(self._watches.values())
        docs = [self._document(w, ctx) for w in watches[offset : offset + limit]]
        return Page(docs, len(watches) if count else None)

    def count_subscriptions(self) -> int:
        return len(self._watches)

    def update_subscription(
        self,
        subscription_id: str,
        fragment: Any,
        *,
        context: ContextValue | Context | None = None,
    ) -> None:
        """Change members of a subscription (clause 5.8.2); a null removes a member.

        Raises
        ------
        ResourceNotFound
            If there is no such subscription.
        BadRequestData
            If the fragment is malformed, or the result is no valid subscription.
        """
        watch = self._watch(subscription_id)
        ctx = self._doc_context(fragment, context)
        stored = model.merge(watch.stored, fragment, ctx, now=now_ms())
        if context is not None or (isinstance(fragment, dict) and "@context" in fragment):
            stored["@context"] = ctx.value
        fresh = self._compile(stored)
        fresh.counters = watch.counters
        with self.store.lock:
            if self._watches.get(watch.id) is not watch:
                raise ResourceNotFound(f"subscription {subscription_id} changed or went meanwhile")
            self._save(stored)
            self._watches[watch.id] = fresh
            self.notifier.cancel(watch.id)
            self._follow(fresh)

    def delete_subscription(self, subscription_id: str) -> None:
        """Delete a subscription; its queued notifications are not sent."""
        watch = self._watch(subscription_id)
        with self.store.lock:
            self._watches.pop(watch.id, None)
            self.store.db.execute("DELETE FROM subscription WHERE id = ?", (watch.id,))
            self.notifier.cancel(watch.id)
            if not self._watches:
                self._shadow.clear()

    # --- keeping subscriptions ----------------------------------------------------------

    def _watch(self, subscription_id: str) -> Watch:
        check_uri(subscription_id, "subscription id")
        found = self._watches.get(subscription_id)
        if found is None:
            raise ResourceNotFound(f"no subscription {subscription_id}")
        return found

    def _compile(self, stored: dict[str, Any]) -> Watch:
        ctx = self.context(stored.get("@context"))
        shown = stored.get("jsonldContext")
        return Watch(stored, ctx, self.context(shown) if shown else ctx)

    def _load(self, stored: dict[str, Any]) -> None:
        try:
            watch = self._compile(stored)
        except Exception as exc:  # e.g. a context that cannot be fetched offline
            log.warning("subscription %s: %s; its names use the core context", stored["id"], exc)
            core = self.context(None)
            watch = Watch(stored, core, core)
        self._watches[watch.id] = watch
        self._follow(watch)

    def _save(self, stored: dict[str, Any]) -> None:
        self.store.db.execute(
            "INSERT INTO subscription (id, doc) VALUES (?, ?) "
            "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc",
            (stored["id"], json.dumps(stored, separators=(",", ":"))),
        )

    def _follow(self, watch: Watch) -> None:
        """Start watching what ``watch`` needs: its entities' state, or its period."""
        if watch.periodic is not None:
            sid = watch.id
            self.notifier.every(sid, watch.periodic, lambda: self._tick(sid))
            return
        for eid, stored in self.store.entities.items():
            if eid not in self._shadow and watch.selects(stored):
                self._shadow[eid] = snapshot(stored)

    def _document(self, watch: Watch, ctx: Context) -> dict[str, Any]:
        with self._counters:
            counters = watch.counters.members()
        return model.document(watch.stored, ctx, status=watch.status(now_ms()), counters=counters)

    # --- watching writes ----------------------------------------------------------------

    def _on_commit(self, changed: dict[str, set[str] | None]) -> None:
        """Called by the store, lock held, after each commit: entity id → attributes touched."""
        if not self._watches:
            return
        try:
            self._match(changed)
        except Exception:  # the write is committed: a bug here must not fail it
            log.exception("matching subscriptions failed")

    def _match(self, changed: dict[str, set[str] | None]) -> None:
        now = now_ms()
        watches = [w for w in self._watches.values() if w.periodic is None]
        fired: dict[str, list[tuple[Change, str | None]]] = {}
        for eid, touched in changed.items():
            stored = self.store.entities.get(eid)
            before = self._shadow.get(eid)
            probe = stored if stored is not None else before
            if probe is None:
                continue
            selecting = [w for w in watches if w.selects(probe)]
            if not selecting:
                self._shadow.pop(eid, None)
                continue
            after = None
            if stored is not None:
                after = (
                    snapshot(stored, before, touched) if before is not None else snapshot(stored)
                )
                self._shadow[eid] = after
            else:
                self._shadow.pop(eid, None)
            change = diff(before, after, touched if before is not None else None, at=now)
            for watch in selecting:
                reason = watch.fires(change, now)
                if reason is not None:
                    fired.setdefault(watch.id, []).append((change, reason))
        for sid, items in fired.items():
            self._queue(self._watches[sid], items, now)

    def _tick(self, subscription_id: str) -> None:
        """A periodic (``timeInterval``) notification: the selected entities as they are."""
        watch = self._watches.get(subscription_id)
        now = now_ms()
        if watch is None or watch.status(now) != "active":
            return
        with self.store.lock:
            found = [
                snapshot(e)
                for e in self.store.entities.values()
                if watch.selects(e) and watch.passes(e)
            ]
        if found:
            self._queue(watch, [(current(e, at=now), None) for e in found], now)

    def _queue(self, watch: Watch, items: Sequence[tuple[Change, str | None]], now: int) -> None:
        throttling = watch.stored.get("throttling")
        with self._counters:
            last = watch.counters.last_queued
            if throttling and last is not None and now - last < throttling * 1000:
                return
            watch.counters.last_queued = now
        render = self._render

        def build() -> Any:
            return message(watch, items, render)

        def wanted() -> bool:
            return self._watches.get(watch.id) is watch and watch.status(now_ms()) == "active"

        def report(outcome: Outcome) -> None:
            self._report(watch, outcome)

        self.notifier.submit(watch.id, build, report=report, wanted=wanted)

    def _report(self, watch: Watch, outcome: Outcome) -> None:
        stamp = format_time(now_ms())
        with self._counters:
            counters = watch.counters
            if outcome.ok is None:
                if outcome.attempt == 1:
                    counters.times_sent += 1
                counters.last_notification = stamp
            elif outcome.ok:
                counters.last_success = stamp
                counters.status = "ok"
            else:
                counters.last_failure = stamp
                counters.status = "failed"
                if outcome.final:
                    counters.times_failed += 1
