"""NGSI-LD over HTTP: reading requests and writing responses.

The body (size, media type, JSON, @context from the body or the ``Link``
header), the response media type from ``Accept`` (``application/json`` with a
``Link`` header, ``application/ld+json`` with ``@context`` in the body,
``application/geo+json``), query parameters, and ProblemDetails for errors.
The routes (`entities`, `discovery`, `temporal`) are built from these.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.responses import Response

from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import (
    BadRequestData,
    InvalidRequest,
    NgsiLdError,
    NotAcceptable,
    PayloadTooLarge,
    UnsupportedMediaType,
)

if TYPE_CHECKING:
    from jnt_fresque.twin.broker import Broker

BASE = "/ngsi-ld/v1"
JSON = "application/json"
JSON_LD = "application/ld+json"
GEO_JSON = "application/geo+json"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"
MAX_BODY = 8 * 1024 * 1024
# Attribute instances of one entity in one temporal answer: as many as the default page
# of an entity query holds (20); longer histories come in pages (clause 6.3.10).
TEMPORAL_PAGE = 20
_LINK = re.compile(r'^\s*<([^>]*)>\s*((?:;\s*[A-Za-z]+\s*=\s*"?[^";,]*"?\s*)*)$')


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


async def read_body(
    request: Any, *, max_bytes: int | None = None, check_items: bool = True
) -> tuple[Any, Any]:
    """The JSON body of a request and the @context that goes with it.

    Raises
    ------
    UnsupportedMediaType, PayloadTooLarge, InvalidRequest, BadRequestData
        As NGSI-LD asks: 415, 413, 400 for malformed JSON, 400 for a misplaced @context.
    """
    if max_bytes is None:
        max_bytes = int(getattr(request.app.state, "max_body", MAX_BODY))
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
    if media == JSON_LD and link is not None:
        raise BadRequestData(f"with {JSON_LD} the @context goes in the body, not in a Link")
    for item in (body if isinstance(body, list) else [body]) if check_items else []:
        error = misplaced_context(item, media)
        if error is not None:
            raise error
    return body, (None if media == JSON_LD else link)


async def read_batch(request: Any) -> tuple[Any, Any, list[tuple[str, NgsiLdError]]]:
    """The body of a batch operation, its @context, and the entities refused already.

    An entity whose @context is misplaced for the media type (clause 6.3.5) fails on
    its own, as any entity of a batch does, instead of failing the whole batch.
    """
    body, link = await read_body(request, check_items=False)
    request_media = _media(request.headers.get("content-type"))
    if not isinstance(body, list):
        error = misplaced_context(body, request_media)
        if error is not None:
            raise error
        return body, link, []
    kept: list[Any] = []
    refused: list[tuple[str, NgsiLdError]] = []
    for item in body:
        error = misplaced_context(item, request_media)
        if error is None:
            kept.append(item)
        else:
            refused.append((str(item.get("id", "")) if isinstance(item, dict) else "", error))
    return kept, link, refused


def misplaced_context(item: Any, media: str) -> BadRequestData | None:
    """The error of an entity whose @context does not go with the media type, if any."""
    if not isinstance(item, dict):
        return None
    if media == JSON_LD and "@context" not in item:
        return BadRequestData(f"{JSON_LD} bodies must carry an @context member")
    if media != JSON_LD and "@context" in item:
        return BadRequestData(
            f"with {JSON} the @context goes in a Link header; send {JSON_LD} to put it in the body"
        )
    return None


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


def options_of(request: Any) -> set[str]:
    values = request.query_params.getlist("options")
    return {o.strip() for v in values for o in v.split(",") if o.strip()}


def format_of(request: Any) -> str:
    chosen = options_of(request)
    fmt = request.query_params.get("format")
    if fmt in ("keyValues", "simplified") or chosen & {"keyValues", "simplified"}:
        return "keyValues"
    if fmt == "concise" or "concise" in chosen:
        return "concise"
    return "normalized"


def flag_param(request: Any, name: str) -> bool:
    value = request.query_params.get(name)
    if value is None:
        return False
    if value not in ("true", "false"):
        raise BadRequestData(f"{name}: true or false expected, got {value!r}")
    return bool(value == "true")


def int_param(request: Any, name: str, default: int) -> int:
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
    elif media == GEO_JSON:
        if isinstance(data, dict):  # GeoJSON-LD: the @context goes with the Feature(s)
            data = {**data, "@context": ctx.body_value}
    else:
        url = ctx.url
        if url is not None:
            out_headers["Link"] = f'<{url}>; rel="{CONTEXT_REL}"; type="{JSON_LD}"'
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(content, status_code=status, media_type=media, headers=out_headers)


def location(prefix: str, resource_id: str) -> str:
    """A ``Location`` header value: the id percent-encoded, as a header holds ASCII only.

    Examples
    --------
    >>> location("/ngsi-ld/v1/entities/", "urn:ngsi-ld:Ciudad:París")
    '/ngsi-ld/v1/entities/urn:ngsi-ld:Ciudad:Par%C3%ADs'
    """
    return prefix + quote(resource_id, safe=":/@!$&'()*+,;=-._~")


def problem_response(error: NgsiLdError) -> Response:
    content = json.dumps(error.problem(), ensure_ascii=False).encode()
    return Response(content, status_code=error.status, media_type=JSON)


def no_content(headers: dict[str, str] | None = None) -> Response:
    return Response(status_code=204, headers=headers)


def empty(status: int, headers: dict[str, str]) -> Response:
    return Response(status_code=status, headers=headers)


def json_response(data: Any, status: int) -> Response:
    content = json.dumps(data, ensure_ascii=False).encode()
    return Response(content, status_code=status, media_type=JSON)


def partial(not_updated: list[Any], body: dict[str, Any]) -> Response:
    return json_response(body, 207) if not_updated else no_content()


def query_body(body: Any) -> dict[str, Any]:
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
    for member, param in (("q", "q"), ("scopeQ", "scope_q")):
        if member in body:
            if not isinstance(body[member], str):
                raise BadRequestData(f"{member} must be a string")
            params[param] = body[member]
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


def broker_of(request: Any) -> Broker:
    """The broker that the application of ``request`` serves."""
    broker: Broker = request.app.state.broker
    return broker


def context_of(request: Any) -> Context:
    """The @context of a request without a body (from its ``Link`` header, else the core one)."""
    return broker_of(request).context(link_context(request))
