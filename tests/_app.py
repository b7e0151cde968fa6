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


def menu(at: Any, *, last: bool = False) -> dict[str, Any]:
    """The app's menu on the page ``at`` shows: its links by label (pages and languages);
    ``last``: of links with the same label, the last one (the join page's link to the
    page of the moment, under its message)."""
    found: dict[str, Any] = {}
    for link in at.get("page_link"):
        if last or link.value not in found:
            found[link.value] = link
    assert found, "no menu on this page"
    return found


def follow(at: Any, label: str, *, last: bool = False) -> Any:
    """Tap the menu's link ``label``, as a browser does: open its page with its address."""
    from urllib.parse import parse_qsl

    from jnt_fresque.app.ui import pages

    link = menu(at, last=last)[label]
    assert not link.proto.disabled, f"« {label} » is the page shown"
    scripts = {info.path: info.script for info in pages()}
    path = link.proto.page or "rejoindre"
    at.query_params.clear()
    for name, value in parse_qsl(link.proto.query_string):
        at.query_params[name] = value
    return at.switch_page(f"pages/{scripts[path]}").run()


def switch_language(at: Any, lang: str) -> None:
    """Tap the menu's link to this page in ``lang``, as a visitor would."""
    from jnt_fresque.app.ui import endonym

    follow(at, endonym(lang))
