from __future__ import annotations

import subprocess
import sys

import jnt_fresque


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert jnt_fresque.__all__ == sorted(jnt_fresque.__all__)
    for name in jnt_fresque.__all__:
        assert getattr(jnt_fresque, name) is not None, name


def test_public_surface() -> None:
    assert set(jnt_fresque.__all__) == {
        "BlankCard", "Card", "DataCard", "Deck", "DeckError", "DeckManifest", "Decks",
        "Problem", "QuestionCard", "TermCard", "Text", "UseCaseCard", "__version__",
        "check_decks", "default_decks", "inspire", "load_decks", "printing", "samples",
        "scoping", "show_versions", "store", "twin", "workshop",
    }  # fmt: skip


def test_unknown_attribute_is_an_attribute_error() -> None:
    assert not hasattr(jnt_fresque, "no_such_thing")


def test_import_does_not_load_heavy_libraries() -> None:
    # `import jnt_fresque` must stay fast: the models, rich and the kit's big
    # libraries load only when used.
    code = (
        "import sys, jnt_fresque; "
        "heavy = {'pydantic', 'rich', 'typer', 'yaml', 'openpyxl', 'streamlit', 'geopandas', "
        "'leafmap', 'pydeck', 'reportlab', 'ipywidgets'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
