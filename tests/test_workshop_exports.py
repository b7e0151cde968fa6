"""Exports: the JSON comes back whole, the CSV ballots re-import, the PrefLib files
recount to the same results in pref_voting, the board reads as GraphML."""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jnt_fresque.i18n import Text
from jnt_fresque.interchange import exports
from jnt_fresque.store import Store
from jnt_fresque.workshop import Link, Profile, Proposal
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.polls import Method, Poll, Subject
from jnt_fresque.workshop.snapshot import Snapshot
from jnt_fresque.workshop.tallies import tally

UC = ["uc-inondation", "uc-ilots-de-chaleur", "uc-mobilite-transports", "uc-eclairage-public"]
# Participants as the store knows them: two tokens the app hands out (16 hex digits, as
# `new_token` makes) and a name written on a paper ballot sheet. Long and distinctive, so
# that finding one in an export means it leaked, never a coincidence with a card or id.
TOKENS = ("3f9c2a7be41d0c58", "b07e5d1a9c3f6e24", "marie.dupont@ville-lyon.fr")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'atelier.sqlite'}") as opened:
        yield opened


@pytest.fixture
def snapshot(store: Store) -> Snapshot:
    code = store.create_session("Atelier « export »", date="2025-06-12")[0].code
    store.add_poll(code, Poll("appro", Text(fr="A", en="A"), Method.approval, Subject.data, k=3))
    store.add_poll(code, Poll("dots", Text(fr="D", en="D"), Method.dots, Subject.uc, dots=3))
    people = zip(TOKENS, [Profile.collectivite, Profile.etudiant, None], [1, 1, 2], strict=True)
    for n, (token, profile, table) in enumerate(people):
        store.join(code, token=token, profile=profile, table=table)
        store.submit_ballot(code, "uc", token, UC[n:] + UC[:n])
        store.submit_ballot(code, "data", token, ["data-hy", "data-bu"][n % 2 :])
        store.submit_ballot(code, "appro", token, ["data-hy", "data-lc"][: n + 1])
        store.submit_ballot(code, "dots", token, [UC[0], UC[0], UC[n]])
    store.add_link(code, Link(UC[0], "data-hy", table=1, note="débits"))
    store.add_link(code, Link(UC[0], "data-hy", participant=TOKENS[2]))
    store.add_link(code, Link(UC[1], "data-lc", table=2))
    store.propose(
        code, Proposal("", "Fraîcheur des cours", data=("data-lc",), participant=TOKENS[1])
    )
    return store.snapshot(code)


def test_the_json_export_comes_back_whole(snapshot: Snapshot, tmp_path: Path) -> None:
    path = exports.write_json(snapshot, tmp_path / "session.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (
        data["format"] == "jnt-fresque-session" and data["session"]["code"] == snapshot.session.code
    )
    assert "Atelier « export »" in path.read_text(encoding="utf-8")  # French kept as is
    assert exports.read_json(path) == snapshot


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    for content in (
        "{",
        "[]",
        '{"format": "other"}',
        '{"format": "jnt-fresque-session", "version": 1}',
    ):
        path = tmp_path / "x.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(WorkshopError, match="export de session illisible"):
            exports.read_json(path)


def _readable(path: Path) -> str:
    """All the text a reader of the exported file could find in it."""
    if path.suffix == ".xlsx":  # every part of the archive: cells, sheet names, properties
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        # Without spaces or line breaks: a token wrapped in a table cell is still found.
        return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8-sig")


def test_only_the_json_backup_holds_participant_tokens(
    snapshot: Snapshot, store: Store, tmp_path: Path
) -> None:
    from jnt_fresque.reporting.report import write_report

    assert {p.token for p in snapshot.participants} == set(TOKENS)
    written: dict[str, list[Path]] = {
        fmt: list(exports.write(snapshot, tmp_path / f"atelier.{fmt}", fmt, store.decks))
        for fmt in ("json", "csv", "xlsx", "preflib", "graphml")
    }
    written["report"] = [write_report(snapshot, tmp_path / "rapport.pdf", store.decks)]
    assert [len(files) for files in written.values()] == [1, 3, 1, 4, 1, 1]
    # The JSON is the facilitator's backup: it keeps the tokens, to be imported again.
    backup = _readable(written["json"][0])
    assert all(token in backup for token in TOKENS)
    # Everything else is for sharing: no token, whole or in part of a longer text.
    for fmt, files in written.items():
        if fmt == "json":
            continue
        for path in files:
            text = _readable(path)
            assert text.strip(), path.name
            leaked = [token for token in TOKENS if token in text]
            assert leaked == [], f"{path.name} shows participant tokens {leaked}"
    # In their place, the pseudonyms in the order people joined.
    tables = exports.tables(snapshot)
    seen = {row[0] for name in ("ballots", "links") for row in tables[name][1:] if row[0]}
    assert seen == {"p001", "p002", "p003"}
    assert tables["proposals"][1][1] == "p002"


