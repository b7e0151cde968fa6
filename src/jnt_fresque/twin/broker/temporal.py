"""The temporal API: every attribute change kept as history, read back or aggregated.

`TemporalOptions` checks the temporal parameters (``timerel``, ``lastN``,
``options``, ``aggrMethods``, ``aggrPeriodDuration``); `TemporalOps` adds
instances (POST ``/temporal/entities``), and reads histories as instances,
temporal values or aggregations over periods.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from jnt_fresque.twin.broker.core import (
    DEFAULT_LIMIT,
    INSTANCE_PREFIX,
    BrokerCore,
    Page,
    attr_set,
    expand_name,
    page_window,
    split_names,
)
from jnt_fresque.twin.broker.selection import selector
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.errors import BadRequestData, OperationNotSupported, ResourceNotFound
from jnt_fresque.twin.ngsild import (
    PROPERTY,
    RELATIONSHIP,
    check_uri,
    format_instant,
    format_time,
    normalize_attribute,
    now_ms,
    parse_time,
    simplified,
)
from jnt_fresque.twin.store import MINUTE, Row, Store

AGGREGATIONS = ("totalCount", "distinctCount", "sum", "avg", "min", "max", "stddev", "sumsq")
_DURATION = re.compile(
    r"^P(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


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
    page_size: int | None = None
    timeproperty: str = "observedAt"

    @property
    def newest_first(self) -> bool:
        """Whether instances are read from the most recent (``lastN``) or the oldest."""
        return self.last_n is not None

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
        timeproperty: str | None = None,
        page_size: int | None = None,
    ) -> TemporalOptions:
        found = cls(page_size=page_size)
        if timeproperty is not None and timeproperty != "observedAt":
            if timeproperty not in ("createdAt", "modifiedAt", "deletedAt"):
                raise BadRequestData(
                    f"timeproperty: {timeproperty!r} is not observedAt, createdAt, "
                    "modifiedAt or deletedAt"
                )
            # The history is indexed by observedAt (else the time the broker received
            # the instance); the other time properties are not kept per instance.
            raise OperationNotSupported(
                f"timeproperty={timeproperty}: this broker indexes history by observedAt only"
            )
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
        chosen = split_names(options)
        if "temporalValues" in chosen and "aggregatedValues" in chosen:
            raise BadRequestData("options: temporalValues and aggregatedValues exclude each other")
        if "temporalValues" in chosen:
            found.representation = "temporalValues"
        elif "aggregatedValues" in chosen:
            found.representation = "aggregatedValues"
            methods = tuple(split_names(aggr_methods))
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


class TemporalOps(BrokerCore):
    """The temporal API: the history of every attribute, as instances or aggregated."""

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
        types = [expand_name(ctx, t, "type") for t in types_raw]
        # Everything is read and checked before the first row is written.
        instances: list[tuple[str, Any]] = []
        for name, value in doc.items():
            if name in ("id", "type", "@context", "createdAt", "modifiedAt", "scope"):
                continue
            iri = expand_name(ctx, name)
            for inst in value if isinstance(value, list) else [value]:
                instances.append((iri, self._expand(normalize_attribute(name, inst), ctx)))
        received = now_ms()
        stored = {"id": entity_id, "type": types}
        rows: list[Row] = []
        for iri, attr in instances:
            self._record(rows, stored, iri, attr, received)
        if entity_id not in self.store.temporal:
            self.store.temporal[entity_id] = types
            self.store.db.execute(
                "INSERT OR REPLACE INTO tentity (id, types) VALUES (?, ?)",
                (entity_id, json.dumps(types)),
            )
        # An attribute (of one datasetId) has one value at an instant: a new instance
        # observed at the same instant as a stored one replaces it.
        self.store.drop_instants({(row[0], row[1]) for row in rows})
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
        page = self.temporal_retrieve(
            entity_id,
            attrs=attrs,
            temporal=temporal,
            sys_attrs=sys_attrs,
            context=context,
            **params,
        )
        return page.entities[0]

    def temporal_retrieve(
        self,
        entity_id: str,
        *,
        attrs: str | Sequence[str] | None = None,
        temporal: TemporalOptions | None = None,
        sys_attrs: bool = False,
        context: ContextValue | Context | None = None,
        **params: Any,
    ) -> Page:
        """`temporal_entity` as a page: with ``page_size`` set in the temporal options, a
        long history is cut and `Page.content_range` says which time range it covers."""
        ctx = self.context(context)
        check_uri(entity_id, "entity id")
        options = temporal or TemporalOptions.parse(**params)
        wanted = attr_set(attrs, ctx)
        with self.store.lock:
            if entity_id not in self.store.temporal:
                raise ResourceNotFound(f"no temporal entity {entity_id}")
            history = self._read(entity_id, wanted, options)
            if wanted is not None and not history.series:
                raise ResourceNotFound(
                    f"entity {entity_id} has no history of {', '.join(split_names(attrs))}"
                )
            content_range = _paginate([history], options)
            doc = self._temporal_doc(history, options, ctx, sys_attrs)
        return Page([doc], None, content_range)

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
        local: bool = False,
        scope_q: str | None = None,
        **params: Any,
    ) -> Page:
        """Histories of the entities a query selects (GET /temporal/entities).

        An entity is selected when it has instances in the time range; ``q`` and a
        geo-query select it when its attributes matched them at some instant of the
        range (its state replayed from its history).
        """
        ctx = self.context(context)
        options = temporal or TemporalOptions.parse(**params)
        select = selector(
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
            require_filter=not local,
            scope_q=scope_q,
        )
        limit, offset = page_window(limit, offset)
        wanted = attr_set(attrs, ctx)
        replay = q is not None or bool(georel)
        with self.store.lock:
            histories: dict[str, list[str]] = {}
            for e, a, _d in self.store.series:
                histories.setdefault(e, []).append(a)
            found = []
            for eid, types in self.store.temporal.items():
                if not self._has_instances(eid, wanted, options):
                    continue
                current = self.store.entities.get(eid)
                head = {"id": eid, "type": types}
                if current is not None and "scope" in current:
                    head["scope"] = current["scope"]
                if replay:
                    states: Iterable[dict[str, Any]] = self._states(head, options)
                else:
                    # Selected on the attributes it has a history of, and on its current state.
                    known: dict[str, Any] = dict.fromkeys(histories.get(eid, ()))
                    if current is not None:
                        known.update(current["attrs"])
                    states = [{**head, "attrs": known}]
                if next(iter(select(states)), None) is not None:
                    found.append(eid)
            read = [self._read(eid, wanted, options) for eid in found[offset : offset + limit]]
            content_range = _paginate(read, options)
            docs = [self._temporal_doc(h, options, ctx, sys_attrs) for h in read]
        return Page(docs, len(found) if count else None, content_range)

    def _has_instances(
        self, entity_id: str, wanted: set[str] | None, options: TemporalOptions
    ) -> bool:
        """Whether an entity has instances of the wanted attributes in the time range."""
        sids = [
            sid
            for (iri, _d), (sid, _k, _m) in self.store.entity_series(entity_id).items()
            if wanted is None or iri in wanted
        ]
        return self.store.has_instances(sids, options.start, options.end)

    def _states(self, head: dict[str, Any], options: TemporalOptions) -> Iterable[dict[str, Any]]:
        """The successive states of an entity over the time range, replayed from its
        history: after each instant, every attribute holds its latest instance."""
        rows: list[tuple[int, str, dict[str, Any]]] = []
        for (iri, _d), (sid, _k, _m) in self.store.entity_series(head["id"]).items():
            for row in self.store.instances(sid, options.start, options.end, None):
                rows.append((row[1], iri, _stored_instance(row)))
        rows.sort(key=lambda r: r[0])
        attrs: dict[str, Any] = {}
        for index, (ts, iri, inst) in enumerate(rows):
            attrs[iri] = inst
            if index + 1 == len(rows) or rows[index + 1][0] != ts:
                yield {**head, "attrs": dict(attrs)}

    def _read(self, entity_id: str, wanted: set[str] | None, options: TemporalOptions) -> _History:
        """The series of one entity that a request asks for, with their rows."""
        history = _History(entity_id, self.store.temporal[entity_id])
        aggregated = options.representation == "aggregatedValues"
        for (iri, dataset), (sid, kind, mixed) in sorted(
            self.store.entity_series(entity_id).items()
        ):
            if wanted is not None and iri not in wanted:
                continue
            rows = (
                []
                if aggregated
                else self.store.instances(sid, options.start, options.end, options.last_n)
            )
            history.series.append(_Series(iri, dataset, sid, kind, mixed, rows))
        return history

    def _temporal_doc(
        self,
        history: _History,
        options: TemporalOptions,
        ctx: Context,
        sys_attrs: bool,
    ) -> dict[str, Any]:
        types = [ctx.compact(t) for t in history.types]
        out: dict[str, Any] = {
            "id": history.entity_id,
            "type": types[0] if len(types) == 1 else types,
        }
        origin = options.origin
        if options.representation == "aggregatedValues" and origin is None:
            # Periods start at the entity's first instance (or at timeAt when given).
            origin = self.store.first_instant([s.sid for s in history.series])
        by_attr: dict[str, list[Any]] = {}
        cut = {ctx.compact(s.iri) for s in history.series if s.cut}
        for series in history.series:
            if options.representation == "aggregatedValues":
                value: Any = self._aggregated(series, options, origin)
            elif options.representation == "temporalValues":
                value = self._values(series, ctx, sys_attrs)
            else:
                value = [self._instance(r, ctx, sys_attrs) for r in series.rows]
            found = by_attr.setdefault(ctx.compact(series.iri), [])
            found.extend(value if isinstance(value, list) else [value])
        for name, flat in by_attr.items():
            if options.representation == "normalized":
                if flat or name in cut:  # cut by a page: there is more in the next one
                    out[name] = flat
            else:
                out[name] = flat[0] if len(flat) == 1 else flat
        return out

    def _values(self, series: _Series, ctx: Context, sys_attrs: bool) -> dict[str, Any]:
        """The temporalValues (simplified) form of one series: ``[value, instant]`` pairs."""
        member = _SIMPLIFIED.get(series.kind, "values")
        pairs = []
        for row in series.rows:
            inst = self._instance(row, ctx, sys_attrs)
            stamp = inst.get("observedAt") or format_time(row[1])
            pairs.append([simplified(inst), stamp])
        out: dict[str, Any] = {"type": series.kind, member: pairs}
        if series.dataset:
            out["datasetId"] = series.dataset
        return out

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
            observed = attr.pop("@o", None)
            if observed:  # the text as sent, or 1 when it was written as format_time does
                attr["observedAt"] = observed if isinstance(observed, str) else format_time(ts)
        compact = self._compact_members(attr, ctx, sys_attrs)
        if sys_attrs and "observedAt" not in compact:
            compact["modifiedAt"] = format_time(ts)
        compact["instanceId"] = f"{INSTANCE_PREFIX}{iid}"
        return compact

    def _aggregated(self, series: _Series, options: TemporalOptions, origin: int | None) -> Any:
        period = options.period
        if origin is None:
            return {"type": series.kind}
        span = period or _whole_span(origin, options.end, self.store, series.sid)
        start = options.start
        end = options.end
        use_rollup = (
            not series.mixed
            and "distinctCount" not in options.methods
            and origin % MINUTE == 0
            and span % MINUTE == 0
            and (start is None or start % MINUTE == 0)
            and (end is None or end % MINUTE == 0)
        )
        rows = self.store.aggregate(
            series.sid,
            origin=origin,
            period=span,
            start=start,
            end=end,
            distinct="distinctCount" in options.methods,
            rollup=use_rollup,
        )
        out: dict[str, Any] = {"type": series.kind}
        if series.dataset:
            out["datasetId"] = series.dataset
        for method in options.methods:
            out[method] = [
                [
                    _aggregate_value(method, row),
                    format_instant(origin + row[0] * span),
                    format_instant(origin + (row[0] + 1) * span),
                ]
                for row in rows
            ]
        return out


# The member holding the values of each attribute kind in the simplified temporal
# representation (clause 4.5.9); each value there is the instance's simplified form.
_SIMPLIFIED = {
    RELATIONSHIP: "objects",
    "LanguageProperty": "languageMaps",
    "VocabProperty": "vocabs",
    "ListProperty": "valueLists",
    "ListRelationship": "objectLists",
    "JsonProperty": "jsons",
}


@dataclass
class _Series:
    """The history of one attribute instance (attribute, datasetId) of an entity."""

    iri: str
    dataset: str
    sid: int
    kind: str
    mixed: bool
    rows: list[tuple[int, int, Any, str | None]]
    cut: bool = False  # a temporal page left none of its instances


@dataclass
class _History:
    """The series of one entity that a temporal request reads."""

    entity_id: str
    types: list[str]
    series: list[_Series] = field(default_factory=list)


def _stored_instance(row: tuple[int, int, Any, str | None]) -> dict[str, Any]:
    """An instance of the history as the current state stores one (expanded names)."""
    _iid, ts, num, doc = row
    if doc is None:
        return {"type": PROPERTY, "value": num, "observedAt": format_time(ts)}
    attr: dict[str, Any] = json.loads(doc)
    if num is not None:
        attr["value"] = num
    observed = attr.pop("@o", None)
    if observed:
        attr["observedAt"] = observed if isinstance(observed, str) else format_time(ts)
    return attr


def _paginate(histories: list[_History], options: TemporalOptions) -> str | None:
    """Cut histories longer than ``options.page_size`` instances at one instant; the
    ``Content-Range`` value of what is left (clause 6.3.10), or None when nothing was cut.

    Instances are taken from the oldest (from the newest with ``lastN``); an entity
    holding more than a page sets the instant where every entity of the response is
    cut, so that the range it announces is complete for all of them.
    """
    limit = options.page_size
    if limit is None or options.representation == "aggregatedValues":
        return None
    newest = options.newest_first
    bound: int | None = None
    for history in histories:
        stamps = sorted((r[1] for s in history.series for r in s.rows), reverse=newest)
        if len(stamps) > limit:
            edge = stamps[limit - 1]
            if bound is None or (edge > bound if newest else edge < bound):
                bound = edge
    if bound is None:
        return None
    returned: list[int] = []
    for history in histories:
        for series in history.series:
            had = bool(series.rows)
            series.rows = [r for r in series.rows if (r[1] >= bound if newest else r[1] <= bound)]
            series.cut = had and not series.rows
            returned.extend(r[1] for r in series.rows)
    if newest:
        first = options.end if options.end is not None else max(returned)
        last = min(returned)
    else:
        first = options.start if options.start is not None else min(returned)
        last = max(returned)
    size = str(options.last_n) if options.last_n is not None else "*"
    return f"date-time {format_instant(first)}-{format_instant(last)}/{size}"


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
