"""The results dashboard never writes demonstration data into a store by surprise."""

from __future__ import annotations

from pathlib import Path

import pytest

from jnt_fresque.store import Store


def test_an_empty_real_database_stays_empty_and_the_board_says_so(tmp_path: Path) -> None:
    from jnt_fresque.widgets import ResultsBoard

    url = f"sqlite:///{tmp_path / 'reel.sqlite'}"
    with Store(url) as store:
        board = ResultsBoard(store)
        assert board.code is None
        assert store.sessions() == []  # nothing made up
        shown = board.widget.value
        assert "Aucune séance" in shown and "demo=True" in shown and "reel.sqlite" in shown
        with pytest.raises(LookupError, match="Aucune séance"):
            board.ranking("uc")
        english = ResultsBoard(store, lang="en")
        assert "No session in this store" in english.widget.value
        assert store.sessions() == []


def test_demo_data_only_when_asked(tmp_path: Path) -> None:
    from jnt_fresque.widgets import ResultsBoard

    with Store(f"sqlite:///{tmp_path / 'demo.sqlite'}") as store:
        board = ResultsBoard(store, demo=True, participants=6, resamples=0)
        [made] = store.sessions()
        assert board.code == made.session.code and len(store.snapshot(board.code).ballots) > 0
        # A second board reads that session; it does not make another one.
        assert ResultsBoard(store, demo=True).code == board.code
        assert len(store.sessions()) == 1
