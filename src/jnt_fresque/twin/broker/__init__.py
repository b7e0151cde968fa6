"""The embedded NGSI-LD broker: the core API, in process.

`Broker` does what a context broker does with entities — create, retrieve,
query (``q``, geo-queries, pagination), replace, update, append, delete, batch
operations, types and attributes — and keeps every attribute change as history
for the temporal API (``lastN``, ``timerel``, temporal values, aggregations).
Names are expanded with the caller's @context on the way in and compacted on
the way out, as a real broker does; errors are `NgsiLdError` exceptions that
the HTTP layer (`jnt_fresque.twin.api`) sends as ProblemDetails.

Each family of operations lives in its own module, on top of `core.BrokerCore`
(the store, @contexts, writing attributes): `entities` (CRUD and batch),
`queries` (``q``, geo, pagination; `selection` decides which entities match),
`discovery` (types and attributes), `temporal` and `subscriptions` (notifications
on change). `Broker` puts them together.

Examples
--------
>>> broker = Broker()
>>> broker.create_entity({"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.2})
'urn:ngsi-ld:Tank:T1'
>>> broker.query_entities(type="Tank", q="level>3", format="keyValues")
[{'id': 'urn:ngsi-ld:Tank:T1', 'type': 'Tank', 'level': 3.2}]
"""

from __future__ import annotations

from jnt_fresque.twin.broker.core import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    BatchResult,
    Format,
    Page,
    UpdateResult,
)
from jnt_fresque.twin.broker.discovery import DiscoveryOps
from jnt_fresque.twin.broker.entities import EntityOps
from jnt_fresque.twin.broker.queries import QueryOps
from jnt_fresque.twin.broker.subscriptions import SubscriptionOps
from jnt_fresque.twin.broker.temporal import (
    AGGREGATIONS,
    TemporalOps,
    TemporalOptions,
    parse_duration,
)

__all__ = [
    "AGGREGATIONS",
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "BatchResult",
    "Broker",
    "Format",
    "Page",
    "TemporalOptions",
    "UpdateResult",
    "parse_duration",
]


class Broker(EntityOps, QueryOps, DiscoveryOps, TemporalOps, SubscriptionOps):
    """An NGSI-LD context broker in this process, with history.

    Parameters
    ----------
    db
        Where to keep entities and history: ``None`` or ``"sqlite://"`` in memory,
        ``"sqlite:///twin.db"`` (or a path) a SQLite file that survives restarts.
    contexts
        Where @contexts come from (default: the shipped ones, fetching others once).
    notifier
        What sends subscriptions' notifications (default: a `Notifier`, in the background).
    """
