"""Which entities a query selects: ids, types, ``idPattern``, ``attrs``, ``q``, geo-queries.

Shared by the entity queries and the temporal queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from jnt_fresque.twin.broker.core import attr_set, split_names
from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import BadRequestData
from jnt_fresque.twin.ngsild import GEOPROPERTY, check_name, check_uri


def selector(
    ctx: Context,
    *,
    id: str | Sequence[str] | None,
    type: str | None,
    id_pattern: str | None,
    attrs: str | Sequence[str] | None,
    q: str | None,
    georel: str | None,
    geometry: str | None,
    coordinates: Any,
    geoproperty: str | None,
    require_filter: bool,
    source: str = "entities",
) -> Any:
    from jnt_fresque.twin.query import compile_query, parse

    ids = set(split_names(id)) if id else None
    if ids:
        for one in ids:
            check_uri(one, "id")
    types = None
    if type:
        types = {ctx.expand(check_name(t, "type")) for t in re.split(r"[,|]", type) if t}
    pattern = None
    if id_pattern:
        try:
            pattern = re.compile(id_pattern)
        except re.error as exc:
            raise BadRequestData(f"idPattern: invalid regular expression ({exc})") from None
    wanted = attr_set(attrs, ctx)
    test = compile_query(parse(q), ctx.expand) if q is not None else None
    geo_test = None
    if georel or geometry or coordinates:
        from jnt_fresque.twin.geo import GeoQuery

        geo_query = GeoQuery.parse(georel, geometry, coordinates, geoproperty)
        geo_iri = ctx.expand(check_name(geo_query.geoproperty, "geoproperty"))
        geo_test = (geo_query, geo_iri)
    if require_filter and not (types or wanted or test or geo_test):
        raise BadRequestData(
            "give at least one of type, attrs, q or a geo-query, or local=true "
            "(e.g. ?type=Junction)"
        )

    def select(entities: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for stored in entities:
            if ids is not None and stored["id"] not in ids:
                continue
            if types is not None and types.isdisjoint(stored["type"]):
                continue
            if pattern is not None and not pattern.search(stored["id"]):
                continue
            if wanted is not None and wanted.isdisjoint(stored["attrs"]):
                continue
            if test is not None and not test(stored):
                continue
            if geo_test is not None and not _geo_match(stored, *geo_test):
                continue
            yield stored

    return select


def _geo_match(stored: dict[str, Any], query: Any, iri: str) -> bool:
    attr = stored["attrs"].get(iri)
    if attr is None:
        return False
    first = attr[0] if isinstance(attr, list) else attr
    if not isinstance(first, dict) or first.get("type") != GEOPROPERTY:
        return False
    return bool(query.matches(first["value"]))
