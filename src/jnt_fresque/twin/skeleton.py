"""From cards to a twin: the skeleton a set of use-case and data cards calls for.

Given use cases (what the twin is for) and data cards (the INSPIRE themes
chosen), `propose` lists the twin's parts — entity types, the kit's sample
layers that fill them, the sensors that feed them, the standards — and what the
kit cannot fill; `Skeleton.build` publishes those parts from the samples into a
broker (a `Broker` or a `Client`).

Examples
--------
>>> skeleton = propose(["uc-eau-assainissement", "data-us", "data-hy"])
>>> [c.key for c in skeleton.components]
['area', 'water']
>>> "Junction" in skeleton.entity_types
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jnt_fresque.i18n import Lang, Message, say

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.cards.model import Card


@dataclass(frozen=True)
class Component:
    """A part of a twin the kit can build from its samples."""

    key: str
    title: Message  # said in the reader's language
    themes: frozenset[str]
    entity_types: tuple[str, ...]
    samples: tuple[str, ...]
    sensors: tuple[str, ...]  # the attributes a feed updates (Type.attribute)
    standards: tuple[str, ...]
    simulated: bool = False  # its feeds are invented by the kit, not computed by an engine

    def sensor_labels(self, lang: Lang) -> list[str]:
        """The sensors as a reader sees them, the simulated ones said so, in ``lang``.

        Examples
        --------
        >>> [c.sensor_labels("en") for c in COMPONENTS if c.key == "bikes"]
        [['BikeHireDockingStation.availableBikeNumber (simulated)']]
        """
        if not self.simulated:
            return list(self.sensors)
        return [say("twin_sensor_simulated", lang, sensor=s) for s in self.sensors]


COMPONENTS: tuple[Component, ...] = (
    Component(
        "area",
        Message("twin_part_area"),
        frozenset(),  # always there: the frame of every twin
        ("AdministrativeArea",),
        ("lyon1-arrondissement",),
        (),
        ("GeoJSON",),
    ),
    Component(
        "water",
        Message("twin_part_water"),
        frozenset({"us", "hy"}),
        ("Junction", "Pipe", "Pump", "Tank", "Reservoir", "Valve"),
        (),
        ("Junction.pressure", "Tank.level", "Pipe.flow", "Pump.status"),
        ("EPANET",),
    ),
    Component(
        "buildings",
        Message("twin_part_buildings"),
        frozenset({"bu"}),
        ("Building",),
        ("lyon1-batiments", "lyon1-citygml-lod2"),
        (),
        ("GeoJSON", "CityGML"),
    ),
    Component(
        "trees",
        Message("twin_part_trees"),
        frozenset({"lc", "hb", "sd", "lu"}),
        ("StreetTree",),
        ("lyon1-arbres",),
        (),
        ("GeoJSON",),
    ),
    Component(
        "bikes",
        Message("twin_part_bikes"),
        frozenset({"tn"}),
        ("BikeHireDockingStation",),
        ("lyon1-velov",),
        ("BikeHireDockingStation.availableBikeNumber",),
        ("GeoJSON",),
        simulated=True,
    ),
    Component(
        "air",
        Message("twin_part_air"),
        frozenset({"ac", "mf", "hh"}),
        ("AirQualityObserved",),
        (),
        ("AirQualityObserved.no2", "AirQualityObserved.pm10"),
        ("SensorThings API",),
        simulated=True,
    ),
)


@dataclass
class Skeleton:
    """The twin a set of cards calls for."""

    use_cases: list[str]
    data_cards: list[str]
    themes: list[str]
    components: list[Component]
    standards: list[str]
    capability: str | None
    uncovered: list[str] = field(default_factory=list)  # themes the kit has no sample for

    @property
    def entity_types(self) -> list[str]:
        return [t for c in self.components for t in c.entity_types]

    @property
    def samples(self) -> list[str]:
        return [s for c in self.components for s in c.samples]

    @property
    def sensors(self) -> list[str]:
        return [s for c in self.components for s in c.sensors]

    def summary(self) -> dict[str, Any]:
        """The skeleton as plain data (for JSON output)."""
        from jnt_fresque.reference import samples

        return {
            "useCases": self.use_cases,
            "dataCards": self.data_cards,
            "themes": self.themes,
            "capability": self.capability,
            "components": [
                {
                    "key": c.key,
                    "title": {"fr": c.title.fr, "en": c.title.en},
                    "entityTypes": list(c.entity_types),
                    "samples": [
                        {
                            "name": s,
                            "attribution": {
                                "fr": samples.info(s).credit("fr"),
                                "en": samples.info(s).credit("en"),
                            },
                        }
                        for s in c.samples
                    ],
                    "sensors": list(c.sensors),
                    "simulated": c.simulated,
                }
                for c in self.components
            ],
            "standards": self.standards,
            "uncoveredThemes": self.uncovered,
        }

    def build(
        self,
        target: Any,
        *,
        hours: float = 24.0,
        progress: Callable[[int, int], None] | None = None,
        lang: Lang = "fr",
    ) -> dict[str, int]:
        """Publish the skeleton's parts from the samples into ``target``; entities per part.

        The water network comes with ``hours`` of simulated hydraulics; bike stations and
        air-quality stations with ``hours`` of simulated readings (labelled as simulated).
        The entities' texts for people (attributions, names) are in ``lang``.
        """
        from jnt_fresque.twin import city

        keys = {c.key for c in self.components}
        counts: dict[str, int] = {}
        docs: list[dict[str, Any]] = []
        if "area" in keys:
            docs.append(city.arrondissement(lang=lang))
            counts["area"] = 1
        makers = {
            "buildings": city.buildings,
            "trees": city.street_trees,
            "bikes": city.bike_stations,
            "air": city.air_quality_stations,
        }
        for key, make in makers.items():
            if key in keys:
                made = make(lang=lang)
                counts[key] = len(made)
                docs += made
        if docs:
            city.publish_city(target, hours=hours, entities=docs, progress=progress)
        if "water" in keys:
            from jnt_fresque.twin.water import WaterNetwork

            network = WaterNetwork.net3(lang=lang)
            report = network.publish(
                target, results=network.simulate(hours=hours), progress=progress
            )
            counts["water"] = report.entities
        return counts


def propose(cards: Iterable[str | Card], *, decks: Decks | None = None) -> Skeleton:
    """The skeleton of a twin for use-case and data cards (ids or card objects).

    Raises
    ------
    KeyError
        If a card id is not in the decks.
    ValueError
        If no use case is given, or a card is neither a use case nor a data card.
    """
    if decks is None:
        from jnt_fresque.cards.loader import default_decks

        decks = default_decks()
    chosen = [decks.card(c) if isinstance(c, str) else c for c in cards]
    use_cases = [c for c in chosen if c.kind == "uc"]
    data = [c for c in chosen if c.kind == "data"]
    others = [c.id for c in chosen if c.kind not in ("uc", "data")]
    if others:
        raise ValueError(f"only use-case and data cards make a twin, not {', '.join(others)}")
    if not use_cases:
        raise ValueError("give at least one use-case card (uc-…)")
    needed: list[str] = []
    for uc in use_cases:
        needed += [t for t in uc.themes.codes if t not in needed]
    themes = [d.theme for d in data] if data else needed
    standards: list[str] = ["NGSI-LD"]
    for uc in use_cases:
        standards += [s for s in uc.standards if s not in standards]
    components = []
    for component in COMPONENTS:
        if component.key == "water":
            wanted = "us" in themes and ("hy" in themes or "EPANET" in standards)
        else:
            wanted = not component.themes or bool(component.themes & set(themes))
        if wanted:
            components.append(component)
            standards += [s for s in component.standards if s not in standards]
    covered = {t for c in components for t in c.themes} | {"au"}
    capabilities = [uc.capability for uc in use_cases]
    return Skeleton(
        use_cases=[c.id for c in use_cases],
        data_cards=[c.id for c in data],
        themes=themes,
        components=components,
        standards=standards,
        capability=max(capabilities, key=_CAPABILITY_ORDER.index) if capabilities else None,
        uncovered=[t for t in themes if t not in covered],
    )


_CAPABILITY_ORDER = ["descriptive", "diagnostic", "predictive", "prospective", "prescriptive"]
