"""Lyon 1er as a twin: the kit's sample layers as NGSI-LD entities, and simulated sensors.

Real open data (see ``data/samples/*/PROVENANCE.md``) becomes Smart Data Models
entities: ``Building`` (IGN BD TOPO: height, floors, use), ``StreetTree``
(Métropole de Lyon street trees: positions only), ``BikeHireDockingStation``
(Vélo'v stations and their docks) and the arrondissement as an
``AdministrativeArea``. Every entity carries the ``attribution`` its licence
requires, so maps and exports can show it.

Sensor feeds are **simulated** — bike availability and air quality follow a
daily rhythm plus noise, reproducibly from a seed — and are labelled as such:
a ``simulated`` sub-property on each reading, and ``dataProvider`` saying so on
the simulated air-quality stations.

The texts an entity carries for people (attributions, the simulated stations'
names) are in the language asked for (``lang``, French by default).

Examples
--------
>>> stations = bike_stations()
>>> len(stations), stations[0]["type"]
(20, 'BikeHireDockingStation')
"""

from __future__ import annotations

import json
import math
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jnt_fresque.i18n import Lang, say
from jnt_fresque.reference import samples
from jnt_fresque.twin.context import TWIN_CONTEXT
from jnt_fresque.twin.ngsild import format_time, geo, now_ms, parse_time, prop

SIMULATED_PROVIDER = "jnt-fresque (simulation)"
# BD TOPO's USAGE1 → Smart Data Models Building.category.
CATEGORIES = {
    "Résidentiel": "residential",
    "Commercial et services": "commercial",
    "Religieux": "religious",
    "Sportif": "sports_hall",
    "Industriel": "industrial",
    "Annexe": "shed",
}
# Simulated air-quality stations: real places of Lyon 1er, invented instruments.
AIR_STATIONS = {
    "terreaux": ("Place des Terreaux", 4.8338, 45.7675),
    "saint-vincent": ("Quai Saint-Vincent", 4.8222, 45.7694),
    "sathonay": ("Place Sathonay", 4.8301, 45.7693),
    "grande-cote": ("Montée de la Grande-Côte", 4.8336, 45.7712),
    "pecherie": ("Quai de la Pêcherie", 4.8312, 45.7660),
}


def _features(name: str) -> list[dict[str, Any]]:
    data = json.loads(samples.path(name).read_text(encoding="utf-8"))
    return list(data["features"])


def _to_wgs84(source_crs: str) -> Callable[[list[Any]], list[Any]]:
    """A function reprojecting nested coordinate lists to WGS84, dropping Z."""
    from pyproj import Transformer

    transformer = Transformer.from_crs(source_crs, "EPSG:4326", always_xy=True)

    def ring(points: list[Any]) -> list[Any]:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        lons, lats = transformer.transform(xs, ys)
        return [[round(x, 7), round(y, 7)] for x, y in zip(lons, lats, strict=True)]

    def nested(coords: list[Any]) -> list[Any]:
        if coords and isinstance(coords[0][0], int | float):
            return ring(coords)
        return [nested(c) for c in coords]

    return nested


def buildings(*, limit: int | None = None, lang: Lang = "fr") -> list[dict[str, Any]]:
    """The BD TOPO buildings of Lyon 1er as ``Building`` entities (2 576 of them)."""
    info = samples.info("lyon1-batiments")
    reproject = _to_wgs84(info.crs)
    out = []
    for feature in _features("lyon1-batiments")[:limit]:
        p = feature["properties"]
        doc: dict[str, Any] = {
            "id": f"urn:ngsi-ld:Building:lyon1-{p['ID']}",
            "type": "Building",
            "height": prop(p["HAUTEUR"], unit_code="MTR"),
            "usage": prop(p["USAGE1"]),
            "location": geo(
                {
                    "type": "MultiPolygon",
                    "coordinates": reproject(feature["geometry"]["coordinates"]),
                }
            ),
            "sourceId": prop(p["ID"]),
            "dataProvider": prop(info.producer),
            "attribution": prop(info.credit(lang)),
        }
        if p["USAGE1"] in CATEGORIES:
            doc["category"] = prop([CATEGORIES[p["USAGE1"]]])
        if p.get("NB_ETAGES") is not None:
            doc["floorsAboveGround"] = prop(int(p["NB_ETAGES"]))
        if p.get("NB_LOGTS") is not None:
            doc["dwellings"] = prop(int(p["NB_LOGTS"]))
        if p.get("Z_MIN_SOL") is not None:
            doc["groundAltitude"] = prop(p["Z_MIN_SOL"], unit_code="MTR")
        out.append(doc)
    return out


