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
from jnt_fresque.twin.api import discovery, entities, temporal
from jnt_fresque.twin.api.protocol import BASE, MAX_BODY, problem_response
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


def create_app(broker: Broker | None = None, *, max_body: int = MAX_BODY) -> FastAPI:
    """The ASGI application serving ``broker`` (a new in-memory one by default)."""
    broker = broker or Broker()
    app = FastAPI(
        title="jnt-fresque embedded NGSI-LD broker",
        version=__version__,
        description=(
            "The core NGSI-LD API (ETSI GS CIM 009) of jnt-fresque's embedded broker: "
            "entities, batch operations, types and attributes, the temporal API."
        ),
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.broker = broker
    app.state.max_body = max_body

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
        if exc.status_code == 404:
            return problem_response(ResourceNotFound(f"no resource at {request.url.path}"))
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

    # One router per resource family; a new family (subscriptions) is one more line.
    for routes in (entities, discovery, temporal):
        app.include_router(routes.router, prefix=BASE, responses=ERRORS)
    return app
