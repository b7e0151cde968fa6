"""Cards a facilitator can defend: every example and dataset sourced, criteria by origin,
and English card faces that carry French only inside proper names."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from jnt_fresque import default_decks
from jnt_fresque.cards.language import french_share
from jnt_fresque.cards.loader import check_decks
from jnt_fresque.cards.model import DataCard, UseCaseCard
from jnt_fresque.cards.sources import references
from jnt_fresque.i18n import Text
from jnt_fresque.reference.bundled import cards_dir

DECKS = default_decks()
CARDS = DECKS.cards()


def test_every_example_names_its_project_year_and_a_dated_public_page() -> None:
    use_cases = [c for c in CARDS if isinstance(c, UseCaseCard)]
    assert len(use_cases) == 46
    for card in use_cases:
        for example in card.examples:
            assert example.project and 1990 <= example.year <= 2026, card.id
            assert example.sources, card.id
            for ref in example.sources:
                assert ref.url.startswith(("https://", "http://")), card.id
                assert ref.checked == "2026-11-29" and ref.title and ref.publisher, card.id


def test_every_dataset_names_a_page_of_its_producer_or_about_it() -> None:
    for card in CARDS:
        if isinstance(card, DataCard):
            assert card.datasets, card.id
            for dataset in card.datasets:
                assert dataset.sources, f"{card.id}: {dataset.name.fr}"


def test_most_use_cases_have_a_french_territory() -> None:
    # A French room asks « who does this here? »: only uses no French public page
    # documents keep foreign examples alone.
    foreign_only = {
        c.id
        for c in CARDS
        if isinstance(c, UseCaseCard) and all(e.country != "FR" for e in c.examples)
    }
    assert foreign_only == {
        "uc-couverture-radio",
        "uc-evacuation-foules",
        "uc-exploitation-portuaire",
        "uc-maquette-3d-ouverte",
        "uc-vent-ventilation",
    }


def test_staple_french_datasets_are_back_with_their_sources() -> None:
    # The second pass restored what a French facilitator expects on the table, each
    # with the page that states its producer, cadence and access terms.
    expected = {
        "data-bu": ("Base de données nationale des bâtiments (BDNB)", "editions"),
        "data-us": ("Base permanente des équipements (BPE)", "yearly"),
        "data-lc": ("Corine Land Cover", "editions"),
        "data-tn": ("Horaires théoriques GTFS et NeTEx (transport.data.gouv.fr)", "irregular"),
        "data-pd": ("Recensement de la population – populations légales", "yearly"),
    }
    for card_id, (name, cadence) in expected.items():
        card = DECKS.card(card_id)
        assert isinstance(card, DataCard)
        found = {d.name.fr: d for d in card.datasets}
        assert name in found, card_id
        assert found[name].cadence == cadence, card_id
        assert found[name].sources, card_id


def test_references_follow_the_cards_order() -> None:
    card = DECKS.card("uc-bruit-routier")
    claims = [b.claim.en for b in references(card)]
    assert claims == [
        "Lyon Metropolis — Diagnostic partagé du bruit des transports (Cerema, Acoucité) (2016)",
        "Zurich — Modèle 3D de la ville (3D-Stadtmodell) (2018)",
    ]


def test_data_deck_keeps_the_working_groups_criteria_apart() -> None:
    criteria = DECKS["donnees"].manifest.criteria
    assert {c.code: c.origin for c in criteria} == {
        **{f"C{i}": "working-group" for i in (1, 2, 3)},
        **{f"C{i}": "kit" for i in range(4, 11)},
    }
    nature = criteria[0]
    # C1 as the presentation means it: the kind of feature geometry, not a data format.
    assert {v.id for v in nature.values} >= {"point", "line", "polygon"}


def test_the_full_inspire_name_of_area_management_zones() -> None:
    title = DECKS.card("data-am").title
    assert title.fr == (
        "Zones de gestion, de restriction ou de réglementation et unités de déclaration"
    )


def _english(value: object) -> Iterator[str]:
    if isinstance(value, Text):
        yield value.en
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in {"sources", "project"}:  # titles of pages and projects: proper names
                yield from _english(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _english(item)


def test_english_card_texts_carry_almost_no_french() -> None:
    found = french_share(" ".join(t for card in CARDS for t in _english(card)))
    # What is left sits in proper names: « Géoportail de l’urbanisme », « Landes de
    # Gascogne », « Diagnostic partagé… », « Plan corps de rue simplifié ».
    assert found.share < 0.003, found.found.most_common(10)


@pytest.fixture
def deck_copy(tmp_path: Path) -> Path:
    root = tmp_path / "decks"
    shutil.copytree(cards_dir(), root)
    return root


def test_validate_names_an_example_without_sources(deck_copy: Path) -> None:
    path = deck_copy / "cas-usage" / "uc-stationnement.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("    sources:")], encoding="utf-8")
    lines = [str(p) for p in check_decks(deck_copy)]
    assert len(lines) == 1
    assert lines[0].endswith(
        "card uc-stationnement: examples[0].sources: sources manquantes : citez au moins une "
        "page publique (title, url, publisher, checked) qui atteste cet exemple ou ce jeu"
    )


def test_validate_wants_english_for_a_producer(deck_copy: Path) -> None:
    path = deck_copy / "donnees" / "data-au.yaml"
    text = path.read_text(encoding="utf-8")
    one_language = "    producer: IGN\n"
    both = "    producer:\n      fr: IGN\n      en: IGN (national mapping agency)\n"
    path.write_text(text.replace(both, one_language, 1), encoding="utf-8")
    # The card no longer loads, so use cases that need its theme are reported too.
    (line,) = [str(p) for p in check_decks(deck_copy) if "data-au.yaml" in p.path]
    assert "card data-au: datasets[0].producer: ensemble de champs attendu" in line
    assert "« fr: … » et « en: … » pour un texte" in line


def test_validate_refuses_a_kit_criterion_passed_off_as_the_groups(deck_copy: Path) -> None:
    path = deck_copy / "donnees" / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    claimed = text.replace(
        "    code: C4\n    origin: kit\n", "    code: C4\n    origin: working-group\n"
    )
    path.write_text(claimed, encoding="utf-8")
    (line,) = [str(p) for p in check_decks(deck_copy)]
    assert line.endswith(
        "deck donnees: criteria[3]: C4 n’est pas nommé par la présentation du groupe de "
        "travail (seuls C1 à C3 le sont) : indiquez origin: kit"
    )


def test_the_pack_ends_with_the_source_sheet_and_explains_the_criteria(tmp_path: Path) -> None:
    from jnt_fresque.printing.pack import write_pack
    from tests._pdf import page_text

    out = tmp_path / "pack.pdf"
    write_pack(DECKS, out, lang="fr")
    pages = page_text(out)
    assert "D’oùviennentlescritèresdescartesdonnées" in pages[0]
    sheet = [p for p in pages if p.startswith("Fichedessources")]
    assert len(sheet) >= 5
    joined = "".join(sheet)
    # Each reference: the claim, the page's publisher and the day it was read, its address.
    assert "AngersLoireMétropole—Territoireintelligent(2019)" in joined
    assert "AngersLoireMétropole·consultéle2026-11-29" in joined
    assert "www.angersloiremetropole.fr/un-territoire-en-mouvement/" in joined


def test_card_backs_say_how_many_references_back_them(tmp_path: Path) -> None:
    from jnt_fresque.printing.faces import lay_out_decks
    from jnt_fresque.printing.sheets import write_cards
    from tests._pdf import page_text

    out = tmp_path / "cards.pdf"
    faces = lay_out_decks(DECKS, ["donnees"], card_size="poker", lang="en")
    write_cards(faces, out, duplex="long")
    text = "".join(page_text(out))
    assert "Sources:5references,sourcesheet" in text  # data-rs: three datasets, five pages
    assert "Sources:8references,sourcesheet" in text  # data-bu: four datasets, eight pages
    assert "CNIGworkinggroup’scriteria" in text and "Thekit’sproposal" in text
