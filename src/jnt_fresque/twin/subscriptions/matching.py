"""Which changes a subscription notifies: entity selectors, triggers, watched attributes, filters.

A `Watch` is a stored subscription compiled once (type selections, ``q`` with the
broker's query language, ``geoQ``) so that every committed write is checked
quickly; `Watch.fires` gives the trigger a change sets off, or None.

The triggers (clause 5.2.12): ``entityCreated``, ``entityUpdated``,
``entityDeleted``, ``attributeCreated``, ``attributeUpdated``,
``attributeDeleted``; by default the two ``attribute…`` ones that add or change
values. Creating an entity creates its attributes, deleting it deletes them.
``watchedAttributes`` narrows the attribute triggers (and ``entityUpdated``) to
those attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jnt_fresque.twin.context import Context
from jnt_fresque.twin.subscriptions.changes import Change, Entity
from jnt_fresque.twin.subscriptions.model import (
    DEFAULT_TRIGGERS,
    FORMATS,
    TypeTest,
    geo_query,
    parse_types,
    status_of,
)


@dataclass
class Counters:
    """How a subscription's notifications went (clause 5.2.14: timesSent, lastSuccess…)."""

    times_sent: int = 0
    times_failed: int = 0
    last_notification: str | None = None
    last_success: str | None = None
    last_failure: str | None = None
    status: str | None = None  # "ok" or "failed", after the first attempt
    last_queued: int | None = None  # ms: for throttling

    def members(self) -> dict[str, Any]:
        """The counters as ``notification`` members (none before the first notification)."""
        if not self.times_sent:
            return {}
        out: dict[str, Any] = {"timesSent": self.times_sent}
        if self.times_failed:
            out["timesFailed"] = self.times_failed
        for key, value in (
            ("lastNotification", self.last_notification),
            ("lastSuccess", self.last_success),
            ("lastFailure", self.last_failure),
            ("status", self.status),
        ):
            if value is not None:
                out[key] = value
        return out


@dataclass
class Watch:
    """A stored subscription, compiled for matching, with its delivery counters.

    ``context`` expands the names of ``q`` and ``geoQ`` (the @context the
    subscription came with); ``render_context`` compacts notified entities
    (``jsonldContext`` when given, else the same).
    """

    stored: dict[str, Any]
    context: Context
    render_context: Context
    counters: Counters = field(default_factory=Counters)
    selectors: list[tuple[TypeTest, str | None, re.Pattern[str] | None]] = field(init=False)
    watched: frozenset[str] | None = field(init=False)
    triggers: frozenset[str] = field(init=False)
    query: Any = field(init=False)
    geo: tuple[Any, str] | None = field(init=False)

    def __post_init__(self) -> None:
        from jnt_fresque.twin.query import compile_query, parse

        stored = self.stored
        self.selectors = [
            (
                parse_types(s["type"]),
                s.get("id"),
                re.compile(s["idPattern"]) if "idPattern" in s else None,
            )
            for s in stored.get("entities", [])
        ]
        watched = stored.get("watchedAttributes")
        self.watched = frozenset(watched) if watched else None
        self.triggers = frozenset(stored.get("notificationTrigger", DEFAULT_TRIGGERS))
        q = stored.get("q")
        self.query = compile_query(parse(q), self.context.expand) if q is not None else None
        geo = stored.get("geoQ")
        if geo is not None:
            found = geo_query(geo)
            self.geo = (found, self.context.expand(found.geoproperty))
        else:
            self.geo = None

    @property
    def id(self) -> str:
        return str(self.stored["id"])

    @property
    def periodic(self) -> float | None:
        """Seconds between periodic notifications (``timeInterval``), or None."""
        value = self.stored.get("timeInterval")
        return float(value) if value is not None else None

    @property
    def format(self) -> str:
        return FORMATS[self.stored["notification"].get("format", "normalized")]

    @property
    def attributes(self) -> set[str] | None:
        names = self.stored["notification"].get("attributes")
        return set(names) if names else None

    @property
    def show_changes(self) -> bool:
        return bool(self.stored["notification"].get("showChanges", False))

    @property
    def sys_attrs(self) -> bool:
        return bool(self.stored["notification"].get("sysAttrs", False))

    def status(self, now: int) -> str:
        return status_of(self.stored, now)

    def selects(self, entity: Entity) -> bool:
        """Whether ``entity`` is one the subscription's ``entities`` name (any, without them)."""
        if not self.selectors:
            return True
        types = entity["type"]
        for test, eid, pattern in self.selectors:
            if eid is not None and entity["id"] != eid:
                continue
            if pattern is not None and not pattern.search(entity["id"]):
                continue
            if test(types):
                return True
        return False

    def passes(self, entity: Entity) -> bool:
        """Whether ``entity`` passes the ``q`` and ``geoQ`` filters."""
        if self.query is not None and not self.query(entity):
            return False
        if self.geo is not None:
            query, iri = self.geo
            attr = entity["attrs"].get(iri)
            first = attr[0] if isinstance(attr, list) else attr
            if not isinstance(first, dict) or first.get("type") != "GeoProperty":
                return False
            if not query.matches(first["value"]):
                return False
        return True

    def fires(self, change: Change, now: int) -> str | None:
        """The trigger ``change`` sets off for this subscription, or None."""
        if self.periodic is not None or self.status(now) != "active":
            return None
        reason = self._trigger(change)
        if reason is None or not self.passes(change.current):
            return None
        return reason

    def _trigger(self, change: Change) -> str | None:
        triggers, watched = self.triggers, self.watched

        def hit(names: frozenset[str]) -> bool:
            return bool(names) if watched is None else not watched.isdisjoint(names)

        if change.entity_created:
            if "entityCreated" in triggers:
                return "entityCreated"
            if "attributeCreated" in triggers and hit(change.created):
                return "attributeCreated"
            return None
        if change.entity_deleted:
            if "entityDeleted" in triggers:
                return "entityDeleted"
            if "attributeDeleted" in triggers and hit(change.deleted):
                return "attributeDeleted"
            return None
        for trigger, names in (
            ("attributeCreated", change.created),
            ("attributeUpdated", change.updated),
            ("attributeDeleted", change.deleted_attributes),
        ):
            if trigger in triggers and hit(names):
                return trigger
        if "entityUpdated" in triggers and hit(
            change.created | change.updated | change.deleted_attributes
        ):
            return "entityUpdated"
        return None
