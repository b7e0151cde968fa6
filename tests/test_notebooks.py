"""Every teaching notebook and Voilà dashboard runs from top to bottom, offline, in time.

Each runs in a fresh kernel of this environment, in a temporary folder (what a
notebook writes stays there), with no proxy and the real-broker address unset,
so that only 127.0.0.1 is ever reached. They are committed without outputs.
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

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DASHBOARDS = sorted((ROOT / "apps" / "voila").glob("*.ipynb"))
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


def test_there_are_notebooks_and_dashboards() -> None:
    assert len(NOTEBOOKS) >= 10
    assert {p.name for p in DASHBOARDS} >= {"eau.ipynb", "resultats.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS + DASHBOARDS, ids=_name)
def test_committed_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, _name(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_opens_with_objectives_and_ends_with_exercises(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    english = path.name.endswith(".en.ipynb")
    assert ("Learning objectives" if english else "Objectifs d’apprentissage") in book.cells[
        0
    ].source
    text = "\n".join(c.source for c in book.cells if c.cell_type == "markdown")
    assert ("## Exercises" if english else "## Exercices") in text
    assert "<details><summary>Solution</summary>" in text


@pytest.mark.parametrize("path", NOTEBOOKS + DASHBOARDS, ids=_name)
def test_notebook_runs(
    path: Path, kernel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NGSI_LD_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.delenv("JNT_FRESQUE_DB", raising=False)
    book = _with_solutions(nbformat.read(path, as_version=4))
    client = nbclient.NotebookClient(
        book,
        timeout=TIMEOUT,
        kernel_name=kernel,
        resources={"metadata": {"path": str(tmp_path)}},
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
