"""Every teaching notebook, in every language, and every Voilà dashboard runs from top to
bottom, offline, in time.

Each runs in a fresh kernel of this environment, in a temporary folder (what a
notebook writes stays there), with no proxy, so that only 127.0.0.1 is ever
reached, and with the kit speaking the lesson's language (``JNT_FRESQUE_LANG``,
as ``jnt-fresque notebooks --lang`` sets it). They are committed without outputs.

The lessons of the paths run as a student runs them: copied into a working
folder (``jnt-fresque notebooks``), each path twice in a row in that folder,
against one broker that outlives the runs (``NGSI_LD_URL``), so a lesson that
leaves something behind fails its second run: the French 2-hour and 3-hour
paths, and the English 3-hour path (which holds the 2-hour one). The other
lessons, in both languages, and the dashboards run once each.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import pytest

from jnt_fresque.app import lesson_translation, teaching

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DASHBOARDS = sorted((ROOT / "apps" / "voila").glob("*.ipynb"))
# The paths each language plays twice in a student's copy; every other lesson runs once.
PATHS_RUN = [("fr", "2 h"), ("fr", "3 h"), ("en", "3 h")]
IN_A_PATH = {
    lesson_translation.file_name(name, lang)
    for lang, path in PATHS_RUN
    for name in teaching.PATHS[path]
}
TIMEOUT = 180  # seconds per cell
EXERCISE = ("# À vous !", "# Your turn!")
SOLUTION = re.compile(r"<details><summary>Solution</summary>\s*```python\n(.*?)```", re.S)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _with_solutions(book: Any) -> Any:
    """The notebook with each exercise cell filled with its solution, so solutions run too
    (shell escapes like ``!jnt-fresque …`` are left out: they depend on the PATH)."""
    cells = book.cells
    for before, cell in pairwise(cells):
        if cell.cell_type == "code" and cell.source.strip() in EXERCISE:
            found = SOLUTION.search(before.source)
            assert found, f"no solution before exercise cell {cell.get('id')}"
            lines = [x for x in found.group(1).splitlines() if not x.startswith("!")]
            cell.source = "\n".join(lines)
    return book


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernel spec pointing at this interpreter, whatever kernels the machine has."""
    from jupyter_client.kernelspec import KernelSpecManager

    folder = tmp_path_factory.mktemp("kernels")
    spec = folder / "kernels" / "jnt-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "jnt-test", "language": "python"}),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(folder))
        assert "jnt-test" in KernelSpecManager().find_kernel_specs()
        yield "jnt-test"


def _lang(path: Path) -> str:
    parts = lesson_translation.split_name(path.name)
    return parts[1] if parts else "fr"


def test_there_are_notebooks_and_dashboards() -> None:
    assert len([p for p in NOTEBOOKS if _lang(p) == "fr"]) == 12
    assert len([p for p in NOTEBOOKS if _lang(p) == "en"]) == 12
    assert {p.name for p in DASHBOARDS} >= {"eau.ipynb", "resultats.ipynb"}


