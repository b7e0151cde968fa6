"""Live twins: NGSI-LD entities, an embedded broker, its HTTP API and client, sample twins.

Subscriptions push changes: `subscription` writes one, `Receiver` is a small
server on 127.0.0.1 that keeps the notifications it gets.

The names below load on first use (WNTR, FastAPI and pyld are heavy).

Examples
--------
>>> from jnt_fresque import twin
>>> broker = twin.Broker()
>>> skeleton = twin.propose(["uc-eau-assainissement", "data-us", "data-hy"])
>>> counts = skeleton.build(broker, hours=1)
>>> broker.count_entities(type="Junction", context=twin.TWIN_CONTEXT)
92
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jnt_fresque.twin.api import create_app, running, serve
    from jnt_fresque.twin.broker import Broker
    from jnt_fresque.twin.client import Client
    from jnt_fresque.twin.context import CORE_CONTEXT, TWIN_CONTEXT, ContextCache
    from jnt_fresque.twin.errors import NgsiLdError
    from jnt_fresque.twin.ngsild import entity, geo, prop, rel
    from jnt_fresque.twin.notify import Receiver
    from jnt_fresque.twin.skeleton import Skeleton, propose
    from jnt_fresque.twin.subscriptions import subscription
    from jnt_fresque.twin.water import Scenario, WaterNetwork

__all__ = [
    "CORE_CONTEXT",
    "TWIN_CONTEXT",
    "Broker",
    "Client",
    "ContextCache",
    "NgsiLdError",
    "Receiver",
    "Scenario",
    "Skeleton",
    "WaterNetwork",
    "create_app",
    "entity",
    "geo",
    "prop",
    "propose",
    "rel",
    "running",
    "serve",
    "subscription",
]

_WHERE = {
    "CORE_CONTEXT": "context",
    "TWIN_CONTEXT": "context",
    "Broker": "broker",
    "Client": "client",
    "ContextCache": "context",
    "NgsiLdError": "errors",
    "Receiver": "notify",
    "Scenario": "water",
    "Skeleton": "skeleton",
    "WaterNetwork": "water",
    "create_app": "api",
    "entity": "ngsild",
    "geo": "ngsild",
    "prop": "ngsild",
    "propose": "skeleton",
    "rel": "ngsild",
    "running": "api",
    "serve": "api",
    "subscription": "subscriptions",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(f"jnt_fresque.twin.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'jnt_fresque.twin' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
