"""A third language costs no Python: a pseudo-locale made from the English catalogue.

Every message becomes ⟦…⟧ and about 30 % longer, placeholders kept; the kit is
then run in it. Any text of ours that still shows outside the markers was not
looked up in the reader's language.
"""

from __future__ import annotations

import math
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from jnt_fresque.i18n import Text
from jnt_fresque.i18n.catalogues import DOMAIN, locale_dir

PSEUDO = "qps"  # a private-use language code: no real language has it


def _stretch(text: str) -> str:
    fields = [f for _, f, _, _ in string.Formatter().parse(text) if f]
    padding = "·" * math.ceil(0.3 * len(text))
    return f"⟦{text}{padding}⟧" if fields or text else text


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("locales")
    with (locale_dir() / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, str):
            message.string = _stretch(message.string)
        else:
            message.string = tuple(_stretch(s) for s in message.string)
    folder = root / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{DOMAIN}.po").open("wb") as handle:
        write_po(handle, catalog)
    yield root


@pytest.fixture
def in_pseudo(pseudo: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from jnt_fresque import i18n

    monkeypatch.setenv("JNT_FRESQUE_LOCALES", str(pseudo))
    i18n.forget()
    yield pseudo
    monkeypatch.delenv("JNT_FRESQUE_LOCALES")  # the catalogues must not keep the pseudo one
    i18n.forget()


def _english_chunks() -> list[str]:
    """The literal pieces of the English messages, long enough to be recognised."""
    with (locale_dir() / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    chunks: set[str] = set()
    for message in catalog:
        for text in (message.string,) if isinstance(message.string, str) else message.string:
            for literal, *_ in string.Formatter().parse(text or ""):
                piece = literal.strip(" .,:;()—«»\n")
                if len(piece) >= 12 and " " in piece:
                    chunks.add(piece)
    return sorted(chunks)


def _outside_markers(text: str) -> str:
    return re.sub(r"⟦[^⟧]*⟧", " ", text.replace("\n", " "))


def _untranslated(text: str) -> list[str]:
    rest = re.sub(r"\s+", " ", _outside_markers(text))
    return [chunk for chunk in _english_chunks() if chunk in rest]


def test_the_pseudo_language_is_found_without_python(in_pseudo: Path) -> None:
    from jnt_fresque.i18n import languages, say

    assert PSEUDO in languages()
    assert say("app_page_vote", PSEUDO).startswith("⟦Vote")


def test_the_report_is_all_in_the_pseudo_language(in_pseudo: Path, tmp_path: Path) -> None:
    import pdfplumber

    from jnt_fresque.interchange.demo import demo_session
    from jnt_fresque.reporting.report import write_report
    from jnt_fresque.store import Store

    with Store(f"sqlite:///{tmp_path / 'atelier.sqlite'}") as store:
        code = demo_session(store, participants=12)
        snapshot = store.snapshot(code)
        path = write_report(snapshot, tmp_path / "r.pdf", store.decks, lang=PSEUDO)
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        # The decks' texts are data: a data card's title « Transport networks » is the same
        # words as the INSPIRE theme's name in the catalogue, not a miss.
        data = {value for card in store.decks.cards() for value in _deck_texts(card.model_dump())}
    assert text.count("⟦") > 50
    # A facilitator's poll title is the session's data, kept as typed.
    for poll in snapshot.polls:
        if isinstance(poll.title, Text):
            text = text.replace(poll.title.en, " ")
    assert not [chunk for chunk in _untranslated(text) if chunk not in data]


def test_a_printed_card_is_in_the_pseudo_language_and_fits(in_pseudo: Path, tmp_path: Path) -> None:
    import pdfplumber

    from jnt_fresque.cards.loader import default_decks
    from jnt_fresque.printing.faces import lay_out_decks
    from jnt_fresque.printing.sheets import write_cards

    decks = default_decks()
    # Laying out checks every text against its box: an overflow raises here.
    faces = lay_out_decks(decks, ["questions", "vierges"], card_size="poker", lang=PSEUDO)
    path = tmp_path / "cards.pdf"
    assert write_cards(faces, path, lang=PSEUDO) > 0
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages[:4])
    assert "⟦" in text
    # The decks' texts are data (their English shows in a language the decks lack): an
    # answer « Inter-municipal area » is the same words as the scale's label, not a miss.
    printed = {
        value
        for deck in ("questions", "vierges")
        for card in decks[deck].cards
        for value in _deck_texts(card.model_dump())
    }
    assert not [chunk for chunk in _untranslated(text) if chunk not in printed]


def _deck_texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _deck_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _deck_texts(item)


def _cli(pseudo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JNT_FRESQUE_LANG": PSEUDO, "JNT_FRESQUE_LOCALES": str(pseudo)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from jnt_fresque.cli import main; sys.exit(main())",
         *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_help_and_errors_are_in_the_pseudo_language(pseudo: Path) -> None:
    shown = _cli(pseudo, "--help")
    assert shown.returncode == 0
    assert shown.stdout.count("⟦") >= 5
    assert not _untranslated(shown.stdout)
    # Click's own words too (typer's copy of click has them as English literals).
    outside = _outside_markers(shown.stdout)
    for word in ("Usage", "Options", "Commands", "COMMAND", "Show this message"):
        assert word not in outside, word
    options = _outside_markers(_cli(pseudo, "print", "--help").stdout)
    assert "default:" not in options and "Arguments" not in options
    refused = _cli(pseudo, "deck", "show", "no-such-deck")
    assert refused.returncode == 2, refused.stderr
    [line] = [x for x in refused.stderr.splitlines() if x.strip()]  # one line, as in French
    assert "⟦" in line and not _untranslated(line)
    # A usage error of click's (a missing argument): its usage line, hint and message.
    usage = _cli(pseudo, "deck", "show")
    assert usage.returncode == 2
    outside = _outside_markers(usage.stderr)
    for word in ("Usage", "Try", "Error", "Missing", "missing"):
        assert word not in outside, word
    assert "'DECK'" in usage.stderr


def test_click_s_own_words_are_french_for_a_french_reader(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jnt_fresque.cli import main

    monkeypatch.setenv("JNT_FRESQUE_LANG", "fr")
    assert main(["print", "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Usage\u00a0: jnt-fresque print [OPTIONS]")
    assert "Options\u00a0:" in shown and "Affiche cette aide et s’arrête." in shown
    assert "[par défaut\u00a0: poker]" in re.sub(r"[ \n]+", " ", shown)
    assert main(["deck", "frobnicate"]) == 2
    said = capsys.readouterr().err
    assert "Essayez « jnt-fresque deck --help » pour l’aide." in said
    assert "Erreur\u00a0: commande inconnue\u00a0: « frobnicate »" in said
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    assert main(["deck", "--help"]) == 0
    assert capsys.readouterr().out.startswith("Usage: jnt-fresque deck [OPTIONS] COMMAND [ARGS]...")


def test_the_twin_s_texts_for_people_are_in_the_pseudo_language(
    in_pseudo: Path, tmp_path: Path
) -> None:
    from jnt_fresque.interchange.demo import demo_session
    from jnt_fresque.store import Store
    from jnt_fresque.twin import city, propose
    from jnt_fresque.twin.water import WaterNetwork

    entities = city.city_entities(with_buildings=False, building_limit=1, lang=PSEUDO)
    said = [e["attribution"]["value"] for e in entities]
    said += [e["name"]["value"] for e in entities if e["type"] == "AirQualityObserved"]
    said.append(WaterNetwork.net3(lang=PSEUDO).entities()[0]["attribution"]["value"])
    parts = propose(["uc-mobilite-transports", "data-tn", "data-ac"]).components
    said += [label for part in parts for label in part.sensor_labels(PSEUDO)]
    with Store(f"sqlite:///{tmp_path / 'demo.sqlite'}") as store:
        said.append(store.snapshot(demo_session(store, participants=2, lang=PSEUDO)).session.title)
    assert len(said) > 10
    # Each whole text is a message (proper names included, inside it): nothing outside.
    assert [text for text in said if _outside_markers(text).strip()] == []
