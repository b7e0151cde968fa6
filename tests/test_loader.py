from __future__ import annotations

from pathlib import Path

import pytest

from jnt_fresque import DataCard, DeckError, UseCaseCard, check_decks, default_decks, load_decks

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def test_default_decks_load_with_every_kind() -> None:
    decks = default_decks()
    assert {d.kind for d in decks.values()} == {"uc", "data", "blank", "term", "question"}
    for deck in decks.values():
        assert len(deck) > 0
        assert all(card.kind == deck.kind for card in deck)


def test_data_cards_follow_the_inspire_register_order() -> None:
    from jnt_fresque import inspire

    data = [c for c in default_decks().cards("data") if isinstance(c, DataCard)]
    rank = [t.code for t in inspire.THEMES]
    assert [c.theme for c in data] == sorted((c.theme for c in data), key=rank.index)


def test_cards_are_found_by_id_across_decks() -> None:
    decks = default_decks()
    card = decks.card("uc-inondation")
    assert isinstance(card, UseCaseCard)
    assert "bu" in card.themes.codes
    with pytest.raises(KeyError, match="uc-nothing"):
        decks.card("uc-nothing")


@pytest.mark.parametrize("case", CASES)
def test_broken_decks_give_their_expected_lines(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each case folder holds a broken deck and expected.txt, the exact lines a
    # deck author reads (paths relative to the folder validated).
    monkeypatch.chdir(BROKEN / case)
    with pytest.raises(DeckError) as caught:
        load_decks(".")
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in caught.value.problems] == expected


def test_every_problem_is_one_line_with_path_line_subject_and_field() -> None:
    for case in CASES:
        for problem in check_decks(BROKEN / case):
            line = str(problem)
            assert "\n" not in line
            assert line.split(": ")[1].startswith(("card ", "deck ")), line
            assert "Traceback" not in line


def test_all_problems_are_collected_not_just_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN / "wrong-types")
    fields = {p.field for p in check_decks(".")}
    assert {"question", "pitch", "scales", "time_step", "themes.primary[1]", "colour"} <= fields


def test_messages_switch_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    monkeypatch.chdir(BROKEN / "unknown-kind")
    [problem] = check_decks(".")
    assert str(problem) == (
        "essai/uc-a.yaml:2: card uc-a: kind: unknown value « usecase »; "
        "allowed values: uc, data, blank, term, question"
    )


def test_a_folder_holding_one_deck_loads_alone(trial_deck: Path) -> None:
    decks = load_decks(trial_deck / "essai")
    assert list(decks) == ["essai"]
    assert decks["essai"].cards[0].title.fr == "Cas A"


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    [problem] = check_decks(tmp_path / "nowhere")
    assert "dossier introuvable" in problem.message


def test_a_folder_without_decks_says_how_a_deck_is_made(tmp_path: Path) -> None:
    [problem] = check_decks(tmp_path)
    assert "deck.yaml" in problem.message


def test_a_file_named_otherwise_than_its_card(trial_deck: Path) -> None:
    (trial_deck / "essai" / "uc-a.yaml").rename(trial_deck / "essai" / "autre.yaml")
    [problem] = check_decks(trial_deck)
    assert (problem.field, problem.line) == ("id", 1)
    assert "uc-a.yaml" in problem.message


def test_criteria_are_checked_against_the_manifest(tmp_path: Path) -> None:
    deck = tmp_path / "donnees"
    deck.mkdir()
    (deck / "deck.yaml").write_text(
        """\
id: donnees
kind: data
title: {fr: Données, en: Data}
description: {fr: Des données., en: Data.}
version: "1.0.0"
colours: {primary: "#112233"}
criteria:
  - id: refresh
    code: C3
    origin: working-group
    name: {fr: Fréquence, en: Frequency}
    meaning: {fr: Le rythme., en: The pace.}
    values:
      - {id: yearly, label: {fr: Annuelle, en: Yearly}}
      - {id: static, label: {fr: Stable, en: Stable}}
  - id: nature
    code: C1
    origin: working-group
    name: {fr: Nature, en: Nature}
    meaning: {fr: La forme., en: The shape.}
    multiple: true
    values:
      - {id: vector, label: {fr: Vecteur, en: Vector}}
      - {id: raster, label: {fr: Raster, en: Raster}}
""",
        encoding="utf-8",
    )
    (deck / "data-bu.yaml").write_text(
        """\
id: data-bu
kind: data
title: {fr: Bâtiments, en: Buildings}
theme: bu
icon: building
summary: {fr: Le bâti., en: Buildings.}
geoconcepts: [{fr: Emprises, en: Footprints}]
datasets: [{name: {fr: BD TOPO, en: BD TOPO}, producer: {fr: IGN, en: IGN}, cadence: quarterly, licence: {fr: Licence Ouverte 2.0, en: Etalab Open Licence 2.0}, sources: [{title: Page d’essai, url: "https://example.org/essai", publisher: Essai, checked: "2026-11-29"}]}]
criteria:
  refresh: [yearly]
  nature: [vector, mesh]
  accuracy: metre
""",
        encoding="utf-8",
    )
    found = {(p.field, p.message.split(" ;")[0]) for p in check_decks(tmp_path)}
    assert found == {
        ("criteria.accuracy", "critère inconnu « accuracy »"),
        ("criteria.refresh", "une seule valeur attendue pour ce critère, pas une liste"),
        ("criteria.nature[1]", "valeur inconnue « mesh »"),
    }


def test_a_utf8_bom_and_yaml_dates_are_accepted(tmp_path: Path) -> None:
    deck = tmp_path / "mots"
    deck.mkdir()
    (deck / "deck.yaml").write_bytes(
        "\ufeffid: mots\nkind: term\ntitle: {fr: Mots, en: Words}\n"
        "description: {fr: Des mots., en: Words.}\nversion: '1.0'\n"
        "colours: {primary: '#112233'}\n".encode()
    )
    (deck / "term-bim.yaml").write_text(
        "id: term-bim\nkind: term\ntitle: {fr: BIM, en: BIM}\n"
        "definition: {fr: Une maquette., en: A model.}\nsource: {fr: ISO 19650-1:2018, en: ISO 19650-1:2018}\n"
        "reliability: 1\ncreated: 2018-12-15\n",
        encoding="utf-8",
    )
    card = load_decks(tmp_path).card("term-bim")
    assert card.model_dump()["created"] == "2018-12-15"
    assert card.model_dump()["reliability"] == "1"
