"""The lessons in other languages: one French source per lesson, one gettext catalogue per language.

A lesson is written once, in French, as ``notebooks/NN_topic.ipynb`` (the
kit's first language, edited in JupyterLab as any notebook). Its translation
into language ``xx`` lives in ``notebooks/locale/xx/NN_topic.po``: one message
per cell, the French cell as ``msgid``, the translated cell as ``msgstr``. The
build writes ``notebooks/NN_topic.xx.ipynb`` from the two; nobody edits it.

Why gettext catalogues rather than a second notebook or cells holding both
languages: the French text is the key, so when a French cell changes its old
translation no longer matches; `update` marks it *fuzzy* and shows the
previous French beside it (``#| msgid``), and `problems` reports it until a
translator has reviewed it. Translators work in the tools they know (Poedit,
Weblate, Lokalize), like for the kit's own messages. Code cells are messages
too: the English lesson names its variables and labels in English and passes
``lang="en"`` to the kit, and a changed French code cell is flagged the same way
a changed paragraph is.

The workflow, from the repository (``make notebooks`` runs the first two)::

    python -m jnt_fresque.app.lesson_translation update   # French cells → every .po
    python -m jnt_fresque.app.lesson_translation build    # .po → NN_topic.xx.ipynb, syllabus pages
    python -m jnt_fresque.app.lesson_translation check    # what is stale or missing

Examples
--------
>>> book = {"cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, "source": "Bonjour"}]}
>>> found = template(book, "00_essai")
>>> [m.id for m in found if m.id]
['Bonjour']
>>> found["Bonjour"].string = "Hello"
>>> translated, missing = translate(book, found)
>>> translated["cells"][0]["source"], missing
(['Hello'], [])
"""

from __future__ import annotations

import copy
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

SOURCE_LANG = "fr"
LOCALE = "locale"  # notebooks/locale/<lang>/<lesson>.po
# A French lesson: NN_topic.ipynb; its translation: NN_topic.<lang>.ipynb.
_LESSON = re.compile(r"^(\d\d_[a-z0-9_]+)(?:\.([a-z]{2,3}(?:_[A-Z]{2})?))?\.ipynb$")
_PROJECT = "jnt-fresque lessons"
_HEADER = """\
# The jnt-fresque lessons in {lang}: one message per cell of notebooks/NN_topic.ipynb.
# Translate the msgstr lines (code cells too: names and labels in {lang}, lang="{lang}" to the
# kit); `make notebooks` then writes notebooks/NN_topic.{lang}.ipynb. Never edit that file.
# This file is distributed under the same licence as jnt-fresque (MIT).
#"""


def split_name(file_name: str) -> tuple[str, str] | None:
    """``(lesson, lang)`` for a lesson's file name, None for any other file.

    Examples
    --------
    >>> split_name("07_jumeau_eau.ipynb"), split_name("07_jumeau_eau.en.ipynb")
    (('07_jumeau_eau', 'fr'), ('07_jumeau_eau', 'en'))
    >>> split_name("README.md") is None
    True
    """
    found = _LESSON.match(file_name)
    if not found:
        return None
    return found.group(1), found.group(2) or SOURCE_LANG


def file_name(lesson: str, lang: str) -> str:
    """The notebook file of ``lesson`` in ``lang``: the source for French, else a translation."""
    return f"{lesson}.ipynb" if lang == SOURCE_LANG else f"{lesson}.{lang}.ipynb"


def sources(root: Path) -> dict[str, Path]:
    """The French lessons of the folder ``root``, by lesson name, in order."""
    found = {}
    for path in sorted(root.glob("*.ipynb")):
        parts = split_name(path.name)
        if parts and parts[1] == SOURCE_LANG:
            found[parts[0]] = path
    return found


def languages(root: Path) -> list[str]:
    """The languages the lessons are translated into: the folders of ``root/locale``."""
    folder = root / LOCALE
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def catalogue_path(root: Path, lesson: str, lang: str) -> Path:
    """Where the translation of ``lesson`` into ``lang`` lives."""
    return root / LOCALE / lang / f"{lesson}.po"


def _source(cell: dict[str, Any]) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def read_notebook(path: Path) -> dict[str, Any]:
    """A notebook file as the JSON it holds."""
    book: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return book


