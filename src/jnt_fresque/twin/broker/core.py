"""What every part of the broker shares: the store, @contexts, names and writing attributes.

`BrokerCore` holds the store and the @context cache, expands names with the
caller's @context on the way in and compacts them on the way out, and writes
attributes (stamping ``createdAt``/``modifiedAt``, recording each instance as
history). The operations build on it: `entities`, `queries`, `discovery`,
`temporal`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from jnt_fresque.twin.context import Context, ContextCache, ContextValue
from jnt_fresque.twin.errors import BadRequestData, NgsiLdError, ResourceNotFound, TooManyResults
from jnt_fresque.twin.ngsild import (
    META,
    PROPERTY,
    check_name,
    check_uri,
    format_time,
    parse_time,
    to_concise,
    to_key_values,
)
from jnt_fresque.twin.store import Row, Store, as_number

Format = Literal["normalized", "concise", "keyValues"]
MAX_LIMIT = 1000
DEFAULT_LIMIT = 20
INSTANCE_PREFIX = "urn:ngsi-ld:attribute:instance:"


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


class BrokerCore:
    """What every part of the broker shares: the store, @contexts, and writing attributes."""

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


# --- helpers -----------------------------------------------------------------------------


def split_names(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [i.strip() for i in items if i and i.strip()]


def attr_set(attrs: str | Sequence[str] | None, ctx: Context) -> set[str] | None:
    """The expanded attribute names of an ``attrs`` parameter (None: all of them)."""
    names = split_names(attrs)
    if not names:
        return None
    return {ctx.expand(check_name(n)) for n in names}


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


def page_window(limit: Any, offset: Any) -> tuple[int, int]:
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise BadRequestData("limit and offset must be integers") from None
    if limit < 0 or offset < 0:
        raise BadRequestData("limit and offset must not be negative")
    if limit > MAX_LIMIT:
        raise TooManyResults(f"limit {limit} is above the maximum, {MAX_LIMIT}")
    return limit, offset
