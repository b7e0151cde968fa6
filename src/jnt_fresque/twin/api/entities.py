"""Routes for entities: ``/entities``, their attributes, and ``/entityOperations``."""

from __future__ import annotations

from typing import Any

# FastAPI resolves the routes' annotations from these module globals.
from fastapi import APIRouter, Request
from starlette.responses import Response

from jnt_fresque.twin.api.protocol import (
    BASE,
    GEO_JSON,
    broker_of,
    choose_media,
    context_of,
    empty,
    flag_param,
    format_of,
    int_param,
    json_response,
    location,
    no_content,
    options_of,
    partial,
    query_body,
    read_batch,
    read_body,
    respond,
)
from jnt_fresque.twin.api.schemas import ATTRIBUTE, ENTITY, FRAGMENT, body_schema
from jnt_fresque.twin.broker import BatchResult
from jnt_fresque.twin.errors import BadRequestData, NgsiLdError
from jnt_fresque.twin.ngsild import to_feature, to_feature_collection

router = APIRouter()


@router.post("/entities/", status_code=201, include_in_schema=False)
@router.post(
    "/entities",
    status_code=201,
    openapi_extra=body_schema(ENTITY),
    summary="Create an entity",
)
async def create_entity(request: Request) -> Response:
    body, link = await read_body(request)
    entity_id = broker_of(request).create_entity(body, context=link)
    return empty(201, {"Location": location(f"{BASE}/entities/", entity_id)})


@router.get("/entities/", include_in_schema=False)
@router.get("/entities", summary="Query entities")
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
    format: str | None = None,
    lang: str | None = None,
    pick: str | None = None,
    omit: str | None = None,
    local: str | None = None,
    geometryProperty: str | None = None,
    scopeQ: str | None = None,
) -> Response:
    media = choose_media(request, geo=True)
    ctx = context_of(request)
    page = broker_of(request).query(
        id=id,
        type=type,
        id_pattern=idPattern,
        attrs=attrs,
        q=q,
        georel=georel,
        geometry=geometry,
        coordinates=coordinates,
        geoproperty=geoproperty,
        limit=int_param(request, "limit", 20),
        offset=int_param(request, "offset", 0),
        count=flag_param(request, "count"),
        format=format_of(request),
        sys_attrs="sysAttrs" in options_of(request),
        lang=lang,
        pick=pick,
        omit=omit,
        local=flag_param(request, "local"),
        scope_q=scopeQ,
        context=ctx,
    )
    headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
    if media == GEO_JSON:
        data = to_feature_collection(page.entities, geoproperty=geometryProperty or "location")
        return respond(data, ctx, media, headers=headers)
    return respond(page.entities, ctx, media, headers=headers)


@router.api_route("/entities/", methods=["PUT", "PATCH"], include_in_schema=False)
async def entity_without_id(request: Request) -> Response:
    # PUT and PATCH act on /entities/{entityId}: here the id is empty (DELETE on the
    # collection would be a purge, which this broker does not offer: 405).
    raise BadRequestData(f"{request.method} {request.url.path}: the entity id is missing")


@router.get("/entities/{entityId}", summary="Retrieve an entity")
async def retrieve_entity(
    request: Request,
    entityId: str,
    attrs: str | None = None,
    options: str | None = None,
    format: str | None = None,
    lang: str | None = None,
    pick: str | None = None,
    omit: str | None = None,
    geometryProperty: str | None = None,
) -> Response:
    media = choose_media(request, geo=True)
    ctx = context_of(request)
    doc = broker_of(request).retrieve_entity(
        entityId,
        attrs=attrs,
        format=format_of(request),
        sys_attrs="sysAttrs" in options_of(request),
        lang=lang,
        pick=pick,
        omit=omit,
        context=ctx,
    )
    if media == GEO_JSON:
        return respond(to_feature(doc, geoproperty=geometryProperty or "location"), ctx, media)
    return respond(doc, ctx, media)


@router.put(
    "/entities/{entityId}",
    status_code=204,
    openapi_extra=body_schema(FRAGMENT),
    summary="Replace an entity",
)
async def replace_entity(request: Request, entityId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).replace_entity(entityId, body, context=link)
    return no_content()


@router.patch(
    "/entities/{entityId}",
    status_code=204,
    openapi_extra=body_schema(FRAGMENT),
    summary="Merge attributes into an entity",
)
async def merge_entity(request: Request, entityId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).merge_entity(entityId, body, context=link)
    return no_content()


@router.delete("/entities/{entityId}", status_code=204, summary="Delete an entity")
async def delete_entity(request: Request, entityId: str) -> Response:
    broker_of(request).delete_entity(entityId)
    return no_content()


@router.post(
    "/entities/{entityId}/attrs",
    status_code=204,
    openapi_extra=body_schema(FRAGMENT),
    summary="Append attributes",
)
async def append_attrs(request: Request, entityId: str, options: str | None = None) -> Response:
    body, link = await read_body(request)
    result = broker_of(request).append_attrs(
        entityId, body, no_overwrite="noOverwrite" in options_of(request), context=link
    )
    return partial(result.not_updated, result.body())


