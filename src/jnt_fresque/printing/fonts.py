"""The fonts every PDF of the kit embeds: DejaVu Sans, which has every French character.

The files come from matplotlib's package (DejaVu fonts, free licence, see its
``LICENSE_DEJAVU``), so nothing is downloaded and nothing is shipped twice.
Registered once per process under the names `REGULAR` and `BOLD`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"


def font_dir() -> Path:
    """The folder holding the DejaVu TTF files (inside matplotlib)."""
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is part of the kit's extras
        raise ImportError(
            "printing needs matplotlib for its fonts: pip install 'jnt-fresque[kit]'"
        ) from None
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@lru_cache(maxsize=1)
def register() -> tuple[str, str, str]:
    """Register the fonts with reportlab (once) and return (regular, bold, oblique)."""
    try:
        from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
        from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
        from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - reportlab is part of the kit's extras
        raise ImportError("printing needs reportlab: pip install 'jnt-fresque[kit]'") from None

    folder = font_dir()
    for name in (REGULAR, BOLD, OBLIQUE):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD, OBLIQUE