def test_csv_ballots_import_again(snapshot: Snapshot, store: Store, tmp_path: Path) -> None:
    written = exports.write_csv(snapshot, tmp_path / "atelier.csv")
    assert [p.name for p in written] == [
        "atelier-links.csv",
        "atelier-ballots.csv",
        "atelier-proposals.csv",
    ]
    ballots = list(csv.DictReader(written[1].open(encoding="utf-8-sig")))
    assert ballots[0] == {"participant": "p001", "profile": "collectivite", "table": "1", "poll": "appro",
                          "choices": "data-hy"}  # fmt: skip
    from jnt_fresque.interchange.paper_sheets import read_rows

    code = store.create_session("Copie")[0].code
    store.add_poll(code, Poll("appro", Text(fr="A", en="A"), Method.approval, Subject.data, k=3))
    store.add_poll(code, Poll("dots", Text(fr="D", en="D"), Method.dots, Subject.uc, dots=3))
    report = store.import_ballots(code, read_rows(written[1], "ballots"))
    assert report.added == len(snapshot.ballots)
    copy = store.snapshot(code)
    for poll in snapshot.polls:
        ours = tally(poll, snapshot.ballots_of(poll.id))
        theirs = tally(copy.poll(poll.id), copy.ballots_of(poll.id))
        assert [(s.card, s.rank, s.approval, s.borda, s.dots) for s in ours.scores] == [
            (s.card, s.rank, s.approval, s.borda, s.dots) for s in theirs.scores
        ]


def test_the_workbook_holds_every_table(snapshot: Snapshot, store: Store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = exports.write_xlsx(snapshot, tmp_path / "atelier.xlsx", store.decks)
    book = load_workbook(path)
    assert book.sheetnames == ["session", "results", "links", "ballots", "proposals"]
    assert [c.value for c in book["ballots"][1]] == list(exports.BALLOT_HEADER)
    assert book["ballots"].max_row == len(snapshot.ballots) + 1
    results = [[c.value for c in row] for row in book["results"].iter_rows(min_row=2)]
    assert {row[0] for row in results} == {"uc", "data", "appro", "dots"}


def test_preflib_files_recount_to_the_same_results(
    snapshot: Snapshot, store: Store, tmp_path: Path
) -> None:
    from pref_voting.io.readers import preflib_to_profile
    from pref_voting.margin_based_methods import beat_path
    from preflibtools.instances import CategoricalInstance, OrdinalInstance

    written = exports.write_preflib(snapshot, tmp_path / "bulletins", store.decks)
    assert sorted(p.name for p in written) == [
        "bulletins-appro.cat", "bulletins-data.soi", "bulletins-dots.toi", "bulletins-uc.soi",
    ]  # fmt: skip
    uc_file = tmp_path / "bulletins-uc.soi"
    instance = OrdinalInstance(str(uc_file))
    assert instance.num_voters == 3 and instance.num_alternatives == len(store.decks.cards("uc"))
    names = instance.alternatives_name
    profile = preflib_to_profile(str(uc_file), use_cand_names=False)
    profile.use_extended_strict_preference()
    poll = snapshot.poll("uc")
    ours = tally(poll, snapshot.ballots_of("uc"))
    winners = sorted(names[c] for c in beat_path(profile))
    assert winners == sorted(s.card for s in ours.scores if s.condorcet == 1)
    # Borda from the file, by hand: k − position.
    points: dict[str, int] = {}
    for order in instance.orders:
        for position, (alternative,) in enumerate(order):
            points[names[alternative]] = (
                points.get(names[alternative], 0)
                + (poll.k - position) * instance.multiplicity[order]
            )
    assert points == {s.card: s.borda for s in ours.scores}
    approval = CategoricalInstance(str(tmp_path / "bulletins-appro.cat"))
    assert approval.num_voters == 3 and approval.num_categories == 2
    toi = OrdinalInstance(str(tmp_path / "bulletins-dots.toi"))
    assert toi.num_voters == 3


def test_the_board_as_graphml(snapshot: Snapshot, store: Store, tmp_path: Path) -> None:
    import networkx as nx

    path = exports.write_graphml(snapshot, tmp_path / "plateau.graphml", store.decks)
    graph = nx.read_graphml(path)
    assert graph.nodes[UC[0]]["kind"] == "uc"
    assert graph.nodes["data-hy"]["title"] == store.decks.card("data-hy").title.fr
    edge = graph.edges[UC[0], "data-hy"]
    assert edge["weight"] == 2 and edge["notes"] == "débits"
    assert edge["makers"] == "p:p003;t:1"