def street_trees(*, limit: int | None = None, lang: Lang = "fr") -> list[dict[str, Any]]:
    """The street trees of Lyon 1er (positions only: the sample has no attributes)."""
    info = samples.info("lyon1-arbres")
    return [
        {
            "id": f"urn:ngsi-ld:StreetTree:lyon1-{f['properties']['source_fid']}",
            "type": "StreetTree",
            "location": geo(f["geometry"]),
            "sourceId": prop(f["properties"]["source_fid"]),
            "dataProvider": prop(info.producer),
            "attribution": prop(info.credit(lang)),
        }
        for f in _features("lyon1-arbres")[:limit]
    ]


def bike_stations(*, lang: Lang = "fr") -> list[dict[str, Any]]:
    """The Vélo'v stations of Lyon 1er, with their number of docks."""
    info = samples.info("lyon1-velov")
    out = []
    for f in _features("lyon1-velov"):
        p = f["properties"]
        out.append(
            {
                "id": f"urn:ngsi-ld:BikeHireDockingStation:velov-{p['idstation']}",
                "type": "BikeHireDockingStation",
                "name": prop(p["nom"]),
                "address": prop(
                    {
                        "streetAddress": p["adresse1"],
                        "addressLocality": "Lyon",
                        "postalCode": "69001",
                        "addressCountry": "FR",
                    }
                ),
                "totalSlotNumber": prop(int(p["nbbornettes"])),
                "status": prop("working" if p.get("ouverte") == "Oui" else "outOfService"),
                "location": geo(f["geometry"]),
                "sourceId": prop(p["idstation"]),
                "dataProvider": prop(info.producer),
                "attribution": prop(info.credit(lang)),
            }
        )
    return out


def arrondissement(*, lang: Lang = "fr") -> dict[str, Any]:
    """The boundary of Lyon 1er as an ``AdministrativeArea``."""
    info = samples.info("lyon1-arrondissement")
    feature = _features("lyon1-arrondissement")[0]
    return {
        "id": "urn:ngsi-ld:AdministrativeArea:insee-69381",
        "type": "AdministrativeArea",
        "name": prop(feature["properties"]["nom"]),
        "inseeCode": prop(feature["properties"]["insee"]),
        "location": geo(feature["geometry"]),
        "dataProvider": prop(info.producer),
        "attribution": prop(info.credit(lang)),
    }


def air_quality_stations(*, lang: Lang = "fr") -> list[dict[str, Any]]:
    """Simulated air-quality stations at real places of Lyon 1er (labelled as simulated)."""
    return [
        {
            "id": f"urn:ngsi-ld:AirQualityObserved:lyon1-sim-{key}",
            "type": "AirQualityObserved",
            "name": prop(say("twin_simulated_station", lang, place=label)),
            "location": geo({"type": "Point", "coordinates": [lon, lat]}),
            "typeofLocation": prop("outdoor"),
            "simulated": prop(True),
            "dataProvider": prop(SIMULATED_PROVIDER),
            "attribution": prop(say("twin_simulated_credit", lang)),
        }
        for key, (label, lon, lat) in AIR_STATIONS.items()
    ]


def city_entities(
    *,
    with_buildings: bool = True,
    with_trees: bool = True,
    with_stations: bool = True,
    with_air: bool = True,
    building_limit: int | None = None,
    lang: Lang = "fr",
) -> list[dict[str, Any]]:
    """Every Lyon 1er entity of the sample twin (people's texts in ``lang``)."""
    out = [arrondissement(lang=lang)]
    if with_buildings:
        out += buildings(limit=building_limit, lang=lang)
    if with_trees:
        out += street_trees(lang=lang)
    if with_stations:
        out += bike_stations(lang=lang)
    if with_air:
        out += air_quality_stations(lang=lang)
    return out


# --- simulated feeds ---------------------------------------------------------------------


def _noise(seed: int, key: str, minute: int) -> float:
    """A reproducible number in [-1, 1) for (seed, sensor, minute)."""
    return (zlib.crc32(f"{seed}:{key}:{minute}".encode()) / 2**31) - 1.0


def _rush(hour: float) -> float:
    """0..1: how busy the streets are at this hour (morning and evening peaks)."""
    return max(
        math.exp(-(((hour - 8.5) / 1.5) ** 2)), math.exp(-(((hour - 18.0) / 2.0) ** 2)), 0.15
    )


def air_level(no2: float, pm10: float) -> str:
    """The air-quality level of the Smart Data Model from NO₂ and PM10 (µg/m³, simplified
    from the French ATMO index thresholds)."""
    worst = max(no2 / 40, pm10 / 40)
    for limit, level in ((0.5, "good"), (1.0, "moderate"), (1.5, "unhealthyForSensitiveGroups")):
        if worst < limit:
            return level
    return "unhealthy"


