"""What a notification carries: the changed entities, as the subscription asks, ready to POST.

Each entity is written like a query answer (the broker's own representations:
normalized, concise or keyValues, with the subscription's @context), limited to
``notification.attributes``, with ``createdAt``/``modifiedAt`` when ``sysAttrs``
is set. A deleted attribute shows as the NGSI-LD null (``"urn:ngsi-ld:null"`` in
its value member) and, with ``sysAttrs``, its ``deletedAt``; a deleted entity as
its id, type and ``deletedAt``. With ``showChanges`` each changed attribute also
carries what it held before (``previousValue``, ``previousObject``,
``previousLanguageMap``…).

The message is JSON with the @context in a ``Link`` header, or JSON-LD with the
@context in each entity when the endpoint accepts ``application/ld+json``
(clause 5.8.6); ``receiverInfo`` pairs become HTTP headers.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from jnt_fresque.twin.context import CORE_CONTEXT, Context
from jnt_fresque.twin.ngsild import format_time, now_ms, to_feature_collection
from jnt_fresque.twin.notify import Message
from jnt_fresque.twin.subscriptions.changes import Change, Entity
from jnt_fresque.twin.subscriptions.matching import Watch

JSON = "application/json"
JSON_LD = "application/ld+json"
GEO_JSON = "application/geo+json"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"
NGSI_LD_NULL = "urn:ngsi-ld:null"
# The member holding each kind of attribute's value, and the one holding its previous value.
VALUE_MEMBER = {
    "Property": "value",
    "GeoProperty": "value",
    "Relationship": "object",
    "LanguageProperty": "languageMap",
    "VocabProperty": "vocab",
    "JsonProperty": "json",
    "ListProperty": "valueList",
    "ListRelationship": "objectList",
}
PREVIOUS_MEMBER = {
    "value": "previousValue",
    "object": "previousObject",
    "languageMap": "previousLanguageMap",
    "vocab": "previousVocab",
    "json": "previousJson",
    "valueList": "previousValueList",
    "objectList": "previousObjectList",
}

# The broker's renderer: (stored entity, context, attrs=, format=, sys=) -> representation.
Render = Callable[..., dict[str, Any]]


def message(watch: Watch, items: Sequence[tuple[Change, str | None]], render: Render) -> Message:
    """The HTTP notification of ``items`` (changes, each with its trigger) for ``watch``."""
    ctx = watch.render_context
    endpoint = watch.stored["notification"]["endpoint"]
    accept = endpoint.get("accept", JSON)
    data: Any = [entity(watch, change, reason, render) for change, reason in items]
    headers = {"Content-Type": accept}
    if accept == JSON_LD:
        data = [{"@context": ctx.body_value, **doc} for doc in data]
    else:
        url = context_url(ctx)
        if url is not None:
            headers["Link"] = f'<{url}>; rel="{CONTEXT_REL}"; type="{JSON_LD}"'
        if accept == GEO_JSON:
            data = to_feature_collection(data)
    body: dict[str, Any] = {
        "id": f"urn:ngsi-ld:Notification:{uuid.uuid4()}",
        "type": "Notification",
        "subscriptionId": watch.id,
        "notifiedAt": format_time(now_ms()),
        "data": data,
    }
    reason = next((r for _change, r in items if r is not None), None)
    if reason is not None:
        body["triggerReason"] = reason
    for pair in endpoint.get("receiverInfo", []):
        headers[pair["key"]] = pair["value"]
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return Message(endpoint["uri"], content, headers)


def context_url(ctx: Context) -> str | None:
    """The one URL of a context, for a ``Link`` header (None when it is not one URL)."""
    value = ctx.value
    if value is None:
        return CORE_CONTEXT
    if isinstance(value, str):
        return value
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


def entity(watch: Watch, change: Change, reason: str | None, render: Render) -> dict[str, Any]:
    """One notified entity: the change's entity as ``watch`` wants it written."""
    ctx = watch.render_context
    at = format_time(change.at)
    wanted = watch.attributes
    if change.after is None:
        before = change.current
        names: set[str] = set()
        if watch.show_changes:
            names |= set(before["attrs"])
        if reason == "attributeDeleted":
            names |= {i for i in before["attrs"] if watch.watched is None or i in watch.watched}
        if wanted is not None:
            names &= wanted
        stored: Entity = {**_head(before), "attrs": {i: _null(before["attrs"][i]) for i in names}}
        deleted, dropped, updated = names, {}, set()
    else:
        stored = {**_head(change.after), "attrs": dict(change.after["attrs"])}
        previous = change.before["attrs"] if change.before is not None else {}
        for iri in change.deleted:
            stored["attrs"][iri] = _null(previous[iri])
        for iri, gone in change.dropped.items():
            stored["attrs"][iri] = _instances(stored["attrs"][iri]) + [_null(i) for i in gone]
        deleted, dropped, updated = set(change.deleted), change.dropped, set(change.updated)
    lang = watch.stored.get("lang")
    options = {"lang": lang} if lang else {}
    doc = render(stored, ctx, attrs=wanted, format=watch.format, sys=watch.sys_attrs, **options)
    if watch.sys_attrs:
        for key in ("createdAt", "modifiedAt"):
            if key in stored:
                doc.setdefault(key, stored[key])
    if change.after is None:
        doc["deletedAt"] = at
    if watch.format == "keyValues":
        return doc
    # Previous values are written as the broker writes values (compacted vocab terms…).
    old: dict[str, Any] = {}
    if watch.show_changes and change.before is not None:
        was = change.before["attrs"]
        moved = {i: was[i] for i in deleted | set(dropped) | updated if i in was}
        if moved:
            old = render({**_head(change.before), "attrs": moved}, ctx, attrs=None,
                         format="normalized", sys=False)  # fmt: skip
    for iri in deleted:
        name = ctx.compact(iri)
        _mark(doc.get(name), old.get(name), None, watch, at)
    for iri, gone in dropped.items():
        name = ctx.compact(iri)
        _mark(doc.get(name), old.get(name), {i.get("datasetId") for i in gone}, watch, at)
    for iri in updated:
        name = ctx.compact(iri)
        _previous(doc.get(name), old.get(name))
    return doc


