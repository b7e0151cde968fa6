from __future__ import annotations

import subprocess
import sys

import jnt_fresque


def test_all_is_sorted_and_every_name_resolves() -> None:
    import inspect
    import types
    import typing

    assert jnt_fresque.__all__ == sorted(jnt_fresque.__all__)
    for name in jnt_fresque.__all__:
        found = getattr(jnt_fresque, name)  # a lazy name that does not resolve raises here
        if inspect.ismodule(found):
            # An area of the package, under its own name.
            assert found.__name__.startswith("jnt_fresque.") and found.__name__.endswith(name)
        elif name == "__version__":
            assert found == jnt_fresque._version.__version__
        elif isinstance(found, types.UnionType):  # ``Card``: any of the kinds of card
            kinds = typing.get_args(found)
            assert len(kinds) > 1 and all(k.__module__.startswith("jnt_fresque.") for k in kinds)
        else:  # a class or function, defined inside the package under the name it is given
            assert found.__name__ == name and found.__module__.startswith("jnt_fresque."), name


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
