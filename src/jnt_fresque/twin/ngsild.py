"""NGSI-LD entities as plain JSON: builders, validation, and the representations.

An entity is a ``dict``: ``id`` (a URI), ``type`` and attributes. Each attribute
is a Property ``{type, value, observedAt?, unitCode?, datasetId?}``, a
Relationship ``{type, object}`` or a GeoProperty ``{type, value: GeoJSON
geometry}``, possibly with sub-attributes of its own. This module turns any
accepted input (normalized or concise) into the normalized form, checks it, and
writes the other representations: concise, keyValues (simplified) and GeoJSON.

Plain dicts, not classes: entities travel as JSON between the broker, HTTP and
real brokers, and the broker handles tens of thousands of them per second.

Examples
--------
>>> tank = entity("urn:ngsi-ld:Tank:T1", "Tank", level=prop(3.2, unit_code="MTR"))
>>> to_key_values(tank)
{'id': 'urn:ngsi-ld:Tank:T1', 'type': 'Tank', 'level': 3.2}
>>> normalize_entity({"id": "urn:ngsi-ld:Tank:T1", "type": "Tank", "level": 3.2})["level"]
{'type': 'Property', 'value': 3.2}
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from jnt_fresque.twin.errors import BadRequestData

PROPERTY = "Property"
RELATIONSHIP = "Relationship"
GEOPROPERTY = "GeoProperty"
ATTRIBUTE_TYPES = (PROPERTY, RELATIONSHIP, GEOPROPERTY)
GEOMETRY_TYPES = frozenset(
    {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
)
# Members of an attribute that are not sub-attributes.
META = frozenset(
    {
        "type",
        "value",
        "object",
        "observedAt",
        "unitCode",
        "datasetId",
        "createdAt",
        "modifiedAt",
        "instanceId",
    }
)
SYSTEM = frozenset({"createdAt", "modifiedAt"})
ENTITY_MEMBERS = frozenset({"id", "type", "@context", "createdAt", "modifiedAt", "scope"})

# RFC 3986 scheme, then no spaces, quotes or angle brackets.
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
# Characters NGSI-LD forbids in attribute and type names (clause 4.6.2), plus controls.
_BAD_NAME = re.compile(r"[<>\"'=;()\s\x00-\x1f\x7f]")
_MAX_NAME = 256


class Api(Protocol):
    """What publishers need from a broker: the embedded `Broker` and the HTTP `Client` both fit."""

    def batch_upsert(
        self, entities: list[dict[str, Any]], *, update: bool = False
    ) -> Any: ...  # pragma: no cover

    def query_entities(self, **params: Any) -> list[dict[str, Any]]: ...  # pragma: no cover


# --- time ----------------------------------------------------------------------


def format_time(ms: int | float) -> str:
    """An instant in milliseconds since the epoch, as NGSI-LD writes it (UTC, ms, Z)."""
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ms) % 1000:03d}Z"


def parse_time(text: Any, *, what: str = "date-time") -> int:
    """Milliseconds since the epoch of an ISO 8601 date-time; naive times are UTC.

    Raises
    ------
    BadRequestData
        If ``text`` is not a date-time.
    """
    if isinstance(text, str):
        found = _parsed_times.get(text)
        if found is not None:
            return found
    ms = _parse_time(text, what)
    if len(_parsed_times) > 4096:  # a batch shares a few instants: keep the recent ones
        _parsed_times.clear()
    _parsed_times[text] = ms
    return ms


_parsed_times: dict[str, int] = {}


def _parse_time(text: Any, what: str) -> int:
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        raise BadRequestData(f"{what}: {text!r} is not an ISO 8601 date-time")
    try:
        moment = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise BadRequestData(f"{what}: {text!r} is not an ISO 8601 date-time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        return round(moment.timestamp() * 1000)
    except (OverflowError, OSError, ValueError):
        raise BadRequestData(f"{what}: {text!r} is out of range") from None


def now_ms() -> int:
    """Now, in milliseconds since the epoch."""
    return round(dt.datetime.now(tz=dt.UTC).timestamp() * 1000)


# --- checks --------------------------------------------------------------------


def is_uri(value: Any) -> bool:
    """Whether ``value`` is an absolute URI (``urn:ngsi-ld:Tank:T1``, ``https://…``)."""
    return isinstance(value, str) and len(value) <= 2048 and bool(_URI.match(value))


def check_uri(value: Any, what: str) -> str:
    if not is_uri(value):
        raise BadRequestData(f"{what}: {_short(value)} is not a URI (e.g. urn:ngsi-ld:Tank:T1)")
    return str(value)


def check_name(name: Any, what: str = "attribute name") -> str:
    """An attribute or type name NGSI-LD accepts, or BadRequestData."""
    if not isinstance(name, str) or not name:
        raise BadRequestData(f"{what}: a non-empty string is expected, got {_short(name)}")
    if len(name) > _MAX_NAME or _BAD_NAME.search(name):
        raise BadRequestData(
            f"{what}: {_short(name)} is not allowed (no spaces, quotes, <, >, =, ;, ( or ))"
        )
    return name


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --- builders ------------------------------------------------------------------


def prop(
    value: Any,
    *,
    observed_at: str | None = None,
    unit_code: str | None = None,
    dataset_id: str | None = None,
    **sub: Any,
) -> dict[str, Any]:
    """A Property (sub-attributes as keyword arguments, themselves attributes or values)."""
    attr: dict[str, Any] = {"type": PROPERTY, "value": value}
    _meta(attr, observed_at, unit_code, dataset_id, sub)
    return attr


def rel(
    obj: str, *, observed_at: str | None = None, dataset_id: str | None = None, **sub: Any
) -> dict[str, Any]:
    """A Relationship to the entity ``obj``."""
    attr: dict[str, Any] = {"type": RELATIONSHIP, "object": obj}
    _meta(attr, observed_at, None, dataset_id, sub)
    return attr


def geo(geometry: Mapping[str, Any], *, observed_at: str | None = None) -> dict[str, Any]:
    """A GeoProperty holding a GeoJSON geometry (WGS84 longitude, latitude)."""
    attr: dict[str, Any] = {"type": GEOPROPERTY, "value": dict(geometry)}
    _meta(attr, observed_at, None, None, {})
    return attr


def _meta(
    attr: dict[str, Any],
    observed_at: str | None,
    unit_code: str | None,
    dataset_id: str | None,
    sub: Mapping[str, Any],
) -> None:
    if observed_at is not None:
        attr["observedAt"] = observed_at
    if unit_code is not None:
        attr["unitCode"] = unit_code
    if dataset_id is not None:
        attr["datasetId"] = dataset_id
    for name, value in sub.items():
        attr[name] = value if _is_attribute(value) else prop(value)


def _is_attribute(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") in ATTRIBUTE_TYPES


def entity(id: str, type: str, /, **attrs: Any) -> dict[str, Any]:
    """An entity; plain values become Properties, a GeoJSON geometry a GeoProperty."""
    doc: dict[str, Any] = {"id": id, "type": type}
    for name, value in attrs.items():
        doc[name] = normalize_attribute(name, value)
    return doc


# --- normalization (any accepted input → normalized) ------------------------------


def normalize_entity(doc: Any, *, require_type: bool = True) -> dict[str, Any]:
    """The normalized form of an entity given normalized or concise.

    Raises
    ------
    BadRequestData
        If the entity has no valid ``id`` or ``type``, or an attribute is malformed.
    """
    if not isinstance(doc, dict):
        raise BadRequestData(f"an entity must be a JSON object, got {type(doc).__name__}")
    if "id" not in doc:
        raise BadRequestData("the entity has no id")
    out: dict[str, Any] = {"id": check_uri(doc["id"], "id")}
    if "type" in doc:
        out["type"] = normalize_types(doc["type"])
    elif require_type:
        raise BadRequestData(f"entity {doc['id']} has no type")
    for name, value in doc.items():
        if name in ENTITY_MEMBERS:
            continue
        out[name] = normalize_attribute(name, value)
    return out


def normalize_types(value: Any) -> str | list[str]:
    """An entity type, or a list of them (NGSI-LD ≥ 1.5), checked."""
    if isinstance(value, list):
        if not value:
            raise BadRequestData("type: an empty list is not a type")
        names = [check_name(v, "type") for v in value]
        return names[0] if len(names) == 1 else list(dict.fromkeys(names))
    return check_name(value, "type")


def normalize_fragment(doc: Any) -> dict[str, Any]:
    """The attributes of an update or append body (``id`` and ``type`` may be there too)."""
    if not isinstance(doc, dict):
        raise BadRequestData(f"a JSON object of attributes is expected, got {type(doc).__name__}")
    return {
        name: normalize_attribute(name, value)
        for name, value in doc.items()
        if name not in ENTITY_MEMBERS
    }


def normalize_attribute(name: str, value: Any) -> Any:
    """One attribute in normalized form (a dict, or a list of dicts with datasetIds)."""
    check_name(name)
    if isinstance(value, list) and value and all(_looks_like_instance(v) for v in value):
        instances = [_normalize_one(name, v) for v in value]
        seen: set[Any] = set()
        for inst in instances:
            key = inst.get("datasetId")
            if key in seen:
                raise BadRequestData(f"{name}: two instances with the same datasetId {key}")
            seen.add(key)
        return instances[0] if len(instances) == 1 else instances
    return _normalize_one(name, value)


def _looks_like_instance(value: Any) -> bool:
    return isinstance(value, dict) and (
        value.get("type") in ATTRIBUTE_TYPES or "value" in value or "object" in value
    )


def _normalize_one(name: str, value: Any, depth: int = 0) -> dict[str, Any]:
    if depth > 8:
        raise BadRequestData(f"{name}: sub-attributes nested too deep")
    if value is None:
        raise BadRequestData(f"{name}: null is not a value")
    if not isinstance(value, dict):
        return {"type": PROPERTY, "value": _check_value(name, value)}
    kind = value.get("type")
    if kind is not None and not isinstance(kind, str):
        raise BadRequestData(f"{name}: type must be a string, got {_short(kind)}")
    if kind in GEOMETRY_TYPES and "coordinates" in value:
        return {"type": GEOPROPERTY, "value": _check_geometry(name, value)}
    if kind is None:
        if "object" in value:
            kind = RELATIONSHIP
        elif "value" in value:
            inner = value["value"]
            is_geo = isinstance(inner, dict) and inner.get("type") in GEOMETRY_TYPES
            kind = GEOPROPERTY if is_geo else PROPERTY
        else:  # a concise JSON object value
            return {"type": PROPERTY, "value": _check_value(name, value)}
    if kind not in ATTRIBUTE_TYPES:
        raise BadRequestData(
            f"{name}: type {_short(kind)} is not Property, Relationship or GeoProperty"
        )
    out: dict[str, Any] = {"type": kind}
    if kind == RELATIONSHIP:
        if "object" not in value:
            raise BadRequestData(f"{name}: a Relationship needs an object")
        target = value["object"]
        if isinstance(target, list):
            if not target:
                raise BadRequestData(f"{name}: object is an empty list")
            out["object"] = [check_uri(t, f"{name}.object") for t in target]
        else:
            out["object"] = check_uri(target, f"{name}.object")
    else:
        if "value" not in value:
            raise BadRequestData(f"{name}: a {kind} needs a value")
        if kind == GEOPROPERTY:
            out["value"] = _check_geometry(name, value["value"])
        else:
            out["value"] = _check_value(name, value["value"])
    for member, inner in value.items():
        if member in ("type", "value", "object", "createdAt", "modifiedAt", "instanceId"):
            continue
        if member == "observedAt":
            parse_time(inner, what=f"{name}.observedAt")
            out[member] = inner
        elif member == "unitCode":
            if not isinstance(inner, str) or not inner:
                raise BadRequestData(f"{name}.unitCode: a code such as MTR is expected")
            out[member] = inner
        elif member == "datasetId":
            out[member] = check_uri(inner, f"{name}.datasetId")
        else:
            out[member] = _normalize_one(check_name(member), inner, depth + 1)
    return out


def _check_value(name: str, value: Any) -> Any:
    if value is None:
        raise BadRequestData(f"{name}: null is not a value")
    if isinstance(value, float) and not math.isfinite(value):  # JSON has no NaN, no infinity
        raise BadRequestData(f"{name}: {value} is not a value")
    return value


def _check_geometry(name: str, value: Any) -> dict[str, Any]:
    from jnt_fresque.twin.geo import check_geometry

    return check_geometry(value, what=name)


# --- representations ------------------------------------------------------------


def _instances(attr: Any) -> list[dict[str, Any]]:
    return attr if isinstance(attr, list) else [attr]


def attribute_value(attr: Any) -> Any:
    """The value of an attribute (its object for a Relationship; the default instance)."""
    first = _instances(attr)[0]
    return first.get("object") if first.get("type") == RELATIONSHIP else first.get("value")


def attribute_names(doc: Mapping[str, Any]) -> list[str]:
    """The attribute names of an entity, in order."""
    return [k for k in doc if k not in ENTITY_MEMBERS]


def to_key_values(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The keyValues (simplified) representation: each attribute reduced to its value."""
    out: dict[str, Any] = {k: doc[k] for k in ("@context", "id", "type") if k in doc}
    for name in attribute_names(doc):
        out[name] = attribute_value(doc[name])
    return out


def to_concise(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The concise representation: types left out wherever they can be inferred."""
    out: dict[str, Any] = {k: doc[k] for k in ("@context", "id", "type") if k in doc}
    for key in ("createdAt", "modifiedAt"):
        if key in doc:
            out[key] = doc[key]
    for name in attribute_names(doc):
        items = [_concise_attr(a) for a in _instances(doc[name])]
        out[name] = items if isinstance(doc[name], list) else items[0]
    return out


def _concise_attr(attr: dict[str, Any]) -> Any:
    kind = attr.get("type")
    rest = {k: (_concise_attr(v) if k not in META else v) for k, v in attr.items() if k != "type"}
    if kind == RELATIONSHIP:
        return rest
    if set(rest) == {"value"} and not isinstance(rest["value"], dict | list):
        return rest["value"]
    if kind == GEOPROPERTY and set(rest) == {"value"}:
        return rest["value"]
    return rest


def to_feature(doc: Mapping[str, Any], *, geoproperty: str = "location") -> dict[str, Any]:
    """One entity as a GeoJSON Feature (its geometry from ``geoproperty``)."""
    geometry = None
    if geoproperty in doc:
        first = _instances(doc[geoproperty])[0]
        if first.get("type") == GEOPROPERTY:
            geometry = first.get("value")
    properties = {k: v for k, v in doc.items() if k not in ("id", "@context")}
    return {"id": doc["id"], "type": "Feature", "geometry": geometry, "properties": properties}


def to_feature_collection(
    docs: Iterable[Mapping[str, Any]],
    *,
    geoproperty: str = "location",
    attribution: str | None = None,
) -> dict[str, Any]:
    """Entities as a GeoJSON FeatureCollection (with the data's attribution, when known)."""
    out: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [to_feature(d, geoproperty=geoproperty) for d in docs],
    }
    if attribution:
        out["attribution"] = attribution  # a foreign member: GeoJSON readers keep it
    return out


def from_feature(
    feature: Mapping[str, Any], *, type: str | None = None, geoproperty: str = "location"
) -> dict[str, Any]:
    """An entity from a GeoJSON Feature (the reverse of `to_feature`).

    The Feature's ``id`` is the entity id; ``properties`` hold the type (or give
    ``type``) and the attributes, normalized or as plain values; the geometry
    becomes the GeoProperty ``geoproperty``.

    Raises
    ------
    BadRequestData
        If the Feature is not one, or the entity it gives is malformed.
    """
    if not isinstance(feature, Mapping) or feature.get("type") != "Feature":
        raise BadRequestData("a GeoJSON Feature is expected")
    properties = dict(feature.get("properties") or {})
    doc: dict[str, Any] = {"id": feature.get("id", properties.pop("id", None))}
    doc["type"] = properties.pop("type", type)
    doc.update(properties)
    if feature.get("geometry") is not None:
        doc[geoproperty] = {"type": GEOPROPERTY, "value": feature["geometry"]}
    return normalize_entity(doc)
