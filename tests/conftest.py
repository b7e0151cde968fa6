from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from jnt_fresque.cli import main

ROOT = Path(__file__).resolve().parent.parent


# --- what the machine must provide: missing is a failure in CI, a skip elsewhere ----------


def in_ci() -> bool:
    """Whether this run is CI's (``CI`` set to true, as GitHub Actions and GitLab set it)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """Stop a test that lacks something of the machine: it fails in CI, which must run
    every test, and is skipped elsewhere, with ``reason`` and how to install it."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: CI must run this test)", pytrace=False)
    pytest.skip(reason)


# Playwright drives the distribution's Chromium; it never downloads a browser.
CHROMIUM = Path(os.environ.get("JNT_FRESQUE_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The Chromium executable for Playwright's ``chromium.launch(executable_path=...)``.

    Missing Chromium or Playwright fails the test in CI and skips it elsewhere, saying
    what to install. ``JNT_FRESQUE_CHROMIUM`` names another executable.
    """
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("Playwright missing: pip install playwright (no browser download needed)")
    return CHROMIUM


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    """French by default, whatever the machine's locale, as a French user gets."""
    monkeypatch.setenv("JNT_FRESQUE_LANG", "fr")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``jnt-fresque`` in process, as the installed script would."""

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


MANIFEST = """\
id: essai
kind: uc
title: {fr: Essai, en: Trial}
description: {fr: Un jeu d’essai., en: A trial deck.}
version: "1.0.0"
colours: {primary: "#112233"}
"""

USE_CASE = """\
id: uc-a
kind: uc
title: {fr: Cas A, en: Case A}
pitch: {fr: Un usage., en: A use.}
users: {fr: Des services, en: Departments}
question: {fr: Quoi ?, en: What?}
scales: [city]
time_step: day
capability: descriptive
implementation: gis
themes: {primary: [bu]}
standards: [WMS]
examples: [{territory: {fr: Lyon, en: Lyon}, project: Essai, year: 2024, sources: [{title: Page d’essai, url: "https://example.org/essai", publisher: Essai, checked: "2026-11-29"}]}]
"""


@pytest.fixture
def trial_deck(tmp_path: Path) -> Path:
    """A folder holding one valid deck of one use case."""
    deck = tmp_path / "essai"
    deck.mkdir()
    (deck / "deck.yaml").write_text(MANIFEST, encoding="utf-8")
    (deck / "uc-a.yaml").write_text(USE_CASE, encoding="utf-8")
    return tmp_path


# --- the workshop store: SQLite and a real PostgreSQL server ---------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A throwaway PostgreSQL server for the whole run (binaries required in CI)."""
    from tests import pgserver

    if pgserver.find_binaries() is None:
        missing("PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    server = pgserver.start(fsync=False)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    server = request.getfixturevalue("pg_server")
    return str(server.create_database(f"t_{uuid.uuid4().hex[:16]}"))


@pytest.fixture
def db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """``JNT_FRESQUE_DB`` pointing at an empty SQLite file, for the command's tests."""
    url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    monkeypatch.setenv("JNT_FRESQUE_DB", url)
    return url
