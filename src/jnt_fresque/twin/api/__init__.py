"""The embedded broker over HTTP: an ASGI app serving NGSI-LD at ``/ngsi-ld/v1``.

The routes are a thin layer over `Broker`, one module per resource family
(`entities`, `discovery`, `temporal`, `subscriptions`), built from `protocol`
(reading bodies, the @context of the body or the ``Link`` header, content
negotiation, ProblemDetails). `app.create_app` puts them together; `server` runs them
(``serve`` in the foreground, ``running`` in a thread). The OpenAPI document
is at ``/openapi.json`` (and a browsable page at ``/docs``).

Examples
--------
>>> import httpx
>>> with running() as url:
...     httpx.get(f"{url}/ngsi-ld/v1/types").status_code
200
"""

from __future__ import annotations

from jnt_fresque.twin.api.app import create_app
from jnt_fresque.twin.api.protocol import BASE, CONTEXT_REL
from jnt_fresque.twin.api.server import running, serve

__all__ = ["BASE", "CONTEXT_REL", "create_app", "running", "serve"]
