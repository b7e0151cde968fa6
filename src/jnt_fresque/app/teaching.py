"""Where the teaching notebooks and the Voilà dashboards are, and how to serve them.

They live in the repository (``notebooks/`` and ``apps/voila/``), beside the
package of an editable install or a checkout; ``JNT_FRESQUE_HOME`` points at
another copy of the repository.

Examples
--------
>>> sorted(dashboards())
['eau', 'resultats']
>>> voila_command("eau", port=8866)[-3:]
['--port=8866', '--no-browser', '--Voila.ip=127.0.0.1']
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jnt_fresque.i18n import t

HOME = "JNT_FRESQUE_HOME"


def _folder(name: str) -> Path:
    # JNT_FRESQUE_HOME points at a copy of the repository (say, a teacher's edited one).
    chosen = os.environ.get(HOME)
    if chosen:
        return Path(chosen) / name
    from jnt_fresque.reference.bundled import apps_dir, notebooks_dir

    return notebooks_dir() if name == "notebooks" else apps_dir()


def notebooks_dir() -> Path:
    """The folder of the teaching notebooks (raises if this install has none)."""
    folder = _folder("notebooks")
    if not folder.is_dir():
        raise FileNotFoundError(t("teach_no_folder", path=folder, variable=HOME))
    return folder


def dashboards() -> dict[str, Path]:
    """The Voilà dashboards by name (the notebook's file name without ``.ipynb``)."""
    folder = _folder("apps") / "voila"
    return {p.stem: p for p in sorted(folder.glob("*.ipynb"))} if folder.is_dir() else {}


def dashboard(name: str) -> Path:
    """The dashboard ``name``; an unknown name raises, listing the valid ones."""
    found = dashboards()
    if name not in found:
        raise KeyError(t("teach_unknown_dashboard", value=name, expected=", ".join(found) or "—"))
    return found[name]


def _need(module: str) -> None:
    from importlib.util import find_spec

    if find_spec(module) is None:
        raise ImportError(t("teach_missing", module=module))


def voila_command(name: str, *, port: int = 8866, browser: bool = False) -> list[str]:
    """The command that serves dashboard ``name`` with Voilà on 127.0.0.1."""
    _need("voila")
    command = [sys.executable, "-m", "voila", str(dashboard(name)), f"--port={port}"]
    if not browser:
        command.append("--no-browser")
    return [*command, "--Voila.ip=127.0.0.1"]


def lab_command(*, port: int = 8888, browser: bool = True) -> list[str]:
    """The command that opens JupyterLab on the teaching notebooks."""
    _need("jupyterlab")
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebooks_dir()}"]
    command += [f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1"]
    return command if browser else [*command, "--no-browser"]
