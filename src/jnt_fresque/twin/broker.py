"""The embedded NGSI-LD broker: the core API, in process.

`Broker` does what a context broker does with entities — create, retrieve,
query (``q``, geo-queries, pagination), replace, update, append, delete, batch
operations, types and attributes — and keeps every attribute change as history
for the temporal API (``lastN``, ``timerel``, temporal values, aggregations).
Names are expanded with the caller's @context on the way in and compacted on
the way out, as a real broker does; errors are `NgsiLdError` exceptions that
the HTTP layer (`jnt_fresque.twin.api`) sends as ProblemDetails.

Examples
--------
>>> broker = Broker()
>>> broker.create_entity({"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.2})
'urn:ngsi-ld:Tank:T1'
>>> broker.query_entities(type="Tank", q="level>3", format="keyValues")
[{'id': 'urn:ngsi-ld:Tank:T1', 'type': 'Tank', 'level': 3.2}]
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from jnt_fresque.twin.context import Context, ContextCache, ContextValue
from jnt_fresque.twin.errors import (
    AlreadyExists,
    BadRequestData,
    NgsiLdError,
    ResourceNotFound,
    TooManyResults,
)
from jnt_fresque.twin.ngsild import (
    GEOPROPERTY,
    META,
    PROPERTY,
    RELATIONSHIP,
    check_name,
    check_uri,
    format_time,
    normalize_attribute,
    normalize_entity,
    normalize_fragment,
    now_ms,
    parse_time,
    to_concise,
    to_feature,
    to_feature_collection,
    to_key_values,
)
from jnt_fresque.twin.store import MINUTE, Row, Store, as_number

Format = Literal["normalized", "concise", "keyValues"]
MAX_LIMIT = 1000
DEFAULT_LIMIT = 20
AGGREGATIONS = ("totalCount", "distinctCount", "sum", "avg", "min", "max", "stddev", "sumsq")
INSTANCE_PREFIX = "urn:ngsi-ld:attribute:instance:"
_DURATION = re.compile(
    r"^P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


@dataclass
class UpdateResult:
    """What an update or append did: attributes updated, and those not, with why."""

    updated: list[str] = field(default_factory=list)
    not_updated: list[dict[str, str]] = field(default_factory=list)

    def body(self) -> dict[str, Any]:
        return {"updated": self.updated, "notUpdated": self.not_updated}


@dataclass
class BatchResult:
    """What a batch operation did: ids that succeeded (``created`` among them) and errors."""

    success: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def body(self) -> dict[str, Any]:
        return {"success": self.success, "errors": self.errors}

    def fail(self, entity_id: Any, error: NgsiLdError) -> None:
        self.errors.append({"entityId": str(entity_id), "error": error.problem()})


@dataclass
class Page:
    """One page of query results, and the total count when it was asked for."""

    entities: list[dict[str, Any]]
    count: int | None = None


@dataclass
class TemporalOptions:
    """The temporal parameters of a request, checked."""

    start: int | None = None
    end: int | None = None
    last_n: int | None = None
    representation: Literal["normalized", "temporalValues", "aggregatedValues"] = "normalized"
    methods: tuple[str, ...] = ()
    period: int | None = None
    origin: int | None = None

    @classmethod
    def parse(
        cls,
        *,
        timerel: str | None = None,
        time_at: str | None = None,
        end_time_at: str | None = None,
        last_n: int | str | None = None,
        options: str | Iterable[str] | None = None,
        aggr_methods: str | Iterable[str] | None = None,
        aggr_period: str | None = None,
    ) -> TemporalOptions:
        found = cls()
        if timerel is not None:
            if timerel not in ("before", "after", "between"):
                raise BadRequestData(f"timerel: {timerel!r} is not before, after or between")
            if time_at is None:
                raise BadRequestData("timerel needs timeAt")
            at = parse_time(time_at, what="timeAt")
            if timerel == "before":
                found.end = at
            elif timerel == "after":
                found.start = found.origin = at
            else:
                if end_time_at is None:
                    raise BadRequestData("timerel=between needs endTimeAt")
                found.start = found.origin = at
                found.end = parse_time(end_time_at, what="endTimeAt")
                if found.end <= at:
                    raise BadRequestData("endTimeAt must be after timeAt")
        elif time_at is not None or end_time_at is not None:
            raise BadRequestData("timeAt and endTimeAt need timerel")
        if last_n is not None:
            try:
                found.last_n = int(last_n)
            except (TypeError, ValueError):
                found.last_n = 0
            if found.last_n < 1:
                raise BadRequestData(f"lastN: {last_n!r} is not a positive integer")
            found.last_n = min(found.last_n, 1_000_000_000)
        chosen = _split(options)
        if "temporalValues" in chosen and "aggregatedValues" in chosen:
            raise BadRequestData("options: temporalValues and aggregatedValues exclude each other")
        if "temporalValues" in chosen:
            found.representation = "temporalValues"
        elif "aggregatedValues" in chosen:
            found.representation = "aggregatedValues"
            methods = tuple(_split(aggr_methods))
            if not methods:
                raise BadRequestData("options=aggregatedValues needs aggrMethods (e.g. avg,max)")
            unknown = [m for m in methods if m not in AGGREGATIONS]
            if unknown:
                raise BadRequestData(
                    f"aggrMethods: {', '.join(unknown)} unknown; use {', '.join(AGGREGATIONS)}"
                )
            found.methods = methods
            found.period = parse_duration(aggr_period) if aggr_period else None
        return found


def parse_duration(text: str) -> int | None:
    """Milliseconds of an ISO 8601 duration (weeks, days, hours, minutes, seconds); 0 → None."""
    match = _DURATION.match(text or "")
    if not match or text in ("P", "PT") or text.endswith("T"):
        raise BadRequestData(
            f"aggrPeriodDuration: {text!r} is not a duration such as PT1H, PT15M or P1D "
            "(months and years have no fixed length)"
        )
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    ms = (
        parts["w"] * 604_800
        + parts["d"] * 86_400
        + parts["h"] * 3_600
        + parts["m"] * 60
        + parts["s"]
    ) * 1000
    if ms > 1e15:
        raise BadRequestData(f"aggrPeriodDuration: {text!r} is too long")
    return round(ms) or None


def _split(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [i.strip() for i in items if i and i.strip()]


class Broker:
    """An NGSI-LD context broker in this process, with history.

    Parameters
    ----------
    db
        Where to keep entities and history: ``None`` or ``"sqlite://"`` in memory,
        ``"sqlite:///twin.db"`` (or a path) a SQLite file that survives restarts.
    contexts
        Where @contexts come from (default: the shipped ones, fetching others once).
    """

    def __init__(self, db: str | None = None, *, contexts: ContextCache | None = None) -> None:
        self.store = Store(db)
        self.contexts = contexts or ContextCache()

    def close(self) -> None:
        self.store.close()

    # --- contexts and names ---------------------------------------------------------

    def context(self, value: ContextValue | Context | None = None) -> Context:
        """The processed @context for ``value`` (None: the core context)."""
        return value if isinstance(value, Context) else self.contexts.resolve(value)

    def _doc_context(self, doc: Any, context: ContextValue | Context | None) -> Context:
        if isinstance(doc, dict) and "@context" in doc:
            return self.context(doc["@context"])
        return context if isinstance(context, Context) else self.context(context)

    def _expand_members(self, attr: dict[str, Any], ctx: Context) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in attr.items():
            if key in META:
                out[key] = value
            else:
                out[ctx.expand(key)] = self._expand_members(value, ctx)
        return out

    def _expand(self, attr: Any, ctx: Context) -> Any:
        if isinstance(attr, list):
            return [self._expand_members(a, ctx) for a in attr]
        return self._expand_members(attr, ctx)

    def _compact_members(self, attr: dict[str, Any], ctx: Context, sys: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in attr.items():
            if key in META:
                if sys or (key != "createdAt" and key != "modifiedAt"):
                    out[key] = value
            else:
                out[ctx.compact(key)] = self._compact_members(value, ctx, sys)
        return out

    def _compact(
        self,
        stored: dict[str, Any],
        ctx: Context,
        *,
        attrs: set[str] | None = None,
        sys: bool = False,
    ) -> dict[str, Any]:
        types = [ctx.compact(t) for t in stored["type"]]
        out: dict[str, Any] = {"id": stored["id"], "type": types[0] if len(types) == 1 else types}
        if sys:
            out["createdAt"] = stored["createdAt"]
            out["modifiedAt"] = stored["modifiedAt"]
        for iri, attr in stored["attrs"].items():
            if attrs is not None and iri not in attrs:
                continue
            name = ctx.compact(iri)
            if isinstance(attr, list):
                out[name] = [self._compact_members(a, ctx, sys) for a in attr]
            else:
                out[name] = self._compact_members(attr, ctx, sys)
        return out

    def _render(
        self,
        stored: dict[str, Any],
        ctx: Context,
        *,
        attrs: set[str] | None,
        format: str,
        sys: bool,
    ) -> dict[str, Any]:
        doc = self._compact(stored, ctx, attrs=attrs, sys=sys)
        if format == "keyValues":
            return to_key_values(doc)
        if format == "concise":
            return to_concise(doc)
        return doc

    # --- writing ------------------------------------------------------------------

    def _record(
        self,
        rows: list[Row],
        stored: dict[str, Any],
        iri: str,
        attr: Any,
        received: int,
    ) -> None:
        for inst in attr if isinstance(attr, list) else [attr]:
            sid = self.store.series_id(
                stored["id"], stored["type"], iri, inst.get("datasetId", ""), inst["type"]
            )
            rows.append(_row(sid, inst, received))

    def _stamp(self, attr: Any, stamp: str, created: str | None) -> Any:
        for inst in attr if isinstance(attr, list) else [attr]:
            inst["createdAt"] = created or stamp
            inst["modifiedAt"] = stamp
        return attr

    def _new(
        self, doc: dict[str, Any], ctx: Context, received: int, rows: list[Row]
    ) -> dict[str, Any]:
        stamp = format_time(received)
        types = doc["type"] if isinstance(doc["type"], list) else [doc["type"]]
        stored: dict[str, Any] = {
            "id": doc["id"],
            "type": [ctx.expand(t) for t in types],
            "createdAt": stamp,
            "modifiedAt": stamp,
            "attrs": {},
        }
        for name, attr in doc.items():
            if name in ("id", "type"):
                continue
            iri = ctx.expand(name)
            stored["attrs"][iri] = self._stamp(self._expand(attr, ctx), stamp, None)
            self._record(rows, stored, iri, stored["attrs"][iri], received)
        return stored

    def _set_attr(
        self,
        stored: dict[str, Any],
        iri: str,
        attr: Any,
        stamp: str,
        received: int,
        rows: list[Row],
        *,
        merge: bool = False,
    ) -> None:
        """Put one (expanded) attribute on a stored entity, instance by datasetId."""
        current = stored["attrs"].get(iri)
        incoming = attr if isinstance(attr, list) else [attr]
        if current is None:
            stored["attrs"][iri] = self._stamp(attr, stamp, None)
        else:
            existing = current if isinstance(current, list) else [current]
            by_ds = {inst.get("datasetId"): i for i, inst in enumerate(existing)}
            merged = list(existing)
            for inst in incoming:
                where = by_ds.get(inst.get("datasetId"))
                if where is None:
                    merged.append(self._stamp(inst, stamp, None))
                    continue
                old = merged[where]
                if merge:
                    fresh = dict(old)
                    fresh.update(inst)
                    if inst.get("type", old["type"]) != old["type"]:
                        fresh = dict(inst)
                    inst = fresh
                merged[where] = self._stamp(inst, stamp, old.get("createdAt"))
            stored["attrs"][iri] = merged[0] if len(merged) == 1 else merged
        stored["modifiedAt"] = stamp
        self.store.mark(stored["id"], iri)
        self._record(rows, stored, iri, attr, received)

    def _get(self, entity_id: str) -> dict[str, Any]:
        check_uri(entity_id, "entity id")
        found = self.store.entities.get(entity_id)
        if found is None:
            raise ResourceNotFound(f"no entity {entity_id}")
        return found

    def _commit(self, docs: Iterable[dict[str, Any]], rows: list[Row]) -> None:
        """Note the entities written whole, and add the history rows."""
        self.store.save(docs)
        self.store.add_instances(rows)

    # --- entities ------------------------------------------------------------------------

    def create_entity(self, doc: Any, *, context: ContextValue | Context | None = None) -> str:
        """Create an entity; return its id.

        Raises
        ------
        AlreadyExists
            If an entity with this id exists.
        BadRequestData
            If the entity is malformed.
        """
        ctx = self._doc_context(doc, context)
        entity = normalize_entity(doc)
        with self.store.transaction():
            if entity["id"] in self.store.entities:
                raise AlreadyExists(f"entity {entity['id']} already exists")
            rows: list[Row] = []
            stored = self._new(entity, ctx, now_ms(), rows)
            self.store.entities[stored["id"]] = stored
            self._commit([stored], rows)
        return str(entity["id"])

    def retrieve_entity(
        self,
        entity_id: str,
        *,
        attrs: str | Sequence[str] | None = None,
        format: str = "normalized",
        sys_attrs: bool = False,
        context: ContextValue | Context | None = None,
    ) -> dict[str, Any]:
        """One entity, in the representation ``format`` (normalized, concise, keyValues)."""
        ctx = self.context(context)
        with self.store.lock:
            stored = self._get(entity_id)
            wanted = self._attr_set(attrs, ctx)
            return self._render(stored, ctx, attrs=wanted, format=format, sys=sys_attrs)

    def _attr_set(self, attrs: str | Sequence[str] | None, ctx: Context) -> set[str] | None:
        names = _split(attrs)
        if not names:
            return None
        return {ctx.expand(check_name(n)) for n in names}

    def replace_entity(
        self, entity_id: str, doc: Any, *, context: ContextValue | Context | None = None
    ) -> None:
        """Replace every attribute of an entity (PUT /entities/{id})."""
        ctx = self._doc_context(doc, context)
        if not isinstance(doc, dict):
            raise BadRequestData("an entity must be a JSON object")
        if "id" in doc and doc["id"] != entity_id:
            raise BadRequestData(f"the body's id {doc['id']!r} is not {entity_id}")
        with self.store.transaction():
            old = self._get(entity_id)
            body = {"id": entity_id, "type": doc.get("type", _first_type(old, ctx)), **doc}
            body["id"] = entity_id
            entity = normalize_entity(body)
            rows: list[Row] = []
            received = now_ms()
            stored = self._new(entity, ctx, received, rows)
            stored["createdAt"] = old["createdAt"]
            self.store.entities[entity_id] = stored
            self._commit([stored], rows)

    def append_attrs(
        self,
        entity_id: str,
        fragment: Any,
        *,
        no_overwrite: bool = False,
        context: ContextValue | Context | None = None,
    ) -> UpdateResult:
        """Add attributes to an entity, replacing those that exist unless ``no_overwrite``."""
        ctx = self._doc_context(fragment, context)
        attrs = normalize_fragment(fragment)
        result = UpdateResult()
        with self.store.transaction():
            stored = self._get(entity_id)
            self._check_type(fragment, stored, ctx)
            received = now_ms()
            stamp = format_time(received)
            rows: list[Row] = []
            for name, attr in attrs.items():
                iri = ctx.expand(name)
                expanded = self._expand(attr, ctx)
                if (
                    no_overwrite
                    and iri in stored["attrs"]
                    and not _new_dataset(stored["attrs"][iri], expanded)
                ):
                    result.not_updated.append(
                        {"attributeName": name, "reason": "the attribute exists (noOverwrite)"}
                    )
                    continue
                self._set_attr(stored, iri, expanded, stamp, received, rows)
                result.updated.append(name)
            if result.updated:
                self._commit([], rows)
        return result

    def _check_type(self, fragment: Any, stored: dict[str, Any], ctx: Context) -> None:
        if isinstance(fragment, dict) and "type" in fragment:
            given = fragment["type"] if isinstance(fragment["type"], list) else [fragment["type"]]
            for t in given:
                if not isinstance(t, str) or ctx.expand(t) not in stored["type"]:
                    raise BadRequestData(f"type {t!r} is not the type of {stored['id']}")

    def update_attrs(
        self, entity_id: str, fragment: Any, *, context: ContextValue | Context | None = None
    ) -> UpdateResult:
        """Update the attributes of an entity that exist (PATCH /entities/{id}/attrs)."""
        ctx = self._doc_context(fragment, context)
        attrs = normalize_fragment(fragment)
        if not attrs:
            raise BadRequestData("no attribute to update")
        result = UpdateResult()
        with self.store.transaction():
            stored = self._get(entity_id)
            received = now_ms()
            stamp = format_time(received)
            rows: list[Row] = []
            for name, attr in attrs.items():
                iri = ctx.expand(name)
                if iri not in stored["attrs"]:
                    result.not_updated.append(
                        {"attributeName": name, "reason": "the entity has no such attribute"}
                    )
                    continue
                self._set_attr(stored, iri, self._expand(attr, ctx), stamp, received, rows)
                result.updated.append(name)
            if result.updated:
                self._commit([], rows)
        return result

    def update_attr(
        self,
        entity_id: str,
        attr_name: str,
        fragment: Any,
        *,
        replace: bool = False,
        context: ContextValue | Context | None = None,
    ) -> None:
        """Change one attribute: merge the given members (PATCH) or replace it whole (PUT)."""
        ctx = self._doc_context(fragment, context)
        check_name(attr_name)
        if not isinstance(fragment, dict):
            raise BadRequestData("an attribute must be a JSON object")
        body = {k: v for k, v in fragment.items() if k != "@context"}
        with self.store.transaction():
            stored = self._get(entity_id)
            iri = ctx.expand(attr_name)
            current = stored["attrs"].get(iri)
            if current is None:
                raise ResourceNotFound(f"entity {entity_id} has no attribute {attr_name}")
            if not replace:
                first = current[0] if isinstance(current, list) else current
                if "datasetId" in body and isinstance(current, list):
                    first = next(
                        (c for c in current if c.get("datasetId") == body["datasetId"]), None
                    )
                    if first is None:
                        raise ResourceNotFound(
                            f"{attr_name} has no instance with datasetId {body['datasetId']}"
                        )
                compact_first = self._compact_members(first, ctx, False)
                if "type" not in body or body["type"] == first["type"]:
                    compact_first.update(body)
                    body = compact_first
            attr = normalize_attribute(attr_name, body)
            received = now_ms()
            rows: list[Row] = []
            self._set_attr(
                stored, iri, self._expand(attr, ctx), format_time(received), received, rows
            )
            self._commit([], rows)

    def delete_attr(
        self,
        entity_id: str,
        attr_name: str,
        *,
        dataset_id: str | None = None,
        delete_all: bool = False,
        context: ContextValue | Context | None = None,
    ) -> None:
        """Delete one attribute (one instance of it with ``dataset_id``, or all of them)."""
        ctx = self.context(context)
        check_name(attr_name)
        with self.store.transaction():
            stored = self._get(entity_id)
            iri = ctx.expand(attr_name)
            current = stored["attrs"].get(iri)
            if current is None:
                raise ResourceNotFound(f"entity {entity_id} has no attribute {attr_name}")
            instances = current if isinstance(current, list) else [current]
            if delete_all:
                kept: list[dict[str, Any]] = []
            else:
                kept = [i for i in instances if i.get("datasetId") != dataset_id]
                if len(kept) == len(instances):
                    raise ResourceNotFound(
                        f"{attr_name} has no instance with datasetId {dataset_id}"
                    )
            if kept:
                stored["attrs"][iri] = kept[0] if len(kept) == 1 else kept
            else:
                del stored["attrs"][iri]
            stored["modifiedAt"] = format_time(now_ms())
            self.store.mark(stored["id"], iri)

    def delete_entity(self, entity_id: str) -> None:
        """Delete an entity (its history stays, for the temporal API)."""
        with self.store.transaction():
            self._get(entity_id)
            self.store.remove([entity_id])

    # --- batch operations ----------------------------------------------------------------

    def batch_create(
        self, entities: Any, *, context: ContextValue | Context | None = None
    ) -> BatchResult:
        """Create several entities; each one succeeds or fails on its own."""
        context = self.context(context) if not isinstance(context, Context) else context
        result = BatchResult()
        received = now_ms()
        with self.store.transaction():
            rows: list[Row] = []
            saved = []
            for doc in _batch(entities):
                try:
                    ctx = self._doc_context(doc, context)
                    entity = normalize_entity(doc)
                    if entity["id"] in self.store.entities:
                        raise AlreadyExists(f"entity {entity['id']} already exists")
                    stored = self._new(entity, ctx, received, rows)
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                self.store.entities[stored["id"]] = stored
                saved.append(stored)
                result.success.append(stored["id"])
                result.created.append(stored["id"])
            self._commit(saved, rows)
        return result

    def batch_upsert(
        self,
        entities: Any,
        *,
        update: bool = False,
        context: ContextValue | Context | None = None,
    ) -> BatchResult:
        """Create the entities that do not exist; replace those that do (or, with
        ``update``, only overwrite the attributes given)."""
        context = self.context(context) if not isinstance(context, Context) else context
        result = BatchResult()
        received = now_ms()
        stamp = format_time(received)
        with self.store.transaction():
            rows: list[Row] = []
            saved: dict[str, dict[str, Any]] = {}
            for doc in _batch(entities):
                try:
                    ctx = self._doc_context(doc, context)
                    entity = normalize_entity(doc)
                    eid = entity["id"]
                    old = self.store.entities.get(eid)
                    if old is None:
                        stored = self._new(entity, ctx, received, rows)
                        self.store.entities[eid] = stored
                        result.created.append(eid)
                    elif update:
                        stored = old
                        self._check_type(doc, stored, ctx)
                        for name, attr in entity.items():
                            if name not in ("id", "type"):
                                self._set_attr(
                                    stored,
                                    ctx.expand(name),
                                    self._expand(attr, ctx),
                                    stamp,
                                    received,
                                    rows,
                                )
                    else:
                        stored = self._new(entity, ctx, received, rows)
                        stored["createdAt"] = old["createdAt"]
                        self.store.entities[eid] = stored
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                if old is None or not update:
                    saved[eid] = stored  # written whole; updates mark their attributes
                result.success.append(eid)
            self._commit(saved.values(), rows)
        return result

    def batch_update(
        self,
        entities: Any,
        *,
        no_overwrite: bool = False,
        context: ContextValue | Context | None = None,
    ) -> BatchResult:
        """Append attributes to existing entities (an unknown id is an error)."""
        context = self.context(context) if not isinstance(context, Context) else context
        result = BatchResult()
        with self.store.transaction():
            for doc in _batch(entities):
                try:
                    if not isinstance(doc, dict) or "id" not in doc:
                        raise BadRequestData("each entity needs an id")
                    outcome = self.append_attrs(
                        check_uri(doc["id"], "id"),
                        doc,
                        no_overwrite=no_overwrite,
                        context=self._doc_context(doc, context),
                    )
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                if outcome.not_updated and not outcome.updated:
                    result.fail(doc["id"], BadRequestData("no attribute was updated"))
                else:
                    result.success.append(doc["id"])
        return result

    def batch_delete(self, ids: Any) -> BatchResult:
        """Delete several entities by id."""
        if not isinstance(ids, list):
            raise BadRequestData("a JSON array of entity ids is expected")
        result = BatchResult()
        with self.store.transaction():
            gone = []
            for eid in ids:
                if not isinstance(eid, str) or eid not in self.store.entities:
                    error: NgsiLdError = (
                        ResourceNotFound(f"no entity {eid}")
                        if isinstance(eid, str)
                        else BadRequestData("an entity id must be a string")
                    )
                    result.fail(eid, error)
                    continue
                gone.append(eid)
                result.success.append(eid)
            self.store.remove(gone)
        return result

    # --- queries ----------------------------------------------------------------------------

    def query(
        self,
        *,
        id: str | Sequence[str] | None = None,
        type: str | None = None,
        id_pattern: str | None = None,
        attrs: str | Sequence[str] | None = None,
        q: str | None = None,
        georel: str | None = None,
        geometry: str | None = None,
        coordinates: Any = None,
        geoproperty: str | None = None,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        count: bool = False,
        format: str = "normalized",
        sys_attrs: bool = False,
        context: ContextValue | Context | None = None,
        require_filter: bool = True,
    ) -> Page:
        """Query entities: one page of them, and their total number with ``count``.

        Raises
        ------
        BadRequestData
            For a bad parameter, a ``q`` syntax error (with its position) or no filter.
        TooManyResults
            If ``limit`` is above 1000.
        """
        ctx = self.context(context)
        matches = self._matching(
            ctx,
            id=id,
            type=type,
            id_pattern=id_pattern,
            attrs=attrs,
            q=q,
            georel=georel,
            geometry=geometry,
            coordinates=coordinates,
            geoproperty=geoproperty,
            require_filter=require_filter,
        )
        limit, offset = _page(limit, offset)
        wanted = self._attr_set(attrs, ctx)
        with self.store.lock:
            found = list(matches(self.store.entities.values()))
            chosen = found[offset : offset + limit]
            docs = [
                self._render(s, ctx, attrs=wanted, format=format, sys=sys_attrs) for s in chosen
            ]
        return Page(docs, len(found) if count else None)

    def query_entities(self, **params: Any) -> list[dict[str, Any]]:
        """The entities of one page of `query` (same parameters)."""
        return self.query(**params).entities

    def _matching(
        self,
        ctx: Context,
        *,
        id: str | Sequence[str] | None,
        type: str | None,
        id_pattern: str | None,
        attrs: str | Sequence[str] | None,
        q: str | None,
        georel: str | None,
        geometry: str | None,
        coordinates: Any,
        geoproperty: str | None,
        require_filter: bool,
        source: str = "entities",
    ) -> Any:
        from jnt_fresque.twin.query import compile_query, parse

        ids = set(_split(id)) if id else None
        if ids:
            for one in ids:
                check_uri(one, "id")
        types = None
        if type:
            types = {ctx.expand(check_name(t, "type")) for t in re.split(r"[,|]", type) if t}
        pattern = None
        if id_pattern:
            try:
                pattern = re.compile(id_pattern)
            except re.error as exc:
                raise BadRequestData(f"idPattern: invalid regular expression ({exc})") from None
        wanted = self._attr_set(attrs, ctx)
        test = compile_query(parse(q), ctx.expand) if q is not None else None
        geo_test = None
        if georel or geometry or coordinates:
            from jnt_fresque.twin.geo import GeoQuery

            geo_query = GeoQuery.parse(georel, geometry, coordinates, geoproperty)
            geo_iri = ctx.expand(check_name(geo_query.geoproperty, "geoproperty"))
            geo_test = (geo_query, geo_iri)
        if require_filter and not (ids or types or pattern or wanted or test or geo_test):
            raise BadRequestData(
                "give at least one of type, id, idPattern, attrs, q or a geo-query "
                "(e.g. ?type=Junction)"
            )

        def select(entities: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
            for stored in entities:
                if ids is not None and stored["id"] not in ids:
                    continue
                if types is not None and types.isdisjoint(stored["type"]):
                    continue
                if pattern is not None and not pattern.search(stored["id"]):
                    continue
                if wanted is not None and wanted.isdisjoint(stored["attrs"]):
                    continue
                if test is not None and not test(stored):
                    continue
                if geo_test is not None and not _geo_match(stored, *geo_test):
                    continue
                yield stored

        return select

    def count_entities(self, **params: Any) -> int:
        """How many entities a query matches."""
        page = self.query(**params, limit=0, count=True)
        return page.count or 0

    def geojson(
        self,
        *,
        geoproperty: str = "location",
        attribution: str | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        """A query's result as a GeoJSON FeatureCollection."""
        page = self.query(geoproperty=geoproperty if params.get("georel") else None, **params)
        return to_feature_collection(
            page.entities, geoproperty=geoproperty, attribution=attribution
        )

    def feature(
        self, entity_id: str, *, geoproperty: str = "location", **params: Any
    ) -> dict[str, Any]:
        return to_feature(self.retrieve_entity(entity_id, **params), geoproperty=geoproperty)

    # --- types and attributes -------------------------------------------------------

    def types(self, *, details: bool = False, context: ContextValue | Context | None = None) -> Any:
        """The entity types present (an EntityTypeList, or a list of EntityType with ``details``)."""
        ctx = self.context(context)
        with self.store.lock:
            by_type: dict[str, set[str]] = {}
            for stored in self.store.entities.values():
                for t in stored["type"]:
                    by_type.setdefault(t, set()).update(stored["attrs"])
        if details:
            return [
                {
                    "id": t,
                    "type": "EntityType",
                    "typeName": ctx.compact(t),
                    "attributeNames": sorted(ctx.compact(a) for a in attrs),
                }
                for t, attrs in sorted(by_type.items())
            ]
        return {
            "id": f"urn:ngsi-ld:EntityTypeList:{uuid.uuid4()}",
            "type": "EntityTypeList",
            "typeList": sorted(ctx.compact(t) for t in by_type),
        }

    def type_info(self, type_name: str, *, context: ContextValue | Context | None = None) -> Any:
        """An EntityTypeInfo: how many entities of a type, and their attributes."""
        ctx = self.context(context)
        iri = ctx.expand(check_name(type_name, "type"))
        kinds: dict[str, set[str]] = {}
        count = 0
        with self.store.lock:
            for stored in self.store.entities.values():
                if iri in stored["type"]:
                    count += 1
                    for a, attr in stored["attrs"].items():
                        kinds.setdefault(a, set()).update(_kinds(attr))
        if not count:
            raise ResourceNotFound(f"no entity of type {type_name}")
        return {
            "id": iri,
            "type": "EntityTypeInfo",
            "typeName": ctx.compact(iri),
            "entityCount": count,
            "attributeDetails": [
                {
                    "id": a,
                    "type": "Attribute",
                    "attributeName": ctx.compact(a),
                    "attributeTypes": sorted(k),
                }
                for a, k in sorted(kinds.items())
            ],
        }

    def attributes(
        self, *, details: bool = False, context: ContextValue | Context | None = None
    ) -> Any:
        """The attributes present (an AttributeList, or a list of Attribute with ``details``)."""
        ctx = self.context(context)
        infos = self._attribute_infos()
        if details:
            return [self._attribute_doc(a, info, ctx) for a, info in sorted(infos.items())]
        return {
            "id": f"urn:ngsi-ld:AttributeList:{uuid.uuid4()}",
            "type": "AttributeList",
            "attributeList": sorted(ctx.compact(a) for a in infos),
        }

    def attribute_info(
        self, attr_name: str, *, context: ContextValue | Context | None = None
    ) -> Any:
        """One Attribute: how many entities have it, its kinds and the types carrying it."""
        ctx = self.context(context)
        iri = ctx.expand(check_name(attr_name))
        infos = self._attribute_infos()
        if iri not in infos:
            raise ResourceNotFound(f"no attribute {attr_name}")
        return self._attribute_doc(iri, infos[iri], ctx)

    def _attribute_infos(self) -> dict[str, tuple[int, set[str], set[str]]]:
        infos: dict[str, tuple[int, set[str], set[str]]] = {}
        with self.store.lock:
            for stored in self.store.entities.values():
                for a, attr in stored["attrs"].items():
                    n, kinds, types = infos.get(a, (0, set(), set()))
                    kinds.update(_kinds(attr))
                    types.update(stored["type"])
                    infos[a] = (n + 1, kinds, types)
        return infos

    def _attribute_doc(
        self, iri: str, info: tuple[int, set[str], set[str]], ctx: Context
    ) -> dict[str, Any]:
        n, kinds, types = info
        return {
            "id": iri,
            "type": "Attribute",
            "attributeName": ctx.compact(iri),
            "attributeCount": n,
            "attributeTypes": sorted(kinds),
            "typeNames": sorted(ctx.compact(t) for t in types),
        }

    # --- temporal API ------------------------------------------------------------------

    def temporal_upsert(self, doc: Any, *, context: ContextValue | Context | None = None) -> bool:
        """Add the instances of a temporal entity (POST /temporal/entities); True if it is new.

        Each attribute holds a list of instances (or one), each with its ``observedAt``.
        """
        ctx = self._doc_context(doc, context)
        if not isinstance(doc, dict):
            raise BadRequestData("a temporal entity must be a JSON object")
        entity_id = check_uri(doc.get("id"), "id")
        if "type" not in doc:
            raise BadRequestData(f"entity {entity_id} has no type")
        with self.store.transaction():
            created = entity_id not in self.store.temporal
            self._add_temporal(entity_id, doc, ctx)
        return created

    def temporal_append(
        self, entity_id: str, fragment: Any, *, context: ContextValue | Context | None = None
    ) -> None:
        """Add attribute instances to an existing temporal entity."""
        ctx = self._doc_context(fragment, context)
        check_uri(entity_id, "entity id")
        if not isinstance(fragment, dict):
            raise BadRequestData("a JSON object of attributes is expected")
        with self.store.transaction():
            types = self.store.temporal.get(entity_id)
            if types is None:
                raise ResourceNotFound(f"no temporal entity {entity_id}")
            body = {**fragment, "id": entity_id, "type": [ctx.compact(t) for t in types]}
            self._add_temporal(entity_id, body, ctx)

    def _add_temporal(self, entity_id: str, doc: dict[str, Any], ctx: Context) -> None:
        types_raw = doc["type"] if isinstance(doc["type"], list) else [doc["type"]]
        types = [ctx.expand(check_name(t, "type")) for t in types_raw]
        received = now_ms()
        stored = {"id": entity_id, "type": types}
        rows: list[Row] = []
        for name, value in doc.items():
            if name in ("id", "type", "@context", "createdAt", "modifiedAt", "scope"):
                continue
            instances = value if isinstance(value, list) else [value]
            for inst in instances:
                attr = normalize_attribute(name, inst)
                self._record(rows, stored, ctx.expand(name), self._expand(attr, ctx), received)
        if entity_id not in self.store.temporal:
            self.store.temporal[entity_id] = types
            self.store.db.execute(
                "INSERT OR REPLACE INTO tentity (id, types) VALUES (?, ?)",
                (entity_id, json.dumps(types)),
            )
        self.store.add_instances(rows)

    def temporal_delete(self, entity_id: str) -> None:
        """Forget the history of an entity."""
        check_uri(entity_id, "entity id")
        with self.store.transaction():
            if entity_id not in self.store.temporal:
                raise ResourceNotFound(f"no temporal entity {entity_id}")
            self.store.delete_history(entity_id)

    def temporal_entity(
        self,
        entity_id: str,
        *,
        attrs: str | Sequence[str] | None = None,
        temporal: TemporalOptions | None = None,
        sys_attrs: bool = False,
        context: ContextValue | Context | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        """The history of one entity (GET /temporal/entities/{id}).

        ``temporal`` holds the checked temporal parameters; or pass them as keywords
        (``timerel``, ``time_at``, ``end_time_at``, ``last_n``, ``options``,
        ``aggr_methods``, ``aggr_period``).
        """
        ctx = self.context(context)
        check_uri(entity_id, "entity id")
        options = temporal or TemporalOptions.parse(**params)
        with self.store.lock:
            if entity_id not in self.store.temporal:
                raise ResourceNotFound(f"no temporal entity {entity_id}")
            return self._temporal_doc(
                entity_id, self._attr_set(attrs, ctx), options, ctx, sys_attrs
            )

    def temporal_query(
        self,
        *,
        temporal: TemporalOptions | None = None,
        attrs: str | Sequence[str] | None = None,
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        count: bool = False,
        sys_attrs: bool = False,
        context: ContextValue | Context | None = None,
        id: str | Sequence[str] | None = None,
        type: str | None = None,
        id_pattern: str | None = None,
        q: str | None = None,
        georel: str | None = None,
        geometry: str | None = None,
        coordinates: Any = None,
        geoproperty: str | None = None,
        **params: Any,
    ) -> Page:
        """Histories of the entities a query selects (GET /temporal/entities)."""
        ctx = self.context(context)
        options = temporal or TemporalOptions.parse(**params)
        select = self._matching(
            ctx,
            id=id,
            type=type,
            id_pattern=id_pattern,
            attrs=attrs,
            q=None,
            georel=georel,
            geometry=geometry,
            coordinates=coordinates,
            geoproperty=geoproperty,
            require_filter=True,
        )
        limit, offset = _page(limit, offset)
        wanted = self._attr_set(attrs, ctx)
        q_test = None
        if q is not None:
            from jnt_fresque.twin.query import compile_query, parse

            q_test = compile_query(parse(q), ctx.expand)
        with self.store.lock:
            histories: dict[str, list[str]] = {}
            for e, a, _d in self.store.series:
                histories.setdefault(e, []).append(a)
            candidates = []
            for eid, types in self.store.temporal.items():
                current = self.store.entities.get(eid)
                if q_test is not None and (current is None or not q_test(current)):
                    continue
                if georel and current is None:
                    continue
                # Selected on the attributes it has a history of, and on its current state.
                known: dict[str, Any] = dict.fromkeys(histories.get(eid, ()))
                if current is not None:
                    known.update(current["attrs"])
                candidates.append({"id": eid, "type": types, "attrs": known})
            found = [c["id"] for c in select(candidates)]
            docs = [
                self._temporal_doc(eid, wanted, options, ctx, sys_attrs)
                for eid in found[offset : offset + limit]
            ]
        return Page(docs, len(found) if count else None)

    def _temporal_doc(
        self,
        entity_id: str,
        wanted: set[str] | None,
        options: TemporalOptions,
        ctx: Context,
        sys_attrs: bool,
    ) -> dict[str, Any]:
        types = [ctx.compact(t) for t in self.store.temporal[entity_id]]
        out: dict[str, Any] = {"id": entity_id, "type": types[0] if len(types) == 1 else types}
        by_attr: dict[str, list[tuple[str, int, str, bool]]] = {}
        for (iri, dataset), (sid, kind, mixed) in sorted(
            self.store.entity_series(entity_id).items()
        ):
            if wanted is None or iri in wanted:
                by_attr.setdefault(iri, []).append((dataset, sid, kind, mixed))
        for iri, series in by_attr.items():
            name = ctx.compact(iri)
            if options.representation == "aggregatedValues":
                values = [self._aggregated(s, options) for s in series]
            else:
                values = [self._history(s, options, ctx, sys_attrs) for s in series]
            flat: list[Any] = []
            for v in values:
                if isinstance(v, list):
                    flat.extend(v)
                else:
                    flat.append(v)
            if options.representation == "normalized":
                if flat:
                    out[name] = flat
            else:
                out[name] = flat[0] if len(flat) == 1 else flat
        return out

    def _history(
        self,
        series: tuple[str, int, str, bool],
        options: TemporalOptions,
        ctx: Context,
        sys_attrs: bool,
    ) -> Any:
        dataset, sid, kind, _mixed = series
        rows = self.store.instances(sid, options.start, options.end, options.last_n)
        instances = [self._instance(r, ctx, sys_attrs) for r in rows]
        if options.representation == "normalized":
            return instances
        member = "objects" if kind == RELATIONSHIP else "values"
        key = "object" if kind == RELATIONSHIP else "value"
        stamp = "observedAt"
        simplified: dict[str, Any] = {
            "type": kind,
            member: [[i.get(key), i.get(stamp, i.get("modifiedAt"))] for i in instances],
        }
        if dataset:
            simplified["datasetId"] = dataset
        return simplified

    def _instance(
        self, row: tuple[int, int, Any, str | None], ctx: Context, sys_attrs: bool
    ) -> dict[str, Any]:
        iid, ts, num, doc = row
        if doc is None:
            attr: dict[str, Any] = {"type": PROPERTY, "value": num, "observedAt": format_time(ts)}
        else:
            attr = json.loads(doc)
            if num is not None:
                attr["value"] = num
            if attr.pop("@o", None):
                attr["observedAt"] = format_time(ts)
        compact = self._compact_members(attr, ctx, sys_attrs)
        if "observedAt" not in compact:
            compact["modifiedAt"] = format_time(ts)
        compact["instanceId"] = f"{INSTANCE_PREFIX}{iid}"
        return compact

    def _aggregated(self, series: tuple[str, int, str, bool], options: TemporalOptions) -> Any:
        dataset, sid, kind, mixed = series
        period = options.period
        origin = options.origin
        if origin is None:
            first = self.store.first_instant([sid])
            if first is None:
                return {"type": kind}
            grid = period or MINUTE
            origin = first - first % grid  # periods fall on the UTC grid of their length
        span = period or _whole_span(origin, options.end, self.store, sid)
        start = options.start
        end = options.end
        use_rollup = (
            not mixed
            and "distinctCount" not in options.methods
            and origin % MINUTE == 0
            and span % MINUTE == 0
            and (start is None or start % MINUTE == 0)
            and (end is None or end % MINUTE == 0)
        )
        rows = self.store.aggregate(
            sid,
            origin=origin,
            period=span,
            start=start,
            end=end,
            distinct="distinctCount" in options.methods,
            rollup=use_rollup,
        )
        out: dict[str, Any] = {"type": kind}
        if dataset:
            out["datasetId"] = dataset
        for method in options.methods:
            out[method] = [
                [
                    _aggregate_value(method, row),
                    format_time(origin + row[0] * span),
                    format_time(origin + (row[0] + 1) * span),
                ]
                for row in rows
            ]
        return out


# --- helpers -----------------------------------------------------------------------------


def _row(sid: int, inst: dict[str, Any], received: int) -> Row:
    """One history row: the instant, the number if any, and the rest as compact JSON.

    The instant stands for ``observedAt`` (marked ``"@o"`` in the JSON); a plain
    observed number, the common case, stores no JSON at all.
    """
    observed = inst.get("observedAt")
    ts = parse_time(observed) if observed is not None else received
    num = as_number(inst.get("value")) if inst.get("type") == PROPERTY else None
    rest = {
        k: v
        for k, v in inst.items()
        if k not in _NOT_STORED and not (k == "value" and num is not None)
    }
    if observed is not None:
        if num is not None and len(rest) == 1 and rest.get("type") == PROPERTY:
            return (sid, ts, num, None)
        rest["@o"] = 1
    return (sid, ts, num, _compact_json(rest))


_NOT_STORED = frozenset({"createdAt", "modifiedAt", "observedAt"})
_json_cache: dict[tuple[Any, ...], str] = {}


def _compact_json(doc: dict[str, Any]) -> str:
    # Readings repeat the same few shapes ({type, unitCode, @o}…): encode each once.
    try:
        key = tuple((k, type(v), v) for k, v in doc.items())  # True and 1 stay apart
        found = _json_cache.get(key)
    except TypeError:  # a list or an object inside: not hashable, encode it
        return json.dumps(doc, separators=(",", ":"))
    if found is None:
        found = json.dumps(doc, separators=(",", ":"))
        if len(_json_cache) > 10_000:
            _json_cache.clear()
        _json_cache[key] = found
    return found


def _aggregate_value(method: str, row: tuple[Any, ...]) -> Any:
    _b, n, total, squares, low, high, distinct = row
    if method == "totalCount":
        return n
    if method == "distinctCount":
        return distinct
    if total is None:  # no number in the period
        return None
    if method == "sum":
        return total
    if method == "sumsq":
        return squares
    if method == "min":
        return low
    if method == "max":
        return high
    mean = total / n
    if method == "avg":
        return mean
    return math.sqrt(max(squares / n - mean * mean, 0.0))  # stddev (population)


def _whole_span(origin: int, end: int | None, store: Store, sid: int) -> int:
    if end is not None:
        return max(end - origin, 1)
    row = store.db.execute("SELECT max(ts) FROM instance WHERE sid = ?", (sid,)).fetchone()
    last = row[0] if row and row[0] is not None else origin
    return max(int(last) - origin + 1, 1)


def _geo_match(stored: dict[str, Any], query: Any, iri: str) -> bool:
    attr = stored["attrs"].get(iri)
    if attr is None:
        return False
    first = attr[0] if isinstance(attr, list) else attr
    if not isinstance(first, dict) or first.get("type") != GEOPROPERTY:
        return False
    return bool(query.matches(first["value"]))


def _kinds(attr: Any) -> set[str]:
    if attr is None:
        return set()
    return {a.get("type", PROPERTY) for a in (attr if isinstance(attr, list) else [attr])}


def _new_dataset(current: Any, incoming: Any) -> bool:
    have = {i.get("datasetId") for i in (current if isinstance(current, list) else [current])}
    return all(
        i.get("datasetId") not in have
        for i in (incoming if isinstance(incoming, list) else [incoming])
    )


def _first_type(stored: dict[str, Any], ctx: Context) -> Any:
    types = [ctx.compact(t) for t in stored["type"]]
    return types[0] if len(types) == 1 else types


def _batch(entities: Any) -> list[Any]:
    if not isinstance(entities, list):
        raise BadRequestData("a JSON array of entities is expected")
    if not entities:
        raise BadRequestData("the array of entities is empty")
    return entities


def _id_of(doc: Any) -> str:
    return str(doc.get("id", "")) if isinstance(doc, dict) else ""


def _page(limit: Any, offset: Any) -> tuple[int, int]:
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise BadRequestData("limit and offset must be integers") from None
    if limit < 0 or offset < 0:
        raise BadRequestData("limit and offset must not be negative")
    if limit > MAX_LIMIT:
        raise TooManyResults(f"limit {limit} is above the maximum, {MAX_LIMIT}")
    return limit, offset
