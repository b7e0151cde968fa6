"""Entities: create, retrieve, replace, append, update, merge and delete; batch operations.

Every write first reads and checks the whole request (names, types, values, the
@context) without touching the store, then applies it: a request that is refused
leaves nothing behind, and a batch refuses each entity on its own.

In a PATCH (update, partial update, merge) an attribute whose value is the
NGSI-LD null (``"urn:ngsi-ld:null"``, a ``languageMap`` of ``{"@none":
"urn:ngsi-ld:null"}``) deletes the instance it names (clause 4.5.0).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jnt_fresque.twin.broker.core import (
    BatchResult,
    BrokerCore,
    UpdateResult,
    View,
    attr_set,
    expand_name,
)
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.errors import (
    AlreadyExists,
    BadRequestData,
    InvalidRequest,
    NgsiLdError,
    ResourceNotFound,
)
from jnt_fresque.twin.ngsild import (
    NGSI_LD_NULL,
    VALUE_MEMBER,
    check_scope,
    check_uri,
    format_time,
    normalize_attribute,
    normalize_entity,
    normalize_fragment,
    normalize_types,
    now_ms,
    to_feature,
)
from jnt_fresque.twin.store import Row

# One attribute of a request, checked: its name as given, its IRI, its expanded form.
Change = tuple[str, str, Any]


class EntityOps(BrokerCore):
    """Entities: create, retrieve, replace, append, update, merge, delete, batch operations."""

    # --- create and read ---------------------------------------------------------------

    def create_entity(self, doc: Any, *, context: ContextValue | Context | None = None) -> str:
        """Create an entity; return its id.

        Raises
        ------
        AlreadyExists
            If an entity with this id exists.
        BadRequestData
            If the entity is malformed (nothing is stored).
        """
        if not isinstance(doc, dict):
            raise InvalidRequest(f"an entity must be a JSON object, got {type(doc).__name__}")
        ctx = self._doc_context(doc, context)
        entity = normalize_entity(doc)
        received = now_ms()
        rows: list[Row] = []
        stored = self._new(entity, ctx, received)  # checks every name before storing
        with self.store.transaction():
            if entity["id"] in self.store.entities:
                raise AlreadyExists(f"entity {entity['id']} already exists")
            self._record_all(stored, rows, received)
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
        lang: str | None = None,
        pick: str | Sequence[str] | None = None,
        omit: str | Sequence[str] | None = None,
        context: ContextValue | Context | None = None,
    ) -> dict[str, Any]:
        """One entity, in the representation ``format`` (normalized, concise, keyValues).

        ``lang`` shows each LanguageProperty as a Property in the preferred language;
        ``pick`` and ``omit`` choose the members shown (``id``, ``type``, attributes).

        Raises
        ------
        ResourceNotFound
            If there is no such entity, or it has none of the attributes ``attrs`` names.
        """
        ctx = self.context(context)
        check_uri(entity_id, "entity id")
        wanted = attr_set(attrs, ctx)
        view = View.parse(pick, omit, ctx)
        with self.store.lock:
            stored = self._get(entity_id)
            if wanted is not None and wanted.isdisjoint(stored["attrs"]):
                raise ResourceNotFound(f"entity {entity_id} has none of the attributes {attrs}")
            return self._render(
                stored, ctx, attrs=wanted, format=format, sys=sys_attrs, lang=lang, view=view
            )

    def feature(
        self, entity_id: str, *, geoproperty: str = "location", **params: Any
    ) -> dict[str, Any]:
        """One entity as a GeoJSON Feature (its ``geoproperty`` as the geometry)."""
        return to_feature(self.retrieve_entity(entity_id, **params), geoproperty=geoproperty)

    # --- whole-entity writes -----------------------------------------------------------

    def replace_entity(
        self, entity_id: str, doc: Any, *, context: ContextValue | Context | None = None
    ) -> None:
        """Replace every attribute of an entity (PUT /entities/{id})."""
        check_uri(entity_id, "entity id")
        if not isinstance(doc, dict):
            raise BadRequestData("an entity must be a JSON object")
        if "id" in doc and doc["id"] != entity_id:
            raise BadRequestData(f"the body's id {doc['id']!r} is not {entity_id}")
        ctx = self._doc_context(doc, context)
        with self.store.transaction():
            old = self._get(entity_id)
            body = {"id": entity_id, "type": doc.get("type", _first_type(old, ctx)), **doc}
            body["id"] = entity_id
            entity = normalize_entity(body)
            rows: list[Row] = []
            received = now_ms()
            stored = self._new(entity, ctx, received)
            stored["createdAt"] = old["createdAt"]
            self._record_all(stored, rows, received)
            self.store.entities[entity_id] = stored
            self._commit([stored], rows)

    def merge_entity(
        self, entity_id: str, fragment: Any, *, context: ContextValue | Context | None = None
    ) -> None:
        """Merge a fragment into an entity (PATCH /entities/{id}, clause 5.6.17).

        Attributes that exist take the members given and keep the others (merge-patch);
        new ones are added; the NGSI-LD null deletes; types and scopes are added.
        """
        check_uri(entity_id, "entity id")
        if not isinstance(fragment, dict):
            raise BadRequestData("a JSON object of attributes is expected")
        _check_same_id(fragment, entity_id)
        ctx = self._doc_context(fragment, context)
        changes = self._changes(fragment, ctx)
        types = self._given_types(fragment, ctx)
        scope = check_scope(fragment["scope"]) if "scope" in fragment else None
        with self.store.transaction():
            stored = self._get(entity_id)
            received = now_ms()
            rows: list[Row] = []
            self._merge_into(stored, changes, types, scope, received, rows)
            self._commit([], rows)

    def _merge_into(
        self,
        stored: dict[str, Any],
        changes: list[Change],
        types: list[str],
        scope: Any,
        received: int,
        rows: list[Row],
    ) -> None:
        stamp = format_time(received)
        self._add_types(stored, types, stamp)
        if scope is not None:
            stored["scope"] = _union_scopes(stored.get("scope"), scope)
            self._touch(stored, stamp)
        for _name, iri, attr in changes:
            self._apply(stored, iri, attr, stamp, received, rows, merge=True)

    # --- attribute writes --------------------------------------------------------------

    def append_attrs(
        self,
        entity_id: str,
        fragment: Any,
        *,
        no_overwrite: bool = False,
        context: ContextValue | Context | None = None,
    ) -> UpdateResult:
        """Add attributes to an entity, replacing those that exist unless ``no_overwrite``
        (POST /entities/{id}/attrs)."""
        check_uri(entity_id, "entity id")
        _check_same_id(fragment, entity_id)
        ctx = self._doc_context(fragment, context)
        changes = self._changes(fragment, ctx)
        types = self._given_types(fragment, ctx)
        scope = check_scope(fragment["scope"]) if "scope" in fragment else None
        result = UpdateResult()
        with self.store.transaction():
            stored = self._get(entity_id)
            received = now_ms()
            stamp = format_time(received)
            rows: list[Row] = []
            self._add_types(stored, types, stamp)
            if scope is not None:
                old = stored.get("scope")
                stored["scope"] = _union_scopes(old, scope) if no_overwrite else scope
                self._touch(stored, stamp)
                result.updated.append("scope")
            for name, iri, attr in changes:
                if (
                    no_overwrite
                    and iri in stored["attrs"]
                    and not _new_dataset(stored["attrs"][iri], attr)
                ):
                    result.not_updated.append(
                        {"attributeName": name, "reason": "the attribute exists (noOverwrite)"}
                    )
                    continue
                self._apply(stored, iri, attr, stamp, received, rows)
                result.updated.append(name)
            self._commit([], rows)
        return result

    def update_attrs(
        self, entity_id: str, fragment: Any, *, context: ContextValue | Context | None = None
    ) -> UpdateResult:
        """Update the attributes of an entity that exist (PATCH /entities/{id}/attrs).

        An attribute the entity lacks is reported in ``not_updated``; an instance with a
        new datasetId is added to an attribute that exists; ``type`` adds entity types;
        ``scope`` replaces the entity's scope when it has one.
        """
        check_uri(entity_id, "entity id")
        _check_same_id(fragment, entity_id)
        ctx = self._doc_context(fragment, context)
        changes = self._changes(fragment, ctx)
        types = self._given_types(fragment, ctx)
        scope = check_scope(fragment["scope"]) if "scope" in fragment else None
        if not changes and not types and scope is None:
            raise BadRequestData("no attribute to update")
        result = UpdateResult()
        with self.store.transaction():
            stored = self._get(entity_id)
            received = now_ms()
            stamp = format_time(received)
            rows: list[Row] = []
            self._add_types(stored, types, stamp)
            if scope is not None:
                if "scope" in stored:
                    stored["scope"] = scope
                    self._touch(stored, stamp)
                    result.updated.append("scope")
                else:
                    result.not_updated.append(
                        {"attributeName": "scope", "reason": "the entity has no scope"}
                    )
            for name, iri, attr in changes:
                if iri not in stored["attrs"]:
                    result.not_updated.append(
                        {"attributeName": name, "reason": "the entity has no such attribute"}
                    )
                    continue
                self._apply(stored, iri, attr, stamp, received, rows)
                result.updated.append(name)
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
        """Change one attribute: merge the given members into one instance (PATCH, by
        ``datasetId``, the default instance without one) or replace it whole (PUT)."""
        check_uri(entity_id, "entity id")
        if attr_name == "scope":
            raise BadRequestData("scope is not an attribute: change it on the entity")
        if not isinstance(fragment, dict):
            raise BadRequestData("an attribute must be a JSON object")
        ctx = self._doc_context(fragment, context)
        iri = expand_name(ctx, attr_name)
        body = {k: v for k, v in fragment.items() if k != "@context"}
        if not body:
            raise BadRequestData(f"{attr_name}: the fragment is empty")
        with self.store.transaction():
            stored = self._get(entity_id)
            current = stored["attrs"].get(iri)
            if current is None:
                raise ResourceNotFound(f"entity {entity_id} has no attribute {attr_name}")
            received = now_ms()
            stamp = format_time(received)
            rows: list[Row] = []
            if replace:
                attr = self._expand(normalize_attribute(attr_name, body), ctx)
                for inst in _instances(attr):
                    self._set_attr(stored, iri, inst, stamp, received, rows)
                self._commit([], rows)
                return
            dataset = body.get("datasetId")
            target = next((c for c in _instances(current) if c.get("datasetId") == dataset), None)
            if target is None:
                which = f"with datasetId {dataset}" if dataset else "without datasetId"
                raise ResourceNotFound(f"{attr_name} has no instance {which}")
            if "type" in body and body["type"] != target["type"]:
                raise BadRequestData(
                    f"{attr_name} is a {target['type']}, not a {body['type']}: "
                    "replace it (PUT) to change its type"
                )
            merged = {**self._compact_members(target, ctx, False), **body}
            inst = self._expand(normalize_attribute(attr_name, merged), ctx)
            if is_null(inst):
                self._drop_instance(stored, iri, dataset, stamp)
            else:
                self._set_attr(stored, iri, inst, stamp, received, rows)
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
        """Delete one attribute (one instance of it with ``dataset_id``, or all of them);
        ``scope`` deletes the entity's scope."""
        check_uri(entity_id, "entity id")
        ctx = self.context(context)
        iri = None if attr_name == "scope" else expand_name(ctx, attr_name)
        with self.store.transaction():
            stored = self._get(entity_id)
            stamp = format_time(now_ms())
            if iri is None:
                if "scope" not in stored:
                    raise ResourceNotFound(f"entity {entity_id} has no scope")
                del stored["scope"]
                self._touch(stored, stamp)
                return
            current = stored["attrs"].get(iri)
            if current is None:
                raise ResourceNotFound(f"entity {entity_id} has no attribute {attr_name}")
            if delete_all:
                del stored["attrs"][iri]
                stored["modifiedAt"] = stamp
                self.store.mark(stored["id"], iri)
            elif not self._drop_instance(stored, iri, dataset_id, stamp):
                which = f"with datasetId {dataset_id}" if dataset_id else "without datasetId"
                raise ResourceNotFound(f"{attr_name} has no instance {which}")

    def delete_entity(self, entity_id: str) -> None:
        """Delete an entity (its history stays, for the temporal API)."""
        check_uri(entity_id, "entity id")
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
                    stored = self._new(entity, ctx, received)
                    if entity["id"] in self.store.entities:
                        raise AlreadyExists(f"entity {entity['id']} already exists")
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                self._record_all(stored, rows, received)
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
                try:  # checked whole before anything is written
                    ctx = self._doc_context(doc, context)
                    entity = normalize_entity(doc)
                    eid = entity["id"]
                    old = self.store.entities.get(eid)
                    if old is not None and update:
                        changes = self._changes(entity, ctx)
                        types = self._given_types(entity, ctx)
                    else:
                        fresh = self._new(entity, ctx, received)
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                if old is None:
                    self._record_all(fresh, rows, received)
                    self.store.entities[eid] = fresh
                    result.created.append(eid)
                    saved[eid] = fresh
                elif update:
                    self._add_types(old, types, stamp)
                    if "scope" in entity:
                        old["scope"] = entity["scope"]
                        self._touch(old, stamp)
                    for _name, iri, attr in changes:
                        self._apply(old, iri, attr, stamp, received, rows)
                else:
                    fresh["createdAt"] = old["createdAt"]
                    self._record_all(fresh, rows, received)
                    self.store.entities[eid] = fresh
                    saved[eid] = fresh  # written whole; updates mark their attributes
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
                if outcome.not_updated:
                    names = ", ".join(n["attributeName"] for n in outcome.not_updated)
                    result.fail(doc["id"], BadRequestData(f"not updated: {names}"))
                else:
                    result.success.append(doc["id"])
        return result

    def batch_merge(
        self, entities: Any, *, context: ContextValue | Context | None = None
    ) -> BatchResult:
        """Merge fragments into existing entities, as `merge_entity` does for each."""
        context = self.context(context) if not isinstance(context, Context) else context
        result = BatchResult()
        received = now_ms()
        with self.store.transaction():
            rows: list[Row] = []
            for doc in _batch(entities):
                try:
                    if not isinstance(doc, dict) or "id" not in doc:
                        raise BadRequestData("each entity needs an id")
                    ctx = self._doc_context(doc, context)
                    eid = check_uri(doc["id"], "id")
                    changes = self._changes(doc, ctx)
                    types = self._given_types(doc, ctx)
                    scope = check_scope(doc["scope"]) if "scope" in doc else None
                    stored = self._get(eid)
                except NgsiLdError as exc:
                    result.fail(_id_of(doc), exc)
                    continue
                self._merge_into(stored, changes, types, scope, received, rows)
                result.success.append(eid)
            self._commit([], rows)
        return result

    def batch_delete(self, ids: Any) -> BatchResult:
        """Delete several entities by id."""
        if not isinstance(ids, list):
            raise BadRequestData("a JSON array of entity ids is expected")
        if not ids:
            raise BadRequestData("the array of entity ids is empty")
        result = BatchResult()
        with self.store.transaction():
            gone: list[str] = []  # a second time, an id names an entity already gone
            for eid in ids:
                if not isinstance(eid, str) or eid not in self.store.entities or eid in gone:
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

    # --- the parts --------------------------------------------------------------------

    def _changes(self, fragment: Any, ctx: Context) -> list[Change]:
        """The attributes of a fragment, checked and expanded (nothing is stored)."""
        attrs = normalize_fragment(fragment)
        return [
            (name, expand_name(ctx, name), self._expand(attr, ctx)) for name, attr in attrs.items()
        ]

    def _given_types(self, fragment: Any, ctx: Context) -> list[str]:
        if not isinstance(fragment, dict) or "type" not in fragment:
            return []
        given = normalize_types(fragment["type"])
        names = given if isinstance(given, list) else [given]
        return [expand_name(ctx, t, "type") for t in names]

    def _add_types(self, stored: dict[str, Any], types: list[str], stamp: str) -> None:
        fresh = [t for t in types if t not in stored["type"]]
        if fresh:
            stored["type"] = stored["type"] + fresh
            self._touch(stored, stamp)

    def _touch(self, stored: dict[str, Any], stamp: str) -> None:
        """Note a change of the entity itself (types, scope)."""
        stored["modifiedAt"] = stamp
        self.store.mark(stored["id"], None)

    def _apply(
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
        """Put each instance of ``attr`` on ``stored``; an NGSI-LD null deletes its instance."""
        for inst in _instances(attr):
            if is_null(inst):
                self._drop_instance(stored, iri, inst.get("datasetId"), stamp)
            else:
                self._set_attr(stored, iri, inst, stamp, received, rows, merge=merge)

    def _drop_instance(
        self, stored: dict[str, Any], iri: str, dataset_id: str | None, stamp: str
    ) -> bool:
        """Delete the instance of an attribute with ``dataset_id`` (None: the default
        one); the attribute goes when it has no instance left. False if there was none."""
        current = stored["attrs"].get(iri)
        if current is None:
            return False
        instances = _instances(current)
        kept = [i for i in instances if i.get("datasetId") != dataset_id]
        if len(kept) == len(instances):
            return False
        if kept:
            stored["attrs"][iri] = kept[0] if len(kept) == 1 else kept
        else:
            del stored["attrs"][iri]
        stored["modifiedAt"] = stamp
        self.store.mark(stored["id"], iri)
        return True

    def _record_all(self, stored: dict[str, Any], rows: list[Row], received: int) -> None:
        """The history rows of an entity written whole."""
        for iri, attr in stored["attrs"].items():
            self._record(rows, stored, iri, attr, received)


# --- helpers -----------------------------------------------------------------------------


def is_null(inst: dict[str, Any]) -> bool:
    """Whether an attribute instance holds the NGSI-LD null (it deletes, in a PATCH)."""
    held = inst.get(VALUE_MEMBER.get(inst.get("type", ""), "value"))
    if held == NGSI_LD_NULL:
        return True
    if isinstance(held, dict):
        return held == {"@none": NGSI_LD_NULL}
    return isinstance(held, list) and held == [NGSI_LD_NULL]


def _check_same_id(fragment: Any, entity_id: str) -> None:
    if isinstance(fragment, dict) and "id" in fragment and fragment["id"] != entity_id:
        raise BadRequestData(f"the body's id {fragment['id']!r} is not {entity_id}")


def _instances(attr: Any) -> list[dict[str, Any]]:
    return attr if isinstance(attr, list) else [attr]


def _union_scopes(old: Any, new: Any) -> Any:
    both = list(dict.fromkeys(_scopes(old) + _scopes(new)))
    return both[0] if len(both) == 1 else both


def _scopes(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _new_dataset(current: Any, incoming: Any) -> bool:
    have = {i.get("datasetId") for i in _instances(current)}
    return all(i.get("datasetId") not in have for i in _instances(incoming))


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
