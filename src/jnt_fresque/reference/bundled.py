"""Where the decks and sample data live, installed or not.

A wheel carries them inside the package (``jnt_fresque/_bundled``, put there by
hatchling's force-include); an editable install or a checkout reads them from
the repository's ``cards/``, ``data/samples/``, ``apps/`` and ``notebooks/``.
"""

from __future__ import annotations

from pathlib import Path

# This file is jnt_fresque/reference/bundled.py: the package is two levels up.
_PACKAGE = Path(__file__).resolve().parent.parent
_REPOSITORY = _PACKAGE.parent.parent


def _find(bundled: str, in_repository: str) -> Path:
    inside = _PACKAGE / "_bundled" / bundled
    if inside.is_dir():
        return inside
    return _REPOSITORY / in_repository


def cards_dir() -> Path:
    """The folder of the default decks."""
    return _find("cards", "cards")


def samples_dir() -> Path:
    """The folder of the sample data sets."""
    return _find("samples", "data/samples")


def apps_dir() -> Path:
    """The folder of the apps: the Streamlit workshop and the Voilà dashboards."""
    return _find("apps", "apps")


def notebooks_dir() -> Path:
    """The folder of the teaching notebooks."""
    return _find("notebooks", "notebooks")
