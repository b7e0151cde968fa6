"""The 3D map of Lyon 1er opens in a real browser with the network cut off."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Result

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("Chromium is missing: apt-get install chromium")
        pytest.skip("Chromium is missing: apt-get install chromium")
    return CHROMIUM


def test_lyon_3d_map_draws_offline(
    cli: Callable[..., Result], chromium: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "lyon.html"
    assert cli("twin", "map", "3d", "-o", str(page_file)).code == 0
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 600})
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.route("http*://**", lambda route: route.abort())  # a room without internet
            page.goto(page_file.as_uri())
            page.wait_for_selector("canvas", timeout=20_000)
            page.wait_for_timeout(2_000)
            shot = page.screenshot()
            text = page.inner_text("body")
        finally:
            browser.close()
    assert errors == []
    assert "IGN – BD TOPO®" in text  # the attribution travels with the map
    from io import BytesIO

    from PIL import Image

    colours = Image.open(BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # buildings drawn, not a blank page
