"""The decks and samples are found both from a wheel and from an editable install."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jnt_fresque.reference import bundled

from .conftest import ROOT


def test_an_editable_install_reads_the_repository_folders() -> None:
    assert bundled.cards_dir() == ROOT / "cards"
    assert bundled.samples_dir() == ROOT / "data" / "samples"
    assert bundled.apps_dir() == ROOT / "apps"
    assert bundled.notebooks_dir() == ROOT / "notebooks"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    [built] = out.glob("jnt_fresque-*.whl")
    return built


def test_the_wheel_carries_the_decks_and_samples(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "jnt_fresque/_bundled/cards/donnees/deck.yaml" in names
    assert "jnt_fresque/_bundled/samples/samples.yaml" in names
    assert "jnt_fresque/_bundled/samples/lyon1-batiments/PROVENANCE.md" in names
    assert "jnt_fresque/_bundled/apps/atelier/atelier.py" in names
    assert "jnt_fresque/_bundled/notebooks/01_vocabulaire.ipynb" in names
    assert "jnt_fresque/_bundled/notebooks/01_vocabulaire.en.ipynb" in names
    # The live board and the card tiles run offline: their scripts travel with the kit.
    for asset in ("board.js", "board.css", "tiles.js", "tiles.css"):
        assert f"jnt_fresque/app/assets/{asset}" in names
    cards = [n for n in names if n.startswith("jnt_fresque/_bundled/cards/")]
    # Every card and manifest, and the record of what the cards were checked against.
    assert "jnt_fresque/_bundled/cards/SOURCES.md" in cards
    assert len(cards) == len(list((ROOT / "cards").glob("*/*.yaml"))) + 1


def test_installed_from_the_wheel_the_kit_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    code = (
        "import json, jnt_fresque; from jnt_fresque.reference import bundled, samples; "
        "decks = jnt_fresque.load_decks(); "
        "print(json.dumps({'module': jnt_fresque.__file__, 'cards': str(bundled.cards_dir()), "
        "'sample': str(samples.path('lyon1-batiments')), "
        "'decks': {d.id: len(d) for d in decks.values()}}))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(target), "PATH": ""},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["module"].startswith(str(target))
    assert found["cards"].startswith(str(target))
    assert Path(found["sample"]).is_file() and found["sample"].startswith(str(target))
    from jnt_fresque import default_decks

    assert found["decks"] == {d.id: len(d) for d in default_decks().values()}
