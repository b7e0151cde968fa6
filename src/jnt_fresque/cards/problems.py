"""Problems found in decks, each one line a deck author can act on.

The line reads ``path:line: card <id>: <field>: <what is wrong and what is
expected>``, like a compiler's; the words after the field are in the user's
language. Pydantic's validation errors are turned into such lines here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jnt_fresque.i18n import known, t


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a deck."""

    path: str
    line: int | None
    subject: str  # "card uc-inondation", "deck donnees"
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _one_line(f"{where}: {self.subject}: {self.field}: {self.message}")


# French typography's spaces (« … », « ; »): Python does not call them printable, yet
# they are what a French message is written with.
_SPACES = frozenset("\u00a0\u202f")


def _one_line(text: str) -> str:
    # Values quoted from a file may hold line breaks or control bytes: show them escaped.
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in _SPACES else repr(c)[1:-1] for c in text)


class DeckError(Exception):
    """Decks that could not be loaded; ``problems`` says why, one per line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


def field_path(loc: Iterable[str | int]) -> str:
    """``("themes", "primary", 2)`` → ``themes.primary[2]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "-"


# Pydantic error types → the kit's messages (see _messages.py); the rest keep
# pydantic's own text.
_PYDANTIC_KEYS = {
    "missing": "err_missing",
    "extra_forbidden": "err_extra",
    "unexpected_keyword_argument": "err_extra",
    "string_type": "err_string",
    "int_type": "err_int",
    "int_parsing": "err_int",
    "bool_type": "err_bool",
    "bool_parsing": "err_bool",
    "list_type": "err_list",
    "dict_type": "err_mapping",
    "model_type": "err_mapping",
    "model_attributes_type": "err_mapping",
    "dataclass_type": "err_mapping",
    "dataclass_exact_type": "err_mapping",
    "literal_error": "err_literal",
    "too_short": "err_too_short",
    "too_long": "err_too_long",
    "string_too_short": "err_string_too_short",
    "string_too_long": "err_string_too_long",
    "string_pattern_mismatch": "err_pattern",
    "union_tag_invalid": "err_literal",
}


def describe(error: Mapping[str, Any]) -> tuple[tuple[str | int, ...], str]:
    """The field path and the user's message for one pydantic error."""
    kind = str(error["type"])
    ctx = dict(error.get("ctx") or {})
    loc = tuple(error["loc"])
    if known(kind):  # our own PydanticCustomError types
        lang = ctx.pop("lang", None)
        if lang is not None:
            loc = (*loc, lang)
        return loc, t(kind, **ctx)
    key = _PYDANTIC_KEYS.get(kind)
    if key == "err_missing" and loc and loc[-1] == "sources":
        return loc, t("err_missing_sources")
    if key is None:
        return loc, str(error["msg"])
    value = _show(loc[-1] if key == "err_extra" and loc else error.get("input"))
    if key == "err_literal":
        expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return loc, t(key, value=value, expected=expected)
    return loc, t(key, value=value, **ctx)


def _show(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
