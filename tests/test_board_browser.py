"""The fresque on screen, in a real browser (Playwright drives the distribution's Chromium).

Two participants at one table, in two browser contexts (a laptop in French and a phone in
English), build
the table's board together: each sees the other's links appear without reloading. The
phone then votes on card tiles. Nothing is asked of the internet. Screenshots go to
``artifacts/browser/`` (kept by CI); ``docs/screenshots/`` holds copies for the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jnt_fresque.store import Store
from tests._app import ROOT, served_app
from tests.test_app_browser import ARGS, WAIT, _go, _idle, _offline

SHOTS = ROOT / "artifacts" / "browser"
LAPTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'atelier.sqlite'}"


@pytest.fixture
def app_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    with served_app(db_url, tmp_path / "app.log") as url:
        yield url


def _join(page: Any, url: str, code: str, table: int, *, joined: str, board: str) -> None:
    page.goto(f"{url}/?session={code}")
    _idle(page)
    page.locator(".st-key-join_table input").fill(str(table))
    page.locator(".st-key-join_submit button").click()
    page.get_by_text(joined).wait_for(timeout=WAIT)
    _go(page, board)  # the app's menu, on a phone too


def _link_shown(page: Any, text: str) -> None:
    page.locator(".jnt-board .link", has_text=text).wait_for(timeout=WAIT)


def test_two_people_build_a_board_live_then_vote_on_tiles(
    chromium: Path, db_url: str, app_url: str
) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with Store(db_url) as store:
        session, _ = store.create_session("Fresque en direct")
        store.set_phase(session.code, "link")
        store.join(session.code, token="voisine", table=7)  # another table
    code, url = session.code, app_url
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            # A French laptop and an English phone at the same table.
            laptop = _offline(
                browser.new_context(viewport=LAPTOP, locale="fr-FR").new_page(), outside
            )
            phone = _offline(
                browser.new_context(
                    viewport=PHONE, has_touch=True, is_mobile=True, locale="en-US"
                ).new_page(),
                outside,
            )
            _join(laptop, url, code, 3, joined="Vous avez rejoint", board="Plateau")
            _join(phone, url, code, 3, joined="You joined", board="Board")
            laptop.get_by_role("heading", name="Table 3").wait_for(timeout=WAIT)

            # The laptop puts a use case on the board, then links it by tapping a data card.
            laptop.locator(".jnt-board .search").fill("crues")
            laptop.get_by_role("button", name="+ Prévision des crues").click()
            laptop.locator(".jnt-board [data-card='uc-inondation'][aria-pressed='true']").wait_for(
                timeout=WAIT
            )
            laptop.locator(".jnt-board [data-card='data-hy']").click()
            _link_shown(laptop, "Prévision des crues et gestion de crise → Hydrographie")
            # ... and the phone sees it, without reloading (in its own language).
            _link_shown(phone, "Flood forecasting and crisis management → Hydrography")

            # The phone taps the use case, then another data card: the laptop sees it.
            phone.locator(".jnt-board [data-card='uc-inondation']").tap()
            assert phone.locator(".jnt-board [data-card='data-hy']").get_attribute("aria-pressed") == "true"  # fmt: skip
            phone.locator(".jnt-board [data-card='data-el']").tap()
            _link_shown(phone, "→ Elevation")
            _link_shown(laptop, "→ Altitude")

            # On the laptop, the keyboard alone links a card: Enter on the use case (chosen
            # since it was put down: Enter lets it go, Enter takes it again), Enter on the
            # data card.
            chosen = ".jnt-board [data-card='uc-inondation'][aria-pressed='{}']"
            laptop.locator(".jnt-board [data-card='uc-inondation']").focus()
            laptop.keyboard.press("Enter")
            laptop.locator(chosen.format("false")).wait_for(timeout=WAIT)
            laptop.keyboard.press("Enter")
            laptop.locator(chosen.format("true")).wait_for(timeout=WAIT)
            laptop.locator(".jnt-board [data-card='data-lc']").focus()
            laptop.keyboard.press("Enter")
            _link_shown(laptop, "→ Occupation des terres")
            # Dragging a data card onto the use case links them too (both cards in view).
            laptop.locator(".jnt-board .surface").evaluate("surface => surface.scrollIntoView()")
            source = laptop.locator(".jnt-board [data-card='data-nz']").bounding_box()
            target = laptop.locator(".jnt-board [data-card='uc-inondation']").bounding_box()
            laptop.mouse.move(source["x"] + 20, source["y"] + 10)
            laptop.mouse.down()
            for step in range(1, 11):
                laptop.mouse.move(
                    source["x"] + 20 + (target["x"] - source["x"]) * step / 10,
                    source["y"] + 10 + (target["y"] - source["y"]) * step / 10,
                )
            laptop.mouse.up()
            _link_shown(laptop, "→ Zones à risque naturel")
            _link_shown(phone, "→ Natural risk zones")

            # The phone opens a link and writes a note with markup: it stays plain text.
            phone.locator(".jnt-board .link", has_text="→ Elevation").tap()
            phone.get_by_text("Chosen link: Flood forecasting and crisis management → Elevation").wait_for(timeout=WAIT)  # fmt: skip
            note = phone.get_by_label("Note (optional)")
            note.fill("<img src=x onerror=alert(1)> digues")
            phone.locator(".st-key-board_note_save button").tap()
            phone.get_by_text("Note saved.").wait_for(timeout=WAIT)
            _link_shown(laptop, "<img src=x onerror=alert(1)> digues")
            assert laptop.locator(".jnt-board img").count() == 0
            laptop.get_by_role("heading", name="Table 3").evaluate("h => h.scrollIntoView()")
            laptop.wait_for_timeout(500)
            laptop.screenshot(path=str(SHOTS / "plateau-direct.png"), full_page=True)
            phone.screenshot(path=str(SHOTS / "plateau-telephone.png"), full_page=True)

            # The vote opens: the phone chooses three use cases on card tiles and ranks them.
            with Store(db_url) as store:
                store.set_phase(code, "vote")
            phone.goto(phone.url.replace("/plateau", "/voter"))
            _idle(phone)
            tiles = phone.locator(".st-key-vote_ballot .jnt-tiles[data-poll=uc]")
            tiles.locator(".count").get_by_text("Cards chosen: 0 of 10").wait_for(timeout=WAIT)
            tiles.locator(".search").fill("flood")
            tiles.locator("[data-card='uc-inondation']").tap()
            tiles.locator(".search").fill("zzzz")
            tiles.get_by_text("No results").wait_for(timeout=WAIT)
            tiles.locator(".search").fill("")
            tiles.locator("[data-card='uc-geothermie']").tap()
            tiles.locator("[data-card='uc-ilots-de-chaleur']").tap()
            tiles.get_by_text("Cards chosen: 3 of 10").wait_for(timeout=WAIT)
            tiles.get_by_role("button", name="Move « Urban heat islands and cool spots » up").tap()
            phone.wait_for_timeout(300)
            phone.screenshot(path=str(SHOTS / "voter-tuiles.png"), full_page=True)
            phone.locator(".st-key-vote_submit button").tap()
            phone.get_by_text("Vote saved (").wait_for(timeout=WAIT)
            # A reload keeps the ballot on the tiles.
            phone.reload()
            _idle(phone)
            phone.locator(".st-key-vote_ballot .jnt-tiles[data-poll=uc]").get_by_text(
                "Cards chosen: 3 of 10"
            ).wait_for(timeout=WAIT)
            assert outside == [], f"the app asked the internet for {outside[:3]}"
        finally:
            browser.close()
    with Store(db_url) as store:
        snapshot = store.snapshot(code)
    pairs = {(x.use_case, x.data) for x in snapshot.links if x.table == 3}
    assert pairs == {("uc-inondation", d) for d in ("data-hy", "data-el", "data-lc", "data-nz")}
    (ballot,) = snapshot.ballots_of("uc")
    assert ballot.choices == ("uc-inondation", "uc-ilots-de-chaleur", "uc-geothermie")
