from __future__ import annotations

from pathlib import Path

import pytest

from jnt_fresque import DeckError, default_decks, load_decks
from jnt_fresque.cards.spreadsheet import export_deck, flatten, import_deck, unflatten
from jnt_fresque.cards.writer import write_deck

DECKS = sorted(default_decks())


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("deck_id", DECKS)
def test_export_then_import_gives_the_identical_deck(
    deck_id: str, fmt: str, tmp_path: Path
) -> None:
    deck = default_decks()[deck_id]
    back = import_deck(export_deck(deck, tmp_path / f"{deck_id}.{fmt}"))
    assert back.manifest == deck.manifest
    assert back.cards == deck.cards
    # and written back as YAML, it loads as the same deck again
    again = load_decks(write_deck(back, tmp_path / "yaml"))[deck_id]
    assert again.cards == deck.cards


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    # The same deck exported an hour later gives the same bytes (no date of the day in the
    # workbook's properties nor on the members of its zip archive). Moving the clock makes
    # the check certain instead of depending on both exports falling in the same second.
    import time

    deck = default_decks()["cas-usage"]
    first = export_deck(deck, tmp_path / f"a.{fmt}").read_bytes()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3600)
    second = export_deck(deck, tmp_path / f"b.{fmt}").read_bytes()
    assert first == second


def test_flatten_uses_dotted_columns_and_one_cell_for_codes() -> None:
    card = {"title": {"fr": "A", "en": "B"}, "scales": ["district", "city"],
            "examples": [{"territory": "Lyon"}], "secondary": []}  # fmt: skip
    cells = dict(flatten(card))
    assert cells == {
        "title.fr": "A",
        "title.en": "B",
        "scales[]": "district, city",
        "examples.0.territory": "Lyon",
    }
    assert unflatten(cells.items()) == {k: v for k, v in card.items() if v}


def test_a_csv_edited_in_a_french_spreadsheet_reads_back(tmp_path: Path) -> None:
    # French spreadsheet programs save CSV with « ; » between cells.
    deck = default_decks()["vierges"]
    path = export_deck(deck, tmp_path / "vierges.csv")
    import csv

    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    semi = tmp_path / "vierges-fr.csv"
    with semi.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    assert import_deck(semi).cards == deck.cards


def test_problems_name_the_spreadsheet_row(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    deck = default_decks()["cas-usage"]
    path = export_deck(deck, tmp_path / "uc.xlsx")
    book = load_workbook(path)
    sheet = book["cartes"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("capability") + 1, value="magique")
    book.save(path)
    with pytest.raises(DeckError) as caught:
        import_deck(path)
    [problem] = caught.value.problems
    assert problem.path.endswith("uc.xlsx:cartes")
    assert problem.line == 3
    assert problem.field == "capability"
    assert problem.subject == f"card {deck.cards[1].id}"
    assert "« magique »" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deck.xlsx", b"not a zip at all", "tableur illisible"),
        ("deck.csv", b"id,kind\nuc-a,uc\n", "colonne « _record » absente"),
        ("deck.ods", b"", "format de tableur inconnu « .ods »"),
        ("deck.csv", b"\xff\xfe\x00garbage", "tableur illisible"),
    ],
)
def test_a_file_that_is_not_an_exported_deck(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DeckError) as caught:
        import_deck(path)
    [problem] = caught.value.problems
    assert expected in problem.message


def test_a_manifest_problem_names_its_row_in_the_deck_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = export_deck(default_decks()["donnees"], tmp_path / "donnees.xlsx")
    book = load_workbook(path)
    sheet = book["jeu"]
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "colours.annex-ii"
    )
    sheet.cell(row=row, column=2, value="vert")
    book.save(path)
    with pytest.raises(DeckError) as caught:
        import_deck(path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (f"{path}:jeu", row, "colours.annex-ii")
    assert "« vert » n’est pas une couleur" in problem.message
