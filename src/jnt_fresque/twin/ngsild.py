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
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Protocol

from jnt_fresque.twin.errors import BadRequestData

PROPERTY = "Property"
RELATIONSHIP = "Relationship"
GEOPROPERTY = "GeoProperty"
LANGUAGEPROPERTY = "LanguageProperty"
VOCABPROPERTY = "VocabProperty"
LISTPROPERTY = "ListProperty"
LISTRELATIONSHIP = "ListRelationship"
JSONPROPERTY = "JsonProperty"
# Each kind of attribute and the member that holds what it says (clause 4.5).
VALUE_MEMBER = {
    PROPERTY: "value",
    GEOPROPERTY: "value",
    RELATIONSHIP: "object",
    LANGUAGEPROPERTY: "languageMap",
    VOCABPROPERTY: "vocab",
    LISTPROPERTY: "valueList",
    LISTRELATIONSHIP: "objectList",
    JSONPROPERTY: "json",
}
ATTRIBUTE_TYPES = tuple(VALUE_MEMBER)
# The NGSI-LD null (clause 4.5.0): in a PATCH, the value that deletes what it stands in for.
NGSI_LD_NULL = "urn:ngsi-ld:null"
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
        "languageMap",
        "vocab",
        "valueList",
        "objectList",
        "json",
        "lang",
        "objectType",
        "deletedAt",
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


@lru_cache(maxsize=4096)  # a batch stamps many values with the same instant
def format_time(ms: int | float) -> str:
    """An instant in milliseconds since the epoch, as NGSI-LD writes it (UTC, ms, Z)."""
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(ms) % 1000:03d}Z"


def format_instant(ms: int | float) -> str:
    """Like `format_time`, without the fraction when it is zero (``2020-08-01T12:03:00Z``).

    Computed instants (the bounds of aggregation periods, the ranges of temporal
    pages) are written this way, as clients and the ETSI examples write them.

    Examples
    --------
    >>> format_instant(1596283380000), format_instant(1596283380250)
    ('2020-08-01T12:03:00Z', '2020-08-01T12:03:00.250Z')
    """
    text = format_time(ms)
    return text[:-5] + "Z" if text.endswith(".000Z") else text


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
    r"""Whether ``value`` is an absolute URI (``urn:ngsi-ld:Tank:T1``, ``https://…``).

    Non-ASCII letters are welcome (an IRI, RFC 3987), but not the characters that
    cannot be seen or that change how the text around them is shown (`invisible`).

    Examples
    --------
    >>> is_uri("urn:ngsi-ld:Ciudad:París"), is_uri("urn:ngsi-ld:Vehicle:A\u202eB")
    (True, False)
    """
    return (
        isinstance(value, str)
        and len(value) <= 2048
        and bool(_URI.match(value))
        and invisible(value) is None
    )


def invisible(text: str) -> str | None:
    r"""The first character of ``text`` that has no visible form, as ``U+XXXX``, or None.

    These are the controls, format characters (bidirectional overrides, zero-width
    spaces, the byte order mark), variation selectors, noncharacters, unassigned or
    private-use code points and the fillers that draw as blanks (Hangul fillers,
    the blank Braille pattern): an id or a name holding one reads as another one
    in every log, table and screen (clause 4.5.1: an id identifies one entity).

    Examples
    --------
    >>> invisible("urn:ngsi-ld:Tank:T1") is None, invisible("a\u200bb")
    (True, 'U+200B')
    """
    if text.isascii() and text.isprintable():
        return None  # the common case, at C speed
    for char in text:
        if char.isascii():
            if char.isprintable():
                continue
            return f"U+{ord(char):04X}"
        code = ord(char)
        category = unicodedata.category(char)
        if (
            category[0] in "CZ"  # Cc Cf Cs Co Cn (noncharacters are Cn), separators
            or (category == "Mn" and (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF))
            or code in _BLANKS
            or (code & 0xFFFE) == 0xFFFE
        ):
            return f"U+{code:04X}"
    return None


# Letters and symbols that draw nothing: the Hangul fillers, the blank Braille pattern,
# and the other default-ignorable code points that Unicode does not file as format.
_BLANKS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x17B4, 0x17B5})


def check_uri(value: Any, what: str) -> str:
    if not is_uri(value):
        hidden = invisible(value) if isinstance(value, str) else None
        if hidden is not None:
            raise BadRequestData(
                f"{what}: {_short(value)} holds the invisible character {hidden}; "
                "an id is a URI that reads the same everywhere"
            )
        raise BadRequestData(f"{what}: {_short(value)} is not a URI (e.g. urn:ngsi-ld:Tank:T1)")
    return str(value)


