"""A CityGML LOD2 building beside its LOD1 extrusion: what each level of detail holds and costs.

LOD1 is a footprint and a height (a block, as the kit extrudes BD TOPO); LOD2 adds
the roof and the walls as surfaces, as the Métropole de Lyon's textured 3D model
does. The kit ships one LOD2 building of Lyon 1er (``lyon1-citygml-lod2``).

Examples
--------
>>> house = read_lod2()
>>> house.id, house.counts()
('BU_69381AB133', {'GroundSurface': 1, 'RoofSurface': 2, 'WallSurface': 4})
>>> costs = lod_costs(house)
>>> costs["LOD2"]["vertices"] > costs["LOD1"]["vertices"]
True
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jnt_fresque.i18n import Lang, say

GML = "{http://www.opengis.net/gml}"
BLDG = "{http://www.opengis.net/citygml/building/2.0}"
SAMPLE = "lyon1-citygml-lod2"

Point3 = tuple[float, float, float]


@dataclass(frozen=True)
class Surface:
    """One thematic surface: its kind and its outer ring (lon, lat, metres above ground)."""

    kind: str
    ring: tuple[Point3, ...]


@dataclass(frozen=True)
class Lod2Building:
    """A CityGML building read from a file, placed in WGS84."""

    id: str
    measured_height: float | None
    surfaces: tuple[Surface, ...]
    file_bytes: int
    texture_bytes: int

    @property
    def vertices(self) -> int:
        """Vertices of all rings (each ring's closing point left out)."""
        return sum(len(s.ring) - 1 for s in self.surfaces)

    def counts(self) -> dict[str, int]:
        """How many surfaces of each kind (roof, wall, ground)."""
        return dict(sorted(Counter(s.kind for s in self.surfaces).items()))

    def height(self) -> float:
        """The measured height, or the highest point above the ground."""
        if self.measured_height is not None:
            return self.measured_height
        return max(z for s in self.surfaces for *_, z in s.ring)

    def lod1(self) -> dict[str, Any]:
        """The same building at LOD1: its ground footprint and one height (keyValues)."""
        ground = [s for s in self.surfaces if s.kind == "GroundSurface"] or list(self.surfaces)
        ring = [[lon, lat] for lon, lat, _ in ground[0].ring]
        return {
            "id": f"urn:ngsi-ld:Building:{self.id}-lod1",
            "type": "Building",
            "height": round(self.height(), 2),
            "location": {"type": "Polygon", "coordinates": [ring]},
        }


def read_lod2(path: str | Path | None = None, *, crs: str = "EPSG:3946") -> Lod2Building:
    """The first building of a CityGML 2.0 file (default: the kit's Lyon 1er sample),
    its thematic surfaces reprojected from ``crs`` to WGS84, heights above its lowest point."""
    from pyproj import Transformer

    if path is None:
        from jnt_fresque.reference import samples

        path = samples.path(SAMPLE)
    path = Path(path)
    root = ET.parse(path).getroot()
    building = next(root.iter(f"{BLDG}Building"))
    rings: list[tuple[str, list[Point3]]] = []
    for bounded in building.iter(f"{BLDG}boundedBy"):
        for surface in bounded:
            for pos_list in surface.iter(f"{GML}posList"):
                values = [float(v) for v in (pos_list.text or "").split()]
                points = list(zip(values[0::3], values[1::3], values[2::3], strict=True))
                rings.append((surface.tag.removeprefix(BLDG), points))
    ground = min(z for _, ring in rings for *_, z in ring)
    to_wgs84 = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    surfaces = []
    for kind, ring in rings:
        placed = []
        for x, y, z in ring:
            lon, lat = to_wgs84.transform(x, y)
            placed.append((round(lon, 8), round(lat, 8), round(z - ground, 3)))
        surfaces.append(Surface(kind, tuple(placed)))
    height = building.find(f".//{BLDG}measuredHeight")
    texture = sum(p.stat().st_size for p in path.parent.glob(f"{path.stem}.*") if p != path)
    return Lod2Building(
        building.get(f"{GML}id", path.stem),
        float(height.text) if height is not None and height.text else None,
        tuple(surfaces),
        path.stat().st_size,
        texture,
    )


def lod_costs(building: Lod2Building, *, lang: Lang = "fr") -> dict[str, dict[str, Any]]:
    """What each level of detail holds and weighs, for one building: surfaces, vertices,
    bytes (LOD1 as its GeoJSON, LOD2 as its CityGML file plus its texture) and how it is
    usually acquired (said in ``lang``)."""
    lod1 = building.lod1()
    ring = lod1["location"]["coordinates"][0]
    return {
        "LOD1": {
            "surfaces": 1,
            "vertices": len(ring) - 1,
            "bytes": len(json.dumps(lod1).encode()),
            "acquisition": say("citygml_acquisition_lod1", lang),
        },
        "LOD2": {
            "surfaces": len(building.surfaces),
            "vertices": building.vertices,
            "bytes": building.file_bytes + building.texture_bytes,
            "acquisition": say("citygml_acquisition_lod2", lang),
        },
    }


def lod_deck(building: Lod2Building, *, gap_m: float = 8.0) -> Any:
    """A pydeck view of the LOD2 surfaces (roofs red, walls grey) and, ``gap_m`` metres to
    the east, the LOD1 block extruded from the same footprint."""
    import pydeck as pdk  # type: ignore[import-untyped]

    colours = {"RoofSurface": [190, 70, 50], "WallSurface": [205, 205, 200]}
    lod2_rows = [
        {"polygon": [list(p) for p in s.ring], "colour": colours.get(s.kind, [120, 120, 120]),
         "kind": s.kind}
        for s in building.surfaces
    ]  # fmt: skip
    lons = [lon for s in building.surfaces for lon, _, _ in s.ring]
    lats = [lat for s in building.surfaces for _, lat, _ in s.ring]
    shift = (max(lons) - min(lons)) + gap_m / (
        111_320 * math.cos(math.radians(sum(lats) / len(lats)))
    )
    footprint = building.lod1()["location"]["coordinates"][0]
    lod1_row = {
        "polygon": [[lon + shift, lat] for lon, lat in footprint],
        "height": building.height(),
        "kind": "LOD1",
    }
    layers = [
        pdk.Layer(
            "PolygonLayer", lod2_rows, get_polygon="polygon", get_fill_color="colour",
            extruded=False, stroked=True, get_line_color=[40, 40, 40], pickable=True,
        ),
        pdk.Layer(
            "PolygonLayer", [lod1_row], get_polygon="polygon", extruded=True,
            get_elevation="height", get_fill_color=[90, 130, 190], pickable=True,
        ),
    ]  # fmt: skip
    view = pdk.ViewState(
        longitude=(min(lons) + max(lons) + shift) / 2,
        latitude=sum(lats) / len(lats),
        zoom=18.5,
        pitch=60,
        bearing=-30,
    )
    return pdk.Deck(
        layers=layers, initial_view_state=view, map_style=None, tooltip={"text": "{kind}"}
    )
