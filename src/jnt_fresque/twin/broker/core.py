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
    LANGUAGEPROPERTY,
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
    content_range: str | None = None  # set when a temporal answer is one page of several


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
            if key in _TERMS:  # values that are vocabulary terms, expanded like names
                out[key] = _map_terms(value, ctx.expand)
            elif key in META:
                out[key] = value
            else:
                out[expand_name(ctx, key)] = self._expand_members(value, ctx)
        return out

    def _expand(self, attr: Any, ctx: Context) -> Any:
        if isinstance(attr, list):
            return [self._expand_members(a, ctx) for a in attr]
        return self._expand_members(attr, ctx)

    def _compact_members(
        self, attr: dict[str, Any], ctx: Context, sys: bool, lang: str | None = None
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in attr.items():
            if key in _TERMS:
                out[key] = _map_terms(value, ctx.compact)
            elif key in META:
                if sys or (key != "createdAt" and key != "modifiedAt"):
                    out[key] = value
            else:
                out[ctx.compact(key)] = self._compact_members(value, ctx, sys, lang)
        if lang is not None and out.get("type") == LANGUAGEPROPERTY:
            return _in_language(out, lang)
        return out

    def _compact(
        self,
        stored: dict[str, Any],
        ctx: Context,
        *,
        attrs: set[str] | None = None,
        sys: bool = False,
        lang: str | None = None,
        view: View | None = None,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if view is None or view.shows("id"):
            out["id"] = stored["id"]
        if view is None or view.shows("type"):
            types = [ctx.compact(t) for t in stored["type"]]
            out["type"] = types[0] if len(types) == 1 else types
        if "scope" in stored and (view is None or view.shows("scope")):
            out["scope"] = stored["scope"]
        if sys:
            out["createdAt"] = stored["createdAt"]
            out["modifiedAt"] = stored["modifiedAt"]
        for iri, attr in stored["attrs"].items():
            if attrs is not None and iri not in attrs:
                continue
            if view is not None and not view.shows(iri):
                continue
            name = ctx.compact(iri)
            if isinstance(attr, list):
                out[name] = [self._compact_members(a, ctx, sys, lang) for a in attr]
            else:
                out[name] = self._compact_members(attr, ctx, sys, lang)
        return out

    def _render(
        self,
        stored: dict[str, Any],
        ctx: Context,
        *,
        attrs: set[str] | None,
        format: str,
        sys: bool,
        lang: str | None = None,
        view: View | None = None,
    ) -> dict[str, Any]:
        doc = self._compact(stored, ctx, attrs=attrs, sys=sys, lang=lang, view=view)
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

    def _new(self, doc: dict[str, Any], ctx: Context, received: int) -> dict[str, Any]:
        """A stored entity from a normalized one: every name checked and expanded.

        Nothing is written: the caller stores it and records its history
        (``_record``) inside a transaction.
        """
        stamp = format_time(received)
        types = doc["type"] if isinstance(doc["type"], list) else [doc["type"]]
        stored: dict[str, Any] = {
            "id": doc["id"],
            "type": list(dict.fromkeys(expand_name(ctx, t, "type") for t in types)),
            "createdAt": stamp,
            "modifiedAt": stamp,
            "attrs": {},
        }
        if "scope" in doc:
            stored["scope"] = doc["scope"]
        for name, attr in doc.items():
            if name in ("id", "type", "scope"):
                continue
            iri = expand_name(ctx, name)
            stored["attrs"][iri] = self._stamp(self._expand(attr, ctx), stamp, None)
        return stored

    def _set_attr(
        self,
        stored: dict[str, Any],
        iri: str,
        inst: dict[str, Any],
        stamp: str,
        received: int,
        rows: list[Row],
        *,
        merge: bool = False,
    ) -> None:
        """Put one (expanded) attribute instance on a stored entity: it replaces the
        instance with the same datasetId (or, with ``merge``, updates its members)."""
        current = stored["attrs"].get(iri)
        if current is None:
            fresh = self._stamp(inst, stamp, None)
            stored["attrs"][iri] = fresh
        else:
            existing = current if isinstance(current, list) else [current]
            merged = list(existing)
            where = next(
                (
                    i
                    for i, old in enumerate(existing)
                    if old.get("datasetId") == inst.get("datasetId")
                ),
                None,
            )
            if where is None:
                fresh = self._stamp(inst, stamp, None)
                merged.append(fresh)
            else:
                old = merged[where]
                if merge and inst.get("type", old["type"]) == old["type"]:
                    inst = {**old, **inst}
                fresh = self._stamp(inst, stamp, old.get("createdAt"))
                merged[where] = fresh
            stored["attrs"][iri] = merged[0] if len(merged) == 1 else merged
        stored["modifiedAt"] = stamp
        self.store.mark(stored["id"], iri)
        self._record(rows, stored, iri, fresh, received)

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
    return {expand_name(ctx, n) for n in names}


def expand_name(ctx: Context, name: Any, what: str = "attribute name") -> str:
    """The IRI of an attribute name or entity type, which must be one.

    A name that the @context maps to a JSON-LD keyword (``id`` and ``type`` in the
    core context) or to no absolute IRI names no attribute (clause 4.6.2).
    """
    iri = ctx.expand(check_name(name, what))
    if iri.startswith("@") or ":" not in iri:
        raise BadRequestData(
            f"{what}: {name!r} is not allowed; with this @context it stands for {iri!r}, not an IRI"
        )
    return iri


# Attribute members whose values are vocabulary terms (expanded and compacted as names).
_TERMS = frozenset({"vocab", "objectType"})


def _map_terms(value: Any, change: Any) -> Any:
    if isinstance(value, list):
        return [change(v) if isinstance(v, str) else v for v in value]
    return change(value) if isinstance(value, str) else value


def _in_language(attr: dict[str, Any], lang: str) -> dict[str, Any]:
    """A LanguageProperty as the Property of one language (clause 4.15, ``lang``)."""
    texts = attr.get("languageMap")
    if not isinstance(texts, dict) or not texts:
        return attr
    tag = pick_language(list(texts), lang)
    out = {k: v for k, v in attr.items() if k not in ("type", "languageMap")}
    return {"type": PROPERTY, "value": texts[tag], "lang": tag, **out}


def pick_language(tags: list[str], wanted: str) -> str:
    """The tag among ``tags`` that a ``lang`` parameter prefers (RFC 4647 lookup).

    ``wanted`` is a list of ranges with optional weights (``fr-CH,fr;q=0.9,*;q=0.5``);
    ``*`` takes any; with no match, the first tag (``@none`` if there is one).

    Examples
    --------
    >>> pick_language(["nl", "fr"], "fr-CH,fr;q=0.9,en;q=0.8")
    'fr'
    """
    ranges: list[tuple[float, int, str]] = []
    for index, part in enumerate(wanted.split(",")):
        pieces = part.strip().split(";")
        weight = 1.0
        for param in pieces[1:]:
            key, _, number = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(number)
                except ValueError:
                    weight = 0.0
        if pieces[0].strip() and weight > 0:
            ranges.append((-weight, index, pieces[0].strip().lower()))
    lowered = {t.lower(): t for t in tags}
    for _w, _i, one in sorted(ranges):
        if one == "*":
            return tags[0]
        probe = one
        while probe:
            if probe in lowered:
                return lowered[probe]
            probe = probe.rpartition("-")[0]
    return lowered.get("@none", tags[0])


@dataclass
class View:
    """Which members of an entity an answer shows: ``pick`` and ``omit`` (clause 4.21).

    ``names`` hold ``id``, ``type``, ``scope`` and expanded attribute IRIs.
    """

    pick: frozenset[str] | None = None
    omit: frozenset[str] = frozenset()

    def shows(self, name: str) -> bool:
        if name in self.omit:
            return False
        return self.pick is None or name in self.pick

    @classmethod
    def parse(cls, pick: Any, omit: Any, ctx: Context) -> View | None:
        """The view of ``pick``/``omit`` parameters (comma-separated names), or None."""
        if not pick and not omit:
            return None
        if pick and omit:
            raise BadRequestData("pick and omit exclude each other")

        def names(value: Any) -> frozenset[str]:
            found = set()
            for name in split_names(value):
                found.add(name if name in ("id", "type", "scope") else expand_name(ctx, name))
            return frozenset(found)

        return cls(pick=names(pick) if pick else None, omit=names(omit) if omit else frozenset())


def _row(sid: int, inst: dict[str, Any], received: int) -> Row:
    """One history row: the instant, the number if any, and the rest as compact JSON.

    The instant stands for ``observedAt`` (marked ``"@o"`` in the JSON: 1 when
    `format_time` writes it back as it was sent, else the text as sent); a plain
    observed number written that way, the common case, stores no JSON at all.
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
        canonical = observed == format_time(ts)
        if canonical and num is not None and len(rest) == 1 and rest.get("type") == PROPERTY:
            return (sid, ts, num, None)
        rest["@o"] = 1 if canonical else observed
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