@router.patch(
    "/entities/{entityId}/attrs",
    status_code=204,
    openapi_extra=body_schema(FRAGMENT),
    summary="Update attributes",
)
async def update_attrs(request: Request, entityId: str) -> Response:
    body, link = await read_body(request)
    result = broker_of(request).update_attrs(entityId, body, context=link)
    return partial(result.not_updated, result.body())


@router.patch(
    "/entities/{entityId}/attrs/{attrId}",
    status_code=204,
    openapi_extra=body_schema(ATTRIBUTE),
    summary="Partially update an attribute",
)
async def update_attr(request: Request, entityId: str, attrId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).update_attr(entityId, attrId, body, context=link)
    return no_content()


@router.put(
    "/entities/{entityId}/attrs/{attrId}",
    status_code=204,
    openapi_extra=body_schema(ATTRIBUTE),
    summary="Replace an attribute",
)
async def replace_attr(request: Request, entityId: str, attrId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).update_attr(entityId, attrId, body, replace=True, context=link)
    return no_content()


@router.delete(
    "/entities/{entityId}/attrs/{attrId}", status_code=204, summary="Delete an attribute"
)
async def delete_attr(
    request: Request,
    entityId: str,
    attrId: str,
    datasetId: str | None = None,
    deleteAll: str | None = None,
) -> Response:
    broker_of(request).delete_attr(
        entityId,
        attrId,
        dataset_id=datasetId,
        delete_all=flag_param(request, "deleteAll"),
        context=context_of(request),
    )
    return no_content()


# --- batch operations -------------------------------------------------------------


def batch(
    operation: Any, body: Any, refused: list[tuple[str, NgsiLdError]], **options: Any
) -> BatchResult:
    """Run a batch operation on the entities that were not refused already, and add
    those to its errors."""
    result = operation(body, **options) if body or not refused else BatchResult()
    for entity_id, error in refused:
        result.fail(entity_id, error)
    return result


batch_body = body_schema({"type": "array", "items": ENTITY})


@router.post("/entityOperations/create", openapi_extra=batch_body, summary="Batch create")
async def batch_create(request: Request) -> Response:
    body, link, refused = await read_batch(request)
    result = batch(broker_of(request).batch_create, body, refused, context=link)
    if result.errors:
        return json_response(result.body(), 207)
    return json_response(result.success, 201)


@router.post("/entityOperations/upsert", openapi_extra=batch_body, summary="Batch upsert")
async def batch_upsert(request: Request, options: str | None = None) -> Response:
    body, link, refused = await read_batch(request)
    chosen = options_of(request)
    if chosen - {"replace", "update"}:
        raise BadRequestData("options: replace or update expected for an upsert")
    result = batch(
        broker_of(request).batch_upsert, body, refused, update="update" in chosen, context=link
    )
    if result.errors:
        return json_response(result.body(), 207)
    if result.created:
        return json_response(result.created, 201)
    return no_content()


@router.post("/entityOperations/update", openapi_extra=batch_body, summary="Batch update")
async def batch_update(request: Request, options: str | None = None) -> Response:
    body, link, refused = await read_batch(request)
    result = batch(
        broker_of(request).batch_update,
        body,
        refused,
        no_overwrite="noOverwrite" in options_of(request),
        context=link,
    )
    return json_response(result.body(), 207) if result.errors else no_content()


@router.post("/entityOperations/merge", openapi_extra=batch_body, summary="Batch merge")
async def batch_merge(request: Request) -> Response:
    body, link, refused = await read_batch(request)
    result = batch(broker_of(request).batch_merge, body, refused, context=link)
    return json_response(result.body(), 207) if result.errors else no_content()


@router.post(
    "/entityOperations/delete",
    openapi_extra=body_schema({"type": "array", "items": {"type": "string"}}),
    summary="Batch delete",
)
async def batch_delete(request: Request) -> Response:
    body, _link = await read_body(request)
    result = broker_of(request).batch_delete(body)
    return json_response(result.body(), 207) if result.errors else no_content()


@router.post(
    "/entityOperations/query",
    openapi_extra=body_schema({"type": "object"}),
    summary="Query entities (POST)",
)
async def post_query(request: Request) -> Response:
    body, link = await read_body(request)
    media = choose_media(request, geo=True)
    ctx = broker_of(request).context(
        body.get("@context") if isinstance(body, dict) and "@context" in body else link
    )
    params = query_body(body)
    page = broker_of(request).query(
        **params,
        local=flag_param(request, "local") or body.get("local") is True,
        limit=int_param(request, "limit", 20),
        offset=int_param(request, "offset", 0),
        count=flag_param(request, "count"),
        format=format_of(request),
        context=ctx,
    )
    headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
    if media == GEO_JSON:
        data = to_feature_collection(
            page.entities, geoproperty=params.get("geoproperty") or "location"
        )
        return respond(data, ctx, media, headers=headers)
    return respond(page.entities, ctx, media, headers=headers)
