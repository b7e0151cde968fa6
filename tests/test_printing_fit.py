from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from jnt_fresque import default_decks
from jnt_fresque.cards.deck import Decks
from jnt_fresque.printing.faces import CardFaces, Face, Icon, Qr, TextBox, lay_out_decks
from jnt_fresque.printing.fit import FLOOR, NBSP, NNBSP, Overflow, Para, Span, fit, typeset
from jnt_fresque.printing.geometry import CARDS, SAFE

LONG = (
    "Traduire la prévision de hauteur d’eau à 72 h en bâtiments inondés, habitants exposés, "
    "sites sensibles et routes coupées, pour organiser la réponse avant l’arrivée de la crue."
)


def para(text: str, field: str = "pitch") -> Para:
    return Para((Span(text),), field)


def test_text_that_fits_keeps_its_full_size() -> None:
    box = fit([para("Bâtiments")], width=200, height=50, max_size=12)
    assert box.size == 12
    assert box.text == "Bâtiments"


def test_text_shrinks_to_fit_its_box_but_not_below_the_floor() -> None:
    box = fit([para(LONG)], width=150, height=60, max_size=12)
    assert FLOOR <= box.size < 12
    assert box.height <= 60
    assert box.width <= 150
    assert " ".join(box.text.split()) == LONG  # every word kept, in order
    bigger = fit([para(LONG)], width=150, height=60 + box.size, max_size=12)
    assert bigger.size >= box.size


def test_text_too_long_at_the_floor_names_its_field() -> None:
    with pytest.raises(Overflow) as caught:
        fit([para("Titre", "title"), para(LONG * 3, "pitch")], width=150, height=60, max_size=12)
    assert caught.value.field == "pitch"


def test_a_word_wider_than_the_box_is_an_overflow() -> None:
    with pytest.raises(Overflow) as caught:
        fit([para("W" * 60, "title")], width=100, height=500, max_size=12)
    assert caught.value.field == "title"


def test_compounds_may_break_after_a_hyphen_but_web_addresses_stay_whole() -> None:
    box = fit(
        [para("Multirisque-effets-dominos-industriels-majeurs")], width=80, height=100, max_size=9
    )
    lines = box.text.splitlines()
    assert len(lines) > 1  # too wide for one line at 9 pt: the compound was broken
    assert all(line.endswith("-") for line in lines[:-1])
    assert "".join(lines) == "Multirisque-effets-dominos-industriels-majeurs"
    address = Para((Span("inspire.ec.europa.eu/theme/bu"),), "theme", soft_breaks=False)
    with pytest.raises(Overflow):
        fit([address], width=40, height=100, max_size=9)


def test_french_typography_keeps_punctuation_with_its_word() -> None:
    assert typeset("Quoi ? « Oui » : non ; l'eau !", "fr") == (
        f"Quoi{NNBSP}? «{NBSP}Oui{NBSP}»{NBSP}: non{NNBSP}; l’eau{NNBSP}!"
    )
    assert typeset("What? « Yes »", "en") == "What? « Yes »"
    box = fit([para(typeset("Quels bâtiments seront dans l’eau dans les 72 prochaines heures ?", "fr"))], width=120, height=200, max_size=9)  # fmt: skip
    lines = box.text.splitlines()
    assert len(lines) > 1 and lines[-1].endswith(f"heures{NNBSP}?")  # the mark kept its word
    assert not any(line.lstrip().startswith("?") for line in lines)


# --- every card of the kit, in both languages, at every size ------------------------------


@pytest.fixture(scope="module")
def decks() -> Decks:
    return default_decks()


def _faces(decks: Decks) -> Iterator[tuple[str, str, CardFaces]]:
    for size, lang in itertools.product(CARDS, ("fr", "en")):
        for faces in lay_out_decks(decks, card_size=size, lang=lang):  # type: ignore[arg-type]
            yield size, lang, faces


@pytest.fixture(scope="module")
def every_face(decks: Decks) -> list[tuple[str, str, Face]]:
    # Laying out raises Overflow, naming card, language and field, if anything does not fit.
    return [(s, lang, f) for s, lang, pair in _faces(decks) for f in (pair.front, pair.back)]


def test_every_default_card_fits_in_both_languages_at_every_size(
    decks: Decks, every_face: list[tuple[str, str, Face]]
) -> None:
    cards = sum(len(d) for d in decks.values())
    assert len(every_face) == cards * 2 * 3 * 2


def test_no_card_text_is_smaller_than_the_floor_or_near_the_trim(
    every_face: list[tuple[str, str, Face]],
) -> None:
    for size, lang, face in every_face:
        card = CARDS[size]
        where = f"{face.card} {face.side} {size} {lang}"
        for item in face.items:
            if isinstance(item, TextBox):
                fitted = item.text
                assert all(
                    run.size >= FLOOR - 1e-9 for line in fitted.lines for run in line.runs
                ), where
                assert item.x >= SAFE and item.x + fitted.width <= card.width - SAFE + 1e-6, where
                assert item.top <= card.height - SAFE + 1e-6, where
                assert item.top - fitted.height >= SAFE - 1e-6, where
            elif isinstance(item, Icon | Qr):
                r = item.rect
                assert r.x >= SAFE and r.right <= card.width - SAFE + 1e-6, where
                assert r.y >= SAFE and r.top <= card.height - SAFE + 1e-6, where


def test_titles_are_on_both_faces_and_french_cards_keep_french_typography(
    decks: Decks, every_face: list[tuple[str, str, Face]]
) -> None:
    for size, lang, face in every_face:
        if size != "poker":
            continue
        card = decks.card(face.card)
        flat = " ".join(face.text.split())
        # A line may end after a hyphen or a slash (« management/ restriction »).
        joined = flat.replace("- ", "-").replace("/ ", "/")
        assert " ".join(typeset(card.title.get(lang), lang).split()) in joined  # type: ignore[arg-type]
        if lang == "fr":
            lines = face.text.splitlines()
            assert not any(line.startswith(("?", "!", ";", ":", "»")) for line in lines), face.card
            assert "'" not in face.text, face.card


def test_an_overflow_names_card_language_size_and_field(decks: Decks) -> None:
    from jnt_fresque.printing.faces import lay_out, look_for

    card = decks.card("uc-inondation").model_copy(update={"users": type(decks.card("uc-inondation").users)(fr="X" * 100, en="Y" * 100)})  # type: ignore[union-attr]  # fmt: skip
    with pytest.raises(Overflow) as caught:
        lay_out(card, look_for(card, decks["cas-usage"], size_name="poker", lang="en"))
    error = caught.value
    assert (error.card, error.lang, error.card_size, error.field) == (
        "uc-inondation",
        "en",
        "poker",
        "users",
    )
    # Said in the language of the print it stops.
    assert str(error) == (
        "card uc-inondation (en): field « users » does not fit on a poker card, even at 6.5 pt; "
        "shorten this text"
    )
