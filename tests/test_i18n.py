from __future__ import annotations

import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from jnt_fresque.i18n import Key, Text, Translator, language, say, t
from jnt_fresque.i18n.catalogues import DOMAIN, locale_dir

from .conftest import ROOT

LOCALE = locale_dir()


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"JNT_FRESQUE_LANG": "en"}, "en"),
        ({"JNT_FRESQUE_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({}, "fr"),
    ],
)
def test_language_follows_the_setting_then_the_locale(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var in ("JNT_FRESQUE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert language() == expected


def test_every_message_is_translated_in_every_language() -> None:
    languages = sorted(p.name for p in LOCALE.iterdir() if p.is_dir())
    assert {"fr", "en"} <= set(languages)
    for lang in languages:
        catalog = _catalog(lang)
        missing = [
            m.id
            for m in catalog
            if m.id and (m.fuzzy or not all(s.strip() for s in _strings(m.string)))
        ]
        assert not missing, f"{lang}: no translation for {missing}"
        problems = [(m.id, errors) for m, errors in catalog.check()]
        assert not problems, f"{lang}: {problems}"  # Babel's checks (plural forms count…)


def _strings(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_placeholders_match_the_french_text() -> None:
    # The ids are keys, so Babel's python-format check (msgid against msgstr) has nothing
    # to compare: each translation is checked against the French text instead.
    french = {m.id: _strings(m.string) for m in _catalog("fr") if m.id}
    for lang in ("en",):
        for message in _catalog(lang):
            if not message.id:
                continue
            wanted = set().union(*(_fields(s) for s in french[message.id]))
            for text in _strings(message.string):
                assert _fields(text) <= wanted, f"{lang} {message.id}: {_fields(text) - wanted}"
                # A singular form may leave its count out (« une carte »), never add one.
            got = set().union(*(_fields(s) for s in _strings(message.string)))
            assert got == wanted, f"{lang} {message.id}: {got} ≠ {wanted}"


def test_the_code_and_the_catalogues_name_the_same_keys(tmp_path: Path) -> None:
    # What `make messages` extracts: a key the code names but no catalogue has, or a key
    # in the catalogues that no code names (unused), fails here.
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F", "babel.cfg",
         "--no-location", "--omit-header", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        named = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for lang in ("fr", "en"):
        held = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
        assert not named - held, f"{lang}: keys the code uses, missing: {sorted(named - held)}"
        assert not held - named, f"{lang}: keys no code uses: {sorted(held - named)}"


def test_no_plural_is_faked() -> None:
    for lang in ("fr", "en"):
        faked = [m.id for m in _catalog(lang) if "(s)" in "".join(_strings(m.string))]
        assert not faked, f"{lang}: use a plural entry, not « (s) »: {faked}"


def test_plurals_follow_each_language_rule() -> None:
    assert say("app_cards_found", "fr", count=0) == "0 carte"
    assert say("app_cards_found", "en", count=0) == "0 cards"
    assert say("rows_refused", "en", count=1).startswith("file refused: 1 bad row;")
    assert Translator("fr").n("app_cards_found", 5, count=5) == "5 cartes"


def test_french_messages_use_french_typography() -> None:
    for message in _catalog("fr"):
        for text in _strings(message.string):
            # An apostrophe between letters (l'eau) must be ’; quotes in a shell command stay.
            assert not re.search(r"\w'\w", text), f"{message.id}: use ’ in French"


def test_a_message_inside_a_message_is_said_in_the_same_language() -> None:
    assert "JSON" in say("bad_export", "en", reason=Key("export_not_session"))
    assert say("bad_export", "fr", reason=Key("export_not_session")).startswith("export")


def test_t_speaks_the_keyboard_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    assert (
        t("unknown_deck", value="x", expected="a, b") == "unknown deck « x »; available decks: a, b"
    )


def test_text_gives_the_asked_language() -> None:
    text = Text(fr="Bâtiments", en="Buildings")
    assert [text.get(x) for x in ("fr", "en", "de")] == ["Bâtiments", "Buildings", "Buildings"]


@pytest.mark.parametrize("area", ["printing", "reporting", "scoping", "interchange"])
def test_documents_never_read_the_keyboard_language(area: str) -> None:
    # A PDF or an export is made for someone: its language comes in as an argument.
    for path in (ROOT / "src" / "jnt_fresque" / area).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if area == "interchange" and path.name == "paper_sheets.py":
            continue  # reads a file the person at the keyboard gave: its refusals are theirs
        found = re.findall(r"(?<![\w.])(t|t_n|language|current)\(", source)
        assert not found, f"{path.relative_to(ROOT)}: {found}"
        assert ".get()" not in source, f"{path.relative_to(ROOT)}: Text.get() without a language"
