"""Where the teaching notebooks and the Voilà dashboards are, and how to serve them.

They live in the repository (``notebooks/`` and ``apps/voila/``), beside the
package of an editable install or a checkout; ``JNT_FRESQUE_HOME`` points at
another copy of the repository. Students never work in that master copy:
`copy_lessons` puts the lessons, in the language asked for (French, the source,
or a translation built by `jnt_fresque.app.lesson_translation`), into their own
working folder (files already there are kept) and `reset_lesson` restores one
lesson from the master copy.

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

from jnt_fresque.i18n import Lang, say, t

HOME = "JNT_FRESQUE_HOME"
WORK_FOLDER = "jnt-fresque-lecons"  # the student's copy, in the current directory
WORK_FOLDERS = {"fr": WORK_FOLDER, "en": "jnt-fresque-lessons"}
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


def lesson_languages() -> list[str]:
    """The languages the lessons come in: French (the source) first, then the translations
    (``notebooks/locale/<lang>``, see `jnt_fresque.app.lesson_translation`)."""
    from jnt_fresque.app.lesson_translation import SOURCE_LANG, languages

    return [SOURCE_LANG, *languages(notebooks_dir())]


def _check_lang(lang: str) -> str:
    found = lesson_languages()
    if lang not in found:
        raise KeyError(t("teach_unknown_lang", value=lang, expected=", ".join(found)))
    return lang


def work_folder(lang: str = "fr") -> str:
    """The name of a student's working folder for the lessons in ``lang``."""
    return WORK_FOLDERS.get(lang, f"{WORK_FOLDERS['en']}-{lang}")


def _language_of(relative: Path, langs: list[str]) -> str | None:
    # README.en.md is English, README.md the source's; None: any language (a folder's file).
    from jnt_fresque.app.lesson_translation import SOURCE_LANG, split_name

    lesson = split_name(relative.name)
    if lesson:
        return lesson[1]
    if len(relative.parts) > 1:
        return None
    suffixes = relative.suffixes
    named = suffixes[-2][1:] if len(suffixes) >= 2 else SOURCE_LANG
    return named if named in langs else SOURCE_LANG


def lesson_files(lang: str = "fr") -> list[Path]:
    """The files of the master copy a student gets, relative to `notebooks_dir`: the
    lessons in ``lang``, the syllabus in ``lang`` (the French one if it has none), the
    broker recipe; no translation catalogues, no checkpoints, no hidden files."""
    from jnt_fresque.app.lesson_translation import LOCALE, SOURCE_LANG

    langs = lesson_languages()
    _check_lang(lang)
    root = notebooks_dir()
    every = sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") or part in _SKIPPED for part in p.relative_to(root).parts)
        and p.relative_to(root).parts[0] != LOCALE
    )
    names = {p.name for p in every}
    chosen = []
    for relative in every:
        written_in = _language_of(relative, langs)
        if written_in in (None, lang):
            chosen.append(relative)
        elif written_in == SOURCE_LANG and relative.suffix != ".ipynb":
            translated = f"{relative.stem}.{lang}{relative.suffix}"
            if translated not in names:
                chosen.append(relative)  # no README.xx.md: the French one rather than none
    return chosen


def lessons(lang: str = "fr") -> dict[str, Path]:
    """The lessons in ``lang`` by name (``07_jumeau_eau``), relative to `notebooks_dir`."""
    from jnt_fresque.app.lesson_translation import split_name

    found = {}
    for path in lesson_files(lang):
        parts = split_name(path.name)
        if parts:
            found[parts[0]] = path
    return found


def _check_target(into: Path) -> Path:
    into = into.resolve()
    master = notebooks_dir().resolve()
    if into == master or master in into.parents or into in master.parents:
        raise ValueError(t("teach_into_package", path=master))
    return into


def copy_lessons(into: Path, lang: str = "fr") -> list[Path]:
    """Copy the lessons in ``lang`` into the working folder ``into`` (created if needed); a
    file already there is the student's and is kept. The files copied, in ``into``."""
    into = _check_target(into)
    master = notebooks_dir()
    copied = []
    for relative in lesson_files(lang):
        target = into / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(master / relative, target)
            copied.append(target)
    return copied


def reset_lesson(into: Path, lesson: str, lang: str = "fr") -> Path:
    """Restore ``lesson`` in ``lang`` (its number, ``07``, or its name, ``07_jumeau_eau``;
    ``07_jumeau_eau.en`` names the language too) in ``into`` from the master copy,
    overwriting the student's version. Raises KeyError if unknown."""
    from jnt_fresque.app.lesson_translation import split_name

    into = _check_target(into)
    named = split_name(f"{lesson}.ipynb")
    if named and "." in lesson:
        lesson, lang = named
    found = lessons(lang)
    matches = [name for name in found if lesson in (name, name.split("_")[0])]
    if len(matches) != 1:
        raise KeyError(t("teach_unknown_lesson", value=lesson, expected=", ".join(found)))
    target = into / found[matches[0]]
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notebooks_dir() / found[matches[0]], target)
    return target


def lab_environment(lang: str) -> dict[str, str]:
    """The environment JupyterLab runs in: the lessons' language is the kernels' language,
    so the kit's own messages (errors, command help) follow the lessons."""
    return {**os.environ, "JNT_FRESQUE_LANG": lang}


