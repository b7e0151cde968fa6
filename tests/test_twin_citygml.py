"""The LOD2 CityGML sample read beside its LOD1 extrusion, and what each costs."""

from __future__ import annotations

import pytest

from jnt_fresque.twin import citygml


def test_the_lod2_sample_has_its_roofs_walls_and_ground_in_lyon() -> None:
    house = citygml.read_lod2()
    assert house.id == "BU_69381AB133"
    assert house.counts() == {"GroundSurface": 1, "RoofSurface": 2, "WallSurface": 4}
    points = [p for s in house.surfaces for p in s.ring]
    assert all(4.81 < lon < 4.85 and 45.76 < lat < 45.78 for lon, lat, _ in points)  # Lyon 1er
    assert min(z for *_, z in points) == 0  # heights above the ground
    assert max(z for *_, z in points) == pytest.approx(10.38, abs=0.01)  # 197.40 → 207.78 m


def test_lod1_is_the_footprint_and_one_height() -> None:
    house = citygml.read_lod2()
    block = house.lod1()
    assert block["type"] == "Building" and block["height"] == pytest.approx(
        house.height(), abs=0.01
    )
    ring = block["location"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) >= 4


def test_lod2_costs_more_than_lod1() -> None:
    costs = citygml.lod_costs(citygml.read_lod2())
    assert costs["LOD1"]["surfaces"] == 1 and costs["LOD2"]["surfaces"] == 7
    assert costs["LOD2"]["vertices"] > 3 * costs["LOD1"]["vertices"]
    assert costs["LOD2"]["bytes"] > 100 * costs["LOD1"]["bytes"]  # the file and its texture


def test_the_two_levels_stand_side_by_side() -> None:
    deck = citygml.lod_deck(citygml.read_lod2())
    lod2, lod1 = deck.layers
    assert len(lod2.data) == 7 and lod1.extruded
    west_of_lod1 = min(lon for lon, _ in lod1.data[0]["polygon"])
    assert max(p[0] for row in lod2.data for p in row["polygon"]) < west_of_lod1
