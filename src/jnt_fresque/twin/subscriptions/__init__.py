"""NGSI-LD subscriptions: how a live twin pushes its changes (ETSI GS CIM 009, clause 5.8).

A client subscribes to some entities (by type, id or id pattern), optionally to
some of their attributes and under a filter (``q``, ``geoQ``); each time a write
changes one of them the broker POSTs a notification to the subscriber's endpoint.

The parts, each a module: `model` (the subscription document: checking it,
expanding and compacting its names, its status), `changes` (what a committed
write did to an entity), `matching` (which changes a subscription notifies) and
`render` (what the notification carries). The broker's side is
`jnt_fresque.twin.broker.subscriptions` (create, retrieve, query, update,
delete; watching writes), the delivery `jnt_fresque.twin.notify`.

Examples
--------
>>> from jnt_fresque.twin.broker import Broker
>>> from jnt_fresque.twin.notify import Receiver
>>> with Receiver() as inbox:
...     broker = Broker()
...     sid = broker.create_subscription(
...         subscription(inbox.url, type="Junction", watched=["pressure"], format="keyValues"))
...     broker.create_entity({"id": "urn:ngsi-ld:Junction:J1", "type": "Junction", "pressure": 3.1})
...     broker.update_attrs("urn:ngsi-ld:Junction:J1", {"pressure": 2.7})
...     [n["data"][0]["pressure"] for n in inbox.wait(2)]
...     broker.close()
'urn:ngsi-ld:Junction:J1'
UpdateResult(updated=['pressure'], not_updated=[])
[3.1, 2.7]
"""

from __future__ import annotations

from jnt_fresque.twin.subscriptions.model import DEFAULT_TRIGGERS, TRIGGERS, subscription

__all__ = ["DEFAULT_TRIGGERS", "TRIGGERS", "subscription"]
