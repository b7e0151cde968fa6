"""Babel's extractor for the kit's message keys (``pybabel extract -F babel.cfg``).

The message ids are symbolic keys (``app_page_join``), so Babel's own Python
extractor, which reads only the arguments of ``_()``-like calls, is not enough:
a key is often kept in a table (``{"too_short": "err_too_short"}``) and looked up
later. A key is used when the code names it: as the first argument of a lookup
(`say`, `say_n`, `t`, `Key`, `N_`…; named even if no catalogue has it yet, so
that a new key reaches the template), or as any string literal that is a key
of the French catalogue. A key no code names drops out of the template: the
tests call it unused. A key that is plural in the French catalogue stays plural.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from typing import IO, Any

# Calls whose first argument is a message key; the plural ones take a count next.
# (A plural key is handed to Babel as gettext's « ngettext », whose two ids it knows.)
LOOKUPS = frozenset(
    {"say", "t", "Key", "Message", "N_", "WorkshopError", "text_of", "template", "known"}
)
PLURALS = frozenset({"say_n", "t_n", "n"})

Found = tuple[int, str | None, str | tuple[str, str], list[str]]


def keys_in(source: str, known: Collection[str], plurals: Collection[str] = ()) -> Iterator[Found]:
    """The message keys that a Python source names, with their line numbers.

    Examples
    --------
    >>> [found[2] for found in keys_in('say("a_b", "en"); x = {"k": "c_d"}', {"c_d"})]
    ['a_b', 'c_d']
    """
    tree = ast.parse(source)
    seen: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string's pieces are not keys (and never say one whole).
            seen.update(id(part) for part in node.values)
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if (
            name in LOOKUPS | PLURALS
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            seen.add(id(first))
            key = first.value
            plural = name in PLURALS or key in plurals
            yield node.lineno, "ngettext" if plural else None, (key, key) if plural else key, []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and id(node) not in seen
            and isinstance(node.value, str)
            and node.value in known
        ):
            key = node.value
            plural = key in plurals
            yield node.lineno, "ngettext" if plural else None, (key, key) if plural else key, []


def extract_keys(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[Found]:
    """Babel's extraction method: the keys one Python file names (see the module's note)."""
    from jnt_fresque.i18n.catalogues import SOURCE, catalogue

    french = catalogue(SOURCE)
    source = fileobj.read().decode("utf-8")
    yield from keys_in(source, {*french.messages, *french.plurals}, french.plurals)
