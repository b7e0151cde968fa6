"""The session report reads well to someone who was not in the room: every section,
the winners by name, charts, embedded fonts, in French or in English."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from jnt_fresque.printing.code_sheets import qr_content, write_code_sheets
from jnt_fresque.reporting.report import write_report
from jnt_fresque.store import Store
from jnt_fresque.workshop import Link, Profile, Proposal
from jnt_fresque.workshop.results import poll_results
from jnt_fresque.workshop.snapshot import Snapshot


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("report") / "atelier.sqlite"
    with Store(f"sqlite:///{path}") as opened:
        yield opened


@pytest.fixture(scope="module")
def filled(store: Store) -> Snapshot:
    rng = random.Random(7)
    code = store.create_session("Atelier VirtualTer — Lyon", date="2025-06-12")[0].code
    use_cases = [c.id for c in store.decks.cards("uc")]
    data = [c.id for c in store.decks.cards("data")]
    favourites = use_cases[:6]
    for n in range(40):
        token = f"p{n:02d}"
        store.join(code, token=token, profile=list(Profile)[n % 5], table=1 + n % 6)
        mine = rng.sample(favourites, 4) + rng.sample(use_cases[6:], 4)
        store.submit_ballot(code, "uc", token, mine)
        store.submit_ballot(code, "data", token, rng.sample(data[:12], 5))
    for table in range(1, 7):
        for use_case in favourites[:4]:
            for theme in store.decks.card(use_case).themes.primary:  # type: ignore[union-attr]
                store.add_link(code, Link(use_case, f"data-{theme}", table=table))
        store.add_link(code, Link(favourites[0], "data-oi", table=table, note="photos aériennes"))
    store.propose(
        code,
        Proposal("", "Fraîcheur des cours d’école", "Mesurer la chaleur.", ("data-lc",), table=2),
    )
    return store.snapshot(code)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_report_has_every_section_and_names_the_winners(
    filled: Snapshot, store: Store, tmp_path: Path
) -> None:
    path = write_report(filled, tmp_path / "rapport.pdf", store.decks)
    text = " ".join(text_of(path).split())
    for heading in (
        "Atelier VirtualTer — Lyon", "La session en bref", "Qui était là", "Comment lire ce rapport",
        "Top 10 des cas d’usage", "Top 10 des données", "Les méthodes comparées",
        "Stabilité du top 10", "Par profil", "La demande en données",
        "Les liens du plateau : cas d’usage × données", "Cartes proposées",
        "Fraîcheur des cours d’école", "Méthode et reproductibilité",
    ):  # fmt: skip
        assert heading in text, heading
    for poll in ("uc", "data"):
        first = poll_results(filled, poll).tally.scores[0].card
        assert store.decks.card(first).title.fr in text
    demand = poll_results(filled, "uc").demand
    assert store.decks.card(demand[0].data).title.fr in text
    assert "Participants inscrits : 40, dont 40 ont voté ; tables : 6." in text


def test_the_report_embeds_its_fonts_and_draws_charts(
    filled: Snapshot, store: Store, tmp_path: Path
) -> None:
    reader = PdfReader(write_report(filled, tmp_path / "rapport.pdf", store.decks))
    fonts: set[str] = set()
    images = 0
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font.get("/FontDescriptor")
            )
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
        images += len(page.images)
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= fonts
    assert images >= 5  # two top 10s, two stability charts, demand, matrix


def test_the_report_in_english(
    filled: Snapshot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine speaks French; the report is asked in English: English it is.
    monkeypatch.setenv("JNT_FRESQUE_LANG", "fr")
    text = text_of(write_report(filled, tmp_path / "report.pdf", store.decks, lang="en"))
    assert "The session at a glance" in text and "The data demand" in text
    first = poll_results(filled, "uc").tally.scores[0].card
    assert store.decks.card(first).title.en in " ".join(text.split())


def test_a_report_of_an_empty_session_says_so(store: Store, tmp_path: Path) -> None:
    empty = store.snapshot(store.create_session("Rien encore")[0].code)
    text = text_of(write_report(empty, tmp_path / "vide.pdf", store.decks))
    assert "Aucun bulletin." in text
    assert "Aucun lien au plateau." in text and "Aucune carte proposée." in text


def test_voting_code_slips(store: Store, tmp_path: Path) -> None:
    session, _ = store.create_session("Codes")
    codes = store.issue_vote_codes(session.code, 17)
    reader = PdfReader(write_code_sheets(session, codes, tmp_path / "codes.pdf"))
    assert len(reader.pages) == 2
    assert reader.pages[1].extract_text().count("Votre code de vote") == 1
    assert qr_content(session, codes[0], None) == codes[0]
    assert qr_content(session, codes[0], "http://atelier.local/vote?lang=fr") == (
        f"http://atelier.local/vote?lang=fr&session={session.code}&code={codes[0]}"
    )
