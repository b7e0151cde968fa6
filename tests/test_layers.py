"""The package's layers, as the README's architecture section draws them.

Each package of ``jnt_fresque`` may import the packages of lower layers and the
ones listed before it in its own layer, never one above: the folder names then
tell a newcomer where a change goes, and a change that breaks the direction
fails here with the line that did it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "jnt_fresque"

# Bottom layer first; inside a layer, a package may use the ones before it.
LAYERS: list[tuple[str, list[str]]] = [
    ("language", ["i18n"]),
    ("reference data", ["reference"]),
    ("domain", ["cards", "workshop"]),
    ("persistence", ["store"]),
    ("outputs and twins", ["printing", "interchange", "reporting", "twin", "scoping"]),
    ("front ends", ["app", "widgets", "cli"]),
]
ORDER = [name for _, names in LAYERS for name in names]
# Leaf modules at the top of the package that every layer may read.
SHARED = {"_version", "_show_versions"}


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> list[tuple[int, str]]:
    """The ``jnt_fresque`` modules one file imports, with their line numbers."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "jnt_fresque":
                found += [(node.lineno, f"jnt_fresque.{alias.name}") for alias in node.names]
            elif node.module.startswith("jnt_fresque."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if alias.name.startswith("jnt_fresque.")
            ]
    return found


def _packages() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def test_every_package_has_a_layer() -> None:
    assert sorted(ORDER) == _packages()


def test_top_level_holds_only_the_facade_and_leaves() -> None:
    loose = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__", "__main__", "_show_versions", "_version"]


@pytest.mark.parametrize("area", ORDER)
def test_imports_point_down(area: str) -> None:
    allowed = set(ORDER[: ORDER.index(area) + 1]) | SHARED
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line}: {target}"
        for path in sorted((PACKAGE / area).rglob("*.py"))
        for line, target in _imports(path)
        if _area(target) not in allowed
    ]
    assert not wrong, f"{area} imports from a higher layer:\n" + "\n".join(wrong)


def test_language_layer_is_a_leaf() -> None:
    outside = [
        f"{path.relative_to(PACKAGE)}:{line}: {target}"
        for path in sorted((PACKAGE / "i18n").rglob("*.py"))
        for line, target in _imports(path)
        if _area(target) != "i18n"
    ]
    assert not outside


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    # The checker itself must catch an upward import, or the tests above prove nothing.
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from jnt_fresque.app import server\nimport jnt_fresque.cli.twin\n"
        "from jnt_fresque import twin\nfrom . import local\n",
        encoding="utf-8",
    )
    assert [_area(target) for _, target in _imports(sample)] == ["app", "cli", "twin"]
