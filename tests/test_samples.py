from __future__ import annotations

import json

import pytest

from jnt_fresque import inspire, samples


def test_every_sample_has_its_file_provenance_and_attribution() -> None:
    assert "lyon1-batiments" in samples.names()
    for name in samples.names():
        sample = samples.info(name)
        assert sample.path.is_file(), name
        assert sample.provenance.is_file(), name
        assert sample.credit("fr").startswith("Source\u00a0: "), name
        assert sample.credit("en").startswith("Source: "), name
        assert sample.producer in sample.credit("en"), name  # proper names stay as they are
        assert sample.theme in inspire.CODES, name


def test_geojson_samples_open_with_their_features() -> None:
    buildings = json.loads(samples.path("lyon1-batiments").read_text(encoding="utf-8"))
    assert len(buildings["features"]) == 2576
    assert all(f["properties"]["HAUTEUR"] is not None for f in buildings["features"])
    stations = json.loads(samples.path("lyon1-velov").read_text(encoding="utf-8"))
    assert len(stations["features"]) == 20


def test_an_unknown_sample_lists_the_valid_names() -> None:
    with pytest.raises(KeyError, match="samples: lyon-arrondissements, lyon1-arbres"):
        samples.path("paris")
