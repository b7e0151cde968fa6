"""The participant journey in a real browser: Playwright drives the distribution's Chromium.

The facilitator enters the console and opens the phases; three participants join
through the join address, link cards and vote; the projector shows the ranking
their ballots give. Screenshots go to ``artifacts/browser/`` (kept by CI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jnt_fresque.store import Store
from tests._app import ROOT, served_app

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "artifacts" / "browser"
WAIT = 30_000  # ms

A = ("uc-inondation", "Prévision des crues et gestion de crise")
B = ("uc-geothermie", "Potentiel géothermique et chauffage bas carbone")
C = ("uc-ilots-de-chaleur", "Îlots de chaleur et îlots de fraîcheur")


def _offline(page: Any, outside: list[str]) -> Any:
    """Refuse, and note, any request that leaves the machine: the room may have no internet."""

    def route(request_route: Any) -> None:
        address = request_route.request.url
        if address.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(address)
            request_route.abort()

    page.route("**/*", route)
    return page


def _idle(page: Any) -> None:
    """Wait until Streamlit has finished running the script for this page."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=WAIT
    )
    page.wait_for_timeout(150)


def _join_and_link(page: Any, url: str, code: str, table: int, data: str) -> None:
    page.goto(f"{url}/?session={code}")
    _idle(page)
    page.locator(".st-key-join_table input").fill(str(table))
    page.locator(".st-key-join_submit button").click()
    page.get_by_text("Vous avez rejoint").wait_for(timeout=WAIT)
    _go(page, "Plateau")
    # The address follows the move, with the identity in it.
    page.wait_for_url(re.compile(r"/plateau\?.*p="), timeout=WAIT)
    # On the table's board: put the use case down, then tap the data card it needs.
    page.locator(".jnt-board .search").fill(A[1][:18])
    page.get_by_role("button", name=f"+ {A[1]}").click()
    page.locator(".jnt-board [data-card='uc-inondation'][aria-pressed='true']").wait_for(
        timeout=WAIT
    )
    page.locator(".jnt-board .card.data", has_text=data).first.click()
    page.locator(".jnt-board .link", has_text=f"→ {data}").wait_for(timeout=WAIT)


def _go(page: Any, name: str) -> None:
    """Tap ``name`` in the app's menu, as a participant does."""
    page.locator("[class*='st-key-menu_'] a", has_text=name).first.click()
    _idle(page)


def _vote(page: Any, choices: list[str]) -> None:
    _go(page, "Voter")
    tiles = page.locator(".st-key-vote_ballot .jnt-tiles[data-poll=uc]")
    for title in choices:
        tiles.locator(".search").fill(title[:18])
        tiles.locator(".tile", has_text=title).first.click()
    tiles.get_by_text(f"Cartes choisies : {len(choices)} sur 10").wait_for(timeout=WAIT)
    page.locator(".st-key-vote_submit button").click()
    page.get_by_text("Vote enregistré (").wait_for(timeout=WAIT)


def _facilitator_phase(page: Any, label: str) -> None:
    page.locator(".st-key-fac_phase button", has_text=label).first.click()
    _idle(page)
    page.locator(".st-key-fac_set_phase button").click()
    _idle(page)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'atelier.sqlite'}"


@pytest.fixture
def app_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """The workshop app served on 127.0.0.1 for this test, on an empty SQLite store."""
    with served_app(db_url, tmp_path / "app.log") as url:
        yield url


def test_workshop_journey_in_chromium(chromium: Path, db_url: str, app_url: str) -> None:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with Store(db_url) as store:
        session, secret = store.create_session("Atelier navigateur")
    code, url = session.code, app_url
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            outside: list[str] = []
            facilitator = _offline(
                browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR"), outside
            )
            facilitator.goto(f"{url}/animation?session={code}")
            _idle(facilitator)
            facilitator.locator(".st-key-fac_secret input").fill("pas-le-bon")
            facilitator.locator(".st-key-fac_login button").click()
            facilitator.get_by_text("incorrect").wait_for(timeout=WAIT)
            facilitator.locator(".st-key-fac_secret input").fill(secret)
            facilitator.locator(".st-key-fac_login button").click()
            facilitator.get_by_text("Adresse pour rejoindre").wait_for(timeout=WAIT)
            _facilitator_phase(facilitator, "Liens cas d’usage → données")

            # Every page has a stable French address.
            visitor = _offline(
                browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR"), outside
            )
            for path, heading in (("rejoindre", "Rejoindre l’atelier"), ("cartes", "Les cartes")):
                visitor.goto(f"{url}/{path}")
                visitor.get_by_role("heading", name=heading).wait_for(timeout=WAIT)
            visitor.locator("[data-testid='stImage'] img").first.wait_for(timeout=WAIT)
            visitor.screenshot(path=str(SHOTS / "cartes.png"))
            visitor.close()

            people = [
                _offline(
                    browser.new_page(viewport={"width": 1000, "height": 900}, locale="fr-FR"),
                    outside,
                )
                for _ in range(3)
            ]
            for n, (page, data) in enumerate(
                zip(people, ["Hydrographie", "Altitude", "Hydrographie"], strict=True)
            ):
                _join_and_link(page, url, code, n + 1, data)
            people[0].screenshot(path=str(SHOTS / "plateau.png"), full_page=True)

            _facilitator_phase(facilitator, "Vote du top 10")
            ballots = [[A[1], B[1]], [A[1], C[1]], [B[1], A[1]]]
            for page, choices in zip(people, ballots, strict=True):
                _vote(page, choices)
            people[0].screenshot(path=str(SHOTS / "voter.png"), full_page=True)
            # The console counts the votes and prepares the exports and the report.
            facilitator.locator(".st-key-fac_prepare button").click()
            facilitator.get_by_text("Participants : 3 · ont voté : 3").wait_for(timeout=WAIT)
            facilitator.get_by_role("button", name=f"Télécharger {code}-rapport.pdf").wait_for(
                timeout=WAIT
            )
            facilitator.screenshot(path=str(SHOTS / "animation.png"), full_page=True)

            projector = _offline(
                browser.new_page(viewport={"width": 1400, "height": 1000}, locale="fr-FR"), outside
            )
            projector.goto(f"{url}/resultats?session={code}")
            table = projector.locator("[data-testid='stTable']").first
            table.wait_for(timeout=WAIT)
            _idle(projector)
            rows = table.locator("tbody tr")
            firsts = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(3)]
            assert firsts == [A[1], B[1], C[1]]
            projector.screenshot(path=str(SHOTS / "resultats.png"), full_page=True)
            assert outside == [], f"the app asked the internet for {outside[:3]}"
        finally:
            browser.close()
    with Store(db_url) as store:
        snapshot = store.snapshot(code)
    assert len(snapshot.participants) == 3
    assert len(snapshot.ballots_of("uc")) == 3
    assert len(snapshot.links) == 3


