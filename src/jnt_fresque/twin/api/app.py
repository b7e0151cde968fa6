"""The ASGI application: the routes of every resource family, and errors as ProblemDetails.

Examples
--------
>>> from jnt_fresque.twin.broker import Broker
>>> app = create_app(Broker())
>>> app.openapi()["info"]["title"]
'jnt-fresque embedded NGSI-LD broker'
"""

from __future__ import annotations

import logging

# FastAPI resolves the handlers' annotations from these module globals.
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from jnt_fresque._version import __version__
from jnt_fresque.twin.api import discovery, entities, subscriptions, temporal
from jnt_fresque.twin.api.protocol import BASE, MAX_BODY, TEMPORAL_PAGE, problem_response
from jnt_fresque.twin.api.schemas import ERRORS
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.errors import (
    BadRequestData,
    InternalError,
    InvalidRequest,
    MethodNotAllowed,
    NgsiLdError,
    ResourceNotFound,
)

log = logging.getLogger("jnt_fresque.twin")


def create_app(
    broker: Broker | None = None,
    *,
    max_body: int = MAX_BODY,
    temporal_page: int | None = TEMPORAL_PAGE,
) -> FastAPI:
    """The ASGI application serving ``broker`` (a new in-memory one by default).

    Parameters
    ----------
    max_body
        The largest request body accepted, in bytes (413 above).
    temporal_page
        The most attribute instances of one entity a temporal answer holds; a longer
        history comes as pages (206 Partial Content with a ``Content-Range``, clause
        6.3.10) that `jnt_fresque.twin.client.Client` follows. None: no limit.
    """
    broker = broker or Broker()
    app = FastAPI(
        title="jnt-fresque embedded NGSI-LD broker",
        version=__version__,
        description=(
            "The core NGSI-LD API (ETSI GS CIM 009) of jnt-fresque's embedded broker: "
            "entities, batch operations, types and attributes, the temporal API, subscriptions."
        ),
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.broker = broker
    app.state.max_body = max_body
    app.state.temporal_page = temporal_page

    @app.exception_handler(NgsiLdError)
    async def _ngsi(request: Request, exc: NgsiLdError) -> Response:
        return problem_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return problem_response(BadRequestData(f"{where}: {first.get('msg', 'invalid')}"))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        path = request.url.path
        if exc.status_code in (404, 405) and _empty_id(path, request.method):
            return problem_response(BadRequestData(f"{path}: the entity id is missing"))
        if exc.status_code == 404:
            return problem_response(ResourceNotFound(f"no resource at {path}"))
        if exc.status_code == 405:
            return problem_response(
                MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}")
            )
        error = InvalidRequest(str(exc.detail))
        response = problem_response(error)
        response.status_code = exc.status_code
        return response

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return problem_response(InternalError(f"{type(exc).__name__}: {exc}"[:300]))

    # One router per resource family; a new family is one more name here.
    for routes in (entities, discovery, temporal, subscriptions):
        app.include_router(routes.router, prefix=BASE, responses=ERRORS)
    return app


def _empty_id(path: str, method: str) -> bool:
    """Whether ``path`` names an entity with an empty id (``/entities//attrs``, or
    ``PUT``/``PATCH /entities/``): a request for an entity with a bad id (400), not
    for a resource that does not exist."""
    if not path.startswith(BASE + "/"):
        return False
    rest = path[len(BASE) :]
    if rest.startswith(("/entities//", "/temporal/entities//")):
        return True
    return method in ("PUT", "PATCH") and rest in ("/entities/", "/temporal/entities/")
