"""The theme icons of the data cards: Tabler Icons (outline), shipped with the kit.

Each data card names its icon (``icon: building``); the SVG files live in
``printing/icons/`` (see the README there for their source, version and MIT
licence), so nothing is fetched when printing. An icon is parsed once per
colour and drawn into each PDF once, as a form that every card reuses.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from jnt_fresque.printing.operators import fine

FOLDER = Path(__file__).resolve().parent / "icons"
VIEWBOX = 24.0  # Tabler icons are drawn on a 24 × 24 grid


def names() -> list[str]:
    """The icons the kit ships, sorted."""
    return sorted(p.stem for p in FOLDER.glob("*.svg"))


def path(name: str) -> Path:
    """The SVG file of icon ``name``.

    Raises
    ------
    KeyError
        If the kit does not ship this icon; the message lists those it does.
    """
    found = FOLDER / f"{name}.svg"
    if not found.is_file():
        raise KeyError(f"no icon {name!r}; icons shipped: {', '.join(names())}")
    return found


@lru_cache(maxsize=256)
def drawing(name: str, colour: str) -> Any:
    """Icon ``name`` as a reportlab drawing on the 24 × 24 grid, stroked in ``colour``."""
    try:
        from svglib.svglib import svg2rlg
    except ImportError:  # pragma: no cover - svglib is part of the kit's extras
        raise ImportError("printing icons needs svglib: pip install 'jnt-fresque[kit]'") from None

    # Tabler strokes in « currentColor », which svglib cannot know: name the colour.
    svg = path(name).read_bytes().replace(b"currentColor", colour.encode("ascii"))
    found = svg2rlg(io.BytesIO(svg))
    if found is None:  # pragma: no cover - only for a broken SVG file
        raise ValueError(f"cannot read the icon {name!r}")
    # svglib turns SVG pixels into points (× 0.75): scale back to the 24-unit grid.
    factor = VIEWBOX / found.width
    found.scale(factor, factor)
    found.width = found.height = VIEWBOX
    return found


def _colour(value: Any) -> str:
    return " ".join(fine(c) for c in (value.red, value.green, value.blue))


_PATH_OPERATORS = {0: ("m", 2), 1: ("l", 2), 2: ("c", 6), 3: ("h", 0)}


def _walk(node: Any, out: list[str]) -> None:
    transform: tuple[float, ...] = tuple(getattr(node, "transform", None) or (1, 0, 0, 1, 0, 0))
    moved = transform != (1, 0, 0, 1, 0, 0)
    if moved:
        out.append("q " + " ".join(fine(v) for v in transform) + " cm")
    if hasattr(node, "operators") and hasattr(node, "points"):  # a path
        stroke, fill = node.strokeColor, node.fillColor
        if stroke is not None or fill is not None:
            points = iter(node.points or ())
            for code in node.operators:
                operator, count = _PATH_OPERATORS[code]
                out.append(" ".join([*(fine(next(points)) for _ in range(count)), operator]))
            if stroke is not None:
                out.append(f"{_colour(stroke)} RG {fine(node.strokeWidth)} w")
                out.append(f"{node.strokeLineCap} J {node.strokeLineJoin} j")
            if fill is not None:
                out.append(f"{_colour(fill)} rg")
            out.append({(True, True): "B", (True, False): "S", (False, True): "f"}[(stroke is not None, fill is not None)])  # fmt: skip
    for child in getattr(node, "contents", None) or ():
        _walk(child, out)
    if moved:
        out.append("Q")


@lru_cache(maxsize=256)
def operators(name: str, colour: str) -> str:
    """The PDF drawing operators of icon ``name`` in ``colour``, on the 24 × 24 grid.

    svglib reads the SVG (arcs and all) into reportlab shapes; their paths
    become operators here, once per icon and colour, and are written as is
    into each PDF that shows the icon.
    """
    out: list[str] = []
    _walk(drawing(name, colour), out)
    return "\n".join(out) + "\n"


def define(canvas: Any, name: str, colour: str, form: str) -> None:
    """Draw icon ``name`` into the PDF form ``form`` (24 × 24 units) of ``canvas``."""
    canvas.beginForm(form, 0, 0, VIEWBOX, VIEWBOX)
    canvas.addLiteral(operators(name, colour))
    canvas.endForm()
