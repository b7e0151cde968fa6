"""A session created, filled, tallied, exported and reported from the command line alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from jnt_fresque.store import Store

from .conftest import Result

Cli = Callable[..., Result]
UC = ["uc-inondation", "uc-ilots-de-chaleur", "uc-mobilite-transports", "uc-eclairage-public"]
SHEET = """\
participant,profile,table,poll,choices
P01,Collectivité,1,uc,uc-inondation;uc-ilots-de-chaleur;uc-eclairage-public
P02,Entreprise,1,uc,uc-ilots-de-chaleur;uc-inondation
P03,étudiant,2,uc,uc-inondation
P01,Collectivité,1,data,data-hy;data-bu
P02,Entreprise,1,data,data-bu
"""


def create(cli: Cli) -> dict[str, str]:
    result = cli("session", "create", "--title", "Atelier VirtualTer", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def sheet(tmp_path: Path, text: str, name: str = "bulletins.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_create_prints_the_code_and_the_secret(cli: Cli, db: str) -> None:
    created = create(cli)
    assert {"code", "secret", "title", "polls"} <= set(created)
    assert created["polls"] == ["uc", "data"]
    with Store(db) as store:
        assert store.check_secret(created["code"], created["secret"])
    text = cli("session", "create", "--title", "Deuxième")
    assert text.code == 0
    assert text.out.startswith("Session ") and "Secret de l’animateur : " in text.out
    listed = json.loads(cli("session", "list", "--format", "json").out)
    assert {s["title"] for s in listed} == {"Atelier VirtualTer", "Deuxième"}


def test_vote_import_then_results(
    cli: Cli, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # a wide terminal: titles on one line
    code = create(cli)["code"]
    imported = cli("vote", "import", code, str(sheet(tmp_path, SHEET)))
    assert imported.code == 0, imported.err
    assert (
        "Bulletins ajoutés : 5 ; remplacés : 0 ; inchangés : 0 ; participants : 3" in imported.out
    )
    result = cli("results", code, "--poll", "uc", "--format", "json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert (found["poll"], found["ballots"]) == ("uc", 3)
    ranking = found["ranking"]
    # Borda, k = 10: inondation 10 + 9 + 10 = 29, îlots 9 + 10 = 19, éclairage 8.
    assert [(r["card"], r["approval"], r["borda"], r["rank"]) for r in ranking] == [
        ("uc-inondation", 3, 29, 1),
        ("uc-ilots-de-chaleur", 2, 19, 2),
        ("uc-eclairage-public", 1, 8, 3),
    ]
    assert ranking[0]["title"] and ranking[0]["stability"] == 1.0
    assert set(found["by_profile"]) == {"collectivite", "entreprise", "etudiant"}
    both = json.loads(cli("results", code, "--format", "json").out)
    assert [r["poll"] for r in both] == ["uc", "data"]
    table = cli("results", code)
    assert table.code == 0 and "Top 10 des cas d’usage — 3 bulletins" in table.out
    assert "Prévision des crues" in table.out
    by_table = cli("results", code, "--poll", "uc", "--by", "table")
    assert "uc — table 1 (2)" in by_table.out


def test_importing_the_same_sheet_twice_changes_nothing(cli: Cli, db: str, tmp_path: Path) -> None:
    code = create(cli)["code"]
    path = sheet(tmp_path, SHEET)
    assert cli("vote", "import", code, str(path)).code == 0
    with Store(db) as store:
        before = store.snapshot(code)
    again = cli("vote", "import", code, str(path))
    assert again.code == 0
    assert "Bulletins ajoutés : 0 ; remplacés : 0 ; inchangés : 5" in again.out
    with Store(db) as store:
        assert store.snapshot(code) == before


def test_a_sheet_with_bad_rows_is_refused_listing_each_line(
    cli: Cli, db: str, tmp_path: Path
) -> None:
    code = create(cli)["code"]
    cli("vote", "import", code, str(sheet(tmp_path, SHEET)))
    with Store(db) as store:
        before = store.snapshot(code)
    bad = SHEET.replace(
        "P03,étudiant,2,uc,uc-inondation", "P03,étudiant,2,uc,uc-inondation;uc-nulle"
    )
    bad += "P04,,3,top,uc-inondation\n,,,uc,uc-inondation\nP05,,3,uc,uc-inondation;uc-inondation\n"
    path = sheet(tmp_path, bad, "mauvais.csv")
    result = cli("vote", "import", code, str(path))
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[:-1] == [
        f"{path}:4: bulletin refusé pour le vote « uc » : cartes inconnues pour ce vote : « uc-nulle » (attendu : des cas d’usage)",
        f"{path}:7: vote inconnu « top » ; votes de la session : uc, data",
        f"{path}:8: colonne participant vide",
        f"{path}:9: bulletin refusé pour le vote « uc » : carte choisie deux fois : « uc-inondation »",
    ]
    assert lines[-1] == "jnt-fresque: fichier refusé : 4 lignes en erreur ; rien n’a été enregistré"
    assert "Traceback" not in result.err
    with Store(db) as store:
        assert store.snapshot(code) == before


def test_refusals_in_english(
    cli: Cli, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = create(cli)["code"]
    monkeypatch.setenv("JNT_FRESQUE_LANG", "en")
    result = cli(
        "vote", "import", code, str(sheet(tmp_path, "participant,poll,choices\nP1,uc,uc-x\n"))
    )
    assert result.code == 2
    assert "cards unknown to this poll: « uc-x »" in result.err
    assert result.err.endswith("jnt-fresque: file refused: 1 bad row; nothing was saved\n")
    missing = cli("results", "NOPE42")
    assert (missing.code, missing.err) == (
        2,
        "jnt-fresque: no session « NOPE42 »; see jnt-fresque session list\n",
    )


def test_a_sheet_without_the_columns_is_refused(cli: Cli, db: str, tmp_path: Path) -> None:
    code = create(cli)["code"]
    result = cli("vote", "import", code, str(sheet(tmp_path, "nom,vote\nA,uc\n")))
    assert result.code == 2
    assert ":1: colonnes manquantes : participant, choices" in result.err


def test_a_french_spreadsheet_with_semicolons_and_an_xlsx(
    cli: Cli, db: str, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    code = create(cli)["code"]
    semicolons = (
        'Participant;Profil;Table;Vote;Choix\nP1;Autre;T4;uc;"uc-inondation;uc-eclairage-public"\n'
    )
    assert cli("vote", "import", code, str(sheet(tmp_path, semicolons))).code == 0
    book = Workbook()
    sheet_ = book.active
    assert sheet_ is not None
    sheet_.append(["participant", "profile", "table", "poll", "choices"])
    sheet_.append(["P2", "Entreprise", 4, "data", "data-bu;data-hy"])
    book.save(tmp_path / "papier.xlsx")
    assert cli("vote", "import", code, str(tmp_path / "papier.xlsx")).code == 0
    with Store(db) as store:
        snapshot = store.snapshot(code)
    assert {(b.participant, b.choices) for b in snapshot.ballots} == {
        ("P1", ("uc-inondation", "uc-eclairage-public")),
        ("P2", ("data-bu", "data-hy")),
    }
    assert snapshot.participant("P1").table == 4


def test_steering_a_session(cli: Cli, db: str, tmp_path: Path) -> None:
    code = create(cli)["code"]
    assert (
        cli(
            "session",
            "poll-add",
            code,
            "props",
            "--over",
            "proposed",
            "--method",
            "approval",
            "--k",
            "3",
        ).code
        == 0
    )
    assert cli("session", "poll-close", code, "uc").code == 0
    refused = cli(
        "vote",
        "import",
        code,
        str(sheet(tmp_path, "participant,poll,choices\nP1,uc,uc-inondation\n")),
    )
    assert refused.code == 2 and "le vote « uc » est clos" in refused.err
    assert cli("session", "poll-open", code, "uc").code == 0
    assert "Résultats" in cli("session", "phase", code, "results").out
    shown = json.loads(cli("session", "show", code, "--format", "json").out)
    assert shown["phase"] == "results"
    assert [(p["id"], p["open"]) for p in shown["polls"]] == [
        ("uc", False),
        ("data", False),
        ("props", False),
    ]
    assert cli("session", "close", code).code == 0
    assert cli("session", "reopen", code).code == 0
    assert cli("session", "phase", code, "dessert").code == 2


def test_links_and_proposals_from_sheets(cli: Cli, db: str, tmp_path: Path) -> None:
    code = create(cli)["code"]
    links = sheet(
        tmp_path,
        "table,use_case,data,note\n1,uc-inondation,data-hy,crues\n2,uc-inondation,data-el,\n",
        "liens.csv",
    )
    assert "Liens ajoutés : 2" in cli("links", "import", code, str(links)).out
    props = sheet(
        tmp_path,
        "table,title,pitch,data\n3,Fraîcheur des cours,Des cours d’école plus fraîches,data-lc;data-bu\n",
        "props.csv",
    )
    assert "Cartes proposées ajoutées : 1" in cli("proposals", "import", code, str(props)).out
    bad = sheet(tmp_path, "table,use_case,data\n1,uc-inondation,data-zz\n", "bad.csv")
    assert cli("links", "import", code, str(bad)).code == 2


def test_exports_and_import_round_trip(cli: Cli, db: str, tmp_path: Path) -> None:
    code = create(cli)["code"]
    cli("vote", "import", code, str(sheet(tmp_path, SHEET)))
    for format, name, files in [
        ("json", "s.json", ["s.json"]),
        ("csv", "s.csv", ["s-links.csv", "s-ballots.csv", "s-proposals.csv"]),
        ("xlsx", "s.xlsx", ["s.xlsx"]),
        ("preflib", "s", ["s-uc.soi", "s-data.soi"]),
        ("graphml", "s.graphml", ["s.graphml"]),
    ]:
        result = cli("session", "export", code, "--format", format, "-o", str(tmp_path / name))
        assert result.code == 0, result.err
        for file in files:
            assert (tmp_path / file).is_file(), file
    refused = cli("session", "import", str(tmp_path / "s.json"))
    assert refused.code == 2 and "existe déjà" in refused.err
    imported = cli("session", "import", str(tmp_path / "s.json"), "--new-code")
    assert imported.code == 0 and "bulletins : 5" in imported.out
    new_code = imported.out.split()[1]
    assert (
        json.loads(cli("results", new_code, "--poll", "uc", "--format", "json").out)["ballots"] == 3
    )
    not_json = sheet(tmp_path, "pas du json", "x.json")
    assert cli("session", "import", str(not_json)).code == 2


def test_report_and_vote_codes(cli: Cli, db: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    code = create(cli)["code"]
    cli("vote", "import", code, str(sheet(tmp_path, SHEET)))
    result = cli("session", "report", code, "-o", str(tmp_path / "rapport.pdf"))
    assert result.code == 0, result.err
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "rapport.pdf").pages)
    assert "Atelier VirtualTer" in text and "Top 10 des cas d’usage" in text
    codes = cli(
        "vote-codes",
        code,
        "-n",
        "20",
        "-o",
        str(tmp_path / "codes.pdf"),
        "--url",
        "http://atelier.local/",
    )
    assert codes.code == 0, codes.err
    reader = PdfReader(tmp_path / "codes.pdf")
    assert len(reader.pages) == 2  # 16 slips a page
    with Store(db) as store:
        issued = [v.code for v in store.snapshot(code).vote_codes]
    printed = " ".join(page.extract_text() for page in reader.pages)
    assert len(issued) == 20 and all(c in printed for c in issued)
    # From now on a paper ballot must carry a printed code.
    refused = cli(
        "vote",
        "import",
        code,
        str(sheet(tmp_path, "participant,poll,choices\nP9,uc,uc-inondation\n")),
    )
    assert refused.code == 2 and "n’est pas un code de vote de cette session" in refused.err
    slip = issued[0].lower().replace("-", "")
    accepted = cli(
        "vote",
        "import",
        code,
        str(sheet(tmp_path, f"participant,poll,choices\n{slip},uc,uc-inondation\n")),
    )
    assert accepted.code == 0, accepted.err


def test_an_unreachable_database_is_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JNT_FRESQUE_DB", "postgresql://nobody@127.0.0.1:1/none")
    result = cli("session", "list")
    assert result.code == 1
    assert result.err.startswith("jnt-fresque: base de données injoignable (")
    assert len(result.err.splitlines()) == 1
