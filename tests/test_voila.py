"""A Voilà dashboard, served on 127.0.0.1 and opened in the headless Chromium: widgets, no error."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from jnt_fresque.app.teaching import voila_command

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
START_TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A dashboard (``request.param``) served by Voilà, with a kernel of this environment."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "JUPYTER_PATH": str(tmp_path / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JNT_FRESQUE_DB": f"sqlite:///{tmp_path / 'atelier.db'}",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    if request.param in ("resultats", "jumeau"):
        # The dashboard shows what the database holds (it never makes demo data up there).
        from jnt_fresque.interchange.demo import demo_session
        from jnt_fresque.store import Store

        with Store(env["JNT_FRESQUE_DB"]) as seeded:
            demo_session(seeded)
    port = _free_port()
    log = (tmp_path / "voila.log").open("w")
    process = subprocess.Popen(
        voila_command(request.param, port=port), env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(url + "api/status", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Voilà did not start:\n" + (tmp_path / "voila.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _open(playwright: Any, chromium: Path, served: str, errors: list[str]) -> Any:
    browser = playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.on("pageerror", lambda error: errors.append(str(error)))

    def offline(route: Any) -> None:
        # A room without internet: only the Voilà server on 127.0.0.1 answers.
        if route.request.url.startswith((served, "about:", "data:")):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", offline)
    page.goto(served, timeout=90_000)
    return browser, page


@pytest.mark.parametrize("served", ["resultats"], indirect=True)
def test_results_dashboard_in_chromium(served: str, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, chromium, served, errors)
        try:
            page.wait_for_selector("table.jnt-ranking", timeout=90_000)
            assert page.locator(".widget-toggle-button").count() == 2
            assert page.locator(".widget-dropdown select").count() == 1
            first = page.inner_text("table.jnt-ranking")
            page.get_by_role("button", name="Données").click()
            page.wait_for_function(
                "t => document.querySelector('table.jnt-ranking').innerText !== t",
                arg=first,
                timeout=30_000,
            )
            text = page.inner_text("body")
        finally:
            browser.close()
    assert "Résultats de l’atelier" in text
    assert "Demande de données" in text
    assert "Traceback" not in text and "Error" not in text
    assert errors == []


@pytest.mark.parametrize("served", ["eau"], indirect=True)
def test_water_dashboard_in_chromium(served: str, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, chromium, served, errors)
        try:
            page.wait_for_selector("iframe.jnt-map", timeout=120_000)
            assert page.locator(".widget-dropdown select").count() == 1
            frame = page.frame_locator("iframe.jnt-map")
            frame.locator("canvas").first.wait_for(timeout=30_000)  # deck.gl drew, offline
            page.get_by_role("button", name="Simuler").click()
            page.wait_for_selector("text=/nœuds? sous 20/", timeout=60_000)
            text = page.inner_text("body")
        finally:
            browser.close()
    assert "Jumeau du réseau d’eau" in text
    assert "Traceback" not in text
    assert errors == []


@pytest.mark.parametrize("served", ["jumeau"], indirect=True)
def test_live_twin_dashboard_in_chromium(served: str, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, chromium, served, errors)
        try:
            page.wait_for_selector("iframe.jnt-map", timeout=120_000)
            page.get_by_role("button", name="Rejouer la journée en direct").click()
            page.wait_for_selector("text=Historique du premier nœud", timeout=60_000)
            text = page.inner_text("body")
        finally:
            browser.close()
    assert "jumeau vivant" in text and "table 1" in text
    assert re.search(r"\d+ alertes? sous 20\s?m", text)
    assert "Traceback" not in text
    assert errors == []
