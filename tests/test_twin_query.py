"""The q language: parsing, errors that say where, matching; fuzzed with hypothesis."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jnt_fresque.twin.query import (
    And,
    Literal,
    Or,
    QuerySyntaxError,
    Range,
    Term,
    compile_query,
    parse,
    render,
)

SETTINGS = settings(
    max_examples=int(os.environ.get("JNT_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _stored(**attrs: object) -> dict[str, object]:
    """An entity as the broker stores it (names left short: expand is the identity here)."""
    return {"id": "urn:ngsi-ld:J:1", "type": ["J"], "attrs": attrs}


ENTITY = _stored(
    pressure={"type": "Property", "value": 18.5, "observedAt": "2024-06-03T08:00:00Z"},
    status={"type": "Property", "value": "OPEN"},
    tags={"type": "Property", "value": ["a", "b"]},
    address={"type": "Property", "value": {"city": "Lyon", "zip": "69001"}},
    isPartOf={"type": "Relationship", "object": "urn:ngsi-ld:Network:Net3"},
    level={
        "type": "Property",
        "value": 3,
        "quality": {"type": "Property", "value": "good"},
    },
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pressure<20", True),
        ("pressure>=20", False),
        ("pressure==18.5", True),
        ("pressure!=18.5", False),
        ("pressure==10..20", True),
        ("pressure==20..30", False),
        ('status=="OPEN"', True),
        ('status=="OPEN","CLOSED"', True),
        ('status!="OPEN","CLOSED"', False),
        ("status~=^OP", True),
        ('status!~="^CL"', True),
        ('pressure<20;status=="CLOSED"', False),
        ('pressure<20|status=="CLOSED"', True),
        ('(pressure>20|status=="OPEN");level==3', True),
        ("isPartOf==urn:ngsi-ld:Network:Net3", True),
        ('address[city]=="Lyon"', True),
        ('address[zip]=="69002"', False),
        ('level.quality=="good"', True),
        ("pressure.observedAt>=2024-06-03T07:00:00Z", True),
        ("pressure.observedAt<2024-06-03T07:00:00Z", False),
        ('tags=="b"', True),
        ("pressure", True),
        ("!pressure", False),
        ("nothing", False),
        ("!nothing", True),
        ("nothing<3", False),
        ("status>3", False),
    ],
)
def test_matching(query: str, expected: bool) -> None:
    assert compile_query(parse(query), lambda name: name)(ENTITY) is expected


@pytest.mark.parametrize(
    ("query", "position"),
    [
        ("", 0),
        ("pressure<", 9),
        ("pressure<<20", 9),
        ("(pressure<20", 12),
        ("pressure<20)", 11),
        ("pressure<20;", 12),
        ("pres sure<20", 4),
        ('name=="Lyon', 6),
        ("a==1,2;b>1,2", 9),
        ("a~=(", 3),
        ("a>true", 2),
        ('a==1.."z"', 3),
    ],
)
def test_syntax_errors_say_where(query: str, position: int) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse(query)
    assert caught.value.position == position
    assert f"at position {position}" in caught.value.detail
    assert caught.value.status == 400


def test_and_binds_tighter_than_or() -> None:
    node = parse("a==1|b==2;c==3")
    assert isinstance(node, Or)
    assert isinstance(node.items[1], And)


# --- fuzzing ---------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
_Q_BITS = st.sampled_from(
    ["a", "b.c", "d[e]", "==", "!=", ">", ">=", "<", "<=", "~=", "!~=", ";", "|", "(", ")",
     "!", "..", ",", '"', "x y", "1", "-2.5e3", "true", "2024-06-03T08:00:00Z",
     "urn:ngsi-ld:X:1", "é", "\\", "[", "]", "\x00"]
)  # fmt: skip


@SETTINGS
@given(st.one_of(_TEXT, st.lists(_Q_BITS, max_size=14).map("".join)))
def test_any_text_parses_or_fails_with_a_position(text: str) -> None:
    try:
        node = parse(text)
    except QuerySyntaxError as exc:
        assert 0 <= exc.position <= len(text)
        return
    # What parses renders back to a query with the same meaning.
    assert parse(render(node)) == node
    compile_query(node, lambda n: n)(ENTITY)  # and it can be evaluated


_names = st.from_regex(r"[a-zA-Z][a-zA-Z0-9_]{0,6}", fullmatch=True)
_literals = st.one_of(
    st.integers(-(10**6), 10**6).map(lambda v: Literal("number", v)),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: Literal("number", v)),
    st.text(max_size=8).map(lambda v: Literal("string", v)),
    st.booleans().map(lambda v: Literal("boolean", v)),
    st.sampled_from(["2024-06-03T08:00:00Z", "2024-06-03"]).map(lambda v: Literal("datetime", v)),
    st.sampled_from(["urn:ngsi-ld:X:1", "abc"]).map(lambda v: Literal("uri", v)),
)
_paths = st.tuples(
    _names, st.lists(st.tuples(st.sampled_from([".", "["]), _names), max_size=2)
).map(lambda p: (("", p[0]), *p[1]))


@st.composite
def _terms(draw: st.DrawFn) -> Term:
    path = draw(_paths)
    kind = draw(st.sampled_from(["exists", "not", "cmp", "eq", "list", "range"]))
    if kind == "exists":
        return Term(path)
    if kind == "not":
        return Term(path, "!")
    if kind == "list":
        return Term(path, draw(st.sampled_from(["==", "!="])),
                    tuple(draw(st.lists(_literals, min_size=2, max_size=3))))  # fmt: skip
    if kind == "range":
        low, high = sorted(draw(st.lists(st.integers(-100, 100), min_size=2, max_size=2)))
        return Term(path, "==", Range(Literal("number", low), Literal("number", high)))
    literal = draw(_literals)
    ops = ["==", "!="] + (
        [">", ">=", "<", "<="] if literal.kind in ("number", "string", "datetime") else []
    )
    return Term(path, draw(st.sampled_from(ops)), literal)


_nodes = st.recursive(
    _terms(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: And(tuple(_flat(And, xs)))),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: Or(tuple(_flat(Or, xs)))),
    ),
    max_leaves=6,
)


def _flat(kind: type, items: list[object]) -> list[object]:
    out: list[object] = []
    for item in items:
        out.extend(item.items if isinstance(item, kind) else [item])  # type: ignore[attr-defined]
    return out


@SETTINGS
@given(_nodes)
def test_rendered_queries_parse_back(node: object) -> None:
    text = render(node)  # type: ignore[arg-type]
    assert parse(text) == node
