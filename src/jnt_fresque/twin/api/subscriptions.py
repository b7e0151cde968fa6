"""Routes for subscriptions: ``/subscriptions`` (create, query) and ``/subscriptions/{id}``.

Clause 5.8 of ETSI GS CIM 009 over HTTP (clause 6.10, 6.11): 201 with a
``Location`` on creation, 204 on update and deletion, pages of the list with
``limit``/``offset`` (``Link`` headers to the previous and next pages) and
``count=true`` (``NGSILD-Results-Count``). The same collection answers with and
without a trailing slash, as clients write both.
"""

from __future__ import annotations

from urllib.parse import urlencode

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
    read_body,
    respond,
)
from jnt_fresque.twin.api.schemas import body_schema

router = APIRouter()

SUBSCRIPTION = {
    "type": "object",
    "required": ["type", "notification"],
    "properties": {
        "id": {"type": "string", "format": "uri", "example": "urn:ngsi-ld:Subscription:S1"},
        "type": {"type": "string", "enum": ["Subscription"]},
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "id": {"type": "string", "format": "uri"},
                    "idPattern": {"type": "string"},
                    "type": {"type": "string", "example": "Junction"},
                },
            },
        },
        "watchedAttributes": {"type": "array", "items": {"type": "string"}},
        "q": {"type": "string", "example": "pressure<2"},
        "throttling": {"type": "number", "exclusiveMinimum": 0},
        "timeInterval": {"type": "number", "exclusiveMinimum": 0},
        "isActive": {"type": "boolean"},
        "expiresAt": {"type": "string", "format": "date-time"},
        "notification": {
            "type": "object",
            "required": ["endpoint"],
            "properties": {
                "attributes": {"type": "array", "items": {"type": "string"}},
                "format": {"type": "string", "enum": ["normalized", "keyValues", "concise"]},
                "endpoint": {
                    "type": "object",
                    "required": ["uri"],
                    "properties": {
                        "uri": {"type": "string", "example": "http://127.0.0.1:8000/notify"},
                        "accept": {"type": "string", "enum": ["application/json"]},
                    },
                },
            },
        },
    },
}
COLLECTION = "/subscriptions"


@router.post(COLLECTION, status_code=201, openapi_extra=body_schema(SUBSCRIPTION),
             summary="Create a subscription")  # fmt: skip
@router.post(COLLECTION + "/", status_code=201, include_in_schema=False)
async def create_subscription(request: Request) -> Response:
    body, link = await read_body(request)
    subscription_id = broker_of(request).create_subscription(body, context=link)
    return empty(201, {"Location": location(f"{BASE}{COLLECTION}/", subscription_id)})


@router.get(COLLECTION, summary="Query subscriptions")
@router.get(COLLECTION + "/", include_in_schema=False)
async def query_subscriptions(
    request: Request,
    limit: str | None = None,
    offset: str | None = None,
    count: str | None = None,
) -> Response:
    media = choose_media(request)
    ctx = context_of(request)
    broker = broker_of(request)
    first, size = int_param(request, "offset", 0), int_param(request, "limit", 20)
    page = broker.query_subscriptions(
        limit=size, offset=first, count=flag_param(request, "count"), context=ctx
    )
    headers = {} if page.count is None else {"NGSILD-Results-Count": str(page.count)}
    response = respond(page.entities, ctx, media, headers=headers)
    links = _pages(first, size, broker.count_subscriptions(), media)
    if links:
        found = response.headers.get("Link")
        response.headers["Link"] = ", ".join([found, *links] if found else links)
    return response


def _pages(offset: int, limit: int, total: int, media: str) -> list[str]:
    """``Link`` values to the previous and next pages (clause 6.3.13)."""
    out = []
    if offset > 0 and limit > 0:
        query = urlencode({"limit": limit, "offset": max(0, offset - limit)})
        out.append(f'<{BASE}{COLLECTION}?{query}>; rel="prev"; type="{media}"')
    if limit > 0 and offset + limit < total:
        query = urlencode({"limit": limit, "offset": offset + limit})
        out.append(f'<{BASE}{COLLECTION}?{query}>; rel="next"; type="{media}"')
    return out


@router.get(COLLECTION + "/{subscriptionId}", summary="Retrieve a subscription")
async def retrieve_subscription(request: Request, subscriptionId: str) -> Response:
    media = choose_media(request)
    ctx = context_of(request)
    doc = broker_of(request).retrieve_subscription(subscriptionId, context=ctx)
    return respond(doc, ctx, media)


@router.patch(
    COLLECTION + "/{subscriptionId}",
    status_code=204,
    openapi_extra=body_schema({"type": "object"}),
    summary="Update a subscription",
)
async def update_subscription(request: Request, subscriptionId: str) -> Response:
    body, link = await read_body(request)
    broker_of(request).update_subscription(subscriptionId, body, context=link)
    return no_content()


@router.delete(COLLECTION + "/{subscriptionId}", status_code=204, summary="Delete a subscription")
async def delete_subscription(request: Request, subscriptionId: str) -> Response:
    broker_of(request).delete_subscription(subscriptionId)
    return no_content()
