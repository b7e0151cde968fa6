"""A subscription document: checked, kept with expanded names, written back compacted.

A subscription (ETSI GS CIM 009, clause 5.2.12) says which entities to watch
(``entities``: ``id``, ``idPattern``, ``type``), which changes count
(``watchedAttributes``, ``notificationTrigger``), a filter (``q``, ``geoQ``), how
often at most (``throttling``) or how often exactly (``timeInterval``), until when
(``isActive``, ``expiresAt``), and where and how to notify (``notification``:
endpoint, format, attributes). `check` turns what a client sends into the stored
form, refusing with ``BadRequestData`` what the standard refuses; `merge` applies
an update fragment (clause 5.8.2); `document` writes the stored form back with
the reader's @context, with its ``status`` and notification counters.

Examples
--------
>>> from jnt_fresque.twin.context import ContextCache
>>> ctx = ContextCache().resolve(None)
>>> doc = subscription("http://127.0.0.1:9/notify", type="Junction", watched=["pressure"])
>>> stored = check({**doc, "id": "urn:ngsi-ld:Subscription:S1"}, ctx, now=0)
>>> stored["watchedAttributes"]
['https://uri.etsi.org/ngsi-ld/default-context/pressure']
>>> document(stored, ctx, status="active")["watchedAttributes"]
['pressure']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import BadRequestData, OperationNotSupported
from jnt_fresque.twin.ngsild import check_name, check_uri, parse_time

TRIGGERS = (
    "entityCreated",
    "entityUpdated",
    "entityDeleted",
    "attributeCreated",
    "attributeUpdated",
    "attributeDeleted",
)
DEFAULT_TRIGGERS = ["attributeCreated", "attributeUpdated"]
# Representations of the notified entities; "simplified" is another name for keyValues.
FORMATS = {"normalized": "normalized", "keyValues": "keyValues", "simplified": "keyValues",
           "concise": "concise"}  # fmt: skip
ACCEPTS = ("application/json", "application/ld+json", "application/geo+json")
# Members a client may not set (the broker writes them); a client's values are ignored.
READ_ONLY = frozenset({"status", "createdAt", "modifiedAt"})
NOTIFICATION_STATUS = ("timesSent", "timesFailed", "lastNotification", "lastSuccess",
                       "lastFailure", "status")  # fmt: skip
_TYPE_TOKENS = re.compile(r"\s*([(),;|])\s*")


def subscription(
    uri: str,
    *,
    type: str | None = None,
    id: str | None = None,
    id_pattern: str | None = None,
    watched: Iterable[str] | None = None,
    q: str | None = None,
    attributes: Iterable[str] | None = None,
    format: str = "normalized",
    throttling: float | None = None,
) -> dict[str, Any]:
    """A subscription document, as a client sends it (``POST /ngsi-ld/v1/subscriptions``).

    Parameters
    ----------
    uri
        Where notifications are POSTed (``notification.endpoint.uri``).
    type, id, id_pattern
        Which entities: of this type, with this id, or ids matching this pattern.
    watched
        The attributes whose changes trigger a notification (None: any attribute).
    q
        A filter in the NGSI-LD query language (``pressure<2``).
    attributes
        The attributes a notification carries (None: all of them).
    format
        ``normalized``, ``keyValues`` (values only) or ``concise``.
    throttling
        The fewest seconds between two notifications.

    Examples
    --------
    >>> doc = subscription("http://127.0.0.1:8000/notify", type="Junction",
    ...                    watched=["pressure"], format="keyValues")
    >>> doc["entities"], doc["notification"]["format"]
    ([{'type': 'Junction'}], 'keyValues')
    """
    selector: dict[str, str] = {}
    if id is not None:
        selector["id"] = id
    if id_pattern is not None:
        selector["idPattern"] = id_pattern
    if type is not None:
        selector["type"] = type
    doc: dict[str, Any] = {"type": "Subscription"}
    if selector:
        doc["entities"] = [selector]
    if watched is not None:
        doc["watchedAttributes"] = list(watched)
    if q is not None:
        doc["q"] = q
    if throttling is not None:
        doc["throttling"] = throttling
    notification: dict[str, Any] = {"format": format, "endpoint": {"uri": uri}}
    if attributes is not None:
        notification["attributes"] = list(attributes)
    doc["notification"] = notification
    return doc


# --- checking ----------------------------------------------------------------------


def check(doc: Any, ctx: Context, *, now: int) -> dict[str, Any]:
    """The stored form of a subscription a client sends (names expanded with ``ctx``).

    ``now`` (milliseconds) is what ``expiresAt`` must come after. The ``id`` is
    left out when the client gave none; the caller makes one.

    Raises
    ------
    BadRequestData
        If a member is malformed or the members do not go together (clause 5.8.1.4).
    OperationNotSupported
        If the endpoint is not HTTP (MQTT notifications are not supported).
    """
    if not isinstance(doc, dict):
        raise BadRequestData("a subscription must be a JSON object")
    if doc.get("type") != "Subscription":
        raise BadRequestData(f"type: 'Subscription' expected, got {_short(doc.get('type'))}")
    stored: dict[str, Any] = {"type": "Subscription"}
    for name, value in doc.items():
        if name in ("type", "@context") or name in READ_ONLY:
            continue
        member = _MEMBERS.get(name)
        if member is not None:
            stored[name] = member(value, ctx, now)
    _check_whole(stored)
    return stored


def merge(stored: dict[str, Any], fragment: Any, ctx: Context, *, now: int) -> dict[str, Any]:
    """``stored`` updated with a fragment (clause 5.8.2): each member given replaces its
    value, a null removes it; the result must still be a valid subscription.

    Raises
    ------
    BadRequestData
        If a member is malformed, the id differs, or a mandatory member would go.
    """
    if not isinstance(fragment, dict):
        raise BadRequestData("a subscription fragment must be a JSON object")
    if "id" in fragment and fragment["id"] != stored["id"]:
        raise BadRequestData(f"id: the fragment's id is not {stored['id']}")
    if "type" in fragment and fragment["type"] != "Subscription":
        raise BadRequestData(f"type: 'Subscription' expected, got {_short(fragment['type'])}")
    updated = dict(stored)
    for name, value in fragment.items():
        if name in ("id", "type", "@context") or name in READ_ONLY:
            continue
        member = _MEMBERS.get(name)
        if member is None:
            continue
        if value is None:
            updated.pop(name, None)
        else:
            updated[name] = member(value, ctx, now)
    _check_whole(updated)
    return updated


def _check_whole(stored: dict[str, Any]) -> None:
    if "notification" not in stored:
        raise BadRequestData("notification: a subscription needs one (with an endpoint)")
    if "entities" not in stored and "watchedAttributes" not in stored:
        raise BadRequestData("a subscription needs entities, watchedAttributes or both")
    if "timeInterval" in stored:
        if "watchedAttributes" in stored:
            raise BadRequestData("timeInterval and watchedAttributes cannot go together")
        if "throttling" in stored:
            raise BadRequestData("timeInterval and throttling cannot go together")


def _id(value: Any, ctx: Context, now: int) -> str:
    return check_uri(value, "id")


def _text(what: str) -> Callable[[Any, Context, int], str]:
    def read(value: Any, ctx: Context, now: int) -> str:
        if not isinstance(value, str):
            raise BadRequestData(f"{what}: a string is expected, got {_short(value)}")
        return value

    return read


def _flag(what: str) -> Callable[[Any, Context, int], bool]:
    def read(value: Any, ctx: Context, now: int) -> bool:
        if not isinstance(value, bool):
            raise BadRequestData(f"{what}: true or false expected, got {_short(value)}")
        return value

    return read


def _positive(what: str) -> Callable[[Any, Context, int], float]:
    def read(value: Any, ctx: Context, now: int) -> float:
        return _seconds(value, what)

    return read


def _seconds(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise BadRequestData(f"{what}: a positive number of seconds expected")
    if value > 10**9:
        raise BadRequestData(f"{what}: {value} seconds is too long")
    return value


def _entities(value: Any, ctx: Context, now: int) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise BadRequestData("entities: a non-empty list of {id?, idPattern?, type} expected")
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise BadRequestData("entities: each item must be an object {id?, idPattern?, type}")
        if "type" not in item:
            raise BadRequestData("entities: each item needs a type")
        selector = {"type": expand_types(item["type"], ctx)}
        if "id" in item:
            selector["id"] = check_uri(item["id"], "entities.id")
        if "idPattern" in item:
            pattern = item["idPattern"]
            if not isinstance(pattern, str):
                raise BadRequestData("entities.idPattern: a regular expression expected")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise BadRequestData(f"entities.idPattern: invalid ({exc})") from None
            selector["idPattern"] = pattern
        out.append(selector)
    return out


def _names(what: str) -> Callable[[Any, Context, int], list[str]]:
    def read(value: Any, ctx: Context, now: int) -> list[str]:
        if not isinstance(value, list) or not value:
            raise BadRequestData(f"{what}: a non-empty list of attribute names expected")
        return list(dict.fromkeys(ctx.expand(check_name(n, what)) for n in value))

    return read


def _triggers(value: Any, ctx: Context, now: int) -> list[str]:
    if not isinstance(value, list) or not value:
        raise BadRequestData(f"notificationTrigger: a non-empty list of {', '.join(TRIGGERS)}")
    for item in value:
        if item not in TRIGGERS:
            raise BadRequestData(
                f"notificationTrigger: {_short(item)} is not one of {', '.join(TRIGGERS)}"
            )
    return list(dict.fromkeys(value))


def _q(value: Any, ctx: Context, now: int) -> str:
    from jnt_fresque.twin.query import parse

    if not isinstance(value, str):
        raise BadRequestData("q: a query string expected")
    text = unquote(value)  # clients often send q URL-encoded, as in a query string
    parse(text)
    return text


def _geo_q(value: Any, ctx: Context, now: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRequestData("geoQ: an object {geometry, coordinates, georel} expected")
    geo = {k: value[k] for k in ("geometry", "coordinates", "georel", "geoproperty") if k in value}
    if "geoproperty" in geo:
        check_name(geo["geoproperty"], "geoQ.geoproperty")
    geo_query(geo)
    return geo


def geo_query(geo: dict[str, Any]) -> Any:
    """The `GeoQuery` of a stored ``geoQ`` (checked)."""
    import json

    from jnt_fresque.twin.geo import GeoQuery

    coordinates = geo.get("coordinates")
    if not isinstance(coordinates, str | None):
        coordinates = json.dumps(coordinates)
    return GeoQuery.parse(
        geo.get("georel"), geo.get("geometry"), coordinates, geo.get("geoproperty")
    )


def _expires(value: Any, ctx: Context, now: int) -> str:
    moment = parse_time(value, what="expiresAt")
    if moment <= now:
        raise BadRequestData(f"expiresAt: {value} is in the past")
    return str(value)


def _context_url(value: Any, ctx: Context, now: int) -> str:
    return check_uri(value, "jsonldContext")


def _notification(value: Any, ctx: Context, now: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRequestData("notification: an object {endpoint, format?, attributes?} expected")
    out: dict[str, Any] = {}
    if "attributes" in value:
        out["attributes"] = _names("notification.attributes")(value["attributes"], ctx, now)
    if "format" in value:
        if value["format"] not in FORMATS:
            raise BadRequestData(
                f"notification.format: {_short(value['format'])} is not one of {', '.join(FORMATS)}"
            )
        out["format"] = value["format"]
    for flag in ("showChanges", "sysAttrs"):
        if flag in value:
            out[flag] = _flag(f"notification.{flag}")(value[flag], ctx, now)
    if out.get("showChanges") and FORMATS.get(out.get("format", "")) == "keyValues":
        raise BadRequestData("notification.showChanges cannot go with the keyValues format")
    if "endpoint" not in value or value["endpoint"] is None:
        raise BadRequestData("notification.endpoint: a subscription needs an endpoint {uri}")
    out["endpoint"] = _endpoint(value["endpoint"])
    return out


def _endpoint(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadRequestData("notification.endpoint: an object {uri, accept?} expected")
    uri = check_uri(value.get("uri"), "notification.endpoint.uri")
    scheme = urlsplit(uri).scheme.lower()
    if scheme not in ("http", "https"):
        raise OperationNotSupported(
            f"notification.endpoint.uri: {scheme} notifications are not supported (http only)"
        )
    out: dict[str, Any] = {"uri": uri}
    if "accept" in value:
        if value["accept"] not in ACCEPTS:
            raise BadRequestData(
                f"notification.endpoint.accept: {_short(value['accept'])} is not one of "
                + ", ".join(ACCEPTS)
            )
        out["accept"] = value["accept"]
    for pairs in ("receiverInfo", "notifierInfo"):
        if pairs in value:
            out[pairs] = _pairs(value[pairs], f"notification.endpoint.{pairs}")
    return out


def _pairs(value: Any, what: str) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise BadRequestData(f"{what}: a list of {{key, value}} expected")
    for pair in value:
        if (
            not isinstance(pair, dict)
            or not isinstance(pair.get("key"), str)
            or not isinstance(pair.get("value"), str)
            or not pair["key"]
            or re.search(r"[\r\n:]", pair["key"])
            or re.search(r"[\r\n]", pair["value"])
        ):
            raise BadRequestData(f"{what}: each item must be {{key: text, value: text}}")
    return [{"key": p["key"], "value": p["value"]} for p in value]


_MEMBERS: dict[str, Callable[[Any, Context, int], Any]] = {
    "id": _id,
    "subscriptionName": _text("subscriptionName"),
    "description": _text("description"),
    "entities": _entities,
    "watchedAttributes": _names("watchedAttributes"),
    "notificationTrigger": _triggers,
    "timeInterval": _positive("timeInterval"),
    "q": _q,
    "geoQ": _geo_q,
    "scopeQ": _text("scopeQ"),
    "lang": _text("lang"),
    "isActive": _flag("isActive"),
    "expiresAt": _expires,
    "throttling": _positive("throttling"),
    "notification": _notification,
    "jsonldContext": _context_url,
}


# --- entity types: a small selection language (clause 4.17) ---------------------------


def expand_types(value: Any, ctx: Context) -> str:
    """An entity type selection (``Building``, ``(Building|Tower)``, ``A;B``), expanded."""
    if not isinstance(value, str) or not value.strip():
        raise BadRequestData(
            f"entities.type: a type or type selection expected, got {_short(value)}"
        )
    parse_types(value)
    return _map_types(value, lambda name: ctx.expand(check_name(name, "entities.type")))


def compact_types(value: str, ctx: Context) -> str:
    return _map_types(value, ctx.compact)


def _map_types(value: str, rename: Callable[[str], str]) -> str:
    parts = _TYPE_TOKENS.split(value.strip())
    return "".join(p if i % 2 else (rename(p) if p else "") for i, p in enumerate(parts))


TypeTest = Callable[[Iterable[str]], bool]


def parse_types(text: str) -> TypeTest:
    """A test of an entity's types for a type selection: ``,`` or ``|`` is OR, ``;`` is AND.

    Examples
    --------
    >>> test = parse_types("(Building|Tower);Public")
    >>> test(["Tower", "Public"]), test(["Tower"])
    (True, False)
    """
    tokens = [t for t in _TYPE_TOKENS.split(text.strip()) if t and t.strip()]
    pos = 0

    def fail(what: str) -> BadRequestData:
        return BadRequestData(f"entities.type: {what} in {text[:100]!r}")

    def any_of() -> TypeTest:
        nonlocal pos
        items = [all_of()]
        while pos < len(tokens) and tokens[pos] in (",", "|"):
            pos += 1
            items.append(all_of())
        return items[0] if len(items) == 1 else (lambda types: any(t(types) for t in items))

    def all_of() -> TypeTest:
        nonlocal pos
        items = [one()]
        while pos < len(tokens) and tokens[pos] == ";":
            pos += 1
            items.append(one())
        return items[0] if len(items) == 1 else (lambda types: all(t(types) for t in items))

    def one() -> TypeTest:
        nonlocal pos
        if pos >= len(tokens):
            raise fail("a type is missing")
        token = tokens[pos]
        pos += 1
        if token == "(":
            inner = any_of()
            if pos >= len(tokens) or tokens[pos] != ")":
                raise fail("')' expected")
            pos += 1
            return inner
        if token in "),;|":
            raise fail(f"unexpected {token!r}")
        return lambda types: token in set(types)

    test = any_of()
    if pos != len(tokens):
        raise fail(f"unexpected {tokens[pos]!r}")
    return test


# --- writing back ---------------------------------------------------------------------


def document(
    stored: dict[str, Any],
    ctx: Context,
    *,
    status: str,
    counters: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A stored subscription as clients read it: names compacted with ``ctx``, its
    ``status`` (active, paused, expired), and the notification counters if any."""
    out: dict[str, Any] = {"id": stored["id"], "type": "Subscription"}
    for name, value in stored.items():
        if name in ("id", "type", "@context", "createdAt", "modifiedAt"):
            continue
        if name == "entities":
            value = [{**s, "type": compact_types(s["type"], ctx)} for s in value]
        elif name == "watchedAttributes":
            value = [ctx.compact(n) for n in value]
        elif name == "notification":
            value = dict(value)
            if "attributes" in value:
                value["attributes"] = [ctx.compact(n) for n in value["attributes"]]
            value.update(counters or {})
        out[name] = value
    out.setdefault("notificationTrigger", list(DEFAULT_TRIGGERS))
    out["status"] = status
    context_url = stored.get("jsonldContext") or _single_url(stored.get("@context"))
    if context_url:
        out["jsonldContext"] = context_url
    return out


def _single_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    return None


def status_of(stored: dict[str, Any], now: int) -> str:
    """``expired`` past ``expiresAt``, ``paused`` when ``isActive`` is false, else ``active``."""
    expires = stored.get("expiresAt")
    if expires is not None and parse_time(expires) <= now:
        return "expired"
    if stored.get("isActive") is False:
        return "paused"
    return "active"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
