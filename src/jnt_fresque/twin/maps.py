"""Maps of a twin: a 2D leafmap map, 3D buildings and the water network in pydeck.

Each builder takes entities (normalized or keyValues, e.g. from
``broker.query_entities``) or a broker / client to read them from, and returns
the map object itself, for a notebook to show or a test to inspect. Nothing is
fetched from the network: the 2D map inlines Leaflet (`offline_assets`), the 3D
maps deck.gl, and by default they draw the data on a plain background, without a
basemap (``basemap=True`` adds online tiles). The data's attribution is always on
the map.

Examples
--------
>>> from jnt_fresque.twin import city
>>> deck = buildings_3d(city.buildings(limit=50), colour_by="height")
>>> deck.layers[0].type, len(deck.layers[0].data)
('PolygonLayer', 50)
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

Colour = list[int]
# A perceptually ordered ramp (viridis, five stops) and a categorical palette.
RAMP: list[Colour] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]]
PALETTE: list[Colour] = [
    [31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
    [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
]  # fmt: skip
LAYER_COLOURS = {
    "Building": "#8c6d31",
    "StreetTree": "#2ca02c",
    "BikeHireDockingStation": "#d62728",
    "AirQualityObserved": "#9467bd",
    "AdministrativeArea": "#1f77b4",
    "Junction": "#17becf",
    "Pipe": "#1f77b4",
    "Tank": "#ff7f0e",
    "Reservoir": "#08519c",
    "Pump": "#e377c2",
    "Valve": "#7f7f7f",
}
LYON_1ER = (45.7697, 4.8264)
# The sources' credits are long: small type, clear of the scale bar (bottom left).
ATTRIBUTION_STYLE = (
    "<style>.leaflet-container .leaflet-control-attribution "
    "{ font-size: 11px; line-height: 1.35; max-width: calc(100vw - 150px); }</style>"
)
# Offline, the data is drawn on paper rather than on a grey, empty tile pane.
PLAIN_BACKGROUND = "<style>.leaflet-container { background: #f7f6f2; }</style>"


def _need(module: str) -> Any:
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:  # pragma: no cover - a kit install has them
        top = module.split(".")[0]
        raise ImportError(f"maps need {top}: pip install 'jnt-fresque[kit]'") from None


def key_values(doc: dict[str, Any]) -> dict[str, Any]:
    """An entity reduced to its values, whether it comes normalized or keyValues."""
    out: dict[str, Any] = {}
    for name, value in doc.items():
        if name == "@context":
            continue
        item = (
            value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else value
        )
        if isinstance(item, dict) and item.get("type") in ("Property", "GeoProperty"):
            out[name] = item.get("value")
        elif isinstance(item, dict) and item.get("type") == "Relationship":
            out[name] = item.get("object")
        else:
            out[name] = value
    return out


def entities_of(
    source: Any, types: Sequence[str] | None = None, **params: Any
) -> list[dict[str, Any]]:
    """Entities from a list, or read from a `Broker` / `Client` (every page, keyValues)."""
    if isinstance(source, list | tuple):
        docs = [key_values(d) for d in source]
        return [d for d in docs if not types or d.get("type") in types]
    from jnt_fresque.twin.context import TWIN_CONTEXT

    params.setdefault("context", TWIN_CONTEXT)
    found: list[dict[str, Any]] = []
    for kind in types or _types(source, params["context"]):
        offset = 0
        while True:
            page = source.query_entities(
                type=kind, limit=1000, offset=offset, format="keyValues", **params
            )
            found.extend(page)
            if len(page) < 1000:
                break
            offset += 1000
    return found


def _types(source: Any, context: str) -> list[str]:
    listed = source.types(context=context)
    return list(listed.get("typeList", [])) if isinstance(listed, dict) else []


def attribution_text(docs: Iterable[dict[str, Any]], extra: str | None = None) -> str:
    """The attributions the entities carry, joined (``extra`` first)."""
    from jnt_fresque.twin.city import attributions

    found = attributions(docs)
    if extra and extra not in found:
        found.insert(0, extra)
    return " · ".join(found) or "jnt-fresque"


def _scale(values: Sequence[float | None]) -> tuple[float, float]:
    numbers = [v for v in values if isinstance(v, int | float) and math.isfinite(v)]
    if not numbers:
        return 0.0, 1.0
    low, high = min(numbers), max(numbers)
    return low, high if high > low else low + 1.0


def ramp(value: float | None, low: float, high: float, *, reverse: bool = False) -> Colour:
    """The colour of ``value`` on the ramp between ``low`` and ``high`` (grey if missing)."""
    if not isinstance(value, int | float) or not math.isfinite(value):
        return [160, 160, 160]
    share = min(max((value - low) / (high - low), 0.0), 1.0)
    if reverse:
        share = 1 - share
    position = share * (len(RAMP) - 1)
    i = min(int(position), len(RAMP) - 2)
    t = position - i
    return [round(a + (b - a) * t) for a, b in zip(RAMP[i], RAMP[i + 1], strict=True)]


def colours(values: Sequence[Any], *, reverse: bool = False) -> list[Colour]:
    """Colours for values: a ramp for numbers, a palette for categories."""
    if all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values):
        low, high = _scale(values)
        return [ramp(v, low, high, reverse=reverse) for v in values]
    keys = {str(v): i for i, v in enumerate(dict.fromkeys(str(v) for v in values))}
    return [PALETTE[keys[str(v)] % len(PALETTE)] for v in values]


# --- 2D: leafmap -------------------------------------------------------------------------


def twin_map(
    source: Any,
    *,
    types: Sequence[str] | None = None,
    basemap: bool = False,
    attribution: str | None = None,
    center: tuple[float, float] = LYON_1ER,
    zoom: int = 15,
    **params: Any,
) -> Any:
    """A leafmap (folium) map of a twin: one layer per entity type, popups with the values.

    ``source`` is a list of entities or a broker / client. The page carries Leaflet
    inline and draws offline, on a plain background; ``basemap=True`` adds
    OpenStreetMap tiles, which only an online browser shows. Each layer puts the
    attribution of its entities in the map's attribution box while it is shown
    (``attribution`` replaces them all).

    Examples
    --------
    >>> from jnt_fresque.twin import city
    >>> from jnt_fresque.twin.offline_assets import remote_resources
    >>> m = twin_map(city.bike_stations())
    >>> layer_names(m), remote_resources(m.get_root().render())
    (['BikeHireDockingStation'], [])
    """
    lf = _need("leafmap.foliumap")
    folium = _need("folium")
    from jnt_fresque.twin.city import attributions
    from jnt_fresque.twin.offline_assets import inline_leaflet

    docs = entities_of(source, types, **params)
    kwargs: dict[str, Any] = {
        "center": center,
        "zoom": zoom,
        "draw_control": False,
        "measure_control": False,
        "fullscreen_control": False,
    }
    if not basemap:
        kwargs["tiles"] = None
    m = inline_leaflet(lf.Map(**kwargs))
    header = m.get_root().header
    header.add_child(folium.Element(ATTRIBUTION_STYLE), name="jnt_attribution_style")
    if basemap:
        m.add_basemap("OpenStreetMap")
    else:
        header.add_child(folium.Element(PLAIN_BACKGROUND), name="jnt_plain_background")
    by_type: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        by_type.setdefault(str(doc.get("type")), []).append(doc)
    for kind, items in by_type.items():
        features = [_feature(d) for d in items if isinstance(d.get("location"), dict)]
        if not features:
            continue
        fields = sorted({k for f in features for k in f["properties"]} - {"attribution"})[:12]
        for f in features:
            for name in fields:
                f["properties"].setdefault(name, None)
        colour = LAYER_COLOURS.get(kind, "#333333")
        credit = attribution or " · ".join(attributions(items))
        layer = folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=kind,
            popup=folium.GeoJsonPopup(fields=fields) if fields else None,
            style_function=lambda _f, c=colour: {"color": c, "weight": 1, "fillOpacity": 0.4},
            marker=folium.CircleMarker(radius=4, fill=True, color=colour),
            # Leaflet writes a layer's attribution as HTML, in the box it keeps up to date.
            attribution=html.escape(credit) if credit else None,
        )
        layer.add_to(m)
    folium.LayerControl().add_to(m)
    m.jnt_attribution = attribution or attribution_text(docs)
    return m


def _feature(doc: dict[str, Any]) -> dict[str, Any]:
    properties = {
        k: (v if isinstance(v, str | int | float | bool) or v is None else str(v))
        for k, v in doc.items()
        if k != "location"
    }
    return {"type": "Feature", "geometry": doc["location"], "properties": properties}


def layer_names(m: Any) -> list[str]:
    """The names of the data layers of a `twin_map` (for tests and notebooks)."""
    folium = _need("folium")
    return [c.layer_name for c in m._children.values() if isinstance(c, folium.GeoJson)]


# --- 3D: pydeck -----------------------------------------------------------------------------


def _deck(layers: list[Any], *, center: tuple[float, float], zoom: float, pitch: float,
          basemap: bool, attribution: str, tooltip: Any) -> Any:  # fmt: skip
    pdk = _need("pydeck")
    deck = pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            latitude=center[0], longitude=center[1], zoom=zoom, pitch=pitch, bearing=-20
        ),
        map_provider="carto" if basemap else None,
        map_style="light" if basemap else None,
        tooltip=tooltip,
        description=(
            '<div style="font:11px sans-serif;background:rgba(255,255,255,.8);padding:2px 4px">'
            f"{html.escape(attribution)}</div>"
        ),
    )
    deck.jnt_attribution = attribution
    return deck


def buildings_3d(
    source: Any,
    *,
    colour_by: str = "height",
    basemap: bool = False,
    attribution: str | None = None,
    center: tuple[float, float] = LYON_1ER,
    **params: Any,
) -> Any:
    """Buildings extruded by ``height`` and coloured by an attribute (pydeck).

    Each polygon of each building is a row of the layer's data: ``polygon``
    (outer ring, lon/lat), ``height``, the colouring ``value`` and ``colour``.
    """
    pdk = _need("pydeck")
    docs = entities_of(source, ["Building"], **params)
    rows = []
    for doc in docs:
        geometry = doc.get("location") or {}
        polygons = (
            geometry.get("coordinates", [])
            if geometry.get("type") == "MultiPolygon"
            else [geometry.get("coordinates", [])]
            if geometry.get("type") == "Polygon"
            else []
        )
        value = doc.get(colour_by)
        if isinstance(value, list):
            value = value[0] if value else None
        for polygon in polygons:
            if polygon:
                rows.append(
                    {
                        "id": doc["id"],
                        "polygon": polygon[0],
                        "height": float(doc.get("height") or 3.0),
                        "value": value,
                        "usage": doc.get("usage"),
                        "floors": doc.get("floorsAboveGround"),
                    }
                )
    for row, colour in zip(rows, colours([r["value"] for r in rows]), strict=True):
        row["colour"] = colour
    layer = pdk.Layer(
        "PolygonLayer",
        rows,
        id="buildings",
        get_polygon="polygon",
        extruded=True,
        get_elevation="height",
        get_fill_color="colour",
        get_line_color=[80, 80, 80],
        pickable=True,
        auto_highlight=True,
    )
    tooltip = {"text": "{id}\n" + colour_by + " : {value}\nhauteur : {height} m\nusage : {usage}"}
    return _deck(
        [layer],
        center=center,
        zoom=15.5,
        pitch=50,
        basemap=basemap,
        attribution=attribution or attribution_text(docs),
        tooltip=tooltip,
    )


def water_network_3d(
    source: Any,
    *,
    colour_by: str = "pressure",
    basemap: bool = False,
    attribution: str | None = None,
    center: tuple[float, float] | None = None,
    highlight: Iterable[str] = (),
    **params: Any,
) -> Any:
    """The water network in pydeck: pipes coloured by ``flow`` (or ``velocity``),
    nodes by ``pressure`` (low pressures in dark colours); ``highlight`` rings
    junctions (e.g. those a scenario leaves under the minimum pressure)."""
    pdk = _need("pydeck")
    kinds = ["Junction", "Tank", "Reservoir", "Pipe", "Pump", "Valve"]
    docs = entities_of(source, kinds, **params)
    links = [d for d in docs if d.get("type") in ("Pipe", "Pump", "Valve")]
    nodes = [d for d in docs if d.get("type") in ("Junction", "Tank", "Reservoir")]
    link_by = colour_by if colour_by in ("flow", "velocity") else "flow"
    link_values = [abs(v) if isinstance(v := d.get(link_by), int | float) else None for d in links]
    link_rows = [
        {"id": d["id"], "path": d["location"]["coordinates"], "value": v, "colour": c,
         "type": d["type"]}
        for d, v, c in zip(links, link_values, colours(link_values), strict=True)
        if isinstance(d.get("location"), dict)
    ]  # fmt: skip
    node_values = [d.get("pressure", d.get("level", d.get("head"))) for d in nodes]
    marked = set(highlight)
    node_rows = [
        {"id": d["id"], "position": d["location"]["coordinates"], "value": v, "colour": c,
         "type": d["type"], "radius": 60 if d["id"] in marked or d.get("name") in marked else 25}
        for d, v, c in zip(nodes, node_values, colours(node_values), strict=True)
        if isinstance(d.get("location"), dict)
    ]  # fmt: skip
    layers = [
        pdk.Layer(
            "PathLayer", link_rows, id="links", get_path="path", get_color="colour",
            width_min_pixels=2, get_width=8, pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer", node_rows, id="nodes", get_position="position",
            get_fill_color="colour", get_radius="radius", pickable=True, stroked=True,
            get_line_color=[200, 0, 0], line_width_min_pixels=1,
        ),
    ]  # fmt: skip
    if center is None:
        points = [r["position"] for r in node_rows] or [[LYON_1ER[1], LYON_1ER[0]]]
        center = (
            sum(p[1] for p in points) / len(points),
            sum(p[0] for p in points) / len(points),
        )
    return _deck(
        layers,
        center=center,
        zoom=13.5,
        pitch=0,
        basemap=basemap,
        attribution=attribution or attribution_text(docs),
        tooltip={"text": "{type} {id}\n{value}"},
    )
