"""Queries over entities: ``q``, geo-queries, ids, types, pagination; GeoJSON out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jnt_fresque.twin.broker.core import (
    DEFAULT_LIMIT,
    BrokerCore,
    Page,
    View,
    attr_set,
    page_window,
)
from jnt_fresque.twin.broker.selection import selector
from jnt_fresque.twin.context import Context, ContextValue
from jnt_fresque.twin.ngsild import to_feature_collection


class QueryOps(BrokerCore):
    """Queries: ``q``, geo-queries, ids, types, pagination; GeoJSON out."""

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
        limit: int = DEFAULT_LIMIT,
        offset: int = 0,
        count: bool = False,
        format: str = "normalized",
        sys_attrs: bool = False,
        lang: str | None = None,
        pick: str | Sequence[str] | None = None,
        omit: str | Sequence[str] | None = None,
        local: bool = False,
        scope_q: str | None = None,
        context: ContextValue | Context | None = None,
        require_filter: bool = True,
    ) -> Page:
        """Query entities: one page of them, and their total number with ``count``.

        Raises
        ------
        BadRequestData
            For a bad parameter, a ``q`` syntax error (with its position), or no filter:
            a query names a type, attributes, a ``q`` or a geo-query, or is ``local``
            (clause 5.7.2; ``require_filter=False`` lifts this in process).
        TooManyResults
            If ``limit`` is above 1000.
        """
        ctx = self.context(context)
        matches = selector(
            ctx,
            id=id,
            type=type,
            id_pattern=id_pattern,
            attrs=attrs,
            q=q,
            georel=georel,
            geometry=geometry,
            coordinates=coordinates,
            geoproperty=geoproperty,
            require_filter=require_filter and not local,
            scope_q=scope_q,
        )
        limit, offset = page_window(limit, offset)
        wanted = attr_set(attrs, ctx)
        view = View.parse(pick, omit, ctx)
        with self.store.lock:
            found = list(matches(self.store.entities.values()))
            chosen = found[offset : offset + limit]
            docs = [
                self._render(
                    s, ctx, attrs=wanted, format=format, sys=sys_attrs, lang=lang, view=view
                )
                for s in chosen
            ]
        return Page(docs, len(found) if count else None)

    def query_entities(self, **params: Any) -> list[dict[str, Any]]:
        """The entities of one page of `query` (same parameters)."""
        return self.query(**params).entities

    def count_entities(self, **params: Any) -> int:
        """How many entities a query matches."""
        page = self.query(**params, limit=0, count=True)
        return page.count or 0

    def geojson(
        self,
        *,
        geoproperty: str = "location",
        attribution: str | None = None,
        **params: Any,
    ) -> dict[str, Any]:
        """A query's result as a GeoJSON FeatureCollection."""
        page = self.query(geoproperty=geoproperty if params.get("georel") else None, **params)
        return to_feature_collection(
            page.entities, geoproperty=geoproperty, attribution=attribution
        )
