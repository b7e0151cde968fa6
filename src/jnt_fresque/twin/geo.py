"""Geometry for the broker: GeoJSON checks and NGSI-LD geo-queries.

A geo-query is ``georel`` (``near;maxDistance==500``, ``within``, ``contains``,
``intersects``, ``equals``, ``disjoint``, ``overlaps``), a reference ``geometry``
and its ``coordinates`` (a JSON array, longitude first). Distances are in metres,
measured in a local plane centred on the reference geometry: exact enough at the
scale of a city, which is the scale of the kit's twins.

Examples
--------
>>> query = GeoQuery.parse("near;maxDistance==100", "Point", "[4.8320, 45.7676]")
>>> query.matches({"type": "Point", "coordinates": [4.8325, 45.7678]})
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from jnt_fresque.twin.errors import BadRequestData

EARTH_RADIUS = 6_371_008.8  # mean radius, metres
GEORELS = ("near", "within", "contains", "intersects", "equals", "disjoint", "overlaps")
_MAX_POSITIONS = 200_000
# How deep positions sit in each geometry's coordinates.
_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def check_geometry(value: Any, *, what: str = "geometry") -> dict[str, Any]:
    """``value`` if it is a valid GeoJSON geometry (RFC 7946), else BadRequestData."""
    from jnt_fresque.twin.ngsild import GEOMETRY_TYPES

    if not isinstance(value, dict):
        raise BadRequestData(f"{what}: a GeoJSON geometry object is expected")
    kind = value.get("type")
    if not isinstance(kind, str) or kind not in GEOMETRY_TYPES:
        raise BadRequestData(
            f"{what}: GeoJSON type {kind!r} is not one of {', '.join(sorted(GEOMETRY_TYPES))}"
        )
    depth = _DEPTH[kind]
    count = _check_positions(value.get("coordinates"), depth, what, kind)
    if count > _MAX_POSITIONS:
        raise BadRequestData(f"{what}: more than {_MAX_POSITIONS} positions")
    _check_shape(value, kind, what)
    return value


def _check_positions(coords: Any, depth: int, what: str, kind: str) -> int:
    if depth == 0:
        if (
            not isinstance(coords, list)
            or not 2 <= len(coords) <= 3
            or not all(
                isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
                for c in coords
            )
        ):
            raise BadRequestData(f"{what}: invalid {kind} coordinates (a [lon, lat] position)")
        lon, lat = coords[0], coords[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BadRequestData(f"{what}: position {coords} is not a WGS84 [lon, lat]")
        return 1
    if not isinstance(coords, list):
        raise BadRequestData(f"{what}: invalid {kind} coordinates (nested arrays expected)")
    return sum(_check_positions(c, depth - 1, what, kind) for c in coords)


def _check_shape(value: dict[str, Any], kind: str, what: str) -> None:
    coords = value["coordinates"]
    if kind == "LineString" and len(coords) < 2:
        raise BadRequestData(f"{what}: a LineString needs at least two positions")
    if kind == "MultiPoint" and not coords:
        raise BadRequestData(f"{what}: a MultiPoint needs at least one position")
    rings: list[Any] = []
    if kind == "Polygon":
        rings = coords
        if not rings:
            raise BadRequestData(f"{what}: a Polygon needs an outer ring")
    elif kind == "MultiPolygon":
        rings = [ring for polygon in coords for ring in polygon]
        if not coords or any(not polygon for polygon in coords):
            raise BadRequestData(f"{what}: each polygon needs an outer ring")
    elif kind == "MultiLineString" and any(len(line) < 2 for line in coords):
        raise BadRequestData(f"{what}: each line needs at least two positions")
    for ring in rings:
        if len(ring) < 4 or ring[0][:2] != ring[-1][:2]:
            raise BadRequestData(f"{what}: a polygon ring needs 4 positions or more, closed")


def shape(geometry: dict[str, Any]) -> Any:
    """The shapely geometry of a (checked) GeoJSON geometry."""
    from shapely.geometry import shape as to_shape  # type: ignore[import-untyped]

    return to_shape(geometry)


@dataclass
class GeoQuery:
    """A parsed NGSI-LD geo-query, ready to test entity geometries."""

    georel: str
    geometry: dict[str, Any]
    max_distance: float | None = None
    min_distance: float | None = None
    geoproperty: str = "location"
    _reference: Any = field(default=None, repr=False)
    _origin: tuple[float, float] = (0.0, 0.0)

    @classmethod
    def parse(
        cls,
        georel: str | None,
        geometry: str | None,
        coordinates: Any,
        geoproperty: str | None = None,
    ) -> GeoQuery:
        """Check the query parameters (BadRequestData says which one is wrong)."""
        if not georel or not geometry or coordinates in (None, ""):
            raise BadRequestData(
                "a geo-query needs georel, geometry and coordinates together "
                "(e.g. georel=near;maxDistance==500&geometry=Point&coordinates=[4.83,45.76])"
            )
        parts = georel.split(";")
        rel = parts[0]
        if rel not in GEORELS:
            raise BadRequestData(f"georel: {rel!r} is not one of {', '.join(GEORELS)}")
        max_d = min_d = None
        for part in parts[1:]:
            key, sep, number = part.partition("==")
            try:
                distance = float(number)
            except ValueError:
                distance = -1.0
            if not sep or key not in ("maxDistance", "minDistance") or not distance >= 0:
                raise BadRequestData(
                    f"georel: {part!r} should be maxDistance==N or minDistance==N (metres)"
                )
            if rel != "near":
                raise BadRequestData(f"georel: {key} only goes with near")
            if key == "maxDistance":
                max_d = distance
            else:
                min_d = distance
        if rel == "near" and max_d is None and min_d is None:
            raise BadRequestData("georel: near needs maxDistance==N or minDistance==N")
        if isinstance(coordinates, str):
            try:
                coords = json.loads(coordinates)
            except ValueError:
                raise BadRequestData(
                    f"coordinates: {coordinates[:80]!r} is not a JSON array"
                ) from None
        else:
            coords = coordinates
        reference = check_geometry(
            {"type": geometry, "coordinates": coords}, what="geo-query geometry"
        )
        query = cls(rel, reference, max_d, min_d, geoproperty or "location")
        query._prepare()
        return query

    def _prepare(self) -> None:
        from shapely import prepare  # type: ignore[import-untyped]

        ref = shape(self.geometry)
        centre = ref.centroid if not ref.is_empty else ref
        self._origin = (centre.x, centre.y)
        if self.georel == "near":
            ref = self._planar(ref)
        prepare(ref)
        self._reference = ref

    def _planar(self, geom: Any) -> Any:
        """The geometry in metres, in a plane tangent at the reference's centre."""
        from shapely import transform

        lon0, lat0 = self._origin
        kx = math.radians(1) * EARTH_RADIUS * math.cos(math.radians(lat0))
        ky = math.radians(1) * EARTH_RADIUS

        def project(xy: Any) -> Any:
            out = xy.copy()
            out[:, 0] = (xy[:, 0] - lon0) * kx
            out[:, 1] = (xy[:, 1] - lat0) * ky
            return out

        return transform(geom, project)

    def matches(self, geometry: dict[str, Any]) -> bool:
        """Whether an entity with this geometry satisfies the query."""
        target = shape(geometry)
        ref = self._reference
        rel = self.georel
        if rel == "near":
            distance = float(ref.distance(self._planar(target)))
            if self.max_distance is not None and distance > self.max_distance:
                return False
            return not (self.min_distance is not None and distance < self.min_distance)
        if rel == "within":
            return bool(ref.contains(target))
        if rel == "contains":
            return bool(target.contains(shape(self.geometry)))
        if rel == "intersects":
            return bool(ref.intersects(target))
        if rel == "equals":
            return bool(target.equals(shape(self.geometry)))
        if rel == "disjoint":
            return bool(ref.disjoint(target))
        return bool(ref.overlaps(target))  # overlaps