def check_name(name: Any, what: str = "attribute name") -> str:
    """An attribute or type name NGSI-LD accepts, or BadRequestData."""
    if not isinstance(name, str) or not name:
        raise BadRequestData(f"{what}: a non-empty string is expected, got {_short(name)}")
    problem = _name_problem(name)
    if problem is not None:
        raise BadRequestData(f"{what}: {_short(name)} {problem}")
    return name


@lru_cache(maxsize=4096)  # the same few names come back in every request
def _name_problem(name: str) -> str | None:
    if len(name) > _MAX_NAME or _BAD_NAME.search(name):
        return "is not allowed (no spaces, quotes, <, >, =, ;, ( or ))"
    hidden = invisible(name)
    return None if hidden is None else f"holds the invisible character {hidden}"


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
    if "scope" in doc:
        out["scope"] = check_scope(doc["scope"])
    for name, value in doc.items():
        if name in ENTITY_MEMBERS:
            continue
        out[name] = normalize_attribute(name, value)
    return out


_SCOPE = re.compile(r"^/?[^/\s#+]+(?:/[^/\s#+]+)*$")


def check_scope(value: Any) -> str | list[str]:
    """An entity's ``scope`` (clause 4.18): one hierarchical path like ``/Madrid/Gardens``,
    or a list of them."""
    scopes = value if isinstance(value, list) else [value]
    if not scopes:
        raise BadRequestData("scope: an empty list is not a scope")
    for one in scopes:
        if not isinstance(one, str) or not _SCOPE.match(one) or invisible(one) is not None:
            raise BadRequestData(f"scope: {_short(one)} is not a scope such as /Madrid/Gardens")
    return value if isinstance(value, list) and len(value) > 1 else scopes[0]


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
        value.get("type") in ATTRIBUTE_TYPES or any(m in value for m in _MEMBER_KIND)
    )


# In the concise form the type is left out: the member present says which kind it is.
_MEMBER_KIND = {
    "object": RELATIONSHIP,
    "languageMap": LANGUAGEPROPERTY,
    "vocab": VOCABPROPERTY,
    "valueList": LISTPROPERTY,
    "objectList": LISTRELATIONSHIP,
    "json": JSONPROPERTY,
    "value": PROPERTY,
}
# Members of an attribute instance that are neither what it holds nor sub-attributes.
_SKIPPED = frozenset({"type", "createdAt", "modifiedAt", "instanceId", "deletedAt"})


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
        kind = next((k for m, k in _MEMBER_KIND.items() if m in value), None)
        if kind is None:  # a concise JSON object value
            return {"type": PROPERTY, "value": _check_value(name, value)}
        inner = value.get("value")
        if kind == PROPERTY and isinstance(inner, dict) and inner.get("type") in GEOMETRY_TYPES:
            kind = GEOPROPERTY
    if kind not in ATTRIBUTE_TYPES:
        raise BadRequestData(
            f"{name}: type {_short(kind)} is not one of {', '.join(ATTRIBUTE_TYPES)}"
        )
    member = VALUE_MEMBER[kind]
    if member not in value:
        raise BadRequestData(f"{name}: a {kind} needs {member}")
    out: dict[str, Any] = {"type": kind, member: _held(name, kind, value[member])}
    for key, inner in value.items():
        if key == member or key in _SKIPPED:
            continue
        if key == "observedAt":
            parse_time(inner, what=f"{name}.observedAt")
            out[key] = inner
        elif key == "unitCode":
            if not isinstance(inner, str) or not inner:
                raise BadRequestData(f"{name}.unitCode: a code such as MTR is expected")
            out[key] = inner
        elif key == "datasetId":
            out[key] = check_uri(inner, f"{name}.datasetId")
        elif key == "lang" and kind == PROPERTY:
            if not isinstance(inner, str) or not _LANGUAGE_TAG.match(inner):
                raise BadRequestData(f"{name}.lang: a language tag such as fr is expected")
            out[key] = inner
        elif key == "objectType" and kind in (RELATIONSHIP, LISTRELATIONSHIP):
            out[key] = _check_vocab(f"{name}.objectType", inner)
        elif key in _MEMBER_KIND or key == "lang":
            raise BadRequestData(f"{name}: a {kind} has no member {key}")
        else:
            out[key] = _normalize_one(check_name(key), inner, depth + 1)
    return out


