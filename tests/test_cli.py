from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from jnt_fresque import __version__, default_decks

from .conftest import ROOT, Result

Cli = Callable[..., Result]


def test_decks_as_json_lists_each_deck_with_its_card_count(cli: Cli) -> None:
    result = cli("decks", "--format", "json")
    assert result.code == 0
    listed = json.loads(result.out)
    assert {d["id"]: d["cards"] for d in listed} == {d.id: len(d) for d in default_decks().values()}
    assert {d["kind"] for d in listed} == {"uc", "data", "blank", "term", "question"}


def test_decks_as_a_table_in_french_then_english(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Jeux de cartes" in cli("decks").out
    assert "Données du territoire" in cli("decks").out
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    assert "Territorial data" in cli("decks").out


def test_deck_show_json_gives_validated_cards(cli: Cli) -> None:
    result = cli("deck", "show", "donnees", "--format", "json")
    assert result.code == 0
    cards = json.loads(result.out)
    assert len(cards) == len(default_decks()["donnees"])
    for card in cards:
        assert card["kind"] == "data"
        assert set(card["title"]) == {"fr", "en"}
        assert card["id"] == f"data-{card['theme']}"


def test_deck_show_an_unknown_deck(cli: Cli) -> None:
    result = cli("deck", "show", "tarot")
    assert result.code == 2
    assert result.err.startswith("jnt-fresque: jeu inconnu « tarot » ; jeux disponibles : ")


def test_validate_the_kit_decks(cli: Cli) -> None:
    result = cli("deck", "validate")
    assert (result.code, result.err) == (0, "")
    assert "aucun problème" in result.out


def test_validate_a_broken_deck_prints_only_problem_lines_and_exits_2(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Path(__file__).parent / "broken" / "wrong-types"
    monkeypatch.chdir(broken)
    result = cli("deck", "validate", ".")
    assert result.code == 2
    assert result.out == ""
    expected = (broken / "expected.txt").read_text(encoding="utf-8")
    assert result.err == expected


def test_validate_in_a_real_process_shows_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "essai").mkdir()
    (tmp_path / "essai" / "deck.yaml").write_bytes(b"\x00\x01\x02 binary")
    script = Path(sys.executable).parent / "jnt-fresque"
    run = subprocess.run(
        [str(script), "deck", "validate", str(tmp_path)],
        capture_output=True, text=True, env={"JNT_FRESQUE_LANG": "en", "PATH": ""},
    )  # fmt: skip
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1
    assert "deck.yaml:1: deck essai: file: invalid YAML" in run.stderr


def test_schema_is_a_json_schema_that_every_kit_card_meets(cli: Cli) -> None:
    from jnt_fresque.cards.source import Source, parse

    schema = json.loads(cli("deck", "schema").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "cards").glob("*/*.yaml")):
        if path.name != "deck.yaml":
            parsed = parse(path.read_bytes())
            assert isinstance(parsed, Source), path
            data = json.loads(json.dumps(parsed.data, default=str))  # YAML dates as text
            errors = list(validator.iter_errors(data))
            assert not errors, f"{path.name}: {errors[0].message}"
    assert list(validator.iter_errors({"id": "uc-x", "kind": "uc"}))  # incomplete: refused


def test_manifest_schema_to_a_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "deck.schema.json"
    assert cli("deck", "schema", "--manifest", "-o", str(out)).code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "criteria" in schema["properties"]


def test_export_and_import_through_the_command(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "uc.xlsx"
    result = cli("deck", "export", "cas-usage", "--format", "xlsx", "-o", str(sheet))
    assert result.code == 0 and sheet.exists()
    folder = tmp_path / "mes-cartes"
    result = cli("deck", "import", str(sheet), "-o", str(folder))
    assert result.code == 0, result.err
    assert cli("deck", "validate", str(folder)).code == 0
    assert len(list(folder.glob("uc-*.yaml"))) == len(default_decks()["cas-usage"])


def test_import_refuses_to_overwrite_a_folder(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "q.csv"
    cli("deck", "export", "questions", "-o", str(sheet))
    folder = tmp_path / "occupe"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    result = cli("deck", "import", str(sheet), "-o", str(folder))
    assert result.code == 1
    assert "--force" in result.err
    assert (folder / "mine.txt").read_text() == "keep me"
    assert cli("deck", "import", str(sheet), "-o", str(folder), "--force").code == 0


def test_import_of_a_bad_sheet_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("_record,id\ncard,uc-a\n", encoding="utf-8")
    folder = tmp_path / "out"
    result = cli("deck", "import", str(sheet), "-o", str(folder))
    assert result.code == 2
    assert not folder.exists()
    assert "bad.csv" in result.err


def test_export_to_an_unknown_format(cli: Cli, tmp_path: Path) -> None:
    result = cli("deck", "export", "questions", "-o", str(tmp_path / "q.ods"))
    assert result.code == 2
    assert "« .ods »" in result.err


def test_version_and_show_versions(cli: Cli) -> None:
    assert cli("--version").out == f"jnt-fresque {__version__}\n"
    shown = cli("show-versions").out
    assert "jnt-fresque" in shown and "pydantic" in shown and "python" in shown


def test_a_usage_error_exits_2_with_a_message(cli: Cli) -> None:
    result = cli("deck", "show")
    assert result.code == 2
    assert "DECK" in result.err


def test_help_is_french_by_default(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "Liste les jeux de cartes" in result.out


def test_deck_stats_shows_counts_and_the_coverage_matrix(cli: Cli) -> None:
    from jnt_fresque import inspire
    from jnt_fresque.cards.coverage import coverage

    result = cli("deck", "stats")
    assert result.code == 0
    lines = result.out.splitlines()
    header = next(line for line in lines if line.strip().startswith("rs gg gn"))
    assert header.split() == [t.code for t in inspire.THEMES]
    flood = next(line for line in lines if line.startswith("uc-inondation "))
    marks = flood.split()[1:]
    matrix = coverage(default_decks())
    expected = [
        {"primary": "●", "secondary": "○"}.get(matrix.weight("uc-inondation", t.code) or "", "·")
        for t in inspire.THEMES
    ]
    assert marks == expected
    needed = len(matrix.needed)
    assert f"{needed} thèmes sur 34 nécessaires" in result.out


def test_deck_stats_as_csv(cli: Cli, tmp_path: Path) -> None:
    import csv

    out = tmp_path / "couverture.csv"
    assert cli("deck", "stats", "--csv", str(out)).code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == len(default_decks()["cas-usage"])
    flood = next(r for r in rows if r["id"] == "uc-inondation")
    assert flood["title"] == "Prévision des crues et gestion de crise"
    assert (flood["hy"], flood["mf"], flood["rs"]) == ("P", "S", "")


def test_a_missing_kit_library_gives_the_install_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A core-only install (no [kit]) running a command that needs the kit.
    import jnt_fresque.cli.decks as decks_cli

    def without_reportlab(path: object) -> object:
        raise ModuleNotFoundError("No module named 'reportlab'", name="reportlab")

    monkeypatch.setattr(decks_cli, "_load", without_reportlab)
    result = cli("decks")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "« reportlab »" in result.err
    assert 'pip install "jnt-fresque[kit]"' in result.err


def test_an_internal_error_is_one_short_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import jnt_fresque.cli.decks as decks_cli

    def broken(path: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(decks_cli, "_load", broken)
    result = cli("decks")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "erreur interne (RuntimeError: boom)" in result.err
    assert "show-versions" in result.err
    monkeypatch.setenv("JNT_FRESQUE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli("decks")