def _head(entity: Entity) -> Entity:
    return {k: v for k, v in entity.items() if k != "attrs"}


def _instances(attr: Any) -> list[dict[str, Any]]:
    return list(attr) if isinstance(attr, list) else [attr]


def _null(attr: Any) -> dict[str, Any]:
    """The NGSI-LD null standing for a deleted attribute (or instance), with its kind."""
    instances = _instances(attr)
    inst = next((i for i in instances if "datasetId" not in i), instances[0])
    kind = inst.get("type", "Property")
    member = VALUE_MEMBER.get(kind, "value")
    value: Any = NGSI_LD_NULL
    if member == "languageMap":
        value = {"@none": NGSI_LD_NULL}
    elif member in ("valueList", "objectList"):
        value = [NGSI_LD_NULL]
    out: dict[str, Any] = {"type": kind, member: value}
    for key in ("datasetId", "createdAt", "modifiedAt"):
        if key in inst:
            out[key] = inst[key]
    return out


def _mark(rendered: Any, before: Any, datasets: set[Any] | None, watch: Watch, at: str) -> None:
    """Add ``deletedAt`` and the previous value (``before``, rendered) to null instance(s)."""
    old_by = {i.get("datasetId"): i for i in _instances(before) if isinstance(i, dict)}
    for inst in _instances(rendered) if isinstance(rendered, dict | list) else []:
        if not isinstance(inst, dict):
            continue
        key = inst.get("datasetId")
        if datasets is not None and key not in datasets:
            continue
        if watch.sys_attrs:
            inst["deletedAt"] = at
        old = old_by.get(key) if datasets is not None else _default(before)
        if old is not None:
            _add_previous(inst, old)


def _previous(rendered: Any, before: Any) -> None:
    if before is None:
        return
    old_by = {i.get("datasetId"): i for i in _instances(before) if isinstance(i, dict)}
    for inst in _instances(rendered) if isinstance(rendered, dict | list) else []:
        if isinstance(inst, dict) and inst.get("datasetId") in old_by:
            _add_previous(inst, old_by[inst.get("datasetId")])


def _default(attr: Any) -> dict[str, Any] | None:
    instances = [i for i in _instances(attr) if isinstance(i, dict)] if attr is not None else []
    return next((i for i in instances if "datasetId" not in i), instances[0] if instances else None)


def _add_previous(inst: dict[str, Any], old: dict[str, Any]) -> None:
    member = VALUE_MEMBER.get(old.get("type", "Property"), "value")
    if member in old:
        inst[PREVIOUS_MEMBER[member]] = old[member]
