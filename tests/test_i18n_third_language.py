"""A third language with no Python: what a translator hands in is enough.

The translator of this test brings German (``de``): a catalogue in a folder named in
``JNT_FRESQUE_LOCALES`` and the decks with a ``de:`` entry beside every ``fr:`` and
``en:``. Their German is stood in for by markers: each message and each deck text is
its English in ⟦…⟧ (tests/test_i18n_pseudo.py stretches lengths; this one follows
words). Any word shown outside the markers did not come from the German the
translator wrote.

The README's « how a translator adds a language » describes these very steps.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from jnt_fresque.i18n.catalogues import DOMAIN, locale_dir
from jnt_fresque.reference.bundled import cards_dir
from tests._app import APP, TIMEOUT, app_db, menu, switch_language
from tests.test_i18n_pseudo import _untranslated
from tests.test_i18n_pseudo_app import _shown

__all__ = ["app_db"]

LANG = "de"
# Every deck, on the size it prints on in this language: a data card's back is full in
# English on a poker card (two more characters a text, and 11 of 34 overflow), so a
# language longer than English prints its data cards on tarot cards.
PRINTED = {"cas-usage": "poker", "questions": "poker", "vierges": "poker",
           "vocabulaire": "poker", "donnees": "tarot"}  # fmt: skip


def _mark(text: str) -> str:
    return f"⟦{text}⟧" if text else text


def _german_catalogue(folder: Path) -> None:
    """The translator's ``locale/de/LC_MESSAGES/jnt_fresque.po``: every message written."""
    with (locale_dir() / "en" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=LANG)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, str):
            message.string = _mark(message.string)
        else:
            message.string = tuple(_mark(s) for s in message.string)
    target = folder / LANG / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / f"{DOMAIN}.po").open("wb") as handle:
        write_po(handle, catalog)


def _german(text: str) -> str:
    # A closing explanation in brackets stays one, as a translator writes it (a card
    # shortens « Vector (points, lines…) » to « Vector » where room is short).
    found = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", text)
    return f"⟦{found[1]}⟧ (⟦{found[2]}⟧)" if found else f"⟦{text}⟧"


def _with_german(value: Any) -> Any:
    """A deck file's data with ``de:`` beside every text's ``fr:`` and ``en:``."""
    if isinstance(value, dict):
        found = {key: _with_german(item) for key, item in value.items()}
        if "fr" in value and "en" in value:
            found[LANG] = _german(value["en"])
        return found
    if isinstance(value, list):
        return [_with_german(item) for item in value]
    return value


