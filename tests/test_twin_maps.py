"""Maps return objects to inspect: layers, their data, the attribution; nothing fetched online."""

from __future__ import annotations

import doctest
import hashlib
import re
from importlib.resources import files
from types import ModuleType

import pytest

from jnt_fresque.reference import samples
from jnt_fresque.twin import city, maps, offline_assets
from jnt_fresque.twin.broker import Broker
from jnt_fresque.twin.water import WaterNetwork


@pytest.fixture(scope="module")
def broker() -> Broker:
    b = Broker()
    city.publish_city(b, hours=0.5, step_minutes=30, entities=[
        city.arrondissement(), *city.buildings(limit=200), *city.street_trees(limit=50),
        *city.bike_stations(), *city.air_quality_stations()])  # fmt: skip
    return b


def test_twin_map_has_a_layer_per_type_and_the_attribution(broker: Broker) -> None:
    m = maps.twin_map(broker)
    assert sorted(maps.layer_names(m)) == [
        "AdministrativeArea", "AirQualityObserved", "BikeHireDockingStation", "Building", "StreetTree",
    ]  # fmt: skip
    html = m.get_root().render()
    assert samples.info("lyon1-batiments").credit("fr").split(" – ")[0] in m.jnt_attribution
    assert "Licence Ouverte" in html
    assert "tile.openstreetmap" not in html  # offline: no basemap
    assert offline_assets.remote_resources(html) == []
    layer = next(
        c for c in m._children.values() if getattr(c, "layer_name", "") == "BikeHireDockingStation"
    )
    props = layer.data["features"][0]["properties"]
    assert "availableBikeNumber" in props  # popups show current values


def test_buildings_in_3d(broker: Broker) -> None:
    deck = maps.buildings_3d(broker, colour_by="usage")
    layer = deck.layers[0]
    assert layer.type == "PolygonLayer" and layer.extruded
    assert len(layer.data) == 200
    assert {len(row["colour"]) for row in layer.data} == {3}
    usages = {row["usage"]: tuple(row["colour"]) for row in layer.data}
    assert len(set(usages.values())) == len(usages)  # one colour per use
    assert deck.map_provider is None and "BD TOPO" in deck.jnt_attribution
    by_height = maps.buildings_3d(city.buildings(limit=20), colour_by="height")
    tallest = max(by_height.layers[0].data, key=lambda r: r["height"])
    assert tallest["colour"] == maps.RAMP[-1]


def test_water_network_coloured_by_pressure() -> None:
    net = WaterNetwork.net3()
    results = net.simulate(hours=2)
    states = {s["id"]: s for s in net.states(results, 1)}
    docs = [{**e, **states.get(e["id"], {})} for e in net.entities()]
    deck = maps.water_network_3d(docs, highlight=["251"])
    links, nodes = deck.layers
    assert (links.type, nodes.type) == ("PathLayer", "ScatterplotLayer")
    assert len(links.data) == 119 and len(nodes.data) == 97
    lowest = min((r for r in nodes.data if r["type"] == "Junction"), key=lambda r: r["value"])
    assert lowest["colour"] == maps.RAMP[0]
    assert next(r for r in nodes.data if r["id"].endswith("-251"))["radius"] > 25
    assert "EPANET" in deck.jnt_attribution


@pytest.mark.parametrize("module", [maps, offline_assets], ids=lambda m: m.__name__)
def test_examples_in_docstrings_run(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# --- the 2D map draws offline: Leaflet inlined, no CDN link -------------------------------


def test_twin_map_page_carries_leaflet_and_fetches_nothing() -> None:
    m = maps.twin_map(city.bike_stations())
    page = m.get_root().render()
    assert offline_assets.remote_resources(page) == []
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page
    assert f"Leaflet {offline_assets.LEAFLET_VERSION}" in page  # its @preserve licence header
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page  # the stylesheet's images travel as data: URIs
    assert maps.PLAIN_BACKGROUND in page
    # Leaflet is defined before the map script uses it.
    assert page.index("window.L=") < page.index("L.map(")
    # What a notebook shows (an iframe's srcdoc) is the same offline page.
    assert offline_assets.remote_resources(m._repr_html_()) == []
    again = m.get_root().render()
    assert again.count(f"Leaflet {offline_assets.LEAFLET_VERSION}") == 1  # one copy, still


def test_each_layer_credits_its_source() -> None:
    m = maps.twin_map([*city.bike_stations(), *city.street_trees(limit=5)])
    credits = {
        c.layer_name: c.options.get("attribution")
        for c in m._children.values()
        if hasattr(c, "layer_name") and c.layer_name in ("BikeHireDockingStation", "StreetTree")
    }
    assert "Vélo’v" in credits["BikeHireDockingStation"]
    assert "Arbres d’alignement" in credits["StreetTree"]
    assert "Vélo’v" in m.jnt_attribution and "Arbres" in m.jnt_attribution
    given = maps.twin_map(city.bike_stations(), attribution="Mes <données>")
    layer = next(c for c in given._children.values() if hasattr(c, "layer_name"))
    assert layer.options["attribution"] == "Mes &lt;données&gt;"  # Leaflet writes it as HTML


def test_basemap_is_an_online_option_on_top_of_the_same_offline_page() -> None:
    m = maps.twin_map(city.bike_stations(), basemap=True)
    page = m.get_root().render()
    assert "tile.openstreetmap.org" in page and "OpenStreetMap" in page
    assert maps.PLAIN_BACKGROUND not in page
    assert offline_assets.remote_resources(page) == []  # the tiles come from a script


def test_inline_leaflet_replaces_links_of_a_map_rendered_before() -> None:
    import folium

    m = folium.Map(tiles=None)
    assert offline_assets.remote_resources(m.get_root().render())
    offline_assets.inline_leaflet(m)
    assert offline_assets.remote_resources(m.get_root().render()) == []
    assert folium.Map.default_js and folium.Map().default_js  # other maps keep folium's


def test_remote_resources_reads_scripts_styles_and_frames() -> None:
    page = (
        '<link rel="stylesheet" href="https://a.example/x.css">'
        '<script src="//b.example/y.js"></script><script src="local.js"></script>'
        "<style>@import 'http://c.example/z.css'; .i { background: url(data:image/png;base64,AA) }"
        " .j { background: url('https://d.example/t.png') }</style>"
        '<div style="background:url(https://e.example/u.png)"></div>'
        '<iframe srcdoc="&lt;script src=&quot;https://f.example/v.js&quot;&gt;&lt;/script&gt;">'
        "</iframe><script>var u = 'https://g.example/not-a-resource';</script>"
    )
    assert offline_assets.remote_resources(page) == [
        "https://a.example/x.css", "//b.example/y.js", "http://c.example/z.css",
        "https://d.example/t.png", "https://e.example/u.png", "https://f.example/v.js",
    ]  # fmt: skip


def test_vendored_leaflet_is_intact_and_licensed() -> None:
    folder = files("jnt_fresque.twin").joinpath("assets", "leaflet")
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    found = re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.M)
    listed = {name: digest for digest, name in found}
    assert len(listed) == 8
    for name, digest in listed.items():
        data = folder.joinpath(*name.split("/")).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
    licence = folder.joinpath("LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("BSD 2-Clause License") and "Volodymyr Agafonkin" in licence
    assert f"Leaflet {offline_assets.LEAFLET_VERSION}," in offline_assets.leaflet_js()[:200]
