from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from jnt_fresque.cli import main

ROOT = Path(__file__).resolve().parent.parent


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
examples: [{territory: Lyon}]
"""


@pytest.fixture
def trial_deck(tmp_path: Path) -> Path:
    """A folder holding one valid deck of one use case."""
    deck = tmp_path / "essai"
    deck.mkdir()
    (deck / "deck.yaml").write_text(MANIFEST, encoding="utf-8")
    (deck / "uc-a.yaml").write_text(USE_CASE, encoding="utf-8")
    return tmp_path
