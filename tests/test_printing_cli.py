"""``jnt-fresque print``: what a facilitator types, and what lands on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jnt_fresque import default_decks

from ._pdf import page_text, runs, squash
from .conftest import Result

Cli = Callable[..., Result]


def test_one_command_prints_the_whole_kit_double_sided(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "cartes.pdf"
    result = cli("print", "-o", str(target))
    assert (result.code, result.err) == (0, "")
    decks = default_decks()
    cards = sum(len(d) for d in decks.values())
    assert f"({cards} cartes, 36 pages)" in result.out
    assert "retournement sur le bord long" in result.out
    pages = runs(target)
    assert len(pages) == 36  # 18 sheets of 9 poker cards, fronts then backs
    texts = page_text(target)
    fronts, backs = "".join(texts[0::2]), "".join(texts[1::2])
    for deck in decks.values():
        for card in deck.cards:
            assert squash(card.title.fr.replace("'", "’")) in fronts, card.id
            assert card.id in fronts and card.id in backs


def test_both_profiles_and_english_cards(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "print", "vierges", "questions", "--lang", "en", "--card", "tarot", "--paper", "letter",
        "--profile", "home", "--profile", "shop", "--duplex", "short", "-o", str(tmp_path / "set.pdf"),
    )  # fmt: skip
    assert result.code == 0, result.err
    home, shop = tmp_path / "set-home.pdf", tmp_path / "set-shop.pdf"
    assert len(runs(shop)) == 2 * 27
    assert len(runs(home)) == 2 * 7  # four tarot cards a sheet
    assert "Whatisthemaingoal?" in "".join(page_text(shop))
    assert "bord court" in result.out


def test_png_images_one_per_face_at_300_dpi(cli: Cli, tmp_path: Path) -> None:
    from PIL import Image

    folder = tmp_path / "png"
    result = cli("print", "vierges", "--png", str(folder))
    assert result.code == 0, result.err
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(
        f"{card.id}-{side}.png" for card in default_decks()["vierges"].cards for side in ("recto", "verso")
    )  # fmt: skip
    assert not list(tmp_path.glob("*.pdf"))  # only images were asked for
    with Image.open(folder / "blank-cas-usage-recto.png") as image:
        assert image.size == (744, 1039)  # 63 × 88 mm at 300 dpi
        histogram = image.convert("L").histogram()
        assert 0.15 < 1 - histogram[255] / sum(histogram) < 0.9


def test_the_facilitator_pack(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    result = cli("print", "--pack", "--tables", "3", "-o", str(target))
    assert result.code == 0, result.err
    texts = page_text(target)
    assert "fiched’animation" in texts[0] and "Déroulé" in texts[0]
    themes = "".join(texts[1:3])
    assert "Cartedesliensattendus" in texts[1]
    for card in default_decks()["cas-usage"].cards:
        assert squash(card.title.fr.replace("'", "’")) in themes, card.id
    lists = [t for t in texts if t.startswith("Table") and "(suite)" not in t]
    assert [t[: t.index(":")] for t in lists] == ["Table1", "Table2", "Table3"]
    assert all("Casd’usage:46cartes" in t for t in lists)


def test_a_card_that_cannot_fit_stops_the_print_with_one_line(
    cli: Cli, tmp_path: Path, trial_deck: Path
) -> None:
    card = trial_deck / "essai" / "uc-a.yaml"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("users: {fr: Des services, en: Departments}", "users: {fr: Des services, en: " + "W" * 60 + "}"), encoding="utf-8")  # fmt: skip
    target = tmp_path / "out.pdf"
    result = cli("print", "--decks", str(trial_deck), "--lang", "en", "-o", str(target))
    assert result.code == 2
    assert result.err == (
        "jnt-fresque: carte uc-a (en) : le champ « users » ne tient pas sur une carte poker, "
        "même en 6,5 pt ; raccourcissez ce texte\n"
    )
    assert not target.exists()
    assert cli("print", "--decks", str(trial_deck), "--lang", "fr", "-o", str(target)).code == 0


def test_an_unknown_deck(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("print", "tarot")
    assert result.code == 2
    assert result.err.startswith("jnt-fresque: jeu inconnu « tarot »")
