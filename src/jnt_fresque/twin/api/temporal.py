"""Routes for the temporal API: ``/temporal/entities`` and ``/temporal/entityOperations``."""

from __future__ import annotations

# FastAPI resolves the routes' annotations from these module globals.
from fastapi import APIRouter, Request
from starlette.responses import Response

from jnt_fresque.twin.api.protocol import (
    BASE,
    broker_of,
    choose_media,
    context_of,
    empty,
    flag_param,
    int_param,
    location,
    no_content,
    options_of,
    query_body,
    read_body,
    respond,
)
from jnt_fresque.twin.api.schemas import ENTITY, FRAGMENT, body_schema
from jnt_fresque.twin.broker import Page, TemporalOptions
from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import BadRequestData

router = APIRouter()


def temporal_params(request: Request) -> TemporalOptions:
    """The temporal parameters of a GET request, with the server's page size."""
    p = request.query_params
    return TemporalOptions.parse(
        timerel=p.get("timerel"),
        time_at=p.get("timeAt") or p.get("time"),
        end_time_at=p.get("endTimeAt") or p.get("endTime"),
        last_n=p.get("lastN"),
        options=options_of(request),
        aggr_methods=p.get("aggrMethods"),
        aggr_period=p.get("aggrPeriodDuration"),
        timeproperty=p.get("timeproperty"),
        page_size=temporal_page(request),
    )


def temporal_page(request: Request) -> int | None:
    """How many instances of an entity one temporal answer holds at most (clause 6.3.10)."""
    page: int | None = getattr(request.app.state, "temporal_page", None)
    return page


def paged(page: Page, ctx: Context, media: str) -> Response:
    """The answer to a temporal read: 206 with ``Content-Range`` when it was cut."""
    headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
    if page.content_range is None:
        return respond(page.entities, ctx, media, headers=headers)
    headers["Content-Range"] = page.content_range
    return respond(page.entities, ctx, media, status=206, headers=headers)


@router.post(
    "/temporal/entities",
    openapi_extra=body_schema(ENTITY),
    summary="Create or add to a temporal entity",
)
async def temporal_create(request: Request) -> Response:
    body, link = await read_body(request)
    created = broker_of(request).temporal_upsert(body, context=link)
    if created:
        return empty(201, {"Location": location(f"{BASE}/temporal/entities/", body["id"])})
    return no_content()


@router.get("/temporal/entities", summary="Query temporal evolution of entities")
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
    timeproperty: str | None = None,
    local: str | None = None,
) -> Response:
    media = choose_media(request)
    ctx = context_of(request)
    page = broker_of(request).temporal_query(
        temporal=temporal_params(request),
        id=id,
        type=type,
        id_pattern=idPattern,
        attrs=attrs,
        q=q,
        georel=georel,
        geometry=geometry,
        coordinates=coordinates,
        limit=int_param(request, "limit", 20),
        offset=int_param(request, "offset", 0),
        count=flag_param(request, "count"),
        sys_attrs="sysAttrs" in options_of(request),
        local=flag_param(request, "local"),
        context=ctx,
    )
    return paged(page, ctx, media)


@router.get("/temporal/entities/{entityId}", summary="Temporal evolution of an entity")
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
    timeproperty: str | None = None,
) -> Response:
    media = choose_media(request)
    ctx = context_of(request)
    page = broker_of(request).temporal_retrieve(
        entityId,
        attrs=attrs,
        temporal=temporal_params(request),
        sys_attrs="sysAttrs" in options_of(request),
        context=ctx,
    )
    if page.content_range is None:
        return respond(page.entities[0], ctx, media)
    headers = {"Content-Range": page.content_range}
    return respond(page.entities[0], ctx, media, status=206, headers=headers)


@router.delete("/temporal/entities/{entityId}", status_code=204, summary="Delete a temporal entity")
async def temporal_delete(request: Request, entityId: str) -> Response:
    broker_of(request).temporal_delete(entityId)
    return no_content()


@router.post(
    "/temporal/entities/{entityId}/attrs",
    status_code=204,
    openapi_extra=body_schema(FRAGMENT),
    summary="Add attribute instances to a temporal entity",
)
async def temporal_append(request: Request, entityId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).temporal_append(entityId, body, context=link)
    return no_content()


@router.post(
    "/temporal/entityOperations/query",
    openapi_extra=body_schema({"type": "object"}),
    summary="Query temporal evolution (POST)",
)
async def temporal_post_query(request: Request) -> Response:
    body, link = await read_body(request)
    media = choose_media(request)
    ctx = broker_of(request).context(
        body.get("@context") if isinstance(body, dict) and "@context" in body else link
    )
    params = query_body(body)
    temporal_q = body.get("temporalQ") or {}
    if not isinstance(temporal_q, dict):
        raise BadRequestData("temporalQ must be an object")
    temporal = TemporalOptions.parse(
        timerel=temporal_q.get("timerel"),
        time_at=temporal_q.get("timeAt"),
        end_time_at=temporal_q.get("endTimeAt"),
        last_n=temporal_q.get("lastN"),
        options=options_of(request),
        aggr_methods=request.query_params.get("aggrMethods"),
        aggr_period=request.query_params.get("aggrPeriodDuration"),
        timeproperty=temporal_q.get("timeproperty"),
        page_size=temporal_page(request),
    )
    page = broker_of(request).temporal_query(
        temporal=temporal,
        **params,
        limit=int_param(request, "limit", 20),
        offset=int_param(request, "offset", 0),
        count=flag_param(request, "count"),
        local=flag_param(request, "local") or body.get("local") is True,
        context=ctx,
    )
    return paged(page, ctx, media)
