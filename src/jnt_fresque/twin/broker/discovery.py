"""Discovery: the entity types and attributes present (``/types``, ``/attributes``)."""

from __future__ import annotations

import uuid
from typing import Any

from jnt_fresque.twin.broker.core import BrokerCore, expand_name
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.errors import ResourceNotFound
from jnt_fresque.twin.ngsild import PROPERTY


class DiscoveryOps(BrokerCore):
    """Discovery: the entity types and attributes present."""

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
        iri = expand_name(ctx, type_name, "type")
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
        if details:  # the Attribute of each, without the counts (clause 5.7.8)
            return [
                {k: v for k, v in self._attribute_doc(a, info, ctx).items() if k in _BRIEF}
                for a, info in sorted(infos.items())
            ]
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
        iri = expand_name(ctx, attr_name)
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


def _kinds(attr: Any) -> set[str]:
    if attr is None:
        return set()
    return {a.get("type", PROPERTY) for a in (attr if isinstance(attr, list) else [attr])}


_BRIEF = frozenset({"id", "type", "attributeName", "typeNames"})
