from __future__ import annotations

import re

import pytest

from jnt_fresque.i18n import Text, language, t


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


def test_messages_exist_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    from jnt_fresque.i18n.catalogue import MESSAGES

    for key, text in MESSAGES.items():
        assert text.fr.strip() and text.en.strip(), key
        # Short labels may be the same word in both languages (« Version », « Sessions »).
        assert text.fr != text.en or len(text.fr) < 20, key
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    assert (
        t("unknown_deck", value="x", expected="a, b") == "unknown deck « x »; available decks: a, b"
    )


def test_french_messages_use_french_typography() -> None:
    from jnt_fresque.i18n.catalogue import MESSAGES

    for key, text in MESSAGES.items():
        # An apostrophe between letters (l'eau) must be ’; quotes in a shell command stay.
        assert not re.search(r"\w'\w", text.fr), f"{key}: use ’ in French"


def test_text_gives_the_asked_language() -> None:
    text = Text(fr="Bâtiments", en="Buildings")
    assert (text.get("fr"), text.get("en")) == ("Bâtiments", "Buildings")
