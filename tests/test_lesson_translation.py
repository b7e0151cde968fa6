"""One source per lesson: the English lessons are built from the French ones and a catalogue.

These work on a copy of the kit's ``notebooks/`` folder, change it as an author
or a careless hand would, and check that the build notices: a French cell that
changed, an English notebook edited by hand, a lesson with no English.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jnt_fresque.app import lesson_translation as lt

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", copy)
    return copy


def _edit_cell(path: Path, cell_id: str, text: str) -> None:
    book = json.loads(path.read_text(encoding="utf-8"))
    (cell,) = [c for c in book["cells"] if c["id"] == cell_id]
    cell["source"] = text.splitlines(keepends=True)
    path.write_text(lt.notebook_text(book), encoding="utf-8")


def _source_of(path: Path, cell_id: str) -> str:
    book = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in book["cells"] if c["id"] == cell_id)["source"])


def test_the_kits_lessons_are_complete_and_up_to_date(folder: Path) -> None:
    assert lt.problems(folder, required=["en"]) == []
    assert lt.build(folder) == ([], [])  # a rebuild writes nothing: byte for byte the same


def test_a_changed_french_cell_is_flagged_until_its_translation_is_reviewed(folder: Path) -> None:
    lesson = folder / "09_cadrage.ipynb"
    _edit_cell(lesson, "c05", "Les cartes données nécessaires, les indispensables d’abord :")
    found = lt.problems(folder)
    assert "notebooks/locale/en/09_cadrage.po: cell c05: not in the catalogue" in found[0]
    assert any(line.startswith("notebooks/09_cadrage.en.ipynb: out of date") for line in found)

    lt.update(folder, "en")  # as `make notebooks` does: the old English kept, marked fuzzy
    po = (folder / "locale" / "en" / "09_cadrage.po").read_text(encoding="utf-8")
    assert "#, fuzzy" in po and '#| msgid "Les cartes données nécessaires (indispensables' in po
    written, found = lt.build(folder)
    assert folder / "09_cadrage.en.ipynb" in written
    assert found == [
        "notebooks/locale/en/09_cadrage.po: cell c05: the French changed: review the "
        "translation marked fuzzy, then unmark it"
    ]
    # Until it is reviewed, the cell stays in French in the English lesson, which still runs.
    assert _source_of(folder / "09_cadrage.en.ipynb", "c05").startswith("Les cartes données")

    catalogue = lt.read_catalogue(folder / "locale" / "en" / "09_cadrage.po", "en")
    message = catalogue[_source_of(lesson, "c05")]
    message.string = "The data cards it needs, essential ones first:"
    message.flags.discard("fuzzy")
    lt.write_catalogue(folder / "locale" / "en" / "09_cadrage.po", catalogue)
    lt.build(folder)
    assert lt.problems(folder) == []
    assert _source_of(folder / "09_cadrage.en.ipynb", "c05") == message.string


def test_an_english_notebook_edited_by_hand_is_out_of_date(folder: Path) -> None:
    _edit_cell(folder / "04_modele_ngsi_ld.en.ipynb", "315704cb", "A quick fix, made in place.")
    (found,) = lt.problems(folder)
    assert found.startswith("notebooks/04_modele_ngsi_ld.en.ipynb: out of date")
    assert "edit the .po" in found


def test_a_lesson_without_english_is_missing(folder: Path) -> None:
    shutil.copyfile(folder / "10_imprimer_un_jeu.ipynb", folder / "13_nouvelle_lecon.ipynb")
    found = lt.problems(folder)
    assert (
        "notebooks/locale/en/13_nouvelle_lecon.po: missing: 13_nouvelle_lecon has no en"
        in (found[0])
    )
    lt.update(folder, "en")
    written, found = lt.build(folder)
    assert folder / "13_nouvelle_lecon.en.ipynb" in written
    assert all(": not translated yet" in line for line in found)
    cells = json.loads((folder / "13_nouvelle_lecon.ipynb").read_text(encoding="utf-8"))["cells"]
    assert len(found) == len(cells) == 18  # one line per cell, each « # À vous ! » too


def test_a_required_language_without_catalogues_is_missing(folder: Path) -> None:
    shutil.rmtree(folder / "locale")
    found = lt.problems(folder, required=["en"])
    assert found[0] == "notebooks/locale/en: missing: no catalogue folder"
    assert any("09_cadrage.en.ipynb: no catalogue folder locale/en" in line for line in found)


def test_an_update_that_changes_nothing_changes_no_byte(folder: Path) -> None:
    before = {p: p.read_bytes() for p in (folder / "locale" / "en").glob("*.po")}
    lt.update(folder, "en")
    assert {p: p.read_bytes() for p in before} == before


def test_the_command_checks_and_says_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("jnt_fresque.reference.bundled.notebooks_dir", lambda: folder)
    assert lt.main(["check"]) == 0
    _edit_cell(folder / "01_vocabulaire.ipynb", "c01", "Un autre texte.")
    assert lt.main(["check"]) == 1
    assert "01_vocabulaire.po: cell c01: not in the catalogue" in capsys.readouterr().err
    assert lt.main(["oops"]) == 2
