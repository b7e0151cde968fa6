"""The kit's own decks: counts, both languages, coverage, French typography."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from jnt_fresque import (
    BlankCard,
    DataCard,
    QuestionCard,
    TermCard,
    Text,
    UseCaseCard,
    default_decks,
    inspire,
)
from jnt_fresque.cards.coverage import coverage
from jnt_fresque.cards.vocab import FAMILY_LABELS

DECKS = default_decks()
CARDS = DECKS.cards()


def texts(value: object, path: str = "") -> Iterator[tuple[str, Text]]:
    """Every `Text` in a card, with its field path."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


def of_kind(kind: type) -> list:  # type: ignore[type-arg]
    return [c for c in CARDS if isinstance(c, kind)]


def test_five_complete_decks() -> None:
    assert Counter(d.kind for d in DECKS.values()) == Counter(
        {"uc": 1, "data": 1, "blank": 1, "term": 1, "question": 1}
    )
    assert sorted(c.theme for c in of_kind(DataCard)) == sorted(inspire.CODES)
    assert len(of_kind(UseCaseCard)) >= 40
    assert len(of_kind(TermCard)) >= 40
    assert len(of_kind(BlankCard)) >= 1


def test_data_cards_carry_datasets_and_all_ten_criteria() -> None:
    manifest = DECKS["donnees"].manifest
    assert [c.code for c in manifest.criteria] == [f"C{i}" for i in range(1, 11)]
    # C1 to C3 are the working group's, the rest the kit's proposal.
    assert [c.origin for c in manifest.criteria] == ["working-group"] * 3 + ["kit"] * 7
    for card in of_kind(DataCard):
        # Datasets no public page backs were removed: at least one stays, each sourced.
        assert card.datasets, card.id
        assert all(d.sources for d in card.datasets), card.id
        assert set(card.criteria) == {c.id for c in manifest.criteria}, card.id
    icons = [card.icon for card in of_kind(DataCard)]
    assert len(set(icons)) == len(icons), "one icon per theme"


def test_use_cases_need_at_least_30_themes() -> None:
    matrix = coverage(DECKS)
    assert len(matrix.needed) >= 30
    for card in of_kind(UseCaseCard):
        assert card.examples, card.id


def test_key_questions_cover_the_six_families() -> None:
    families = Counter(card.family for card in of_kind(QuestionCard))
    assert set(families) == set(FAMILY_LABELS)
    assert min(families.values()) >= 3


def test_vocabulary_covers_the_field() -> None:
    titles = {card.title.en.casefold() for card in of_kind(TermCard)}
    for term in ("digital twin", "context broker", "ngsi-ld", "bim", "citygml", "ifc",
                 "3d tiles", "inspire", "interoperability", "metadata", "smart city"):  # fmt: skip
        assert any(term in title for title in titles), term


def test_no_two_cards_share_a_title() -> None:
    for lang in ("fr", "en"):
        seen = Counter(getattr(card.title, lang).casefold() for card in CARDS)
        assert [t for t, n in seen.items() if n > 1] == [], lang


def test_every_text_is_translated() -> None:
    # Long texts equal in both languages are a translation someone forgot; a term's
    # source (a standard's title) is a proper name and may be the same in both.
    for card in CARDS:
        for path, text in texts(card):
            if len(text.fr) > 40 and path != "source":
                assert text.fr != text.en, f"{card.id}: {path}"


NBSP = "\u00a0\u202f"


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_french_typography(card: object) -> None:
    for path, text in texts(card):
        if path == "source":  # a published title keeps its own punctuation
            continue
        fr = text.fr
        where = f"{path}: {fr!r}"
        assert "'" not in fr, f"straight apostrophe, use ’ — {where}"
        assert '"' not in fr, f"straight quotes, use « » — {where}"
        assert not re.search(r"( |\w)[?!;:](\s|$)", fr), f"no-break space before ? ! ; : — {where}"
        assert not re.search(r"«[^" + NBSP + "]", fr), f"no-break space after « — {where}"
        assert not re.search(r"[^" + NBSP + "]»", fr), f"no-break space before » — {where}"
        assert "«" not in text.en, f"French quotes in English — {path}"
