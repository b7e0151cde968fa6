"""Every page of the workshop app in the pseudo-locale: no word of ours outside ⟦…⟧.

The pseudo-locale (tests/test_i18n_pseudo.py) is a catalogue only: if a page shows a
word outside the markers, that word did not come from the catalogue in the reader's
language. What may stay outside: the decks' texts and the session's own data (its
title, a facilitator's own poll titles, what participants typed), compared exactly with
what the decks and the store hold; the language switch's names of languages, each in
itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from jnt_fresque.i18n import Text
from tests._app import APP, TIMEOUT, app_db
from tests.test_i18n_pseudo import PSEUDO, in_pseudo, pseudo

__all__ = ["app_db", "in_pseudo", "pseudo"]

# The proto fields that a visitor reads (ids, keys, icons, URLs and formats are not text).
_SHOWN = {"label", "body", "options", "content", "placeholder", "help", "text", "caption"}
_WORD = re.compile(r"[^\W\d_]{2,}")


def _strings(message: Any) -> Iterator[str]:
    from google.protobuf.message import Message

    for field, value in message.ListFields():
        for item in value if field.is_repeated else [value]:
            if isinstance(item, Message):
                yield from _strings(item)
            elif isinstance(item, str) and field.name in _SHOWN:
                yield item


def _shown(node: Any) -> Iterator[str]:
    """Every text a visitor sees under ``node``: element texts, labels, options, tables."""
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        yield from _strings(proto)
    if getattr(node, "type", "") in ("arrow_data_frame", "dataframe"):
        frame = node.value
        yield from (str(c) for c in frame.columns)
        yield from (str(v) for v in frame.to_numpy().ravel())
    for child in getattr(node, "children", {}).values():
        yield from _shown(child)


def _exempt(code: str) -> list[str]:
    """Texts that are data, not the kit's words: the decks' and this session's, longest first."""
    from jnt_fresque.app.resources import decks, store
    from jnt_fresque.app.ui import endonyms

    found: set[str] = set(endonyms().values())
    for deck in decks().decks:
        found |= set(_all_strings(deck.manifest.model_dump()))
    for card in decks().cards():
        found |= set(_all_strings(card.model_dump()))
    snapshot = store().snapshot(code)
    found |= {snapshot.session.title, snapshot.session.code}
    # A poll's title in the kit's own words is a message: the pseudo-locale says it.
    for poll in snapshot.polls:
        if isinstance(poll.title, Text):
            found |= {poll.title.fr, poll.title.en}
    for proposal in snapshot.proposals:
        found |= {proposal.title, proposal.pitch}
    return sorted((t for t in found if t.strip()), key=len, reverse=True)


def _all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _all_strings(item)


def _outside(texts: Iterator[str], exempt: list[str]) -> list[str]:
    """The words left in each text once the markers' content and the data are gone."""
    left: list[str] = []
    for text in texts:
        rest = text
        while "⟦" in rest:  # a message within a message: the innermost first
            rest, found = re.subn(r"⟦[^⟦⟧]*⟧", " ", rest)
            if not found:
                break
        rest = re.sub(r"https?://\S+", " ", rest)  # an address is in no language
        for data in exempt:
            if data in rest:
                rest = rest.replace(data, " ")
        words = [token for token in re.split(r"[\s\W]+", rest) if _WORD.fullmatch(token)]
        if words:
            left.append(" ".join(words))
    return left


def _page(page: str, code: str, token: str | None, *, lang: str = PSEUDO) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.query_params["session"] = code
    if token:
        at.query_params["p"] = token
    at.run()
    if page != "rejoindre":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _untranslated(at: AppTest, code: str) -> list[str]:
    shown = list(_shown(at._tree))
    assert sum("⟦" in text for text in shown) >= 3, shown  # the page did speak the pseudo-locale
    return _outside(iter(shown), _exempt(code))


def test_the_check_sees_words_that_are_not_in_the_pseudo_language(
    atelier: tuple[str, str, str],
) -> None:
    code, token, _ = atelier
    at = _page("proposer", code, token, lang="en")
    found = _outside(_shown(at._tree), _exempt(code))
    assert "Propose card" in found  # « a »: one letter, not counted
    assert not any("Ombre" in words or "arbres" in words for words in found)


