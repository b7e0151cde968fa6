"""Where the teaching notebooks and the Voilà dashboards are, and how to serve them.

They live in the repository (``notebooks/`` and ``apps/voila/``), beside the
package of an editable install or a checkout; ``JNT_FRESQUE_HOME`` points at
another copy of the repository. Students never work in that master copy:
`copy_lessons` puts the lessons into their own working folder (files already
there are kept) and `reset_lesson` restores one lesson from the master copy.

Examples
--------
>>> sorted(dashboards())
['eau', 'resultats']
>>> voila_command("eau", port=8866)[-3:]
['--port=8866', '--no-browser', '--Voila.ip=127.0.0.1']
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from jnt_fresque.i18n import t

HOME = "JNT_FRESQUE_HOME"
WORK_FOLDER = "jnt-fresque-lecons"  # the student's copy, in the current directory
_SKIPPED = (".ipynb_checkpoints", "__pycache__")


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


def lesson_files() -> list[Path]:
    """The files of the master copy a student gets, relative to `notebooks_dir`
    (lessons, the syllabus, the broker recipe; no checkpoints, no hidden files)."""
    root = notebooks_dir()
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") or part in _SKIPPED for part in p.relative_to(root).parts)
    )


def lessons() -> dict[str, Path]:
    """The lessons by name (file name without ``.ipynb``), relative to `notebooks_dir`."""
    return {p.name.removesuffix(".ipynb"): p for p in lesson_files() if p.suffix == ".ipynb"}


def _check_target(into: Path) -> Path:
    into = into.resolve()
    master = notebooks_dir().resolve()
    if into == master or master in into.parents or into in master.parents:
        raise ValueError(t("teach_into_package", path=master))
    return into


def copy_lessons(into: Path) -> list[Path]:
    """Copy the lessons into the working folder ``into`` (created if needed); a file
    already there is the student's and is kept. The files copied, in ``into``."""
    into = _check_target(into)
    master = notebooks_dir()
    copied = []
    for relative in lesson_files():
        target = into / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(master / relative, target)
            copied.append(target)
    return copied


def reset_lesson(into: Path, lesson: str) -> Path:
    """Restore ``lesson`` (its number, ``06``, or its name, ``06_jumeau_eau``) in ``into``
    from the master copy, overwriting the student's version. Raises KeyError if unknown."""
    into = _check_target(into)
    found = lessons()
    matches = [name for name in found if name == lesson or name.split("_")[0] == lesson]
    matches = [m for m in matches if not m.endswith(".en")] or matches
    if len(matches) != 1:
        raise KeyError(t("teach_unknown_lesson", value=lesson, expected=", ".join(found)))
    target = into / found[matches[0]]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notebooks_dir() / found[matches[0]], target)
    return target


def lab_command(*, port: int = 8888, browser: bool = True, root: Path | None = None) -> list[str]:
    """The command that opens JupyterLab on ``root`` (default: the master copy)."""
    _need("jupyterlab")
    folder = root if root is not None else notebooks_dir()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    command += [f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1"]
    return command if browser else [*command, "--no-browser"]
