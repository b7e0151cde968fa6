"""An NGSI-LD client (httpx) for the embedded broker served over HTTP and for real ones.

The same calls work against ``jnt-fresque twin serve`` and against Orion-LD,
Stellio or Scorpio: give the broker's URL. Entities go out as
``application/json`` with the @context in a ``Link`` header (one context URL,
as NGSI-LD wants), and ProblemDetails answers come back as the same
`NgsiLdError` exceptions the embedded broker raises. Method names and
parameters follow `jnt_fresque.twin.broker.Broker`, so publishers take either.

Examples
--------
>>> from jnt_fresque.twin.api import running
>>> with running() as url, Client(url) as client:
...     client.create_entity({"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.2})
...     client.retrieve_entity("urn:ngsi-ld:Tank:T1", format="keyValues")["level"]
'urn:ngsi-ld:Tank:T1'
3.2
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import quote

from jnt_fresque.twin.broker import BatchResult, Page, UpdateResult
from jnt_fresque.twin.errors import from_problem
from jnt_fresque.twin.ngsild import format_time, parse_time

BASE = "/ngsi-ld/v1"
CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"


def broker_root(url: str) -> str:
    """The root URL of a broker given its root or its API base (``…/ngsi-ld/v1``).

    Examples
    --------
    >>> broker_root("http://localhost:1026/ngsi-ld/v1/"), broker_root("http://localhost:1026")
    ('http://localhost:1026', 'http://localhost:1026')
    """
    root = url.strip().rstrip("/")
    return root[: -len(BASE)] if root.endswith(BASE) else root


class Client:
    """A connection to an NGSI-LD broker at ``url`` (e.g. ``http://localhost:1026``).

    Parameters
    ----------
    url
        The broker's root URL (``http://host:1026``) or its API base
        (``http://host:1026/ngsi-ld/v1``, as most documentation writes it): both work.
    context
        The @context URL sent with every request (default: the core context only).
    tenant
        An NGSI-LD tenant (``NGSILD-Tenant`` header), for brokers that have them.
    timeout
        Seconds allowed for each request.
    """

    def __init__(
        self,
        url: str = "http://localhost:1026",
        *,
        context: str | None = None,
        tenant: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        import httpx

        self.url = broker_root(url)
        self.context = context
        headers = {"Accept": "application/json"}
        if tenant:
            headers["NGSILD-Tenant"] = tenant
        self.http = httpx.Client(base_url=self.url + BASE, headers=headers, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing -----------------------------------------------------------------

    def _headers(self, context: str | None, *, body: bool = False) -> dict[str, str]:
        headers = {"Content-Type": "application/json"} if body else {}
        ctx = context or self.context
        if ctx:
            headers["Link"] = f'<{ctx}>; rel="{CONTEXT_REL}"; type="application/ld+json"'
        return headers

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        context: str | None = None,
        accept: str | None = None,
    ) -> Any:
        headers = self._headers(context, body=body is not None)
        if body is not None and _has_context(body):
            headers["Content-Type"] = "application/ld+json"
            headers.pop("Link", None)
        if accept:
            headers["Accept"] = accept
        content = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        clean = {k: v for k, v in (params or {}).items() if v is not None}
        response = self.http.request(method, path, content=content, params=clean, headers=headers)
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"detail": response.text[:300]}
            raise from_problem(problem, response.status_code)
        return response

    # --- entities -------------------------------------------------------------------

    def create_entity(self, doc: dict[str, Any], *, context: str | None = None) -> str:
        """Create an entity; return its id."""
        self._send("POST", "/entities", body=doc, context=context)
        return str(doc["id"])

    def retrieve_entity(
        self,
        entity_id: str,
        *,
        attrs: str | Sequence[str] | None = None,
        format: str = "normalized",
        sys_attrs: bool = False,
        context: str | None = None,
    ) -> dict[str, Any]:
        params = {"attrs": _join(attrs), "options": _options(format, sys_attrs)}
        response = self._send(
            "GET", f"/entities/{_segment(entity_id)}", params=params, context=context
        )
        return dict(response.json())

    def query(
        self,
        *,
        id: str | Sequence[str] | None = None,
        type: str | None = None,
        id_pattern: str | None = None,
        attrs: str | Sequence[str] | None = None,
        q: str | None = None,
        georel: str | None = None,
        geometry: str | None = None,
        coordinates: Any = None,
        geoproperty: str | None = None,
        limit: int = 20,
        offset: int = 0,
        count: bool = False,
        format: str = "normalized",
        sys_attrs: bool = False,
        context: str | None = None,
    ) -> Page:
        """One page of a query, with the total count when ``count``."""
        params = {
            "id": _join(id),
            "type": type,
            "idPattern": id_pattern,
            "attrs": _join(attrs),
            "q": q,
            "georel": georel,
            "geometry": geometry,
            "coordinates": coordinates
            if coordinates is None or isinstance(coordinates, str)
            else json.dumps(coordinates),
            "geoproperty": geoproperty,
            "limit": limit,
            "offset": offset,
            "count": "true" if count else None,
            "options": _options(format, sys_attrs),
        }
        response = self._send("GET", "/entities", params=params, context=context)
        total = response.headers.get("NGSILD-Results-Count")
        return Page(list(response.json()), int(total) if total is not None else None)

    def query_entities(self, **params: Any) -> list[dict[str, Any]]:
        """The entities of one page of `query`."""
        return self.query(**params).entities

    def iter_entities(self, *, page_size: int = 100, **params: Any) -> Iterator[dict[str, Any]]:
        """Every entity a query matches, page after page."""
        offset = 0
        while True:
            page = self.query(limit=page_size, offset=offset, **params).entities
            yield from page
            if len(page) < page_size:
                return
            offset += page_size

    def geojson(self, *, geoproperty: str = "location", **params: Any) -> dict[str, Any]:
        """A query's result as GeoJSON (``Accept: application/geo+json``)."""
        query = {
            "type": params.get("type"),
            "q": params.get("q"),
            "attrs": _join(params.get("attrs")),
            "limit": params.get("limit", 1000),
            "geoproperty": geoproperty,
        }
        response = self._send(
            "GET",
            "/entities",
            params=query,
            context=params.get("context"),
            accept="application/geo+json",
        )
        return dict(response.json())

    def replace_entity(
        self, entity_id: str, doc: dict[str, Any], *, context: str | None = None
    ) -> None:
        self._send("PUT", f"/entities/{_segment(entity_id)}", body=doc, context=context)

    def append_attrs(
        self,
        entity_id: str,
        fragment: dict[str, Any],
        *,
        no_overwrite: bool = False,
        context: str | None = None,
    ) -> UpdateResult:
        response = self._send(
            "POST",
            f"/entities/{_segment(entity_id)}/attrs",
            body=fragment,
            params={"options": "noOverwrite" if no_overwrite else None},
            context=context,
        )
        return _update_result(response)

    def update_attrs(
        self, entity_id: str, fragment: dict[str, Any], *, context: str | None = None
    ) -> UpdateResult:
        response = self._send(
            "PATCH", f"/entities/{_segment(entity_id)}/attrs", body=fragment, context=context
        )
        return _update_result(response)

    def update_attr(
        self,
        entity_id: str,
        attr_name: str,
        fragment: dict[str, Any],
        *,
        replace: bool = False,
        context: str | None = None,
    ) -> None:
        method = "PUT" if replace else "PATCH"
        self._send(
            method,
            f"/entities/{_segment(entity_id)}/attrs/{_segment(attr_name)}",
            body=fragment,
            context=context,
        )

    def delete_attr(
        self,
        entity_id: str,
        attr_name: str,
        *,
        dataset_id: str | None = None,
        delete_all: bool = False,
        context: str | None = None,
    ) -> None:
        params = {"datasetId": dataset_id, "deleteAll": "true" if delete_all else None}
        self._send(
            "DELETE",
            f"/entities/{_segment(entity_id)}/attrs/{_segment(attr_name)}",
            params=params,
            context=context,
        )

    def delete_entity(self, entity_id: str) -> None:
        self._send("DELETE", f"/entities/{_segment(entity_id)}")

    # --- batch ------------------------------------------------------------------------

    def batch_create(
        self, entities: list[dict[str, Any]], *, context: str | None = None
    ) -> BatchResult:
        response = self._send("POST", "/entityOperations/create", body=entities, context=context)
        return _batch_result(response)

    def batch_upsert(
        self,
        entities: list[dict[str, Any]],
        *,
        update: bool = False,
        context: str | None = None,
        chunk: int = 1000,
    ) -> BatchResult:
        """Upsert entities, ``chunk`` per request; the results are merged."""
        total = BatchResult()
        for start in range(0, len(entities), chunk):
            response = self._send(
                "POST",
                "/entityOperations/upsert",
                body=entities[start : start + chunk],
                params={"options": "update" if update else None},
                context=context,
            )
            part = _batch_result(
                response, ids=[e.get("id") for e in entities[start : start + chunk]]
            )
            total.success += part.success
            total.errors += part.errors
            total.created += part.created
        return total

    def batch_update(
        self,
        entities: list[dict[str, Any]],
        *,
        no_overwrite: bool = False,
        context: str | None = None,
    ) -> BatchResult:
        response = self._send(
            "POST",
            "/entityOperations/update",
            body=entities,
            params={"options": "noOverwrite" if no_overwrite else None},
            context=context,
        )
        return _batch_result(response, ids=[e.get("id") for e in entities])

    def batch_delete(self, ids: list[str]) -> BatchResult:
        response = self._send("POST", "/entityOperations/delete", body=ids)
        return _batch_result(response, ids=ids)

    # --- types and attributes ------------------------------------------------------------

    def types(self, *, details: bool = False, context: str | None = None) -> Any:
        params = {"details": "true" if details else None}
        return self._send("GET", "/types", params=params, context=context).json()

    def type_info(self, type_name: str, *, context: str | None = None) -> Any:
        return self._send("GET", f"/types/{_segment(type_name)}", context=context).json()

    def attributes(self, *, details: bool = False, context: str | None = None) -> Any:
        params = {"details": "true" if details else None}
        return self._send("GET", "/attributes", params=params, context=context).json()

    # --- temporal -----------------------------------------------------------------------

    def temporal_upsert(self, doc: dict[str, Any], *, context: str | None = None) -> bool:
        """Add instances of a temporal entity; True if it was new."""
        response = self._send("POST", "/temporal/entities", body=doc, context=context)
        return bool(response.status_code == 201)

    def temporal_entity(
        self,
        entity_id: str,
        *,
        attrs: str | Sequence[str] | None = None,
        context: str | None = None,
        **temporal: Any,
    ) -> dict[str, Any]:
        """The history of one entity; temporal keywords as `Broker.temporal_entity`."""
        params = {"attrs": _join(attrs), **_temporal_params(**temporal)}
        pages = self._pages(f"/temporal/entities/{_segment(entity_id)}", params, context)
        merged = _merge_histories([[page] for page in pages], params.get("lastN"))
        return merged[0] if merged else {}

    def temporal_query(
        self,
        *,
        type: str | None = None,
        id: str | Sequence[str] | None = None,
        attrs: str | Sequence[str] | None = None,
        q: str | None = None,
        limit: int = 20,
        offset: int = 0,
        context: str | None = None,
        **temporal: Any,
    ) -> list[dict[str, Any]]:
        params = {
            "type": type,
            "id": _join(id),
            "attrs": _join(attrs),
            "q": q,
            "limit": limit,
            "offset": offset,
            **_temporal_params(**temporal),
        }
        pages = self._pages("/temporal/entities", params, context)
        return _merge_histories(pages, params.get("lastN"))

    def temporal_delete(self, entity_id: str) -> None:
        self._send("DELETE", f"/temporal/entities/{_segment(entity_id)}")

    def _pages(self, path: str, params: dict[str, Any], context: str | None) -> list[Any]:
        """Every page of a temporal answer (206 Partial Content with a ``Content-Range``
        says there is more, clause 6.3.10), following the time range page by page."""
        pages = []
        params = dict(params)
        for _ in range(10_000):
            response = self._send("GET", path, params=params, context=context)
            pages.append(response.json())
            following = _next_page(response, params)
            if following is None or not _instants(response.json()):
                return pages
            params = following
        raise RuntimeError(f"{path}: the broker kept answering 206 Partial Content")


_RANGE = re.compile(r"^date-time\s+(\d{4}-\d\d-\d\dT.+?)-(\d{4}-\d\d-\d\dT.+)/(\S+)$")


def _next_page(response: Any, params: dict[str, Any]) -> dict[str, Any] | None:
    """The parameters of the page after ``response``, or None when it was the last."""
    if response.status_code != 206:
        return None
    match = _RANGE.match(response.headers.get("Content-Range", "").strip())
    if match is None:
        return None
    reached = parse_time(match.group(2), what="Content-Range")
    following = dict(params)
    timerel, at = params.get("timerel"), params.get("timeAt")
    if params.get("lastN") is not None:  # newest first: go on before what was reached
        if timerel == "between":
            following.update(endTimeAt=format_time(reached))
        else:
            following.update(timerel="before", timeAt=format_time(reached), endTimeAt=None)
        return following
    start = format_time(reached + 1)  # oldest first: go on after what was reached
    if timerel == "between":
        following.update(timeAt=start)
    elif timerel == "before":
        following.update(timerel="between", timeAt=start, endTimeAt=at)
    else:
        following.update(timerel="after", timeAt=start)
    return following


def _instants(data: Any) -> bool:
    """Whether a temporal answer holds any instance at all."""
    for doc in data if isinstance(data, list) else [data]:
        for key, value in doc.items() if isinstance(doc, dict) else ():
            if key not in _ENTITY_KEYS and any(_timed(item) for item in _items(value)):
                return True
    return False


_ENTITY_KEYS = ("id", "type", "@context", "scope")


def _items(value: Any) -> list[Any]:
    """The instances of a normalized attribute, or the ``[value, instant]`` pairs of
    each series of a temporalValues one."""
    found: list[Any] = []
    for part in value if isinstance(value, list) else [value]:
        if not isinstance(part, dict):
            continue
        if _timed(part):
            found.append(part)
        else:
            for member, pairs in part.items():
                if member not in ("type", "datasetId") and isinstance(pairs, list):
                    found.extend(pairs)
    return found


def _timed(item: Any) -> bool:
    if isinstance(item, dict):
        return "observedAt" in item or "instanceId" in item
    return isinstance(item, list) and len(item) == 2


def _when(item: Any) -> int:
    stamp = item.get("observedAt") or item.get("modifiedAt") if isinstance(item, dict) else item[1]
    return parse_time(stamp) if isinstance(stamp, str) else 0


def _merge_histories(pages: list[Any], last_n: Any = None) -> list[dict[str, Any]]:
    """The entities of several temporal pages as one answer: instances put together in
    time order (the last ``last_n`` of each attribute, when it is given)."""
    merged: dict[str, dict[str, Any]] = {}
    for page in pages:
        for doc in page:
            found = merged.setdefault(doc["id"], {k: doc[k] for k in doc if k in ("id", "type")})
            for key, value in doc.items():
                if key in ("id", "type"):
                    continue
                found[key] = value if key not in found else _join_attribute(found[key], value)
    if len(pages) > 1:
        keep = int(last_n) if last_n is not None else None
        for doc in merged.values():
            for key, value in doc.items():
                if key not in _ENTITY_KEYS:
                    doc[key] = _in_time_order(value, keep)
    return list(merged.values())


def _join_attribute(old: Any, new: Any) -> Any:
    olds = old if isinstance(old, list) else [old]
    news = new if isinstance(new, list) else [new]
    if all(_timed(i) for i in olds + news):  # normalized: lists of instances
        return olds + news
    by_dataset = {s.get("datasetId"): dict(s) for s in olds if isinstance(s, dict)}
    for series in news:  # temporalValues: series put together by datasetId
        if not isinstance(series, dict):
            continue
        have = by_dataset.setdefault(series.get("datasetId"), {})
        for member, pairs in series.items():
            if isinstance(pairs, list) and isinstance(have.get(member), list):
                have[member] = have[member] + pairs
            else:
                have[member] = pairs
    joined = list(by_dataset.values())
    return joined[0] if len(joined) == 1 and not isinstance(old, list) else joined


def _in_time_order(value: Any, keep: int | None) -> Any:
    def ordered(items: list[Any]) -> list[Any]:
        items = sorted(items, key=_when)
        return items[-keep:] if keep else items

    if isinstance(value, list) and value and all(_timed(i) for i in value):
        return ordered(value)
    for series in value if isinstance(value, list) else [value]:
        if isinstance(series, dict):
            for member, pairs in series.items():
                if member not in ("type", "datasetId") and isinstance(pairs, list):
                    series[member] = ordered(pairs)
    return value


def _segment(value: str) -> str:
    """An id as one segment of a URL path."""
    return quote(value, safe=":@!$&'()*+,;=-._~")


def _has_context(body: Any) -> bool:
    if isinstance(body, dict):
        return "@context" in body
    return isinstance(body, list) and any(isinstance(b, dict) and "@context" in b for b in body)


def _join(value: str | Sequence[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def _options(format: str, sys_attrs: bool) -> str | None:
    chosen = [format] if format in ("keyValues", "concise") else []
    if sys_attrs:
        chosen.append("sysAttrs")
    return ",".join(chosen) or None


def _temporal_params(
    *,
    timerel: str | None = None,
    time_at: str | None = None,
    end_time_at: str | None = None,
    last_n: int | None = None,
    options: str | None = None,
    aggr_methods: str | Sequence[str] | None = None,
    aggr_period: str | None = None,
) -> dict[str, Any]:
    return {
        "timerel": timerel,
        "timeAt": time_at,
        "endTimeAt": end_time_at,
        "lastN": last_n,
        "options": options,
        "aggrMethods": _join(aggr_methods),
        "aggrPeriodDuration": aggr_period,
    }


def _update_result(response: Any) -> UpdateResult:
    if response.status_code == 207:
        body = response.json()
        return UpdateResult(list(body.get("updated", [])), list(body.get("notUpdated", [])))
    return UpdateResult()


def _batch_result(response: Any, ids: Sequence[Any] = ()) -> BatchResult:
    if response.status_code == 201:
        created = [str(i) for i in response.json()]
        return BatchResult(success=[str(i) for i in ids] or created, created=created)
    if response.status_code == 207:
        body = response.json()
        return BatchResult(
            success=list(body.get("success", [])), errors=list(body.get("errors", []))
        )
    return BatchResult(success=[str(i) for i in ids])
