"""What the facilitator sets, kept with the session (revision 0003): an older database
gets it on opening, with the behaviour it had before."""

from __future__ import annotations

from pathlib import Path

from jnt_fresque.store import Store
from jnt_fresque.store import migrate as migrations
from jnt_fresque.store.engine import make_engine

from .test_store_migrations import _first_revision_session


def test_an_older_session_shows_its_results_and_gets_a_pass_key(store_url: str) -> None:
    _first_revision_session(store_url)
    with Store(store_url) as store:
        assert not store.results_hidden("OLD234")  # what every process showed before
        made = store.facilitator_pass("OLD234")  # the key is drawn on first use
        assert store.check_facilitator_pass(made) == "OLD234"
        store.set_results_hidden("OLD234", True)
        assert store.results_hidden("OLD234")


def test_revision_0003_goes_down_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'down.sqlite'}"
    with Store(url) as store:
        session, _ = store.create_session("Aller-retour", results_hidden=True)
    engine = make_engine(url)
    with engine.begin() as connection:
        command.downgrade(migrations.config(connection), "0002")
    engine.dispose()
    with Store(url) as store:  # opening migrates again: the session is there, shown
        assert store.session(session.code).title == "Aller-retour"
        assert not store.results_hidden(session.code)
