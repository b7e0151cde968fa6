"""``jnt-fresque voila NAME`` and ``jnt-fresque notebooks``: the right command, clear errors."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jnt_fresque.app import teaching

from .conftest import Result


def test_the_dashboards_are_found_by_name() -> None:
    assert set(teaching.dashboards()) >= {"eau", "resultats"}
    assert teaching.dashboard("eau").name == "eau.ipynb"


def test_an_unknown_dashboard_lists_the_valid_names() -> None:
    with pytest.raises(KeyError, match="tableaux disponibles : eau, resultats"):
        teaching.dashboard("meteo")


def test_voila_serves_on_localhost_with_this_python(cli: Callable[..., Result]) -> None:
    found = cli("voila", "eau", "--port", "9000", "--no-browser", "--print")
    assert found.code == 0
    assert found.out.split()[:3] == [sys.executable, "-m", "voila"]
    assert "apps/voila/eau.ipynb" in found.out
    assert "--port=9000" in found.out and "--Voila.ip=127.0.0.1" in found.out
    assert "--no-browser" in found.out


def test_voila_unknown_name_is_a_usage_error(cli: Callable[..., Result]) -> None:
    found = cli("voila", "meteo")
    assert found.code == 2
    assert "tableau de bord inconnu « meteo »" in found.err


def test_notebooks_opens_jupyterlab_on_the_notebooks(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(subprocess, "call", lambda command: ran.append(command) or 0)
    assert cli("notebooks", "--no-browser").code == 0
    (command,) = ran
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={teaching.notebooks_dir()}" in command


def test_notebooks_without_the_repository_says_where_to_point(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(teaching.HOME, str(tmp_path))
    found = cli("notebooks", "--print")
    assert found.code == 1
    assert "JNT_FRESQUE_HOME" in found.err


def test_a_missing_voila_gives_an_install_hint(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a)
    )
    found = cli("voila", "eau", "--print")
    assert found.code == 1
    assert "pip install 'jnt-fresque[kit]'" in found.err