_LANGUAGE_TAG = re.compile(r"^(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|@none)$")


def _held(name: str, kind: str, held: Any) -> Any:
    """What an attribute of ``kind`` holds, checked (clause 4.5: the value space of each)."""
    if isinstance(held, str) and held == NGSI_LD_NULL:
        return held  # deletes the attribute in a PATCH; refused where nothing is deleted
    if kind == GEOPROPERTY:
        return _check_geometry(name, held)
    if kind == RELATIONSHIP:
        if isinstance(held, list):
            if not held:
                raise BadRequestData(f"{name}: object is an empty list")
            return [check_uri(t, f"{name}.object") for t in held]
        return check_uri(held, f"{name}.object")
    if kind == LANGUAGEPROPERTY:
        if not isinstance(held, dict) or not held:
            raise BadRequestData(f"{name}: languageMap must map language tags to strings")
        for tag, text in held.items():
            if not _LANGUAGE_TAG.match(tag):
                raise BadRequestData(f"{name}.languageMap: {_short(tag)} is not a language tag")
            texts = text if isinstance(text, list) else [text]
            if not texts or not all(isinstance(t, str) for t in texts):
                raise BadRequestData(f"{name}.languageMap.{tag}: a string is expected")
        return held
    if kind == VOCABPROPERTY:
        return _check_vocab(f"{name}.vocab", held)
    if kind == LISTPROPERTY:
        if not isinstance(held, list):
            raise BadRequestData(f"{name}: valueList must be a JSON array")
        return [_check_value(name, v) for v in held]
    if kind == LISTRELATIONSHIP:
        if not isinstance(held, list):
            raise BadRequestData(f"{name}: objectList must be a JSON array")
        return [
            {"object": check_uri(o.get("object") if isinstance(o, dict) else o, f"{name}.object")}
            for o in held
        ]
    if kind == JSONPROPERTY:
        if not isinstance(held, dict | list):
            raise BadRequestData(f"{name}: json must be a JSON object or array")
        return held
    return _check_value(name, held)


def _check_vocab(name: str, held: Any) -> Any:
    names = held if isinstance(held, list) else [held]
    if not names or not all(isinstance(n, str) and n for n in names):
        raise BadRequestData(f"{name}: a term or a list of terms is expected")
    for n in names:
        check_name(n, name)
    return held


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
    """What an attribute says, in the simplified form (the default instance).

    Its value for a Property, its object for a Relationship, the list for a
    ListProperty; a LanguageProperty, VocabProperty or JsonProperty keeps its
    member name (``{"languageMap": …}``), as the simplified form of clause 4.5.9 does.
    """
    return simplified(_instances(attr)[0])


def simplified(inst: Mapping[str, Any]) -> Any:
    """One attribute instance in the simplified (keyValues) form."""
    kind = inst.get("type", PROPERTY)
    member = VALUE_MEMBER.get(kind, "value")
    held = inst.get(member)
    if kind in (LANGUAGEPROPERTY, VOCABPROPERTY, JSONPROPERTY):
        return {member: held}
    if kind == LISTRELATIONSHIP and isinstance(held, list):
        return [o.get("object") if isinstance(o, dict) else o for o in held]
    return held


def attribute_names(doc: Mapping[str, Any]) -> list[str]:
    """The attribute names of an entity, in order."""
    return [k for k in doc if k not in ENTITY_MEMBERS]


def to_key_values(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The keyValues (simplified) representation: each attribute reduced to its value."""
    out: dict[str, Any] = {k: doc[k] for k in ("@context", "id", "type", "scope") if k in doc}
    for name in attribute_names(doc):
        out[name] = attribute_value(doc[name])
    return out


def to_concise(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The concise representation: types left out wherever they can be inferred."""
    out: dict[str, Any] = {k: doc[k] for k in ("@context", "id", "type", "scope") if k in doc}
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
    if kind not in (PROPERTY, GEOPROPERTY):
        return rest  # the member it holds (object, languageMap, vocab…) says its kind
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
        if isinstance(first, dict) and first.get("type") == GEOPROPERTY:
            geometry = first.get("value")
        elif isinstance(first, dict) and first.get("type") in GEOMETRY_TYPES:
            geometry = first  # keyValues: the geometry itself
        elif isinstance(first, dict) and isinstance(first.get("value"), dict):
            geometry = first["value"]  # concise
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