def _german_decks(folder: Path) -> None:
    shutil.copytree(cards_dir(), folder)
    for path in folder.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(
            yaml.safe_dump(_with_german(data), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translator's work: ``locale/`` (the catalogue) and ``cards/`` (the decks)."""
    root = tmp_path_factory.mktemp("german")
    _german_catalogue(root / "locale")
    _german_decks(root / "cards")
    return root


@pytest.fixture
def in_german(handed_in: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The kit with the translator's catalogue on its search path and their decks as the
    kit's decks (the app, the print and the command line all read them)."""
    from jnt_fresque import i18n
    from jnt_fresque.app import resources
    from jnt_fresque.cards import loader

    monkeypatch.setenv("JNT_FRESQUE_LOCALES", str(handed_in / "locale"))
    i18n.forget()
    kit_decks = loader.cards_dir
    loader.cards_dir = lambda: handed_in / "cards"  # type: ignore[assignment]
    loader.default_decks.cache_clear()
    resources.decks.cache_clear()
    try:
        yield handed_in
    finally:
        loader.cards_dir = kit_decks  # type: ignore[assignment]
        loader.default_decks.cache_clear()
        resources.decks.cache_clear()
        monkeypatch.delenv("JNT_FRESQUE_LOCALES")
        i18n.forget()


def _data(value: Any) -> Iterator[str]:
    """The strings of a deck's data that are not texts (ids, proper names of datasets'
    pages, standards, codes): the same in every language."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if "fr" in value and "en" in value:
            return
        for item in value.values():
            yield from _data(item)
    elif isinstance(value, list):
        for item in value:
            yield from _data(item)


def _not_words(code: str | None = None) -> list[str]:
    """What may show outside the markers: the languages' names, the decks' data that is
    no text, the INSPIRE register's addresses, the session's own title and code;
    longest first."""
    from jnt_fresque.app.resources import store
    from jnt_fresque.app.ui import endonyms
    from jnt_fresque.cards.loader import default_decks
    from jnt_fresque.reference import inspire

    found = set(endonyms().values())
    # A data card's back prints its theme's address in the INSPIRE register.
    found |= {theme.uri.split("//", 1)[1] for theme in inspire.THEMES}
    for deck in default_decks().decks:
        found |= set(_data(deck.manifest.model_dump()))
    for card in default_decks().cards():
        found |= set(_data(card.model_dump()))
    if code is not None:
        session = store().session(code)
        found |= {session.title, session.code}
    return sorted((t for t in found if t.strip()), key=len, reverse=True)


def _outside(texts: Iterator[str], exempt: list[str]) -> list[str]:
    """The words of ``texts`` outside the markers, once the data in ``exempt`` is gone
    (whole words only: a theme code « su » does not hide the « su » of « results »)."""
    data = re.compile("|".join(rf"(?<!\w){re.escape(item)}(?!\w)" for item in exempt))
    left: list[str] = []
    for text in texts:
        rest = text
        while "⟦" in rest:  # a message within a message: the innermost first
            rest, found = re.subn(r"⟦[^⟦⟧]*⟧", " ", rest)
            if not found:
                break
        words = re.findall(r"[^\W\d_]{2,}", data.sub(" ", rest))
        if words:
            left.append(" ".join(words))
    return left


# --- the catalogue and the decks -------------------------------------------------------


def test_the_decks_carry_the_new_language_and_keep_it_everywhere(
    in_german: Path, tmp_path: Path
) -> None:
    from jnt_fresque.cards.loader import default_decks, load_decks
    from jnt_fresque.cards.spreadsheet import export_deck, import_deck
    from jnt_fresque.cards.writer import write_deck

    decks = default_decks()
    card = decks.card("uc-inondation")
    assert card.title.langs == ("fr", "en", LANG)
    assert card.title.get(LANG) == f"⟦{card.title.en}⟧"
    assert card.title.get("it") == card.title.en  # a language the decks lack reads English
    # Written back as YAML, as a spreadsheet (both formats): the German comes back.
    deck = decks["cas-usage"]
    again = load_decks(write_deck(deck, tmp_path / "yaml"))["cas-usage"]
    assert again.cards == deck.cards
    for suffix in ("xlsx", "csv"):
        path = export_deck(deck, tmp_path / f"deck.{suffix}")
        assert import_deck(path).cards == deck.cards


# --- the app ---------------------------------------------------------------------------


@pytest.fixture
def room(app_db: str, in_german: Path) -> tuple[str, str]:
    """A session in its vote, with one participant: (code, token)."""
    from jnt_fresque.app.resources import store
    from jnt_fresque.workshop import Profile

    session, _ = store().create_session("Atelier Berlin")
    _, person = store().enter(session.code, profile=Profile.etudiant, table=1)
    store().set_phase(session.code, "vote")
    return session.code, person.token


def _page(page: str, code: str, token: str, lang: str) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({"lang": lang, "session": code, "p": token})
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def test_the_menu_offers_the_new_language_by_its_name(room: tuple[str, str]) -> None:
    from jnt_fresque.app.ui import endonyms

    assert endonyms() == {"fr": "Français", "en": "English", LANG: "Deutsch"}
    code, token = room
    at = _page("cartes", code, token, "fr")
    assert "Deutsch" in menu(at)
    switch_language(at, LANG)
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("⟦The cards")


def test_the_check_sees_words_of_another_language(room: tuple[str, str]) -> None:
    from jnt_fresque.cards.loader import default_decks

    code, token = room
    at = _page("cartes", code, token, "en")
    left = " ".join(_outside(_shown(at._tree), _not_words(code)))
    # The kit's words and the decks' texts in English: both seen.
    assert "The cards" in left and default_decks()["cas-usage"].manifest.title.en in left


@pytest.mark.parametrize(("page", "phase"), [("cartes", "discover"), ("voter", "vote")])
def test_an_app_page_shows_only_the_new_language(
    room: tuple[str, str], page: str, phase: str
) -> None:
    from jnt_fresque.app.resources import store

    code, token = room
    store().set_phase(code, phase)
    at = _page(page, code, token, LANG)
    shown = list(_shown(at._tree))
    assert sum("⟦" in text for text in shown) >= 5, shown
    assert _outside(iter(shown), _not_words(code)) == []


def test_the_kit_s_poll_titles_follow_the_reader_a_facilitator_s_stays_as_typed(
    room: tuple[str, str],
) -> None:
    from jnt_fresque.app.resources import store
    from jnt_fresque.i18n import Text, say
    from jnt_fresque.workshop.polls import Method, Poll, Subject

    code, _ = room
    store().add_poll(code, Poll("bonus", Text(fr="Coup de cœur", en="Favourite"), Method.approval,
                                Subject.uc, k=3))  # fmt: skip
    titles = [poll.title.get(LANG) for poll in store().polls(code)]
    assert titles == [say("poll_default_uc", LANG), say("poll_default_data", LANG), "Favourite"]
    assert titles[0].startswith("⟦Top 10 use cases")


# --- the print -------------------------------------------------------------------------


def test_a_printed_card_shows_only_the_new_language_and_fits(
    in_german: Path, tmp_path: Path
) -> None:
    import pdfplumber

    from jnt_fresque.cards.loader import default_decks
    from jnt_fresque.printing.faces import lay_out_decks
    from jnt_fresque.printing.sheets import write_cards

    # Laying out checks every text against its box at the floor size: an overflow raises.
    decks = default_decks()
    text = ""
    for deck, size in PRINTED.items():
        faces = lay_out_decks(decks, [deck], card_size=size, lang=LANG)  # type: ignore[arg-type]
        path = tmp_path / f"{deck}.pdf"
        assert write_cards(faces, path, lang=LANG) > 0
        with pdfplumber.open(path) as pdf:
            # The first sheet of fronts and the sheet of their backs, in the order they are
            # drawn: card after card, so that a text's markers stay together.
            text += " ".join(page.extract_text(use_text_flow=True) for page in pdf.pages[:2])
    assert text.count("⟦") > 100
    # A line broken after a slash (« LAS/ » then « LAZ ») is one word again.
    flowed = text.replace("/\n", "/").replace("\n", " ")
    assert _outside(iter([flowed]), _not_words()) == []


# --- the command line ------------------------------------------------------------------


def _cli(handed_in: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "JNT_FRESQUE_LANG": LANG,
        "JNT_FRESQUE_LOCALES": str(handed_in / "locale"),
        "COLUMNS": "200",
    }
    return subprocess.run(
        [sys.executable, "-c", "import sys; from jnt_fresque.cli import main; sys.exit(main())",
         *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_the_command_line_speaks_the_new_language(handed_in: Path, tmp_path: Path) -> None:
    from jnt_fresque.cards.loader import default_decks

    shown = _cli(handed_in, "--help")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("⟦") >= 5 and not _untranslated(shown.stdout)
    decks = str(handed_in / "cards")
    checked = _cli(handed_in, "deck", "validate", decks)
    assert checked.returncode == 0, checked.stderr
    assert "⟦" in checked.stdout and not _untranslated(checked.stdout)
    listed = _cli(handed_in, "deck", "show", "cas-usage", "--decks", decks)
    assert listed.returncode == 0, listed.stderr
    shown_titles = " ".join(listed.stdout.split())
    cards = default_decks()["cas-usage"].cards
    assert sum(f"⟦{card.title.en}⟧" in shown_titles for card in cards) >= len(cards) // 2
    assert [card.id for card in cards if card.title.fr in shown_titles] == []
    dumped = _cli(handed_in, "deck", "show", "cas-usage", "--decks", decks, "--format", "json")
    written = json.loads(dumped.stdout)
    assert all(set(card["title"]) == {"fr", "en", LANG} for card in written)
    assert written[0]["pitch"][LANG].startswith("⟦")
    # `print --lang` takes any language with a catalogue, and names them when refusing one.
    printed = _cli(handed_in, "print", "vierges", "--lang", LANG, "--decks", decks,
                   "-o", str(tmp_path / "vierges.pdf"))  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert (tmp_path / "vierges.pdf").stat().st_size > 0
    refused = _cli(handed_in, "print", "--lang", "xx")
    assert refused.returncode == 2
    [line] = [x for x in refused.stderr.splitlines() if x.strip()]
    assert "⟦" in line and "fr, en, de" in line
