"""The embedded broker over HTTP: an ASGI app serving NGSI-LD at ``/ngsi-ld/v1``.

The routes are a thin layer over `Broker`: they read the body (size, media
type, JSON, @context from the body or the ``Link`` header), pick the response
media type from ``Accept`` (``application/json`` with a ``Link`` header,
``application/ld+json`` with ``@context`` in the body, ``application/geo+json``),
and turn every failure into a ProblemDetails body with its NGSI-LD type and
status. The OpenAPI document is at ``/openapi.json`` (and a browsable page at
``/docs``).

Examples
--------
>>> from jnt_fresque.twin.broker import Broker
>>> app = create_app(Broker())
>>> app.openapi()["info"]["title"]
'jnt-fresque embedded NGSI-LD broker'
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# This module is the HTTP edge: it is imported only to serve, so FastAPI loads here
# (and FastAPI resolves the routes' annotations from these module globals).
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from jnt_fresque._version import __version__
from jnt_fresque.twin.broker import Broker, TemporalOptions
from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import (
    BadRequestData,
    InternalError,
    InvalidRequest,
    MethodNotAllowed,
    NgsiLdError,
    NotAcceptable,
    PayloadTooLarge,
    ResourceNotFound,
    UnsupportedMediaType,
)
from jnt_fresque.twin.ngsild import to_feature, to_feature_collection

BASE = "/ngsi-ld/v1"
JSON = "application/json"
JSON_LD = "application/ld+json"
GEO_JSON = "application/geo+json"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"
MAX_BODY = 8 * 1024 * 1024
_LINK = re.compile(r'^\s*<([^>]*)>\s*((?:;\s*[A-Za-z]+\s*=\s*"?[^";,]*"?\s*)*)$')
log = logging.getLogger("jnt_fresque.twin")

# JSON Schemas for the OpenAPI document: what a client (and schemathesis) may send.
_ATTRIBUTE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["Property", "Relationship", "GeoProperty"]},
        "value": {},
        "object": {"type": "string"},
        "observedAt": {"type": "string", "format": "date-time"},
        "unitCode": {"type": "string"},
        "datasetId": {"type": "string"},
    },
}
_ENTITY = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {
        "id": {"type": "string", "format": "uri", "example": "urn:ngsi-ld:Tank:T1"},
        "type": {"type": "string", "example": "Tank"},
        "location": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["GeoProperty"]},
                "value": {"type": "object"},
            },
        },
    },
    "additionalProperties": _ATTRIBUTE,
}
_FRAGMENT = {"type": "object", "additionalProperties": _ATTRIBUTE}
_PROBLEM = {
    "type": "object",
    "required": ["type", "title"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}


def _body_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": schema}, JSON_LD: {"schema": schema}},
        }
    }


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"description": "ProblemDetails", "content": {JSON: {"schema": _PROBLEM}}}
    for code in (400, 404, 406, 409, 413, 415, 422, 503)
}


# --- reading requests ---------------------------------------------------------------


def link_context(request: Any) -> str | None:
    """The @context URL of a request's ``Link`` header, if any."""
    header = request.headers.get("link")
    if not header:
        return None
    for part in header.split(","):
        match = _LINK.match(part)
        if not match:
            raise BadRequestData(f"Link header {header[:120]!r} is malformed")
        params = dict(
            (k.strip().lower(), v.strip().strip('"'))
            for k, _, v in (p.partition("=") for p in match.group(2).split(";") if "=" in p)
        )
        if params.get("rel") == CONTEXT_REL:
            url = match.group(1).strip()
            if not url.startswith(("http://", "https://", "urn:")):
                raise BadRequestData(f"Link header: {url!r} is not a context URL")
            return url
    return None