@pytest.fixture
def atelier(app_db: str, in_pseudo: Path) -> tuple[str, str, str]:
    """A session with one participant who proposed a card: (code, token, secret)."""
    from jnt_fresque.app.resources import store
    from jnt_fresque.workshop import Profile, Proposal

    session, secret = store().create_session("Atelier pseudo")
    _, person = store().enter(session.code, profile=Profile.etudiant, table=2)
    store().set_phase(session.code, "propose")
    store().propose(session.code, Proposal("", "Ombre", "Des arbres", (), None, person.token, 2))
    return session.code, person.token, secret


# Pages rewritten on other branches right now: what they show outside the catalogue is
# listed in the report for their authors; strict, so that a fixed page fails here until
# its mark is removed.
_ELSEWHERE: dict[str, str] = {}


@pytest.mark.parametrize(
    ("page", "phase"),
    [
        ("rejoindre", "propose"),
        ("cartes", "discover"),
        ("plateau", "link"),
        ("plateau", "vote"),
        ("proposer", "propose"),
        ("proposer", "vote"),
        ("voter", "vote"),
        ("voter", "discover"),
        ("resultats", "results"),
        ("cadrage", "discover"),
    ],
)
def test_a_page_shows_no_word_outside_the_catalogue(
    atelier: tuple[str, str, str], page: str, phase: str, request: pytest.FixtureRequest
) -> None:
    from jnt_fresque.app.resources import store

    if page in _ELSEWHERE:
        request.applymarker(pytest.mark.xfail(reason=_ELSEWHERE[page], strict=True))
    code, token, _ = atelier
    store().set_phase(code, phase)
    at = _page(page, code, token)
    assert _untranslated(at, code) == []


def test_the_join_form_and_its_welcome_are_in_the_pseudo_language(
    atelier: tuple[str, str, str],
) -> None:
    code, _, _ = atelier
    at = _page("rejoindre", code, None)
    assert _untranslated(at, code) == []
    at.button(key="join_submit").click().run()
    assert at.success, "joined"
    assert _untranslated(at, code) == []


def test_the_scoping_profile_is_in_the_pseudo_language(atelier: tuple[str, str, str]) -> None:
    code, token, _ = atelier
    at = _page("cadrage", code, token)
    # Answers that decide a capability, an implementation and the users (the canvas's
    # profile lines and its three layers).
    at.pills(key="scoping_q-usage-complexite").select("prevoir").run()
    at.pills(key="scoping_q-technique-architecture").select("centre-sig").run()
    at.pills(key="scoping_q-utilisateurs-principal").select("elus").run()
    at.button(key="scoping_submit").click().run()
    assert not at.exception, at.exception
    assert _untranslated(at, code) == []


def test_the_facilitator_console_is_in_the_pseudo_language(
    atelier: tuple[str, str, str],
) -> None:
    code, _, secret = atelier
    at = _page("animation", code, None)
    assert _untranslated(at, code) == []
    at.text_input(key="fac_secret").input(secret)
    at.button(key="fac_login").click().run()
    assert not at.exception, at.exception
    assert at.button(key="fac_logout")
    assert _untranslated(at, code) == []


def test_a_dot_poll_s_tiles_speak_the_pseudo_language(app_db: str, in_pseudo: Path) -> None:
    from jnt_fresque.app.polls import session_polls
    from jnt_fresque.app.resources import store
    from tests.test_app_pages import _tiles

    session, _ = store().create_session("Atelier pseudo", polls=session_polls("dots", dots=4))
    _, person = store().enter(session.code)
    store().set_phase(session.code, "vote")
    at = _page("voter", session.code, person.token)
    assert _untranslated(at, session.code) == []
    tiles = _tiles(at, "uc")
    assert tiles["dots"] is True and tiles["limit"] == 4
    # What the tiles say by themselves: the question, the count, the search, the buttons.
    words = [tiles["label"], *tiles["labels"].values()]
    assert [w for w in words if _outside(iter([w]), _exempt(session.code))] == []
