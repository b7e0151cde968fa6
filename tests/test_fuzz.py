"""Whatever a card file holds, the loader reports deck problems and nothing else."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jnt_fresque import DeckError, load_decks
from jnt_fresque.reference.bundled import cards_dir

from .conftest import MANIFEST, USE_CASE

REAL_CARDS = [p.read_text(encoding="utf-8") for p in sorted(cards_dir().glob("*/*.yaml"))]
FIELDS = ["id", "kind", "title", "fr", "en", "themes", "primary", "scales", "examples",
          "criteria", "datasets", "answers", "related", "prompts", "theme", "colours"]  # fmt: skip
YAML_BITS = st.sampled_from(
    [":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object ", "|", ">", "'", '"',
     "#", "%", "@", "`", ",", "?", "\n", "\t", "  ", "\x00", "\ufeff", "é", "’", "«", "~",
     "null", "yes", "NO", "1e9", "2022-13-45", "0x1F", ".inf", "<<: *a"]
)  # fmt: skip
SETTINGS = settings(
    max_examples=int(os.environ.get("JNT_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _load_with_card(content: bytes) -> None:
    """Put ``content`` as a card beside a valid one, load, and check what comes out.

    Either the file is a valid card ``uc-z`` and the deck loads with both cards, or the
    load fails with one-line problems that all point at that file: never a crash, and
    never the valid card or the manifest blamed for it.
    """
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "essai"
        deck.mkdir()
        (deck / "deck.yaml").write_text(MANIFEST, encoding="utf-8")
        (deck / "uc-a.yaml").write_text(USE_CASE, encoding="utf-8")
        (deck / "uc-z.yaml").write_bytes(content)
        try:
            decks = load_decks(tmp)
        except DeckError as exc:
            assert exc.problems
            for problem in exc.problems:
                line = str(problem)
                assert "\n" not in line and "Traceback" not in line
                assert Path(problem.path).parts[-2:] == ("essai", "uc-z.yaml"), line
        else:
            assert sorted(card.id for card in decks.cards()) == ["uc-a", "uc-z"]


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(content: bytes) -> None:
    _load_with_card(content)


@st.composite
def mutated_yaml(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from([*REAL_CARDS, USE_CASE]))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate", "swap_field"]))
        if action == "insert":
            text = text[:at] + draw(YAML_BITS) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif action == "duplicate":
            end = min(len(text), at + draw(st.integers(1, 80)))
            text = text[:end] + text[at:end] + text[end:]
        else:
            text = text.replace(draw(st.sampled_from(FIELDS)), draw(st.sampled_from(FIELDS)), 1)
    return text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(mutated_yaml())
def test_mutated_yaml(content: bytes) -> None:
    _load_with_card(content)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.sampled_from(["uc", "data", "uc-z", "bu", "zz", "fr", "en", "city", "#112233"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=10))
def test_well_formed_yaml_of_any_shape(data: dict[str, object]) -> None:
    _load_with_card(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