def notebook_text(book: dict[str, Any]) -> str:
    """A notebook as Jupyter writes it (nbformat's layout), so that a rebuild changes no byte."""
    return json.dumps(book, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def template(book: dict[str, Any], lesson: str) -> Catalog:
    """The messages of a French notebook: one per non-empty cell, the cell's text as its id.

    Identical cells (``# À vous !``) are one message with several locations.
    """
    from babel.messages.catalog import Catalog

    found = Catalog(project=_PROJECT, fuzzy=False)
    for index, cell in enumerate(book["cells"], start=1):
        text = _source(cell)
        if not text.strip():
            continue
        where = (f"{lesson}.ipynb", index)
        comment = f"{cell['cell_type']} cell {cell.get('id', index)}"
        if text in found:
            found[text].locations.append(where)
            found[text].auto_comments.append(comment)
        else:
            found.add(text, locations=[where], auto_comments=[comment])
    return found


def read_catalogue(path: Path, lang: str) -> Catalog:
    """The catalogue at ``path`` (an empty one for ``lang`` if there is none yet)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.is_file():
        return Catalog(
            locale=lang,
            header_comment=_HEADER.format(lang=lang),
            project=_PROJECT,
            version="1",
            copyright_holder="jnt-fresque contributors",
            msgid_bugs_address="https://github.com/jnt-fresque/jnt-fresque/issues",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def write_catalogue(path: Path, catalogue: Catalog) -> bool:
    """Write ``catalogue`` to ``path`` if its text changed; whether it did."""
    from babel.messages.pofile import write_po

    for message in catalogue:
        # Babel takes any « % » for a format string (« 90 % des tirages »): a cell is plain text.
        message.flags.discard("python-format")
    out = io.BytesIO()
    write_po(out, catalogue, width=100, ignore_obsolete=True, include_previous=True)
    data = out.getvalue()
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def update(root: Path, lang: str) -> list[Path]:
    """Bring every catalogue of ``lang`` in line with the French lessons (as ``msgmerge``).

    A new cell gets an empty message; a changed one keeps its old translation, marked
    fuzzy with the previous French alongside; a removed one is dropped. One catalogue
    per lesson (created if needed); returns those that changed.
    """
    written = []
    for lesson, path in sources(root).items():
        target = catalogue_path(root, lesson, lang)
        catalogue = read_catalogue(target, lang)
        # The dates stay as they were, so an update that changes nothing changes no byte.
        created = catalogue.creation_date if target.is_file() else datetime.now().astimezone()
        revised = catalogue.revision_date
        found = template(read_notebook(path), lesson)
        found.creation_date = created
        catalogue.update(found, update_creation_date=True)
        catalogue.revision_date = revised
        if write_catalogue(target, catalogue):
            written.append(target)
    return written


def translate(book: dict[str, Any], catalogue: Catalog) -> tuple[dict[str, Any], list[str]]:
    """The notebook ``book`` with each cell in the catalogue's language, and the ids of the
    cells that have no reviewed translation (they stay in French)."""
    out = copy.deepcopy(book)
    missing = []
    for index, cell in enumerate(out["cells"], start=1):
        text = _source(cell)
        if not text.strip():
            continue
        message = catalogue.get(text)
        if message is None or not message.string or message.fuzzy:
            missing.append(str(cell.get("id", index)))
            translated = text
        else:
            translated = str(message.string)
        cell["source"] = translated.splitlines(keepends=True)
    return out, missing


def _problem(root: Path, path: Path, what: str) -> str:
    try:
        shown = path.relative_to(root.parent)
    except ValueError:
        shown = path
    return f"{shown}: {what}"


def _missing_line(root: Path, path: Path, catalogue: Catalog, book: dict[str, Any]) -> list[str]:
    lines = []
    for index, cell in enumerate(book["cells"], start=1):
        text = _source(cell)
        if not text.strip():
            continue
        message = catalogue.get(text)
        cell_id = cell.get("id", index)
        if message is None:
            why = "not in the catalogue (run `make notebooks`, then translate it)"
        elif message.fuzzy:
            why = "the French changed: review the translation marked fuzzy, then unmark it"
        elif not message.string:
            why = "not translated yet"
        else:
            continue
        lines.append(_problem(root, path, f"cell {cell_id}: {why}"))
    return lines


def build(root: Path) -> tuple[list[Path], list[str]]:
    """Write every translated lesson from its French source and catalogue.

    A cell without a reviewed translation stays in French, so the lesson still runs;
    it is listed among the problems. Returns the files written and the problems.
    """
    written, problems = [], []
    for lang in languages(root):
        for lesson, path in sources(root).items():
            book = read_notebook(path)
            po = catalogue_path(root, lesson, lang)
            catalogue = read_catalogue(po, lang)
            if not po.is_file():
                problems.append(_problem(root, po, f"missing: {lesson} has no {lang} translation"))
            else:
                problems += _missing_line(root, po, catalogue, book)
            translated, _ = translate(book, catalogue)
            target = root / file_name(lesson, lang)
            text = notebook_text(translated)
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
                written.append(target)
    return written, problems


def problems(root: Path, *, required: Sequence[str] = ()) -> list[str]:
    """What is wrong with the translated lessons, one line each (none: all is in order).

    A lesson without a catalogue, a cell without a reviewed translation, a translated
    notebook that is not what the build would write (stale, or edited by hand), a
    translated notebook or catalogue without a French lesson, and a language of
    ``required`` that has no catalogue at all.
    """
    found = []
    lessons = sources(root)
    langs = languages(root)
    for lang in required:
        if lang not in langs:
            found.append(_problem(root, root / LOCALE / lang, "missing: no catalogue folder"))
    for lang in langs:
        for lesson, path in lessons.items():
            po = catalogue_path(root, lesson, lang)
            if not po.is_file():
                found.append(_problem(root, po, f"missing: {lesson} has no {lang} translation"))
                continue
            book = read_notebook(path)
            catalogue = read_catalogue(po, lang)
            found += _missing_line(root, po, catalogue, book)
            target = root / file_name(lesson, lang)
            expected = notebook_text(translate(book, catalogue)[0])
            if not target.is_file():
                found.append(_problem(root, target, "missing: run `make notebooks`"))
            elif target.read_text(encoding="utf-8") != expected:
                found.append(
                    _problem(root, target, f"out of date with {path.name} and {po.name}: "
                             "run `make notebooks` (never edit it: edit the .po)")
                )  # fmt: skip
        for po in sorted((root / LOCALE / lang).glob("*.po")):
            if po.stem not in lessons:
                found.append(_problem(root, po, "no French lesson of that name"))
    for path in sorted(root.glob("*.ipynb")):
        parts = split_name(path.name)
        if parts and parts[1] != SOURCE_LANG and parts[0] not in lessons:
            found.append(_problem(root, path, "no French lesson of that name"))
        elif parts and parts[1] != SOURCE_LANG and parts[1] not in langs:
            found.append(_problem(root, path, f"no catalogue folder {LOCALE}/{parts[1]}"))
    return found


def _write_syllabus_pages(repository: Path) -> list[Path]:
    # The syllabus is drawn from the lessons' opening blocks, in each language.
    from jnt_fresque.app.teaching import SYLLABUS_PAGES, with_syllabus

    written = []
    for page in SYLLABUS_PAGES:
        path = repository / page
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if with_syllabus(text) != text:
                path.write_text(with_syllabus(text), encoding="utf-8")
                written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``update [LANG…]``, ``build`` or ``check`` on the kit's notebooks folder."""
    from jnt_fresque.reference.bundled import notebooks_dir

    args = list(sys.argv[1:] if argv is None else argv)
    root = notebooks_dir()
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "update":
        for lang in rest or languages(root):
            for path in update(root, lang):
                print(f"updated: {path.relative_to(root.parent)}")
        return 0
    if command == "build":
        written, found = build(root)
        written += _write_syllabus_pages(root.parent)
        for path in written:
            print(f"written: {path.relative_to(root.parent)}")
    elif command == "check":
        found = problems(root)
    else:
        print("usage: python -m jnt_fresque.app.lesson_translation update [LANG…] | build | check",
              file=sys.stderr)  # fmt: skip
        return 2
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