def _media(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


async def read_body(request: Any, *, max_bytes: int) -> tuple[Any, Any]:
    """The JSON body of a request and the @context that goes with it.

    Raises
    ------
    UnsupportedMediaType, PayloadTooLarge, InvalidRequest, BadRequestData
        As NGSI-LD asks: 415, 413, 400 for malformed JSON, 400 for a misplaced @context.
    """
    media = _media(request.headers.get("content-type"))
    if media not in (JSON, JSON_LD):
        raise UnsupportedMediaType(
            f"Content-Type {media or '(none)'!r} is not supported; "
            f"send {JSON} (with a Link header for the @context) or {JSON_LD}"
        )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        body = json.loads(raw.decode("utf-8"), parse_float=_finite, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise InvalidRequest("the body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InvalidRequest(
            f"malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise InvalidRequest("malformed JSON: nested too deep") from None
    except ValueError as exc:  # numbers out of range, integers too long
        raise InvalidRequest(f"malformed JSON: {exc}"[:200]) from None
    link = link_context(request)
    items = body if isinstance(body, list) else [body]
    if media == JSON_LD:
        if link is not None:
            raise BadRequestData(f"with {JSON_LD} the @context goes in the body, not in a Link")
        for item in items:
            if isinstance(item, dict) and "@context" not in item:
                raise BadRequestData(f"{JSON_LD} bodies must carry an @context member")
        return body, None
    for item in items:
        if isinstance(item, dict) and "@context" in item:
            raise BadRequestData(
                f"with {JSON} the @context goes in a Link header; send {JSON_LD} "
                "to put it in the body"
            )
    return body, link


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"number {text[:40]} is out of range")
    return value


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not JSON")


def choose_media(request: Any, *, geo: bool = False) -> str:
    """The response media type that the ``Accept`` header allows (406 if none)."""
    header = request.headers.get("accept")
    if not header:
        return JSON
    offered = [JSON, JSON_LD, *([GEO_JSON] if geo else [])]
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(header.split(",")):
        pieces = part.split(";")
        media = pieces[0].strip().lower()
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if media in ("*/*", "application/*"):
            chosen = JSON
        elif media in offered:
            chosen = media
        else:
            continue
        candidate = (-quality, index, chosen)
        if best is None or candidate < best:
            best = candidate
    if best is None:
        raise NotAcceptable(f"cannot answer in {header[:100]!r}; accepted: {', '.join(offered)}")
    return best[2]


def _options(request: Any) -> set[str]:
    values = request.query_params.getlist("options")
    return {o.strip() for v in values for o in v.split(",") if o.strip()}


def _format(request: Any) -> str:
    chosen = _options(request)
    fmt = request.query_params.get("format")
    if fmt in ("keyValues", "simplified") or chosen & {"keyValues", "simplified"}:
        return "keyValues"
    if fmt == "concise" or "concise" in chosen:
        return "concise"
    return "normalized"


def _flag(request: Any, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None:
        return False
    if value not in ("true", "false"):
        raise BadRequestData(f"{name}: true or false expected, got {value!r}")
    return bool(value == "true")


def _int(request: Any, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequestData(f"{name}: an integer is expected, got {value[:40]!r}") from None


# --- writing responses ----------------------------------------------------------------


def respond(
    data: Any, ctx: Context, media: str, *, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A JSON response carrying the @context as ``media`` wants it."""
    out_headers = dict(headers or {})
    if media == JSON_LD:
        value = ctx.body_value
        if isinstance(data, list):
            data = [{"@context": value, **d} if isinstance(d, dict) else d for d in data]
        elif isinstance(data, dict):
            data = {"@context": value, **data}
    else:
        url = ctx.url
        if url is not None:
            out_headers["Link"] = f'<{url}>; rel="{CONTEXT_REL}"; type="{JSON_LD}"'
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(content, status_code=status, media_type=media, headers=out_headers)


def problem_response(error: NgsiLdError) -> Response:
    content = json.dumps(error.problem(), ensure_ascii=False).encode()
    return Response(content, status_code=error.status, media_type=JSON)


def _no_content(headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=204, headers=headers)


# --- the application ---------------------------------------------------------------------


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
    api = APIRouter(prefix=BASE, responses=_ERRORS)

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

    def ctx_of(request: Request) -> Context:
        return broker.context(link_context(request))

    # --- entities -----------------------------------------------------------------

    @api.post(
        "/entities",
        status_code=201,
        openapi_extra=_body_schema(_ENTITY),
        summary="Create an entity",
    )
    async def create_entity(request: Request) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        entity_id = broker.create_entity(body, context=link)
        return _no_content_status(201, {"Location": f"{BASE}/entities/{entity_id}"})

    @api.get("/entities", summary="Query entities")
    async def query_entities(
        request: Request,
        id: str | None = None,
        type: str | None = None,
        idPattern: str | None = None,
        attrs: str | None = None,
        q: str | None = None,
        georel: str | None = None,
        geometry: str | None = None,
        coordinates: str | None = None,
        geoproperty: str | None = None,
        limit: str | None = None,
        offset: str | None = None,
        count: str | None = None,
        options: str | None = None,
    ) -> Response:
        media = choose_media(request, geo=True)
        ctx = ctx_of(request)
        page = broker.query(
            id=id,
            type=type,
            id_pattern=idPattern,
            attrs=attrs,
            q=q,
            georel=georel,
            geometry=geometry,
            coordinates=coordinates,
            geoproperty=geoproperty,
            limit=_int(request, "limit", 20),
            offset=_int(request, "offset", 0),
            count=_flag(request, "count"),
            format=_format(request),
            sys_attrs="sysAttrs" in _options(request),
            context=ctx,
        )
        headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
        if media == GEO_JSON:
            data = to_feature_collection(page.entities, geoproperty=geoproperty or "location")
            return respond(data, ctx, media, headers=headers)
        return respond(page.entities, ctx, media, headers=headers)

    @api.get("/entities/{entityId}", summary="Retrieve an entity")
    async def retrieve_entity(
        request: Request,
        entityId: str,
        attrs: str | None = None,
        options: str | None = None,
        geoproperty: str | None = None,
    ) -> Response:
        media = choose_media(request, geo=True)
        ctx = ctx_of(request)
        doc = broker.retrieve_entity(
            entityId,
            attrs=attrs,
            format=_format(request),
            sys_attrs="sysAttrs" in _options(request),
            context=ctx,
        )
        if media == GEO_JSON:
            return respond(to_feature(doc, geoproperty=geoproperty or "location"), ctx, media)
        return respond(doc, ctx, media)

    @api.put(
        "/entities/{entityId}",
        status_code=204,
        openapi_extra=_body_schema(_FRAGMENT),
        summary="Replace an entity",
    )
    async def replace_entity(request: Request, entityId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        broker.replace_entity(entityId, body, context=link)
        return _no_content()

    @api.patch(
        "/entities/{entityId}",
        status_code=204,
        openapi_extra=_body_schema(_FRAGMENT),
        summary="Merge attributes into an entity",
    )
    async def merge_entity(request: Request, entityId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        broker.append_attrs(entityId, body, context=link)
        return _no_content()

    @api.delete("/entities/{entityId}", status_code=204, summary="Delete an entity")
    async def delete_entity(request: Request, entityId: str) -> Response:
        broker.delete_entity(entityId)
        return _no_content()

    @api.post(
        "/entities/{entityId}/attrs",
        status_code=204,
        openapi_extra=_body_schema(_FRAGMENT),
        summary="Append attributes",
    )
    async def append_attrs(request: Request, entityId: str, options: str | None = None) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        result = broker.append_attrs(
            entityId, body, no_overwrite="noOverwrite" in _options(request), context=link
        )
        return _partial(result.not_updated, result.body())

    @api.patch(
        "/entities/{entityId}/attrs",
        status_code=204,
        openapi_extra=_body_schema(_FRAGMENT),
        summary="Update attributes",
    )
    async def update_attrs(request: Request, entityId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        result = broker.update_attrs(entityId, body, context=link)
        return _partial(result.not_updated, result.body())

    @api.patch(
        "/entities/{entityId}/attrs/{attrId}",
        status_code=204,
        openapi_extra=_body_schema(_ATTRIBUTE),
        summary="Partially update an attribute",
    )
    async def update_attr(request: Request, entityId: str, attrId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        broker.update_attr(entityId, attrId, body, context=link)
        return _no_content()

    @api.put(
        "/entities/{entityId}/attrs/{attrId}",
        status_code=204,
        openapi_extra=_body_schema(_ATTRIBUTE),
        summary="Replace an attribute",
    )
    async def replace_attr(request: Request, entityId: str, attrId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        broker.update_attr(entityId, attrId, body, replace=True, context=link)
        return _no_content()

    @api.delete(
        "/entities/{entityId}/attrs/{attrId}", status_code=204, summary="Delete an attribute"
    )
    async def delete_attr(
        request: Request,
        entityId: str,
        attrId: str,
        datasetId: str | None = None,
        deleteAll: str | None = None,
    ) -> Response:
        broker.delete_attr(
            entityId,
            attrId,
            dataset_id=datasetId,
            delete_all=_flag(request, "deleteAll"),
            context=ctx_of(request),
        )
        return _no_content()

    # --- batch operations -------------------------------------------------------------

    batch_body = _body_schema({"type": "array", "items": _ENTITY})

    @api.post("/entityOperations/create", openapi_extra=batch_body, summary="Batch create")
    async def batch_create(request: Request) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        result = broker.batch_create(body, context=link)
        if result.errors:
            return _json(result.body(), 207)
        return _json(result.success, 201)

    @api.post("/entityOperations/upsert", openapi_extra=batch_body, summary="Batch upsert")
    async def batch_upsert(request: Request, options: str | None = None) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        chosen = _options(request)
        if chosen - {"replace", "update"}:
            raise BadRequestData("options: replace or update expected for an upsert")
        result = broker.batch_upsert(body, update="update" in chosen, context=link)
        if result.errors:
            return _json(result.body(), 207)
        if result.created:
            return _json(result.created, 201)
        return _no_content()

    @api.post("/entityOperations/update", openapi_extra=batch_body, summary="Batch update")
    async def batch_update(request: Request, options: str | None = None) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        result = broker.batch_update(
            body, no_overwrite="noOverwrite" in _options(request), context=link
        )
        return _json(result.body(), 207) if result.errors else _no_content()

    @api.post(
        "/entityOperations/delete",
        openapi_extra=_body_schema({"type": "array", "items": {"type": "string"}}),
        summary="Batch delete",
    )
    async def batch_delete(request: Request) -> Response:
        body, _link = await read_body(request, max_bytes=max_body)
        result = broker.batch_delete(body)
        return _json(result.body(), 207) if result.errors else _no_content()

    @api.post(
        "/entityOperations/query",
        openapi_extra=_body_schema({"type": "object"}),
        summary="Query entities (POST)",
    )
    async def post_query(request: Request) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        media = choose_media(request)
        ctx = broker.context(
            body.get("@context") if isinstance(body, dict) and "@context" in body else link
        )
        params = _query_body(body)
        page = broker.query(
            **params,
            limit=_int(request, "limit", 20),
            offset=_int(request, "offset", 0),
            count=_flag(request, "count"),
            format=_format(request),
            context=ctx,
        )
        headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
        return respond(page.entities, ctx, media, headers=headers)

    # --- types and attributes -------------------------------------------------------------

    @api.get("/types", summary="Entity types")
    async def types(request: Request, details: str | None = None) -> Response:
        ctx = ctx_of(request)
        return respond(
            broker.types(details=_flag(request, "details"), context=ctx),
            ctx,
            choose_media(request),
        )

    @api.get("/types/{type}", summary="One entity type")
    async def type_info(request: Request, type: str) -> Response:
        ctx = ctx_of(request)
        return respond(broker.type_info(type, context=ctx), ctx, choose_media(request))

    @api.get("/attributes", summary="Attributes")
    async def attributes(request: Request, details: str | None = None) -> Response:
        ctx = ctx_of(request)
        return respond(
            broker.attributes(details=_flag(request, "details"), context=ctx),
            ctx,
            choose_media(request),
        )

    @api.get("/attributes/{attrId}", summary="One attribute")
    async def attribute_info(request: Request, attrId: str) -> Response:
        ctx = ctx_of(request)
        return respond(broker.attribute_info(attrId, context=ctx), ctx, choose_media(request))

    # --- temporal -------------------------------------------------------------------------

    def temporal_params(request: Request) -> TemporalOptions:
        p = request.query_params
        chosen = _options(request)
        return TemporalOptions.parse(
            timerel=p.get("timerel"),
            time_at=p.get("timeAt") or p.get("time"),
            end_time_at=p.get("endTimeAt") or p.get("endTime"),
            last_n=p.get("lastN"),
            options=chosen,
            aggr_methods=p.get("aggrMethods"),
            aggr_period=p.get("aggrPeriodDuration"),
        )

    @api.post(
        "/temporal/entities",
        openapi_extra=_body_schema(_ENTITY),
        summary="Create or add to a temporal entity",
    )
    async def temporal_create(request: Request) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        created = broker.temporal_upsert(body, context=link)
        if created:
            return _no_content_status(201, {"Location": f"{BASE}/temporal/entities/{body['id']}"})
        return _no_content()

    @api.get("/temporal/entities", summary="Query temporal evolution of entities")
    async def temporal_query(
        request: Request,
        id: str | None = None,
        type: str | None = None,
        idPattern: str | None = None,
        attrs: str | None = None,
        q: str | None = None,
        georel: str | None = None,
        geometry: str | None = None,
        coordinates: str | None = None,
        timerel: str | None = None,
        timeAt: str | None = None,
        endTimeAt: str | None = None,
        lastN: str | None = None,
        options: str | None = None,
        aggrMethods: str | None = None,
        aggrPeriodDuration: str | None = None,
        limit: str | None = None,
        offset: str | None = None,
        count: str | None = None,
    ) -> Response:
        media = choose_media(request)
        ctx = ctx_of(request)
        page = broker.temporal_query(
            temporal=temporal_params(request),
            id=id,
            type=type,
            id_pattern=idPattern,
            attrs=attrs,
            q=q,
            georel=georel,
            geometry=geometry,
            coordinates=coordinates,
            limit=_int(request, "limit", 20),
            offset=_int(request, "offset", 0),
            count=_flag(request, "count"),
            sys_attrs="sysAttrs" in _options(request),
            context=ctx,
        )
        headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
        return respond(page.entities, ctx, media, headers=headers)

    @api.get("/temporal/entities/{entityId}", summary="Temporal evolution of an entity")
    async def temporal_entity(
        request: Request,
        entityId: str,
        attrs: str | None = None,
        timerel: str | None = None,
        timeAt: str | None = None,
        endTimeAt: str | None = None,
        lastN: str | None = None,
        options: str | None = None,
        aggrMethods: str | None = None,
        aggrPeriodDuration: str | None = None,
    ) -> Response:
        media = choose_media(request)
        ctx = ctx_of(request)
        doc = broker.temporal_entity(
            entityId,
            attrs=attrs,
            temporal=temporal_params(request),
            sys_attrs="sysAttrs" in _options(request),
            context=ctx,
        )
        return respond(doc, ctx, media)

    @api.delete(
        "/temporal/entities/{entityId}", status_code=204, summary="Delete a temporal entity"
    )
    async def temporal_delete(request: Request, entityId: str) -> Response:
        broker.temporal_delete(entityId)
        return _no_content()

    @api.post(
        "/temporal/entities/{entityId}/attrs",
        status_code=204,
        openapi_extra=_body_schema(_FRAGMENT),
        summary="Add attribute instances to a temporal entity",
    )
    async def temporal_append(request: Request, entityId: str) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        broker.temporal_append(entityId, body, context=link)
        return _no_content()

    @api.post(
        "/temporal/entityOperations/query",
        openapi_extra=_body_schema({"type": "object"}),
        summary="Query temporal evolution (POST)",
    )
    async def temporal_post_query(request: Request) -> Response:
        body, link = await read_body(request, max_bytes=max_body)
        media = choose_media(request)
        ctx = broker.context(
            body.get("@context") if isinstance(body, dict) and "@context" in body else link
        )
        params = _query_body(body)
        temporal_q = body.get("temporalQ") or {}
        if not isinstance(temporal_q, dict):
            raise BadRequestData("temporalQ must be an object")
        temporal = TemporalOptions.parse(
            timerel=temporal_q.get("timerel"),
            time_at=temporal_q.get("timeAt"),
            end_time_at=temporal_q.get("endTimeAt"),
            last_n=temporal_q.get("lastN"),
            options=_options(request),
            aggr_methods=request.query_params.get("aggrMethods"),
            aggr_period=request.query_params.get("aggrPeriodDuration"),
        )
        page = broker.temporal_query(
            temporal=temporal,
            **params,
            limit=_int(request, "limit", 20),
            offset=_int(request, "offset", 0),
            count=_flag(request, "count"),
            context=ctx,
        )
        headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
        return respond(page.entities, ctx, media, headers=headers)

    app.include_router(api)
    return app


def _no_content_status(status: int, headers: dict[str, str]) -> Response:
    return Response(status_code=status, headers=headers)


def _json(data: Any, status: int) -> Response:
    content = json.dumps(data, ensure_ascii=False).encode()
    return Response(content, status_code=status, media_type=JSON)


def _partial(not_updated: list[Any], body: dict[str, Any]) -> Response:
    return _json(body, 207) if not_updated else _no_content()


def _query_body(body: Any) -> dict[str, Any]:
    """The parameters of a ``Query`` body (POST …/entityOperations/query)."""
    if not isinstance(body, dict):
        raise BadRequestData("a Query object is expected")
    if body.get("type", "Query") != "Query":
        raise BadRequestData("the body's type must be Query")
    params: dict[str, Any] = {}
    selectors = body.get("entities")
    if selectors is not None:
        if not isinstance(selectors, list) or not all(isinstance(s, dict) for s in selectors):
            raise BadRequestData("entities must be a list of {id?, idPattern?, type}")
        ids = [s["id"] for s in selectors if isinstance(s.get("id"), str)]
        types = [s["type"] for s in selectors if isinstance(s.get("type"), str)]
        patterns = [s["idPattern"] for s in selectors if isinstance(s.get("idPattern"), str)]
        if ids:
            params["id"] = ids
        if types:
            params["type"] = ",".join(types)
        if patterns:
            params["id_pattern"] = "|".join(f"(?:{p})" for p in patterns)
    attrs = body.get("attrs")
    if attrs is not None:
        if not isinstance(attrs, list) or not all(isinstance(a, str) for a in attrs):
            raise BadRequestData("attrs must be a list of attribute names")
        params["attrs"] = attrs
    if "q" in body:
        if not isinstance(body["q"], str):
            raise BadRequestData("q must be a string")
        params["q"] = body["q"]
    geo_q = body.get("geoQ")
    if geo_q is not None:
        if not isinstance(geo_q, dict):
            raise BadRequestData("geoQ must be an object")
        params["georel"] = geo_q.get("georel")
        params["geometry"] = geo_q.get("geometry")
        coords = geo_q.get("coordinates")
        params["coordinates"] = coords if isinstance(coords, str) else json.dumps(coords)
        params["geoproperty"] = geo_q.get("geoproperty")
    return params


# --- running it -----------------------------------------------------------------------------


def serve(
    broker: Broker | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 1026,
    log_level: str = "info",
) -> None:
    """Serve ``broker`` over HTTP until interrupted (what ``jnt-fresque twin serve`` does)."""
    import uvicorn

    uvicorn.run(create_app(broker), host=host, port=port, log_level=log_level)


@contextmanager
def running(
    broker: Broker | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[str]:
    """Serve ``broker`` in a background thread; yield its base URL, stop on exit.

    Port 0 picks a free port. For notebooks and tests.

    Examples
    --------
    >>> import httpx
    >>> with running() as url:
    ...     httpx.get(f"{url}/ngsi-ld/v1/types").status_code
    200
    """
    import uvicorn

    config = uvicorn.Config(
        create_app(broker), host=host, port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="ngsi-ld-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the NGSI-LD server did not start")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
