"""Entities: create, retrieve, replace, append, update and delete; batch operations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jnt_fresque.twin.broker.core import (
    BatchResult,
    BrokerCore,
    UpdateResult,
    attr_set,
)
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.errors import (
    AlreadyExists,
    BadRequestData,
    NgsiLdError,
    ResourceNotFound,
)
from jnt_fresque.twin.ngsild import (
    check_name,
    check_uri,
    format_time,
    normalize_attribute,
    normalize_entity,
    normalize_fragment,
    now_ms,
    to_feature,
)
from jnt_fresque.twin.store import Row


class EntityOps(BrokerCore):
    """Entities: create, retrieve, replace, append, update, delete, batch operations."""

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
            wanted = attr_set(attrs, ctx)
            return self._render(stored, ctx, attrs=wanted, format=format, sys=sys_attrs)

    def feature(
        self, entity_id: str, *, geoproperty: str = "location", **params: Any
    ) -> dict[str, Any]:
        """One entity as a GeoJSON Feature (its ``geoproperty`` as the geometry)."""
        return to_feature(self.retrieve_entity(entity_id, **params), geoproperty=geoproperty)

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


# --- helpers -----------------------------------------------------------------------------


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