def test_phone_in_english_follows_the_browser_then_the_menu(
    chromium: Path, db_url: str, app_url: str
) -> None:
    """A phone set to English opens the QR address in English; the menu, on screen without
    opening anything, switches to French, and the choice holds across pages and a reload."""
    from playwright.sync_api import sync_playwright

    with Store(db_url) as store:
        session, _ = store.create_session("Atelier téléphone")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True
            )
            phone.goto(f"{app_url}/?session={session.code}")
            phone.get_by_role("heading", name="Join the workshop").wait_for(timeout=WAIT)
            switch = phone.locator("[class*='st-key-menu_'] a", has_text="Français").first
            switch.wait_for(state="visible", timeout=WAIT)  # on screen, nothing opened first
            assert switch.bounding_box()["y"] < 844  # type: ignore[index]
            switch.click()
            phone.get_by_role("heading", name="Rejoindre l’atelier").wait_for(timeout=WAIT)
            _idle(phone)
            phone.locator(".st-key-join_submit button").click()
            phone.get_by_text("Vous avez rejoint").wait_for(timeout=WAIT)
            _go(phone, "Cartes")
            phone.get_by_role("heading", name="Les cartes").wait_for(timeout=WAIT)
            assert "lang=fr" in phone.url and "p=" in phone.url
            phone.reload()
            phone.get_by_role("heading", name="Les cartes").wait_for(timeout=WAIT)
        finally:
            browser.close()


def test_tapping_cards_stays_in_the_phone_until_the_ballot_is_sent(
    chromium: Path, db_url: str, app_url: str
) -> None:
    """Choosing cards sends nothing to the server (a room of phones would rerun the page at
    every tap); pressing « Voter » sends the ballot, once."""
    from playwright.sync_api import sync_playwright

    with Store(db_url) as store:
        session, _ = store.create_session("Atelier sobre")
        store.set_phase(session.code, "vote")
    sent: list[object] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True
            )
            phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
            phone.goto(f"{app_url}/?session={session.code}")
            _idle(phone)
            phone.locator(".st-key-join_submit button").click()
            phone.get_by_text("Vous avez rejoint").wait_for(timeout=WAIT)
            _go(phone, "Voter")
            tiles = phone.locator(".st-key-vote_ballot .jnt-tiles[data-poll=uc]")
            tiles.wait_for(timeout=WAIT)
            _idle(phone)
            before = len(sent)
            for title in (A[1], B[1], C[1]):
                tiles.locator(".search").fill(title[:18])
                tiles.locator(".tile", has_text=title).first.click()
            tiles.get_by_text("Cartes choisies : 3 sur 10").wait_for(timeout=WAIT)
            # The data cards' poll, in the same tiles: its own count.
            data = phone.locator(".st-key-vote_ballot .jnt-tiles[data-poll=data]")
            data.locator(".search").fill("Hydrograph")
            data.locator(".tile", has_text="Hydrographie").first.click()
            data.get_by_text("Cartes choisies : 1 sur 10").wait_for(timeout=WAIT)
            tiles.get_by_text("Cartes choisies : 3 sur 10").wait_for(timeout=WAIT)
            phone.wait_for_timeout(500)
            assert len(sent) == before, "a tap on a card went to the server"
            phone.locator(".st-key-vote_submit button").click()
            phone.get_by_text("Vote enregistré (").wait_for(timeout=WAIT)
            assert len(sent) > before
        finally:
            browser.close()
    with Store(db_url) as store:
        (ballot,) = store.snapshot(session.code).ballots_of("uc")
        (on_data,) = store.snapshot(session.code).ballots_of("data")
    assert set(ballot.choices) == {A[0], B[0], C[0]}
    assert on_data.choices == ("data-hy",)
