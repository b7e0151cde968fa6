"""Where the teaching notebooks and the Voilà dashboards are, and how to serve them.

They live in the repository (``notebooks/`` and ``apps/voila/``), beside the
package of an editable install or a checkout; ``JNT_FRESQUE_HOME`` points at
another copy of the repository. Students never work in that master copy:
`copy_lessons` puts the lessons into their own working folder (files already
there are kept) and `reset_lesson` restores one lesson from the master copy.

Examples
--------
>>> sorted(dashboards())
['eau', 'jumeau', 'resultats']
>>> voila_command("eau", port=8866)[-3:]
['--port=8866', '--no-browser', '--Voila.ip=127.0.0.1']
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
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
    """Restore ``lesson`` (its number, ``07``, or its name, ``07_jumeau_eau``) in ``into``
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


# --- the syllabus: the lessons' opening blocks, the tracks and the two paths ----------------

TRACKS = {
    "atelier": "les cartes, la séance, le cadrage, le vote (01–03, 09–11)",
    "technique": "NGSI-LD, cartes, 3D, eau, courtier (04–08)",
    "synthèse": "des cartes de la salle à un jumeau vivant (12), où les deux volets se rejoignent",
}
# The two paths through the lessons, in teaching order; each fits its time (checked by tests).
PATHS: dict[str, tuple[str, ...]] = {
    "2 h": (
        "01_vocabulaire",
        "03_relier_les_cartes",
        "04_modele_ngsi_ld",
        "07_jumeau_eau",
        "12_des_cartes_au_jumeau",
    ),
    "3 h": (
        "01_vocabulaire",
        "02_jeux_de_cartes",
        "03_relier_les_cartes",
        "04_modele_ngsi_ld",
        "07_jumeau_eau",
        "08_ngsi_ld_http",
        "09_cadrage",
        "12_des_cartes_au_jumeau",
    ),
}
PATH_MINUTES = {"2 h": 120, "3 h": 180}
SYLLABUS_START = "<!-- syllabus: début (généré par jnt_fresque.app.teaching.syllabus_markdown) -->"
SYLLABUS_END = "<!-- syllabus: fin -->"

_FIELDS = {
    "fr": ("Volet", "Durée", "Prérequis", "Questions", "Objectifs d’apprentissage", "Points clés"),
    "en": ("Track", "Duration", "Prerequisites", "Questions", "Learning objectives", "Key points"),
}


@dataclass(frozen=True)
class LessonBlock:
    """What a lesson's opening cell says: the same fields in every lesson."""

    name: str
    title: str
    track: str
    minutes: int
    prerequisites: str
    questions: tuple[str, ...]
    objectives: tuple[str, ...]
    key_points: tuple[str, ...]


def _bullets(text: str, heading: str) -> tuple[str, ...]:
    found = re.search(rf"\*\*{re.escape(heading)}\*\*[^\n]*\n\n((?:- .*\n?)+)", text)
    if not found:
        raise ValueError(f"no list under **{heading}**")
    return tuple(line[2:].strip() for line in found.group(1).splitlines() if line.startswith("- "))


def parse_block(name: str, text: str) -> LessonBlock:
    """The opening block of lesson ``name`` from its first cell's markdown ``text``.

    Raises ValueError naming the first missing part.
    """
    fields = _FIELDS["en" if name.endswith(".en") else "fr"]
    title = re.match(r"# (\d\d) — (.+)", text)
    if not title or title.group(1) != name[:2]:
        raise ValueError(f"{name}: the first line must be '# {name[:2]} — title'")
    colon = r"\s*:\s*"
    line = re.search(
        rf"\*\*{fields[0]}\*\*{colon}(\S+) · \*\*{fields[1]}\*\*{colon}(\d+)\s*min · "
        rf"\*\*{fields[2]}\*\*{colon}(.+)",
        text,
    )
    if not line:
        raise ValueError(f"{name}: no line '**{fields[0]}** : … · **{fields[1]}** : N min · …'")
    try:
        lists = [_bullets(text, heading) for heading in fields[3:]]
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    return LessonBlock(
        name, title.group(2).strip(), line.group(1), int(line.group(2)), line.group(3).strip(),
        *lists,
    )  # fmt: skip


def lesson_blocks() -> dict[str, LessonBlock]:
    """Every lesson's opening block, by lesson name (raises on a lesson without one)."""
    root = notebooks_dir()
    blocks = {}
    for name, relative in lessons().items():
        book = json.loads((root / relative).read_text(encoding="utf-8"))
        first = book["cells"][0]
        source = first["source"]
        blocks[name] = parse_block(name, "".join(source) if isinstance(source, list) else source)
    return blocks


def syllabus_markdown() -> str:
    """The syllabus: tracks, the two paths with their timing, then every lesson's block."""
    blocks = {n: b for n, b in lesson_blocks().items() if not n.endswith(".en")}
    nbsp = "\u00a0"
    out = ["## Les deux volets", ""]
    out += [f"- volet **{track}**{nbsp}: {what}{nbsp};" for track, what in TRACKS.items()]
    out[-1] = out[-1].removesuffix(f"{nbsp};") + "."
    out += ["", "## Les deux parcours", ""]
    for path, names in PATHS.items():
        total = sum(blocks[n].minutes for n in names)
        out.append(f"**Parcours de {path}** ({total}{nbsp}min de carnets){nbsp}:")
        out.append("")
        out += [f"1. `{n}` — {blocks[n].title} ({blocks[n].minutes}{nbsp}min)" for n in names]
        out.append("")
    out += ["## Les leçons", "", "| leçon | volet | durée | prérequis | 2 h | 3 h |"]
    out.append("|---|---|---:|---|:-:|:-:|")
    for name, block in blocks.items():
        marks = " | ".join("●" if name in PATHS[p] else "" for p in PATHS)
        out.append(
            f"| `{name}` | {block.track} | {block.minutes}{nbsp}min | {block.prerequisites} "
            f"| {marks} |"
        )
    for name, block in blocks.items():
        out += ["", f"### {name[:2]} — {block.title}", ""]
        out.append(f"*{block.track}, {block.minutes}{nbsp}min{nbsp}; prérequis{nbsp}: "
                   f"{block.prerequisites}*")  # fmt: skip
        for heading, items in (
            ("Questions", block.questions),
            ("Objectifs", block.objectives),
            ("Points clés", block.key_points),
        ):
            out += ["", f"**{heading}**{nbsp}:", ""] + [f"- {item}" for item in items]
    return "\n".join(out) + "\n"


def with_syllabus(page: str) -> str:
    """``page`` with the text between its syllabus markers replaced by `syllabus_markdown`."""
    start, end = page.index(SYLLABUS_START), page.index(SYLLABUS_END)
    return f"{page[: start + len(SYLLABUS_START)]}\n\n{syllabus_markdown()}\n{page[end:]}"
