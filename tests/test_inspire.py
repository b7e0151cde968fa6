from __future__ import annotations

import pytest

from jnt_fresque import inspire


def test_the_34_themes_by_annex() -> None:
    assert len(inspire.THEMES) == 34
    assert [len(inspire.by_annex(a)) for a in ("I", "II", "III")] == [9, 4, 21]
    assert len(inspire.CODES) == 34


def test_a_theme_has_its_register_uri_and_both_names() -> None:
    buildings = inspire.theme("bu")
    assert buildings.uri == "http://inspire.ec.europa.eu/theme/bu"
    assert (buildings.name.fr, buildings.name.en) == ("Bâtiments", "Buildings")
    assert buildings.label == "III.2"
    assert inspire.theme("gn").label == "I.3"


def test_orders_run_without_gaps_within_each_annex() -> None:
    for annex in ("I", "II", "III"):
        orders = [t.order for t in inspire.by_annex(annex)]
        assert orders == list(range(1, len(orders) + 1))


def test_an_unknown_code_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="expected one of: rs, gg"):
        inspire.theme("xx")
