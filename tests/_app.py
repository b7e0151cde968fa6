"""What the app tests share: a fresh database per test and the app under AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "apps" / "atelier" / "atelier.py"
TIMEOUT = 30


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite file for the app's store, closed afterwards."""
    from jnt_fresque.app.resources import forget_stores

    url = f"sqlite:///{tmp_path / 'atelier.sqlite'}"
    monkeypatch.setenv("JNT_FRESQUE_DB", url)
    yield url
    forget_stores()


def served_app(db_url: str, log: Path) -> AbstractContextManager[str]:
    """The workshop app served on 127.0.0.1 (a free port) for the length of the block."""
    from jnt_fresque.app import server

    return server.background(db_url, log)


def menu(at: Any, *, last: bool = False) -> Any:
    """The app's menu (pills of pages and languages) on the page ``at`` shows; ``last``: the
    join page's second menu, shown after joining."""
    found = [pills for pills in at.pills if str(pills.key).startswith("menu_")]
    assert found, "no menu on this page"
    return found[-1] if last else found[0]


def switch_language(at: Any, lang: str) -> None:
    """Tap the menu's language pill, as a visitor would."""
    menu(at).set_value(f"lang:{lang}").run()
