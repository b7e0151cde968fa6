"""What a participant pastes when something breaks: the kit's environment."""

from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version

from jnt_fresque._version import __version__

# Read from the installed metadata, never imported: this must work when a
# library is broken, and stay fast.
DEPENDENCIES = (
    "pydantic",
    "PyYAML",
    "typer",
    "rich",
    "openpyxl",
    "SQLAlchemy",
    "alembic",
    "psycopg",
    "reportlab",
    "segno",
    "svglib",
    "matplotlib",
    "streamlit",
    "jupyterlab",
    "ipywidgets",
    "voila",
    "leafmap",
    "pydeck",
    "geopandas",
    "shapely",
    "pyproj",
    "wntr",
    "fastapi",
    "uvicorn",
    "httpx",
    "PyLD",
)


def versions() -> dict[str, str | None]:
    """Versions of Python, the platform, the kit and its libraries (None: not installed)."""
    found: dict[str, str | None] = {
        "jnt-fresque": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }
    for name in DEPENDENCIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def show_versions() -> None:
    """Print the versions of Python, the platform, the kit and its libraries.

    Examples
    --------
    >>> import jnt_fresque
    >>> jnt_fresque.show_versions()  # doctest: +ELLIPSIS
    jnt-fresque : ...
    python      : 3...
    platform    : ...
    pydantic    : 2...
    ...
    """
    found = versions()
    width = max(map(len, found))
    for name, value in found.items():
        print(f"{name:<{width}} : {value or '-'}")
