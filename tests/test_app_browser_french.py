"""A French phone meets no English: the join form and a dot poll's vote page in Chromium.

Streamlit's widgets carry words of their own in its JavaScript (a multiselect's « No
results » and « You can only select up to 3 options », a text field's « Press Enter to
apply », a number field's « Number is above the allowed range »), in English only. The
app's pages avoid those widgets; this test does what brings their words out (typing in
a field, a search that finds nothing, one dot too many, a table number out of range) and
reads every text on screen, with the labels a screen reader says and the placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jnt_fresque.store import Store
from tests._app import served_app
from tests.test_app_browser import ARGS, SHOTS, WAIT, _go, _idle, _offline

# Streamlit 1.67's own words in the widgets' JavaScript (static/js/*.js).
BUILT_IN = (
    "No results",
    "You can only select",
    "Remove an option",
    "Choose an option",
    "Choose options",
    "No options to select",
    "Add an option",
    "Clear all",
    "Clear value",
    "Select all",
    "Press Enter",
    "submit form",
    "Number is",
    "allowed range",
    "Increment",
    "Decrement",
    "Invalid",
    "Show password",
    "Copy to clipboard",
    "Fullscreen",
    "Download as CSV",
    "Link to heading",
)
# English words that no French sentence of the app has (« an », « on » are French too).
ENGLISH = re.compile(
    r"\b(the|to|of|and|is|no|results?|select|options?|press|enter|remove|choose|clear|number)\b",
    re.IGNORECASE,
)
# Every text of the page's main part: what is shown, and what a screen reader or a
# placeholder says (the card tiles are a component in the page, reached through its root).
_TEXTS = """() => {
  const out = [];
  const walk = (root) => {
    root.querySelectorAll("*").forEach((n) => {
      for (const name of ["aria-label", "placeholder", "title"]) {
        const v = n.getAttribute(name);
        if (v) out.push(v);
      }
      if (n.shadowRoot) walk(n.shadowRoot);
    });
  };
  const main = document.querySelector("[data-testid='stMain']");
  walk(main);
  out.push(main.innerText);
  document.querySelectorAll(".jnt-tiles").forEach((n) => out.push(n.innerText));
  return out;
}"""


def english(texts: list[str], exempt: tuple[str, ...] = ()) -> list[str]:
    """The built-in phrases and the English words found in ``texts`` (``exempt``: data)."""
    found: list[str] = []
    for text in texts:
        for data in exempt:
            text = text.replace(data, " ")
        found += [phrase for phrase in BUILT_IN if phrase.lower() in text.lower()]
        found += [m.group(0) for m in ENGLISH.finditer(text)]
    return found


def test_the_check_finds_streamlits_words() -> None:
    assert english(["Aucun résultat", "Gommettes placées : 3 sur 3"]) == []
    assert "No results" in english(["No results"])
    assert english(["Press Enter to apply"])  # a phrase and its words


@pytest.fixture
def dot_session(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """A session in its vote phase whose polls spread 3 dots, served: (address, code, store)."""
    from jnt_fresque.app.polls import session_polls

    db_url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    with Store(db_url) as store:
        session, _ = store.create_session("Atelier gommettes", polls=session_polls("dots", dots=3))
        store.set_phase(session.code, "vote")
    with served_app(db_url, tmp_path / "app.log") as url:
        yield url, session.code, db_url


def _sources() -> list[str]:
    """The titles and publishers of the pages the cards cite (data, often in English)."""
    from jnt_fresque.app.resources import decks
    from jnt_fresque.cards.sources import references

    found = {
        text
        for card in decks().cards()
        for backing in references(card)
        for text in (backing.reference.title, backing.reference.publisher)
    }
    return sorted(found, key=len, reverse=True)


def _said(page: Any) -> list[str]:
    _idle(page)
    return list(page.evaluate(_TEXTS))


def test_a_french_phone_meets_no_english_word_of_streamlit(
    chromium: Path, dot_session: tuple[str, str, str]
) -> None:
    from playwright.sync_api import sync_playwright

    url, code, db_url = dot_session
    # The session's title and the menu's own name for English are data, not words of ours.
    exempt = ("Atelier gommettes", "English")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            outside: list[str] = []
            phone = _offline(
                browser.new_page(
                    viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True,
                    has_touch=True,
                ),
                outside,
            )  # fmt: skip
            phone.goto(f"{url}/?session={code}")
            phone.get_by_role("heading", name="Rejoindre l’atelier").wait_for(timeout=WAIT)
            _idle(phone)
            # Typing in a field (Streamlit tells how to send it, in English, if it may).
            field = phone.locator(".st-key-join_code input")
            field.click()
            field.press_sequentially("abc")
            seen = list(phone.evaluate(_TEXTS))
            field.fill(code)
            phone.locator(".st-key-join_profile button", has_text="Étudiant").click()
            _idle(phone)
            phone.locator(".st-key-join_table input").fill("1000")
            phone.locator(".st-key-join_submit button").click()
            phone.get_by_text("n’est pas un numéro de table").wait_for(timeout=WAIT)
            seen += _said(phone)
            phone.locator(".st-key-join_table input").fill("4")
            phone.locator(".st-key-join_submit button").click()
            phone.get_by_text("Vous avez rejoint").wait_for(timeout=WAIT)
            seen += _said(phone)

            _go(phone, "Voter")
            tiles = phone.locator(".st-key-vote_ballot .jnt-tiles[data-poll=uc]")
            tiles.wait_for(timeout=WAIT)
            # A card that does not exist: the tiles say so in French.
            tiles.locator(".search").fill("zzz introuvable")
            tiles.get_by_text("Aucun résultat").wait_for(timeout=WAIT)
            seen += _said(phone)
            tiles.locator(".search").fill("")
            # Two dots on one card, one on another, then one too many.
            first, second = tiles.locator(".tile").nth(0), tiles.locator(".tile").nth(1)
            picked = [str(first.get_attribute("data-card")), str(second.get_attribute("data-card"))]
            first.click()
            first.click()
            tiles.get_by_text("2 sur 3").wait_for(timeout=WAIT)
            second.click()
            second.click()
            tiles.get_by_text("gommettes sont placées").wait_for(timeout=WAIT)
            seen += _said(phone)
            SHOTS.mkdir(parents=True, exist_ok=True)
            phone.screenshot(path=str(SHOTS / "voter-gommettes.png"), full_page=True)
            phone.locator(".st-key-vote_submit button").click()
            phone.get_by_text("Vote enregistré (").wait_for(timeout=WAIT)
            seen += _said(phone)
        finally:
            browser.close()
    assert outside == []
    # Left, and said only by a screen reader: the names of the table number's step buttons
    # (the table stays a number field, which the load generator fills as a number).
    left = english(seen, exempt)
    assert set(left) <= {"Increment", "Decrement"}, sorted(
        {t for t in seen if english([t], exempt)}
    )
    with Store(db_url) as store:
        ballots = {b.poll: b.choices for b in store.snapshot(code).ballots}
    assert sorted(ballots["uc"]) == sorted([picked[0], picked[0], picked[1]])


def test_the_other_pages_and_the_console_meet_no_english_word_of_streamlit(
    chromium: Path, tmp_path: Path
) -> None:
    """The cards (a search that finds nothing), a proposal, the scoping, and the facilitator's
    console (signed in, a phase chosen, the new-session form open), in a French browser."""
    from playwright.sync_api import sync_playwright

    db_url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    with Store(db_url) as store:
        session, secret = store.create_session("Atelier pages")
        store.set_phase(session.code, "propose")
        _, person = store.enter(session.code)
    code, token = session.code, person.token
    exempt = ("Atelier pages", "English", *_sources())
    seen: list[str] = []
    with served_app(db_url, tmp_path / "app.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            outside: list[str] = []
            phone = _offline(
                browser.new_page(viewport={"width": 390, "height": 844}, locale="fr-FR",
                                 is_mobile=True, has_touch=True),
                outside,
            )  # fmt: skip
            phone.goto(f"{url}/cartes?session={code}&p={token}")
            phone.get_by_role("heading", name="Les cartes").wait_for(timeout=WAIT)
            search = phone.locator(".st-key-cards_search input")
            search.click()
            search.press_sequentially("zzz")
            seen += [f"cartes: {x}" for x in phone.evaluate(_TEXTS)]  # typing: no « Press Enter »
            phone.locator(".st-key-cards_search_go button").click()
            phone.get_by_text("Aucune carte").first.wait_for(timeout=WAIT)
            seen += [f"{phone.url.split('?')[0]}: {x}" for x in _said(phone)]
            search.fill("bâtiments")
            phone.locator(".st-key-cards_search_go button").click()
            phone.locator("[data-testid='stImage']").first.wait_for(timeout=WAIT)
            seen += [f"{phone.url.split('?')[0]}: {x}" for x in _said(phone)]

            phone.goto(f"{url}/proposer?session={code}&p={token}")
            phone.locator(".st-key-propose_title input").wait_for(timeout=WAIT)
            phone.locator(".st-key-propose_title input").fill("Ombre des rues")
            phone.locator(".st-key-propose_data button").first.click()
            seen += [f"{phone.url.split('?')[0]}: {x}" for x in _said(phone)]
            phone.locator(".st-key-propose_submit button").click()
            phone.get_by_text("Ombre des rues").first.wait_for(timeout=WAIT)
            seen += [f"{phone.url.split('?')[0]}: {x}" for x in _said(phone)]

            phone.goto(f"{url}/cadrage?session={code}&p={token}")
            phone.locator(".st-key-scoping_submit button").wait_for(timeout=WAIT)
            _idle(phone)
            phone.locator("[class*='st-key-scoping_q-'] button").first.click()
            seen += [f"{phone.url.split('?')[0]}: {x}" for x in _said(phone)]

            laptop = _offline(
                browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR"), outside
            )
            laptop.goto(f"{url}/animation?session={code}")
            _idle(laptop)
            laptop.locator(".st-key-fac_secret input").fill(secret)
            laptop.locator(".st-key-fac_login button").click()
            laptop.locator(".st-key-fac_phase").wait_for(timeout=WAIT)
            seen += [f"{laptop.url.split('?')[0]}: {x}" for x in _said(laptop)]
            laptop.locator(".st-key-fac_phase button", has_text="Vote du top 10").first.click()
            _idle(laptop)
            laptop.locator(".st-key-fac_set_phase button").click()
            _idle(laptop)
            laptop.get_by_text("Nouvelle session").first.click()
            laptop.locator(".st-key-fac_new_title input").fill("Deuxième")
            laptop.locator(".st-key-fac_k input").fill("80")  # beyond the store's limit
            laptop.locator(".st-key-fac_create button").click()
            laptop.get_by_text("k = 80").first.wait_for(timeout=WAIT)
            seen += [f"{laptop.url.split('?')[0]}: {x}" for x in _said(laptop)]
        finally:
            browser.close()
    assert outside == []
    with Store(db_url) as store:
        assert store.session(code).phase.value == "vote"
    # Left: the step buttons' names (the table, the console's numbers) and the name of an
    # image's full-screen button (the cards, the console's QR code); no Streamlit option
    # removes them, a screen reader says them, a mouse shows the last as a tooltip.
    left = english(seen, exempt)
    assert set(left) <= {"Increment", "Decrement", "Fullscreen"}, sorted(
        {t for t in seen if english([t], exempt)}
    )
