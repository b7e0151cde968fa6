"""From the room's cards to a live twin: the steps of lesson 12 and of the ``jumeau`` dashboard.

A table's links (use case → data cards) and a scoping profile's data cards make
the cards of a twin; `twin.propose` turns them into a skeleton, which
`Skeleton.build` fills from the samples and the water simulation. These helpers
pick the cards from a workshop session, clear what a previous run left on a broker
(so a lesson re-runs on the same broker) and write the subscription the twin's
operators want.

Examples
--------
>>> from jnt_fresque.store import Store
>>> from jnt_fresque.workshop.board import Link
>>> store = Store("sqlite://")
>>> session, _ = store.create_session("Essai")
>>> for data in ("data-hy", "data-us"):
...     _ = store.add_link(session.code, Link("uc-eau-assainissement", data, table=1))
>>> room_cards(store.snapshot(session.code), table=1)
['uc-eau-assainissement', 'data-hy', 'data-us']
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jnt_fresque.twin.context import TWIN_CONTEXT

if TYPE_CHECKING:
    from jnt_fresque.store import Store
    from jnt_fresque.twin.skeleton import Skeleton
    from jnt_fresque.workshop.snapshot import Snapshot

LESSON = "leçon 12"  # the description that marks the lesson's subscriptions


def room_cards(snapshot: Snapshot, *, table: int | None = None) -> list[str]:
    """The use case a table (or the whole room) linked to the most data cards, then
    those data cards, sorted: the cards a twin is built from.

    Raises LookupError if there is no link (for that table).
    """
    links = [link for link in snapshot.links if table is None or link.table == table]
    if not links:
        where = "" if table is None else f" for table {table}"
        raise LookupError(f"no link in session {snapshot.session.code}{where}")
    data_of: dict[str, set[str]] = {}
    for link in links:
        data_of.setdefault(link.use_case, set()).add(link.data)
    use_case = min(data_of, key=lambda uc: (-len(data_of[uc]), uc))
    return [use_case, *sorted(data_of[use_case])]


def session_with_links(store: Store) -> str | None:
    """The code of the newest session of ``store`` whose board holds a link, or None."""
    for summary in store.sessions():
        code = summary.session.code
        if store.snapshot(code).links:
            return code
    return None


def twin_cards(room: Iterable[str], profile_cards: Iterable[str]) -> list[str]:
    """The room's cards, then the profile's data cards not already there."""
    cards = list(room)
    return cards + [card for card in profile_cards if card not in cards]


def clear(target: Any, skeleton: Skeleton, *, context: str = TWIN_CONTEXT) -> int:
    """Delete from ``target`` (a `Broker` or a `Client`) the entities of the skeleton's
    types, the history of those fed by sensors, and the subscriptions marked ``LESSON``;
    the number of entities deleted. On a broker shared with others, use a tenant."""
    fed = {kind for c in skeleton.components if c.sensors for kind in c.entity_types}
    deleted = 0
    for kind in skeleton.entity_types:
        ids = [doc["id"] for doc in _all(target, type=kind, context=context, format="keyValues")]
        for start in range(0, len(ids), 100):
            target.batch_delete(ids[start : start + 100])
        deleted += len(ids)
        if kind in fed:
            for entity_id in ids:
                _quietly(target.temporal_delete, entity_id)
    for found in _subscriptions(target):
        if found.get("description") == LESSON:
            if hasattr(target, "delete_subscription"):
                target.delete_subscription(found["id"])
            else:
                target.http.delete(f"/subscriptions/{found['id']}")
    return deleted


def low_pressure_alert(uri: str, *, threshold: float = 20.0) -> dict[str, Any]:
    """The subscription an operator wants: every junction that serves customers
    (``baseDemand>0``) whose pressure falls under ``threshold`` metres (the minimum
    service pressure), as keyValues with its pressure."""
    from jnt_fresque.twin.subscriptions import subscription

    doc = subscription(
        uri,
        type="Junction",
        watched=["pressure"],
        q=f"pressure<{threshold:g};baseDemand>0",
        attributes=["pressure", "baseDemand"],
        format="keyValues",
    )
    return {**doc, "description": LESSON, "@context": TWIN_CONTEXT}


def _all(target: Any, **params: Any) -> list[dict[str, Any]]:
    if hasattr(target, "iter_entities"):
        return list(target.iter_entities(**params))
    found: list[dict[str, Any]] = []
    while True:
        page = target.query_entities(limit=1000, offset=len(found), **params)
        found += page
        if len(page) < 1000:
            return found


def subscribe(target: Any, doc: dict[str, Any]) -> str:
    """Create subscription ``doc`` on ``target`` (a `Broker`, or a `Client` over HTTP);
    its id."""
    if hasattr(target, "create_subscription"):
        return str(target.create_subscription(doc))
    response = target.http.post(
        "/subscriptions", json=doc, headers={"Content-Type": "application/ld+json"}
    )
    response.raise_for_status()
    return str(response.headers["Location"].rsplit("/", 1)[-1])


def _subscriptions(target: Any) -> list[dict[str, Any]]:
    if hasattr(target, "query_subscriptions"):
        return list(target.query_subscriptions(limit=1000).entities)
    response = target.http.get("/subscriptions", params={"limit": 1000})
    response.raise_for_status()
    return list(response.json())


def _quietly(call: Any, *args: Any) -> None:
    from jnt_fresque.twin.errors import NgsiLdError

    with contextlib.suppress(NgsiLdError, LookupError):
        call(*args)
