"""What one committed write did to one entity: attributes created, updated, deleted.

The broker's store says which entities (and which of their attributes) a
transaction touched; subscriptions need more: whether the entity is new or gone,
which attributes appeared, changed or went (whole, or one ``datasetId`` instance),
and what they held before (``showChanges``). A `Change` compares two snapshots of
the entity, before and after, in the store's expanded form.

Snapshots are copies: the store changes its entities in place, while a
notification is built later, in another thread.

Examples
--------
>>> before = {"id": "urn:ngsi-ld:J:1", "type": ["J"], "attrs": {"p": {"type": "Property", "value": 3}}}
>>> after = {"id": "urn:ngsi-ld:J:1", "type": ["J"], "attrs": {"p": {"type": "Property", "value": 2},
...          "q": {"type": "Property", "value": 1}}}
>>> change = diff(before, after, {"p", "q"}, at=0)
>>> sorted(change.created), sorted(change.updated), sorted(change.deleted)
(['q'], ['p'], [])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One entity's change: its snapshots before and after (None: absent) and what moved.

    ``dropped`` holds, for attributes that remain, the instances (by ``datasetId``)
    that were deleted.
    """

    before: Entity | None
    after: Entity | None
    at: int
    created: frozenset[str] = frozenset()
    updated: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()
    dropped: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def entity_created(self) -> bool:
        return self.before is None and self.after is not None

    @property
    def entity_deleted(self) -> bool:
        return self.after is None

    @property
    def current(self) -> Entity:
        """The entity as it is now (as it was, for a deleted one)."""
        found = self.after if self.after is not None else self.before
        assert found is not None
        return found

    @property
    def deleted_attributes(self) -> frozenset[str]:
        """Attributes deleted whole or in part (an instance)."""
        return self.deleted | frozenset(self.dropped)


def snapshot(
    stored: Entity, previous: Entity | None = None, touched: Iterable[str] | None = None
) -> Entity:
    """A copy of a stored entity that later writes do not change.

    With ``previous`` (the last snapshot) and ``touched`` (the attributes written
    since), only those are copied again; the others are shared with ``previous``.
    """
    attrs = stored["attrs"]
    if previous is not None and touched is not None:
        copied = dict(previous["attrs"])
        for iri in touched:
            if iri in attrs:
                copied[iri] = _copy(attrs[iri])
            else:
                copied.pop(iri, None)
    else:
        copied = {iri: _copy(value) for iri, value in attrs.items()}
    head = {k: _copy(v) for k, v in stored.items() if k != "attrs"}
    return {**head, "attrs": copied}


def _copy(value: Any) -> Any:
    # JSON data only (dicts, lists, scalars): several times faster than copy.deepcopy,
    # and this runs in the write path.
    if type(value) is dict:
        return {k: _copy(v) for k, v in value.items()}
    if type(value) is list:
        return [_copy(v) for v in value]
    return value


def current(entity: Entity, *, at: int) -> Change:
    """A "change" that changed nothing: the entity as it stands (periodic notifications)."""
    return Change(entity, entity, at)


def diff(
    before: Entity | None, after: Entity | None, touched: Iterable[str] | None, *, at: int
) -> Change:
    """What happened between two snapshots; ``touched`` (None: any) are the attributes written.

    A touched attribute that is still there counts as updated even with the same value:
    an update is an update (a sensor sending the same reading twice is news).
    """
    if after is None:
        every = frozenset(before["attrs"]) if before is not None else frozenset()
        return Change(before, None, at, deleted=every)
    if before is None:
        return Change(None, after, at, created=frozenset(after["attrs"]))
    old, new = before["attrs"], after["attrs"]
    names = set(touched) if touched is not None else set(old) | set(new)
    created: set[str] = set()
    updated: set[str] = set()
    deleted: set[str] = set()
    dropped: dict[str, list[dict[str, Any]]] = {}
    for iri in names:
        was, now = old.get(iri), new.get(iri)
        if was is None and now is None:
            continue
        if was is None:
            created.add(iri)
        elif now is None:
            deleted.add(iri)
        else:
            was_by = {i.get("datasetId"): i for i in _instances(was)}
            now_by = {i.get("datasetId"): i for i in _instances(now)}
            gone = [inst for key, inst in was_by.items() if key not in now_by]
            if gone:
                dropped[iri] = gone
            changed = any(was_by.get(key) != inst for key, inst in now_by.items())
            if changed or (touched is not None and not gone):
                updated.add(iri)
    return Change(
        before,
        after,
        at,
        created=frozenset(created),
        updated=frozenset(updated),
        deleted=frozenset(deleted),
        dropped=dropped,
    )


def _instances(attr: Any) -> list[dict[str, Any]]:
    return attr if isinstance(attr, list) else [attr]
