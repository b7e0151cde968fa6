"""The twin scoping canvas: answers to the key questions → a twin profile, markdown and PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from jnt_fresque import default_decks, scoping
from jnt_fresque.cards.model import QuestionCard, UseCaseCard

# An operations twin for a water utility: sensors, real time, NGSI-LD.
WATER = {
    "q-utilisateurs-principal": ["exploitants"],
    "q-usage-objectif": ["exploiter"],
    "q-usage-complexite": ["expliquer"],
    "q-echelles-echelle-principale": ["commune"],
    "q-donnees-types": ["capteurs", "metier"],
    "q-gouvernance-standards": ["ngsi-ld", "sensorthings"],
    "q-technique-interface": ["carte-2d", "tableau-de-bord"],
}
# A planning twin for town planners: scenarios over years, GIS, city models.
PLANNING = {
    "q-utilisateurs-principal": ["urbanistes"],
    "q-usage-objectif": ["planifier"],
    "q-technique-architecture": ["centre-sig"],
    "q-donnees-place-3d": ["analyse", "maquette-urbaine"],
    "q-gouvernance-standards": ["citygml", "inspire"],
}


def test_an_operations_twin_is_entity_oriented_and_real_time() -> None:
    found = scoping.profile(WATER)
    assert found.capability == "diagnostic"  # the most advanced asked for
    assert found.capabilities == ("descriptive", "diagnostic")
    assert found.implementation == "entity"
    assert found.scale == "city"
    assert found.time_step == "real_time"
    assert "uc-eau-assainissement" in found.use_cases
    assert {"data-ef", "data-us"} <= set(found.data_cards)
    assert found.standards[:2] == ("NGSI-LD", "SensorThings API")  # named in the answers first


def test_a_planning_twin_is_gis_centric_and_prospective() -> None:
    found = scoping.profile(PLANNING)
    assert found.capability == "prospective"
    assert found.implementation == "gis"
    assert found.time_step == "multi_year"
    assert "data-bu" in found.data_cards
    assert {"CityGML", "INSPIRE", "ISO 19115"} <= set(found.standards)
    decks = default_decks()
    for card_id in found.use_cases:  # the similar use cases share the model or the capability
        card = decks.card(card_id)
        assert isinstance(card, UseCaseCard)
        assert card.implementation == "gis" or card.capability == "prospective"


def test_essential_data_come_before_useful_data() -> None:
    weights = [need.weight for need in scoping.profile(WATER).data]
    assert weights == sorted(weights, key=lambda w: w != "primary")
    assert "primary" in weights


def test_every_layer_of_the_reference_architecture_is_filled() -> None:
    found = scoping.profile(WATER)
    assert set(found.layers) == {"data", "processing", "usage"}
    processing = [x.fr for x in found.layers["processing"]]
    assert any("NGSI-LD" in x for x in processing)
    assert any("temps réel" in x for x in processing)
    assert any("Exploitants" in x.fr for x in found.layers["usage"])


def test_no_answer_gives_an_undecided_profile_and_every_question_open() -> None:
    found = scoping.profile({})
    assert found.capability is found.implementation is found.scale is found.time_step is None
    assert len(found.open_questions) == len(scoping.questions())
    assert "à préciser" in found.to_markdown()


def test_every_answer_of_the_deck_is_accepted() -> None:
    questions = scoping.questions()
    assert len(questions) == 24
    for card in questions:
        assert isinstance(card, QuestionCard) and card.answers
        for answer in card.answers:
            found = scoping.profile({card.id: [answer.id]})
            assert found.answers == {card.id: (answer.id,)}
            assert card.id not in found.open_questions  # answered: no longer open
            assert len(found.open_questions) == len(questions) - 1


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"q-inconnue": ["x"]}, "question inconnue « q-inconnue »"),
        (
            {"q-usage-objectif": ["voler"]},
            "réponse inconnue « voler » ; réponses possibles : connaitre",
        ),
        ({"q-usage-objectif": ["connaitre", "exploiter"]}, "une seule réponse attendue, 2 données"),
        ({"q-usage-objectif": "connaitre"}, "une liste d’identifiants de réponses est attendue"),
    ],
)
def test_bad_answers_are_named_one_line_each(answers: dict[str, list[str]], message: str) -> None:
    with pytest.raises(scoping.ScopingError) as caught:
        scoping.profile(answers)
    assert message in str(caught.value)
    assert len(caught.value.problems) == 1


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(scoping.ScopingError) as caught:
        scoping.profile({"q-x": ["a"], "q-usage-objectif": ["voler"]})
    assert len(caught.value.problems) == 2


def test_markdown_in_both_languages() -> None:
    found = scoping.profile(WATER)
    fr = found.to_markdown()
    assert fr.startswith("# Canevas de cadrage du jumeau")
    assert "**Capacité** : Diagnostique (aussi : Descriptif)" in fr
    assert "- Pression de l’eau et déversements d’assainissement (uc-eau-assainissement)" in fr
    assert "## Architecture de référence (données → traitements → usages)\n\n### Données" in fr
    en = found.to_markdown("en")
    assert en.startswith("# Twin scoping canvas")
    assert "**Implementation model**: Entity-oriented (smart city)" in en


def test_the_pdf_is_one_page_with_the_profile(tmp_path: Path) -> None:
    from pypdf import PdfReader

    path = scoping.profile(PLANNING).to_pdf(tmp_path / "cadrage.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Canevas de cadrage du jumeau" in text
    assert "Prospectif" in text
    assert "Centré SIG" in text
    assert "CityGML" in text
    for layer in ("Données", "Traitements", "Usages"):  # the architecture's three columns
        assert layer in text


def test_the_pdf_in_english(tmp_path: Path) -> None:
    path = scoping.profile(WATER).to_pdf(tmp_path / "scoping.pdf", lang="en")
    from pypdf import PdfReader

    text = PdfReader(path).pages[0].extract_text()
    assert "Twin scoping canvas" in text
    assert "Real time" in text


def test_a_full_canvas_still_fits_one_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    everything = {
        card.id: [a.id for a in card.answers] if card.multiple else [card.answers[0].id]
        for card in scoping.questions()
    }
    found = scoping.profile(everything)
    assert found.open_questions == ()
    path = found.to_pdf(tmp_path / "plein.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    assert "Questions restées ouvertes" in reader.pages[0].extract_text()
