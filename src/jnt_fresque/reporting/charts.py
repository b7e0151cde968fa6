"""The report's charts, drawn with matplotlib into PNG images.

Figures are made without pyplot, so that drawing a report never touches the
global state of a notebook that imported pyplot for its own plots.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

DPI = 180
INK = "#222222"
MUTED = "#8a8a8a"


def _figure(width_cm: float, height_cm: float) -> Any:
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - matplotlib comes with the kit
        raise ImportError("the report needs matplotlib: pip install 'jnt-fresque[kit]'") from None
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    figure.set_facecolor("white")
    return figure


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05)
    return out.getvalue()


def _style(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(MUTED)
    axes.spines["bottom"].set_color(MUTED)
    axes.tick_params(colors=INK, labelsize=7)


def _wrap(label: str, width: int = 42) -> str:
    return "\n".join(textwrap.wrap(label, width)[:2])


def _short(label: str, width: int = 46) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colour: str,
    xlabel: str,
    notes: Sequence[str] | None = None,
    percent: bool = False,
    width_cm: float = 16.0,
) -> bytes:
    """Horizontal bars, the first label on top, each bar's value (or note) at its end."""
    height = 1.2 + 0.78 * max(len(labels), 1)
    figure = _figure(width_cm, height)
    axes = figure.add_subplot()
    _style(axes)
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=colour, height=0.66)
    axes.set_yticks(positions, [_wrap(label) for label in labels])
    axes.set_xlabel(xlabel, fontsize=7.5, color=INK)
    top = max(values, default=1) or 1
    axes.set_xlim(0, top * (1.0 if percent else 1.18))
    for position, value, note in zip(positions, values, notes or [""] * len(values), strict=True):
        shown = note or (f"{value:.0%}" if percent else f"{value:g}")
        inside = percent and value > 0.75
        axes.text(
            value - top * 0.01 if inside else value + top * 0.01,
            position,
            shown,
            va="center",
            ha="right" if inside else "left",
            fontsize=6.5,
            color="white" if inside else INK,
        )
    if percent:
        axes.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    return _png(figure)


def matrix(
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    expected: Mapping[tuple[str, str], str],
    *,
    row_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    colour: str,
    legend: str,
    width_cm: float = 17.0,
) -> bytes:
    """A heat map of links made (row → column), with the deck's expected links marked:
    ● essential, ○ useful, so that agreement and surprise both show."""
    from matplotlib.colors import LinearSegmentedColormap

    cell = 0.42
    figure = _figure(max(width_cm, 6 + cell * len(columns)), 2.6 + cell * max(len(rows), 1))
    axes = figure.add_subplot()
    grid = [[counts.get((r, c), 0) for c in columns] for r in rows]
    top = max((v for row in grid for v in row), default=1) or 1
    cmap = LinearSegmentedColormap.from_list("links", ["#ffffff", colour])
    image = axes.imshow(grid, cmap=cmap, vmin=0, vmax=top, aspect="equal")
    axes.set_xticks(range(len(columns)), [column_labels[c] for c in columns], fontsize=6)
    axes.set_yticks(range(len(rows)), [_short(row_labels[r]) for r in rows], fontsize=6)
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    axes.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    axes.grid(which="minor", color="#e4e4e4", linewidth=0.4)
    for side in axes.spines.values():
        side.set_visible(False)
    for i, r in enumerate(rows):
        for j, c in enumerate(columns):
            value = grid[i][j]
            mark = {"primary": "●", "secondary": "○"}.get(expected.get((r, c), ""), "")
            if value:
                dark = value > top * 0.55
                axes.text(j, i, str(value), ha="center", va="center", fontsize=5.5,
                          color="white" if dark else INK)  # fmt: skip
            elif mark:
                axes.text(j, i, mark, ha="center", va="center", fontsize=5, color=MUTED)
    bar = figure.colorbar(image, ax=axes, fraction=0.02, pad=0.01, shrink=0.4, anchor=(0, 1))
    bar.ax.tick_params(labelsize=6)
    axes.set_xlabel(legend, fontsize=6.5, color=INK)
    return _png(figure)
