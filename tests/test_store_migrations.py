"""Schema migrations: a database made at the first revision opens with today's kit,
the migrations end exactly at today's tables, and a newer database is refused."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from jnt_fresque.store import Store
from jnt_fresque.store import migrate as migrations
from jnt_fresque.store.engine import make_engine
from jnt_fresque.store.schema import metadata
from jnt_fresque.workshop.errors import WorkshopError

from .conftest import ROOT


def test_the_revision_list_matches_the_shipped_scripts() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrations.config())
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == migrations.REVISIONS
    assert scripts.get_current_head() == migrations.HEAD


def test_migrations_end_at_the_tables_the_code_uses(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(store_url)
    migrations.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def _first_revision_session(url: str) -> None:
    """What the kit at revision 0001 wrote: a session, a poll, a participant, a ballot."""
    engine = make_engine(url)
    migrations.upgrade(engine, "0001")
    with engine.begin() as connection:
        assert migrations.revision(connection) == "0001"
        assert "vote_codes" not in inspect(connection).get_table_names()
        connection.execute(
            text(
                "INSERT INTO sessions (id, code, title, date, decks, phase, closed, secret_hash,"
                " created_at) VALUES (1, 'OLD234', 'Atelier de 2024', '2024-11-20',"
                " :decks, 'vote', :no, 'x', '2024-11-20T09:00:00+00:00')"
            ),
            {"decks": json.dumps({"cas-usage": "0.9.0"}), "no": False},
        )
        connection.execute(
            text(
                "INSERT INTO polls (id, session_id, poll_id, title_fr, title_en, method, subject,"
                " k, dots, is_open, position) VALUES (1, 1, 'uc', 'Top 10', 'Top 10', 'ranked',"
                " 'uc', 10, 0, :yes, 0)"
            ),
            {"yes": True},
        )
        connection.execute(
            text(
                "INSERT INTO participants (id, session_id, token, profile, table_no, joined_at)"
                " VALUES (1, 1, 'ancien', 'autre', 2, '2024-11-20T09:01:00+00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO ballots (id, poll_pk, participant_pk, choices, submitted_at)"
                " VALUES (1, 1, 1, :choices, '2024-11-20T09:02:00+00:00')"
            ),
            {"choices": json.dumps(["uc-inondation", "uc-ilots-de-chaleur"])},
        )
    engine.dispose()


def test_a_database_from_the_first_revision_opens_and_upgrades(store_url: str) -> None:
    _first_revision_session(store_url)
    with Store(store_url) as store:  # opening migrates
        with store.engine.connect() as connection:
            assert migrations.revision(connection) == migrations.HEAD
        snapshot = store.snapshot("OLD234")
        assert snapshot.session.title == "Atelier de 2024"
        assert not snapshot.session.codes_required  # the new column's default
        assert [b.choices for b in snapshot.ballots] == [("uc-inondation", "uc-ilots-de-chaleur")]
        assert store.submit_ballot("OLD234", "uc", "ancien", ["uc-inondation"]) == "replaced"
        # What revision 0002 brought works on the old session.
        assert len(store.issue_vote_codes("OLD234", 2)) == 2


def test_a_database_from_a_newer_kit_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(WorkshopError, match="version plus récente de jnt-fresque"):
        Store(url)


def test_two_processes_opening_an_empty_database_migrate_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.sqlite'}"
    code = f"from jnt_fresque.store import Store; Store({url!r}).close()"
    runs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(4)
    ]
    for run in runs:
        _, err = run.communicate(timeout=60)
        assert run.returncode == 0, err.decode()
    with Store(url) as store, store.engine.connect() as connection:
        assert migrations.revision(connection) == migrations.HEAD


def test_the_wheel_carries_the_migration_scripts(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = tmp_path.glob("jnt_fresque-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "jnt_fresque/store/migrations/env.py" in names
    shipped = sorted((ROOT / "src/jnt_fresque/store/migrations/versions").glob("0*.py"))
    # Every revision, each script saying its own (a revision id may be longer than 4 digits).
    revisions = [re.search(r'^revision = "([^"]+)"', p.read_text(), re.M) for p in shipped]
    assert sorted(m[1] for m in revisions if m) == sorted(migrations.REVISIONS)
    for script in shipped:
        assert f"jnt_fresque/store/migrations/versions/{script.name}" in names