def simulated_readings(
    at_ms: int, *, seed: int = 69001, bikes: bool = True, air: bool = True
) -> list[dict[str, Any]]:
    """Simulated sensor readings at one instant: bike availability and air quality."""
    stamp = format_time(at_ms)
    minute = at_ms // 60_000
    hour = (at_ms / 3_600_000) % 24
    busy = _rush(hour)
    out: list[dict[str, Any]] = []
    for station in bike_stations_cached() if bikes else []:
        key = station["id"]
        docks = station["totalSlotNumber"]["value"]
        share = (
            0.5 + 0.35 * math.sin((hour - 9) / 24 * 2 * math.pi) + 0.1 * _noise(seed, key, minute)
        )
        bikes = max(0, min(docks, round(docks * share)))
        out.append(
            {
                "id": key,
                "type": "BikeHireDockingStation",
                "availableBikeNumber": prop(bikes, observed_at=stamp, simulated=True),
                "freeSlotNumber": prop(docks - bikes, observed_at=stamp, simulated=True),
            }
        )
    for key in AIR_STATIONS if air else []:
        entity_id = f"urn:ngsi-ld:AirQualityObserved:lyon1-sim-{key}"
        no2 = round(max(5.0, 18 + 32 * busy + 6 * _noise(seed, key + "no2", minute)), 1)
        pm10 = round(max(3.0, 14 + 12 * busy + 4 * _noise(seed, key + "pm10", minute)), 1)
        pm25 = round(pm10 * 0.6, 1)
        o3 = round(max(5.0, 60 - 25 * busy + 20 * math.sin((hour - 6) / 24 * 2 * math.pi)), 1)
        out.append(
            {
                "id": entity_id,
                "type": "AirQualityObserved",
                "dateObserved": prop(stamp),
                "no2": prop(no2, observed_at=stamp, unit_code="GQ", simulated=True),
                "pm10": prop(pm10, observed_at=stamp, unit_code="GQ", simulated=True),
                "pm25": prop(pm25, observed_at=stamp, unit_code="GQ", simulated=True),
                "o3": prop(o3, observed_at=stamp, unit_code="GQ", simulated=True),
                "airQualityLevel": prop(air_level(no2, pm10), observed_at=stamp, simulated=True),
            }
        )
    return out


_STATIONS: list[dict[str, Any]] = []


def bike_stations_cached() -> list[dict[str, Any]]:
    if not _STATIONS:
        _STATIONS.extend(bike_stations())
    return _STATIONS


@dataclass
class FeedReport:
    entities: int
    steps: int
    seconds: float


def publish_city(
    target: Any,
    *,
    hours: float = 24.0,
    step_minutes: int = 15,
    start: str | None = None,
    speed: float | None = None,
    seed: int = 69001,
    entities: Iterable[dict[str, Any]] | None = None,
    progress: Callable[[int, int], None] | None = None,
    lang: Lang = "fr",
) -> FeedReport:
    """Publish Lyon 1er into a broker, then ``hours`` of simulated readings.

    ``start`` defaults to ``hours`` before now, so the history ends at the present;
    ``speed`` replays in accelerated time (simulated seconds per real second).
    """
    began = time.perf_counter()
    docs = list(entities) if entities is not None else city_entities(lang=lang)
    for chunk in range(0, len(docs), 500):
        target.batch_upsert(docs[chunk : chunk + 500], context=TWIN_CONTEXT)
    kinds = {d.get("type") for d in docs}
    bikes, air = "BikeHireDockingStation" in kinds, "AirQualityObserved" in kinds
    first = parse_time(start) if start else now_ms() - round(hours * 3_600_000)
    first -= first % 60_000
    steps = int(hours * 60 // step_minutes) + 1 if bikes or air else 0
    for index in range(steps):
        offset = index * step_minutes * 60_000
        if speed:
            wait = offset / 1000 / speed - (time.perf_counter() - began)
            if wait > 0:
                time.sleep(wait)
        readings = simulated_readings(first + offset, seed=seed, bikes=bikes, air=air)
        target.batch_upsert(readings, update=True, context=TWIN_CONTEXT)
        if progress:
            progress(index + 1, steps)
    return FeedReport(len(docs), steps, time.perf_counter() - began)


def attributions(docs: Iterable[dict[str, Any]]) -> list[str]:
    """The distinct attributions carried by entities (normalized or keyValues), in order."""
    found: dict[str, None] = {}
    for doc in docs:
        value = doc.get("attribution")
        if isinstance(value, dict):
            value = value.get("value")
        if isinstance(value, str) and value:
            found[value] = None
    return list(found)
