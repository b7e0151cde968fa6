"""The NGSI-LD query language ``q``: a parser that says where a query is wrong, and matching.

Grammar (ETSI GS CIM 009, clause 4.9), with ``;`` for AND (binding tighter) and
``|`` for OR::

    query    = and ("|" and)*
    and      = term (";" term)*
    term     = "(" query ")" | "!" path | path [op value]
    path     = name ("." name | "[" name "]")*
    op       = "==" | "!=" | ">=" | ">" | "<=" | "<" | "~=" | "!~="
    value    = single | single ".." single | single ("," single)+
    single   = number | "quoted string" | true | false | date-time | URI

``a.b`` is the sub-attribute ``b`` of attribute ``a`` (``observedAt``,
``unitCode``… too); ``a[b]`` is the member ``b`` inside the value of ``a``.

Examples
--------
>>> query = parse("pressure<20;(status==\\"OPEN\\"|elevation>=150)")
>>> render(query)
'pressure<20;(status=="OPEN"|elevation>=150)'
>>> parse("pressure<<20")
Traceback (most recent call last):
...
jnt_fresque.twin.query.QuerySyntaxError: q: unexpected '<' in a value at position 9: pressure<<20
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jnt_fresque.twin.errors import BadRequestData

OPERATORS = ("==", "!=", ">=", ">", "<=", "<", "~=", "!~=")
_NAME = re.compile(r"[A-Za-z0-9_@:#/\-]+")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$"
)
_TIME = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?$")
_META = frozenset({"observedAt", "unitCode", "datasetId", "createdAt", "modifiedAt"})
MAX_LENGTH = 4096


class QuerySyntaxError(BadRequestData):
    """A ``q`` that does not parse; ``position`` is where (0-based) the problem is."""

    def __init__(self, what: str, position: int, query: str) -> None:
        super().__init__(f"q: {what} at position {position}: {query[:200]}")
        self.position = position


# --- the syntax tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """A value in a query: ``kind`` is number, string, boolean, datetime or uri."""

    kind: str
    value: Any


@dataclass(frozen=True)
class Range:
    low: Literal
    high: Literal


@dataclass(frozen=True)
class Term:
    """``path op value``; op None tests that the path exists, op "!" that it does not."""

    path: tuple[tuple[str, str], ...]  # (separator, name): ("", "a"), (".", "b"), ("[", "c")
    op: str | None = None
    value: Literal | Range | tuple[Literal, ...] | None = None


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Term | And | Or


# --- parsing ---------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, what: str, position: int | None = None) -> QuerySyntaxError:
        return QuerySyntaxError(what, self.pos if position is None else position, self.text)

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def query(self, depth: int = 0) -> Node:
        if depth > 32:
            raise self.fail("parentheses nested too deep")
        items = [self.conjunction(depth)]
        while self.peek() == "|":
            self.pos += 1
            items.append(self.conjunction(depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def conjunction(self, depth: int) -> Node:
        items = [self.term(depth)]
        while self.peek() == ";":
            self.pos += 1
            items.append(self.term(depth))
        return items[0] if len(items) == 1 else And(tuple(items))

    def term(self, depth: int) -> Node:
        if self.peek() == "(":
            start = self.pos
            self.pos += 1
            inner = self.query(depth + 1)
            if self.peek() != ")":
                raise self.fail(f"')' expected to close the '(' at position {start}")
            self.pos += 1
            return inner
        if self.peek() == "!" and self.text[self.pos : self.pos + 3] != "!~=":
            self.pos += 1
            return Term(self.path(), "!")
        path = self.path()
        for op in ("!~=", "==", "!=", ">=", "<=", "~=", ">", "<"):
            if self.text.startswith(op, self.pos):
                self.pos += len(op)
                return Term(path, op, self.value(op))
        if self.pos < len(self.text) and self.peek() not in ";|)":
            raise self.fail(f"unexpected {self.peek()!r} after the attribute")
        return Term(path)

    def path(self) -> tuple[tuple[str, str], ...]:
        parts = [("", self.name())]
        while self.peek() in (".", "["):
            sep = self.peek()
            self.pos += 1
            parts.append((sep, self.name()))
            if sep == "[":
                if self.peek() != "]":
                    raise self.fail("']' expected")
                self.pos += 1
        return tuple(parts)

    def name(self) -> str:
        found = _NAME.match(self.text, self.pos)
        if not found:
            what = "end of query" if self.pos >= len(self.text) else repr(self.peek())
            raise self.fail(f"an attribute name is expected, not {what}")
        self.pos = found.end()
        return found.group()

    def value(self, op: str) -> Literal | Range | tuple[Literal, ...]:
        start = self.pos
        raw = self.raw_value(regex=op in ("~=", "!~="))
        if not raw:
            raise self.fail("a value is expected", start)
        if op in ("~=", "!~="):
            pattern = _unquote(raw) if raw.startswith('"') else raw
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.fail(f"invalid regular expression ({exc})", start) from None
            return Literal("string", pattern)
        pieces = _split_top(raw, ",")
        if len(pieces) > 1:
            if op not in ("==", "!="):
                raise self.fail("a list of values only goes with == or !=", start)
            return tuple(self.single(p, start + off) for p, off in pieces)
        ends = _split_top(raw, "..")
        if len(ends) == 2:
            if op not in ("==", "!="):
                raise self.fail("a range only goes with == or !=", start)
            low = self.single(*_shift(ends[0], start))
            high = self.single(*_shift(ends[1], start))
            if low.kind != high.kind or low.kind not in ("number", "string", "datetime"):
                raise self.fail("a range needs two numbers, strings or date-times", start)
            return Range(low, high)
        literal = self.single(raw, start)
        if op in (">", ">=", "<", "<=") and literal.kind in ("boolean", "uri"):
            raise self.fail(f"{op} compares numbers, strings or date-times", start)
        return literal

    def raw_value(self, *, regex: bool) -> str:
        """The text of a value, up to the ``;``, ``|`` or ``)`` that ends the term."""
        text, i, depth = self.text, self.pos, 0
        while i < len(text):
            ch = text[i]
            if ch == '"':
                end = _closing_quote(text, i)
                if end < 0:
                    raise self.fail("unterminated quoted string", i)
                i = end + 1
                continue
            if ch in ";|":
                break
            if ch == "(" and regex:
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        raw = text[self.pos : i]
        self.pos = i
        return raw

    def single(self, raw: str, at: int) -> Literal:
        if not raw:
            raise self.fail("a value is expected", at)
        if raw.startswith('"'):
            end = _closing_quote(raw, 0)
            if end != len(raw) - 1:
                raise self.fail("text after a quoted string", at + max(end, 0) + 1)
            return Literal("string", _unquote(raw))
        if raw in ("true", "false"):
            return Literal("boolean", raw == "true")
        if _NUMBER.match(raw):
            number = json.loads(raw)
            if isinstance(number, float) and number in (float("inf"), float("-inf")):
                raise self.fail("number out of range", at)
            return Literal("number", number)
        if _DATETIME.match(raw) or _TIME.match(raw):
            return Literal("datetime", raw)
        bad = re.search(r"[\s\"'()<>=!\[\]]", raw)
        if bad:
            raise self.fail(f"unexpected {bad.group()!r} in a value", at + bad.start())
        return Literal("uri", raw)


def _closing_quote(text: str, start: int) -> int:
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i
        i += 1
    return -1


def _unquote(raw: str) -> str:
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw[1:-1]
    return str(value)


def _split_top(raw: str, sep: str) -> list[tuple[str, int]]:
    """Split ``raw`` on ``sep`` outside quotes; each piece with its offset."""
    pieces: list[tuple[str, int]] = []
    i = start = 0
    while i < len(raw):
        if raw[i] == '"':
            end = _closing_quote(raw, i)
            i = len(raw) if end < 0 else end + 1
            continue
        if raw.startswith(sep, i):
            pieces.append((raw[start:i], start))
            i += len(sep)
            start = i
            continue
        i += 1
    pieces.append((raw[start:], start))
    return pieces


def _shift(piece: tuple[str, int], start: int) -> tuple[str, int]:
    return piece[0], start + piece[1]


def parse(text: str) -> Node:
    """The syntax tree of a ``q`` query.

    Raises
    ------
    QuerySyntaxError
        If ``text`` is not a query; its message gives the position of the problem.
    """
    if not isinstance(text, str):
        raise QuerySyntaxError("a query string is expected", 0, repr(text))
    if len(text) > MAX_LENGTH:
        raise QuerySyntaxError(f"the query is longer than {MAX_LENGTH} characters", 0, text)
    parser = _Parser(text)
    if not text:
        raise parser.fail("the query is empty")
    node = parser.query()
    if parser.pos != len(text):
        if parser.peek() == ")":
            raise parser.fail("')' without a matching '('")
        raise parser.fail(f"unexpected {parser.peek()!r}")
    return node


# --- writing back ----------------------------------------------------------------


def render(node: Node) -> str:
    """The query text of a syntax tree (``parse(render(n)) == n``)."""
    if isinstance(node, Or):
        return "|".join(render(item) for item in node.items)
    if isinstance(node, And):
        return ";".join(
            f"({render(item)})" if isinstance(item, Or) else render(item) for item in node.items
        )
    path = "".join(
        name if sep == "" else (f".{name}" if sep == "." else f"[{name}]")
        for sep, name in node.path
    )
    if node.op is None:
        return path
    if node.op == "!":
        return "!" + path
    if node.op in ("~=", "!~="):
        assert isinstance(node.value, Literal)
        return f"{path}{node.op}{json.dumps(node.value.value, ensure_ascii=False)}"
    return f"{path}{node.op}{_render_value(node.value)}"


def _render_value(value: Literal | Range | tuple[Literal, ...] | None) -> str:
    if isinstance(value, Range):
        return f"{_render_literal(value.low)}..{_render_literal(value.high)}"
    if isinstance(value, tuple):
        return ",".join(_render_literal(v) for v in value)
    assert value is not None
    return _render_literal(value)


def _render_literal(literal: Literal) -> str:
    if literal.kind == "string":
        return json.dumps(literal.value, ensure_ascii=False)
    if literal.kind in ("number", "boolean"):
        return json.dumps(literal.value)
    return str(literal.value)


# --- matching --------------------------------------------------------------------

Predicate = Callable[[dict[str, Any]], bool]
_MISSING = object()


def compile_query(node: Node, expand: Callable[[str], str]) -> Predicate:
    """A test of expanded entities (as the broker stores them) for the query ``node``.

    ``expand`` turns attribute names into IRIs (the request's @context).
    """
    if isinstance(node, And):
        tests = [compile_query(item, expand) for item in node.items]
        return lambda e: all(test(e) for test in tests)
    if isinstance(node, Or):
        tests = [compile_query(item, expand) for item in node.items]
        return lambda e: any(test(e) for test in tests)
    steps = [
        (sep, name if sep == "[" or (sep == "." and name in _META) else expand(name))
        for sep, name in node.path
    ]
    op, value = node.op, node.value
    if op is None:
        return lambda e: any(v is not _MISSING for v in _resolve(e, steps))
    if op == "!":
        return lambda e: all(v is _MISSING for v in _resolve(e, steps))
    check = _comparison(op, value)
    if op in ("!=", "!~="):
        # "not equal" holds when no value matches the positive test.
        positive = _comparison("==" if op == "!=" else "~=", value)
        return lambda e: (
            any(v is not _MISSING for v in _resolve(e, steps))
            and not any(_each(positive, v) for v in _resolve(e, steps) if v is not _MISSING)
        )
    return lambda e: any(_each(check, v) for v in _resolve(e, steps) if v is not _MISSING)


def _each(check: Callable[[Any], bool], value: Any) -> bool:
    if isinstance(value, list):
        return any(check(v) for v in value)
    return check(value)


def _resolve(doc: dict[str, Any], steps: list[tuple[str, str]]) -> list[Any]:
    """The values a path points at (several when an attribute has several instances)."""
    attrs = doc.get("attrs", {})
    first = attrs.get(steps[0][1], _MISSING)
    if first is _MISSING:
        return [_MISSING]
    nodes: list[Any] = first if isinstance(first, list) else [first]
    for sep, name in steps[1:]:
        following: list[Any] = []
        for current in nodes:
            if sep == ".":
                if isinstance(current, dict) and current.get("type") in (
                    "Property",
                    "Relationship",
                    "GeoProperty",
                ):
                    following.append(current.get(name, _MISSING))
                else:
                    following.append(_MISSING)
            else:
                inner = _value_of(current)
                following.append(inner.get(name, _MISSING) if isinstance(inner, dict) else _MISSING)
        nodes = following
    return [_value_of(n) for n in nodes]


def _value_of(node: Any) -> Any:
    if isinstance(node, dict) and node.get("type") in ("Property", "GeoProperty"):
        return node.get("value", _MISSING)
    if isinstance(node, dict) and node.get("type") == "Relationship":
        return node.get("object", _MISSING)
    return node


def _comparison(op: str, value: Any) -> Callable[[Any], bool]:
    if op in ("~=", "!~="):
        pattern = re.compile(value.value)
        return lambda v: isinstance(v, str) and pattern.search(v) is not None
    if isinstance(value, tuple):
        return lambda v: any(_compare("==", v, item) for item in value)
    if isinstance(value, Range):
        return lambda v: _compare(">=", v, value.low) and _compare("<=", v, value.high)
    return lambda v: _compare(op, v, value)


def _compare(op: str, actual: Any, literal: Literal) -> bool:
    expected = literal.value
    if literal.kind == "datetime" and isinstance(actual, str):
        a, b = _instant(actual), _instant(expected)
        if a is not None and b is not None:
            actual, expected = a, b
    elif literal.kind == "boolean":
        if not isinstance(actual, bool):
            return False
    elif literal.kind == "number":
        if isinstance(actual, bool) or not isinstance(actual, int | float):
            return False
    elif not isinstance(actual, str):
        return False
    try:
        if op == "==":
            return bool(actual == expected)
        if op == ">":
            return bool(actual > expected)
        if op == ">=":
            return bool(actual >= expected)
        if op == "<":
            return bool(actual < expected)
        if op == "<=":
            return bool(actual <= expected)
    except TypeError:
        return False
    return False


def _instant(text: str) -> int | None:
    from jnt_fresque.twin.ngsild import parse_time

    if not _DATETIME.match(text) or len(text) < 10:
        return None
    try:
        return parse_time(text)
    except BadRequestData:
        return None
