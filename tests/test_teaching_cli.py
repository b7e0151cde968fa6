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
    with pytest.raises(KeyError, match="tableaux disponibles : eau, jumeau, resultats"):
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


def test_notebooks_copies_the_lessons_and_opens_jupyterlab_on_the_copy(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(subprocess, "call", lambda command, env: ran.append((command, env)) or 0)
    monkeypatch.chdir(tmp_path)
    found = cli("notebooks", "--no-browser")
    assert found.code == 0, found.err
    ((command, env),) = ran
    work = tmp_path / teaching.WORK_FOLDER
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={work.resolve()}" in command
    assert f"--ServerApp.root_dir={teaching.notebooks_dir()}" not in command
    assert env["JNT_FRESQUE_LANG"] == "fr"  # the kernels speak the lessons' language
    lessons = teaching.notebooks_dir().glob("[0-9][0-9]_*.ipynb")
    french = sorted(p.name for p in lessons if p.suffixes == [".ipynb"])
    assert len(french) == 12
    assert sorted(p.name for p in work.glob("*.ipynb")) == french
    assert (work / "README.md").is_file()
    assert not (work / "locale").exists()  # the translators' catalogues stay in the kit
    assert (work / "courtier-reel" / "compose.yaml").is_file()  # the real-broker recipe
    assert "fichiers copiés dans" in found.err


def test_notebooks_in_english_copies_and_opens_the_english_lessons(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ran: list[tuple[list[str], dict[str, str]]] = []
    monkeypatch.setattr(subprocess, "call", lambda command, env: ran.append((command, env)) or 0)
    monkeypatch.chdir(tmp_path)
    found = cli("notebooks", "--lang", "en", "--no-browser")
    assert found.code == 0, found.err
    ((command, env),) = ran
    work = tmp_path / "jnt-fresque-lessons"
    assert f"--ServerApp.root_dir={work.resolve()}" in command
    assert env["JNT_FRESQUE_LANG"] == "en"
    names = sorted(p.name for p in work.glob("*.ipynb"))
    assert len(names) == 12 and all(name.endswith(".en.ipynb") for name in names)
    first = (work / "01_vocabulaire.en.ipynb").read_text(encoding="utf-8")
    assert "The vocabulary of the territorial digital twin" in first
    assert (work / "README.en.md").is_file() and not (work / "README.md").exists()
    assert (work / "courtier-reel" / "compose.yaml").is_file()


def test_the_lessons_language_defaults_to_the_users(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    monkeypatch.chdir(tmp_path)
    found = cli("notebooks", "--print")
    assert found.code == 0, found.err
    assert found.out.startswith("JNT_FRESQUE_LANG=en ")
    assert (tmp_path / "jnt-fresque-lessons" / "07_jumeau_eau.en.ipynb").is_file()
    assert not (tmp_path / teaching.WORK_FOLDER).exists()


def test_an_unknown_lessons_language_lists_the_languages(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    found = cli("notebooks", "--into", str(tmp_path), "--lang", "de", "--print")
    assert found.code == 2
    assert "langue inconnue « de »" in found.err and "fr, en" in found.err
    assert not list(tmp_path.iterdir())


def test_notebooks_into_keeps_the_students_work_and_reset_restores_a_lesson(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    work = tmp_path / "mes-lecons"
    assert cli("notebooks", "--into", str(work), "--print").code == 0
    lesson = next(work.glob("03_*.ipynb"))
    master = (teaching.notebooks_dir() / lesson.name).read_bytes()
    lesson.write_text("mon travail", encoding="utf-8")
    found = cli("notebooks", "--into", str(work), "--print")
    assert found.code == 0
    assert lesson.read_text(encoding="utf-8") == "mon travail"  # never overwritten
    assert "copié" not in found.err  # nothing new to copy
    assert f"--ServerApp.root_dir={work.resolve()}" in found.out
    found = cli("notebooks", "--into", str(work), "--reset", "03", "--print")
    assert found.code == 0, found.err
    assert lesson.read_bytes() == master
    assert "remise à neuf" in found.err


def test_reset_of_an_unknown_lesson_lists_the_lessons(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    found = cli("notebooks", "--into", str(tmp_path), "--reset", "99", "--print")
    assert found.code == 2
    assert "leçon inconnue « 99 »" in found.err and "07_jumeau_eau" in found.err


def test_the_master_copy_is_never_the_working_folder(
    cli: Callable[..., Result],
) -> None:
    before = sorted(p.name for p in teaching.notebooks_dir().rglob("*"))
    found = cli("notebooks", "--into", str(teaching.notebooks_dir()), "--print")
    assert found.code == 2
    assert "dossier des carnets du kit" in found.err
    assert sorted(p.name for p in teaching.notebooks_dir().rglob("*")) == before


def test_reset_by_full_name_and_english_lesson(tmp_path: Path) -> None:
    assert teaching.reset_lesson(tmp_path, "09_cadrage").name == "09_cadrage.ipynb"
    assert teaching.reset_lesson(tmp_path, "09").name == "09_cadrage.ipynb"
    assert teaching.reset_lesson(tmp_path, "09_cadrage.en").name == "09_cadrage.en.ipynb"
    assert teaching.reset_lesson(tmp_path, "07", "en").name == "07_jumeau_eau.en.ipynb"


def test_reset_in_english_restores_the_english_lesson(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    lesson = tmp_path / "04_modele_ngsi_ld.en.ipynb"
    assert cli("notebooks", "--into", str(tmp_path), "--lang", "en", "--print").code == 0
    lesson.write_text("my work", encoding="utf-8")
    found = cli("notebooks", "--into", str(tmp_path), "--lang", "en", "--reset", "04", "--print")
    assert found.code == 0, found.err
    assert lesson.read_bytes() == (teaching.notebooks_dir() / lesson.name).read_bytes()


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
