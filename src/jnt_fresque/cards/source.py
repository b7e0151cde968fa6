"""Reading one YAML file of a deck: its data, and the line of every field.

The file is parsed once into a node tree, which gives each key and list item
its line; the data is then built from that same tree. Anything that is not a
plain mapping of fields (bad bytes, bad YAML, anchors, an empty file) comes back
as a message key for a `Problem`, never as an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is about ten times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 256 * 1024  # far above any real card; keeps a stray large file from stalling a load

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """A parsed file: its data (a mapping), and the 1-based line of each field path."""

    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest enclosing field when it is absent."""
        for end in range(len(loc), -1, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return 1


@dataclass(frozen=True, slots=True)
class SourceError:
    """Why a file could not be read as fields: a message key, its values and a line."""

    key: str
    line: int | None = None
    values: dict[str, object] = field(default_factory=dict)


def read(path: Path) -> Source | SourceError:
    """Read ``path`` as a YAML mapping of fields."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceError("file_unreadable", values={"reason": exc.strerror or type(exc).__name__})
    return parse(raw)


def parse(raw: bytes) -> Source | SourceError:
    """Parse the bytes of a card or manifest file."""
    if len(raw) > MAX_BYTES:
        return SourceError("file_too_big", values={"size": len(raw), "max": MAX_BYTES})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SourceError("file_not_utf8", values={"offset": exc.start})
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return SourceError("file_empty")
        lines: dict[Loc, int] = {}
        problem = _index(node, (), lines, set())
        if problem is not None:
            return problem
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "?"
        return SourceError(
            "yaml_syntax", line=mark.line + 1 if mark else None, values={"reason": reason}
        )
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        # ValueError/TypeError: PyYAML's constructors on values such as a bad timestamp.
        return SourceError("yaml_syntax", values={"reason": str(exc).splitlines()[0][:120]})
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return SourceError("yaml_not_mapping", line=1, values={"got": type(data).__name__})
    for key in data:
        if not isinstance(key, str):
            return SourceError(
                "yaml_key_type", line=lines.get((), 1), values={"got": repr(key)[:40]}
            )
    return Source(data=data, lines=lines)


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], seen: set[int]) -> SourceError | None:
    # A node met twice is an alias: refuse them, so that a small file can never
    # expand into a huge structure ("billion laughs").
    if id(node) in seen:
        return SourceError("yaml_aliases", line=node.start_mark.line + 1)
    seen.add(id(node))
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            child = (*loc, key)
            lines[child] = key_node.start_mark.line + 1
            problem = _index(value_node, child, lines, seen)
            if problem is not None:
                return problem
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problem = _index(item, (*loc, index), lines, seen)
            if problem is not None:
                return problem
    return None