def test_every_lesson_is_in_english_and_built_from_its_french_source() -> None:
    """One source per lesson: the English notebook is what the build writes from the French
    lesson and its catalogue, and every cell of every lesson has a reviewed translation."""
    found = lesson_translation.problems(ROOT / "notebooks", required=["en"])
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", NOTEBOOKS + DASHBOARDS, ids=_name)
def test_committed_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, _name(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_each_lesson_opens_with_its_block(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    name = path.name.removesuffix(".ipynb")
    block = teaching.parse_block(name, book.cells[0].source)  # raises naming what is missing
    assert block.track in teaching.tracks(_lang(path))
    assert 5 <= block.minutes <= 45
    assert len(block.questions) >= 2 and len(block.objectives) >= 2 and block.key_points


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_each_lesson_ends_with_two_exercises_or_more_whose_solutions_run(path: Path) -> None:
    """The convention: under "## Exercices", each exercise is a markdown cell holding its
    solution in ``<details><summary>Solution</summary>`` + a python block, followed by a
    code cell ``# À vous !``; the run tests put the solution in that cell and execute it."""
    book = nbformat.read(path, as_version=4)
    english = path.name.endswith(".en.ipynb")
    text = "\n".join(c.source for c in book.cells if c.cell_type == "markdown")
    assert ("## Exercises" if english else "## Exercices") in text
    runnable = 0
    for before, cell in pairwise(book.cells):
        if cell.cell_type == "code" and cell.source.strip() in EXERCISE:
            found = SOLUTION.search(before.source)
            assert found, f"no solution before exercise cell {cell.get('id')}"
            code = [x for x in found.group(1).splitlines() if x.strip() and x[0] not in "#!"]
            runnable += bool(code)
    assert runnable >= 2, f"{_name(path)}: {runnable} exercise(s) with a solution that runs"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_paths_fit_their_time_and_follow_the_prerequisites(lang: str) -> None:
    blocks = teaching.lesson_blocks(lang)
    for path, names in teaching.PATHS.items():
        assert sum(blocks[n].minutes for n in names) <= teaching.PATH_MINUTES[path], path
        assert list(names) == sorted(names), f"{path}: lessons out of order"
    assert set(teaching.PATHS["2 h"]) <= set(teaching.PATHS["3 h"])


def test_a_translation_keeps_the_lessons_timing() -> None:
    french, english = teaching.lesson_blocks("fr"), teaching.lesson_blocks("en")
    assert list(english) == list(french)
    for name, block in french.items():
        assert english[name].minutes == block.minutes, name
        assert len(english[name].objectives) == len(block.objectives), name


@pytest.mark.parametrize("page", teaching.SYLLABUS_PAGES)
def test_the_syllabus_pages_are_up_to_date(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    assert teaching.SYLLABUS_START in text or "<!-- syllabus: start" in text, page
    assert text == teaching.with_syllabus(text), f"{page} is out of date: make notebooks"


def test_the_guides_and_syllabus_pages_link_each_language() -> None:
    french = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    assert "docs/teacher-guide.md" in french and "README.en.md" in french
    assert "`01_vocabulaire.en` — The vocabulary of the territorial digital twin" in (
        ROOT / "docs" / "teacher-guide.md"
    ).read_text(encoding="utf-8")


def _offline(monkeypatch: pytest.MonkeyPatch, lang: str = "fr") -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NGSI_LD_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("JNT_FRESQUE_DB", raising=False)
    monkeypatch.setenv("JNT_FRESQUE_LANG", lang)  # the kernel inherits it


def _execute(path: Path, kernel: str, folder: Path) -> Any:
    book = _with_solutions(nbformat.read(path, as_version=4))
    client = nbclient.NotebookClient(
        book,
        timeout=TIMEOUT,
        kernel_name=kernel,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    errors = [
        out
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    return book


def _printed(book: Any) -> str:
    return "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )


@pytest.mark.parametrize(
    "path",
    [p for p in NOTEBOOKS if p.name not in IN_A_PATH] + DASHBOARDS,
    ids=_name,
)
def test_notebook_runs(
    path: Path, kernel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _offline(monkeypatch, _lang(path))
    _execute(path, kernel, tmp_path)


# What lesson 01 prints of the kit's glossary, in each language: the lesson speaks its reader's.
FIRST_TERM = {"fr": "Jumeau numérique du territoire (JNT)", "en": "Territorial digital twin (JNT)"}


@pytest.mark.parametrize(
    ("lang", "path"), PATHS_RUN, ids=[f"{lang}-{path}" for lang, path in PATHS_RUN]
)
def test_a_path_runs_twice_in_a_row_in_a_students_copy(
    lang: str, path: str, kernel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jnt_fresque import twin

    _offline(monkeypatch, lang)
    work = tmp_path / teaching.work_folder(lang)
    teaching.copy_lessons(work, lang)
    files = [work / lesson_translation.file_name(name, lang) for name in teaching.PATHS[path]]
    with twin.running(twin.Broker()) as url:
        monkeypatch.setenv("NGSI_LD_URL", url)
        for run in (1, 2):
            for file in files:
                try:
                    book = _execute(file, kernel, work)
                except Exception as exc:
                    pytest.fail(f"{lang} {path}, run {run}, {file.name}: {exc}", pytrace=False)
                if file.name.startswith("01_"):
                    assert FIRST_TERM[lang] in _printed(book)
    for file in files:
        name = file.name.removesuffix(".ipynb")
        assert teaching.parse_block(name, nbformat.read(file, 4).cells[0].source)