def lab_command(*, port: int = 8888, browser: bool = True, root: Path | None = None) -> list[str]:
    """The command that opens JupyterLab on ``root`` (default: the master copy)."""
    _need("jupyterlab")
    folder = root if root is not None else notebooks_dir()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    command += [f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1"]
    return command if browser else [*command, "--no-browser"]


# --- the syllabus: the lessons' opening blocks, the tracks and the two paths ----------------

# The three tracks: each one's name and what it covers are messages of the catalogues.
TRACKS: dict[str, tuple[str, str]] = {
    "workshop": ("syllabus_track_workshop", "syllabus_track_workshop_what"),
    "technical": ("syllabus_track_technical", "syllabus_track_technical_what"),
    "synthesis": ("syllabus_track_synthesis", "syllabus_track_synthesis_what"),
}


def tracks(lang: Lang) -> dict[str, str]:
    """The tracks as the lessons in ``lang`` name them, with what each covers.

    Examples
    --------
    >>> list(tracks("fr"))
    ['atelier', 'technique', 'synthèse']
    """
    return {say(name, lang): say(what, lang) for name, what in TRACKS.values()}


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
SYLLABUS_MARKERS = {
    "fr": (
        "<!-- syllabus: début (généré par jnt_fresque.app.teaching.syllabus_markdown) -->",
        "<!-- syllabus: fin -->",
    ),
    "en": (
        "<!-- syllabus: start (generated by jnt_fresque.app.teaching.syllabus_markdown) -->",
        "<!-- syllabus: end -->",
    ),
}
SYLLABUS_START, SYLLABUS_END = SYLLABUS_MARKERS["fr"]
# The pages that carry a syllabus, relative to the repository (`make notebooks` rewrites them).
SYLLABUS_PAGES = (
    "notebooks/README.md",
    "notebooks/README.en.md",
    "docs/guide-enseignant.md",
    "docs/teacher-guide.md",
)

# The fields of a lesson's opening cell, as the lessons in each language name them.
_FIELDS = (
    "syllabus_field_track",
    "syllabus_field_duration",
    "syllabus_field_prerequisites",
    "syllabus_field_questions",
    "syllabus_field_objectives",
    "syllabus_field_key_points",
)
# The syllabus page's headings of a lesson's three lists.
_LISTS = ("syllabus_list_questions", "syllabus_list_objectives", "syllabus_field_key_points")


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


def parse_block(name: str, text: str, lang: str | None = None) -> LessonBlock:
    """The opening block of lesson ``name`` from its first cell's markdown ``text``, whose
    field names are those of ``lang`` (default: from the name, ``09_cadrage.en`` is English).

    Raises ValueError naming the first missing part.
    """
    lang = lang or (name.rsplit(".", 1)[1] if "." in name else "fr")
    fields = [say(field, lang) for field in _FIELDS]
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


def lesson_blocks(lang: str = "fr") -> dict[str, LessonBlock]:
    """Every lesson's opening block in ``lang``, by lesson name (raises on a lesson without)."""
    root = notebooks_dir()
    blocks = {}
    for name, relative in lessons(lang).items():
        book = json.loads((root / relative).read_text(encoding="utf-8"))
        first = book["cells"][0]
        source = first["source"]
        text = "".join(source) if isinstance(source, list) else source
        blocks[name] = parse_block(name, text, lang)
    return blocks


def syllabus_markdown(lang: str = "fr") -> str:
    """The syllabus in ``lang``: tracks, the two paths with their timing, every lesson's block."""
    from jnt_fresque.app.lesson_translation import file_name

    blocks = lesson_blocks(lang)
    nbsp = "\u00a0"
    out = [f"## {say('syllabus_tracks', lang)}", ""]
    out += [say("syllabus_track", lang, track=k, what=v) for k, v in tracks(lang).items()]
    out[-1] = out[-1].removesuffix(";").removesuffix(nbsp) + "."
    out += ["", f"## {say('syllabus_paths', lang)}", ""]
    for path, names in PATHS.items():
        total = sum(blocks[n].minutes for n in names)
        out += [say("syllabus_path", lang, hours=path.split()[0], total=total), ""]
        for n in names:
            shown = file_name(n, lang).removesuffix(".ipynb")
            out.append(f"1. `{shown}` — {blocks[n].title} ({blocks[n].minutes}{nbsp}min)")
        out.append("")
    header = [say(key, lang) for key in ("syllabus_col_lesson", "syllabus_col_track",
                                          "syllabus_col_duration", "syllabus_col_prerequisites")]  # fmt: skip
    out += [f"## {say('syllabus_lessons', lang)}", "", f"| {' | '.join(header)} | 2 h | 3 h |"]
    out.append("|---|---|---:|---|:-:|:-:|")
    for name, block in blocks.items():
        marks = " | ".join("●" if name in PATHS[p] else "" for p in PATHS)
        shown = file_name(name, lang).removesuffix(".ipynb")
        out.append(
            f"| `{shown}` | {block.track} | {block.minutes}{nbsp}min | {block.prerequisites} "
            f"| {marks} |"
        )
    for name, block in blocks.items():
        out += ["", f"### {name[:2]} — {block.title}", ""]
        out.append(say("syllabus_line", lang, track=block.track, minutes=block.minutes,
                       prerequisites=block.prerequisites))  # fmt: skip
        for heading, items in zip(
            _LISTS, (block.questions, block.objectives, block.key_points), strict=True
        ):
            out += ["", say("syllabus_list", lang, heading=say(heading, lang)), ""]
            out += [f"- {item}" for item in items]
    return "\n".join(out) + "\n"


def with_syllabus(page: str) -> str:
    """``page`` with the text between each language's syllabus markers replaced by that
    language's `syllabus_markdown` (a page may hold one language's, or several)."""
    for lang, (start_mark, end_mark) in SYLLABUS_MARKERS.items():
        if start_mark not in page:
            continue
        start, end = page.index(start_mark), page.index(end_mark)
        page = f"{page[: start + len(start_mark)]}\n\n{syllabus_markdown(lang)}\n{page[end:]}"
    return page
