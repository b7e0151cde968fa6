"""Which entities a query selects: ids, types, ``idPattern``, ``attrs``, ``q``, scopes, geo.

Shared by the entity queries and the temporal queries. Types and scopes have
small languages of their own (clauses 4.17 and 4.19): ``,`` or ``|`` for OR,
``;`` for AND, parentheses; a scope ends with ``/#`` for a whole subtree, and
``+`` stands for any one level.

Examples
--------
>>> matches = type_expression("(Building;Museum),Parking", str)
>>> matches({"Building", "Museum"}), matches({"Building"}), matches({"Parking"})
(True, False, True)
>>> scope_expression("/Madrid/+/ParqueNorte")(["/Madrid/Gardens/ParqueNorte"])
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from jnt_fresque.twin.broker.core import attr_set, expand_name, split_names
from jnt_fresque.twin.context import Context
from jnt_fresque.twin.errors import BadRequestData
from jnt_fresque.twin.ngsild import GEOPROPERTY, check_scope, check_uri

Select = Callable[[Iterable[dict[str, Any]]], Iterable[dict[str, Any]]]


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
    scope_q: str | None = None,
) -> Select:
    """A function that keeps, of the stored entities it is given, those a query selects.

    Raises
    ------
    BadRequestData
        For a bad parameter, or no filter when ``require_filter``: a query names a
        type, attributes, a ``q`` or a geo-query (clause 5.7.2).
    """
    from jnt_fresque.twin.query import compile_query, parse

    ids = set(split_names(id)) if id else None
    if ids:
        for one in ids:
            check_uri(one, "id")
    types = type_expression(type, lambda t: expand_name(ctx, t, "type")) if type else None
    scopes = scope_expression(scope_q) if scope_q else None
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
        geo_iri = expand_name(ctx, geo_query.geoproperty, "geoproperty")
        geo_test = (geo_query, geo_iri)
    if require_filter and not (types or wanted or test or geo_test or scopes):
        raise BadRequestData(
            "give at least one of type, attrs, q or a geo-query, or local=true "
            "(e.g. ?type=Junction)"
        )

    def select(entities: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        for stored in entities:
            if ids is not None and stored["id"] not in ids:
                continue
            if types is not None and not types(set(stored["type"])):
                continue
            if scopes is not None and not scopes(_scopes(stored.get("scope"))):
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


def _scopes(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# --- the two small languages ------------------------------------------------------------

_TOKEN = re.compile(r"\s*([(),;|]|[^(),;|\s]+)")


def _tokens(text: str, what: str) -> list[str]:
    found: list[str] = []
    at = 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            break
        found.append(match.group(1))
        at = match.end()
    if text[at:].strip():
        raise BadRequestData(f"{what}: cannot read {text[at:]!r}")
    return found


def _expression(
    text: str, what: str, atom: Callable[[str], Callable[[Any], bool]]
) -> Callable[[Any], bool]:
    """A predicate from ``a;b`` (and), ``a,b`` or ``a|b`` (or) and parentheses."""
    tokens = _tokens(text, what)
    position = 0

    def either() -> Callable[[Any], bool]:
        nonlocal position
        parts = [both()]
        while position < len(tokens) and tokens[position] in (",", "|"):
            position += 1
            parts.append(both())
        return parts[0] if len(parts) == 1 else (lambda x: any(p(x) for p in parts))

    def both() -> Callable[[Any], bool]:
        nonlocal position
        parts = [single()]
        while position < len(tokens) and tokens[position] == ";":
            position += 1
            parts.append(single())
        return parts[0] if len(parts) == 1 else (lambda x: all(p(x) for p in parts))

    def single() -> Callable[[Any], bool]:
        nonlocal position
        if position >= len(tokens):
            raise BadRequestData(f"{what}: {text!r} ends too early")
        token = tokens[position]
        position += 1
        if token == "(":
            inner = either()
            if position >= len(tokens) or tokens[position] != ")":
                raise BadRequestData(f"{what}: a ( is not closed in {text!r}")
            position += 1
            return inner
        if token in "),;|":
            raise BadRequestData(f"{what}: {token!r} is out of place in {text!r}")
        return atom(token)

    found = either()
    if position != len(tokens):
        raise BadRequestData(f"{what}: {tokens[position]!r} is out of place in {text!r}")
    return found


def type_expression(text: str, expand: Callable[[str], str]) -> Callable[[set[str]], bool]:
    """Whether a set of (expanded) entity types matches a type selection (clause 4.17)."""

    def atom(name: str) -> Callable[[Any], bool]:
        iri = expand(name)
        return lambda types: iri in types

    return _expression(text, "type", atom)


def scope_expression(text: str) -> Callable[[list[str]], bool]:
    """Whether an entity's scopes match a ``scopeQ`` (clause 4.19)."""

    def atom(path: str) -> Callable[[Any], bool]:
        if path == "/#":
            return lambda scopes: bool(scopes)
        subtree = path.endswith("/#")
        base = path[:-2] if subtree else path
        check_scope(base.replace("+", "x"))
        levels = base.strip("/").split("/")

        def matches(scopes: list[str]) -> bool:
            for scope in scopes:
                have = scope.strip("/").split("/")
                if len(have) < len(levels) or (len(have) > len(levels) and not subtree):
                    continue
                if all(w == "+" or w == h for w, h in zip(levels, have, strict=False)):
                    return True
            return False

        return matches

    return _expression(text, "scopeQ", atom)
