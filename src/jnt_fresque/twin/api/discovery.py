"""Routes for discovery: ``/types`` and ``/attributes``."""

from __future__ import annotations

# FastAPI resolves the routes' annotations from these module globals.
from fastapi import APIRouter, Request
from starlette.responses import Response

from jnt_fresque.twin.api.protocol import (
    broker_of,
    choose_media,
    context_of,
    flag_param,
    respond,
)

router = APIRouter()


@router.get("/types", summary="Entity types")
async def types(request: Request, details: str | None = None) -> Response:
    ctx = context_of(request)
    return respond(
        broker_of(request).types(details=flag_param(request, "details"), context=ctx),
        ctx,
        choose_media(request),
    )


@router.get("/types/{type:path}", summary="One entity type")  # a type may be an IRI
async def type_info(request: Request, type: str) -> Response:
    if not type:  # /types/ is the list
        return await types(request)
    ctx = context_of(request)
    return respond(broker_of(request).type_info(type, context=ctx), ctx, choose_media(request))


@router.get("/attributes", summary="Attributes")
async def attributes(request: Request, details: str | None = None) -> Response:
    ctx = context_of(request)
    return respond(
        broker_of(request).attributes(details=flag_param(request, "details"), context=ctx),
        ctx,
        choose_media(request),
    )


@router.get("/attributes/{attrId:path}", summary="One attribute")  # a name may be an IRI
async def attribute_info(request: Request, attrId: str) -> Response:
    if not attrId:  # /attributes/ is the list
        return await attributes(request)
    ctx = context_of(request)
    return respond(
        broker_of(request).attribute_info(attrId, context=ctx), ctx, choose_media(request)
    )
