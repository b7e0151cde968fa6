"""Controlled vocabularies of the card format, with their French and English labels.

Each vocabulary is a ``Literal`` type (what a YAML file may say) and a mapping
from each value to its label (what a card or a screen shows).
"""

from __future__ import annotations

from typing import Literal, get_args

from jnt_fresque.i18n import Text

Kind = Literal["uc", "data", "blank", "term", "question"]
KIND_LABELS: dict[str, Text] = {
    "uc": Text(fr="Cas d’usage", en="Use case"),
    "data": Text(fr="Données", en="Data"),
    "blank": Text(fr="Carte vierge", en="Blank card"),
    "term": Text(fr="Vocabulaire", en="Vocabulary"),
    "question": Text(fr="Question clé", en="Key question"),
}
# Card ids start with the prefix of their kind: uc-inondation, data-bu, q-usage-objectif…
ID_PREFIX: dict[str, str] = {
    "uc": "uc",
    "data": "data",
    "blank": "blank",
    "term": "term",
    "question": "q",
}

Scale = Literal[
    "building", "block", "district", "city", "intercommunal", "department", "region", "national"
]
SCALE_LABELS: dict[str, Text] = {
    "building": Text(fr="Bâtiment", en="Building"),
    "block": Text(fr="Îlot", en="Block"),
    "district": Text(fr="Quartier", en="District"),
    "city": Text(fr="Commune", en="Municipality"),
    "intercommunal": Text(fr="Intercommunalité", en="Inter-municipal area"),
    "department": Text(fr="Département", en="Département"),
    "region": Text(fr="Région", en="Region"),
    "national": Text(fr="National", en="National"),
}

TimeStep = Literal["real_time", "hour", "day", "month", "year", "multi_year", "scenario"]
TIME_STEP_LABELS: dict[str, Text] = {
    "real_time": Text(fr="Temps réel", en="Real time"),
    "hour": Text(fr="Heure", en="Hour"),
    "day": Text(fr="Jour", en="Day"),
    "month": Text(fr="Mois", en="Month"),
    "year": Text(fr="Année", en="Year"),
    "multi_year": Text(fr="Pluriannuel", en="Several years"),
    "scenario": Text(fr="Scénario prospectif", en="Future scenario"),
}

# What a twin does (ETSI GR CIM 017): from telling the state to recommending actions.
Capability = Literal["descriptive", "diagnostic", "predictive", "prospective", "prescriptive"]
CAPABILITY_LABELS: dict[str, Text] = {
    "descriptive": Text(fr="Descriptif", en="Descriptive"),
    "diagnostic": Text(fr="Diagnostique", en="Diagnostic"),
    "predictive": Text(fr="Prédictif", en="Predictive"),
    "prospective": Text(fr="Prospectif", en="Prospective"),
    "prescriptive": Text(fr="Prescriptif", en="Prescriptive"),
}

# How a twin is built (MINnD2050 / CNIG SGT4): the platform at its centre.
Implementation = Literal["gis", "bim", "entity"]
IMPLEMENTATION_LABELS: dict[str, Text] = {
    "gis": Text(fr="Centré SIG", en="GIS-centric"),
    "bim": Text(fr="Centré BIM", en="BIM-centric"),
    "entity": Text(fr="Orienté entités (ville intelligente)", en="Entity-oriented (smart city)"),
}

Standard = Literal[
    "WMS",
    "WMTS",
    "WFS",
    "WCS",
    "OGC API Features",
    "OGC API Processes",
    "SensorThings API",
    "3D Tiles",
    "I3S",
    "CityGML",
    "CityJSON",
    "IFC",
    "BCF",
    "LandXML",
    "NGSI-LD",
    "GeoJSON",
    "GeoPackage",
    "GeoTIFF",
    "LAS/LAZ",
    "NetCDF",
    "GRIB",
    "GTFS",
    "GTFS-RT",
    "NeTEx",
    "SIRI",
    "DATEX II",
    "INSPIRE",
    "ISO 19115",
    "EPANET",
    "SANDRE",
    "PCRS",
    "StaR-DT",
    "CNIG PLU",
    "CNOSSOS-EU",
]
STANDARDS: tuple[str, ...] = get_args(Standard)

Cadence = Literal[
    "continuous",
    "daily",
    "weekly",
    "monthly",
    "quarterly",
    "yearly",
    "multi_year",
    "editions",
    "irregular",
    "static",
]
CADENCE_LABELS: dict[str, Text] = {
    "continuous": Text(fr="En continu", en="Continuous"),
    "daily": Text(fr="Quotidienne", en="Daily"),
    "weekly": Text(fr="Hebdomadaire", en="Weekly"),
    "monthly": Text(fr="Mensuelle", en="Monthly"),
    "quarterly": Text(fr="Trimestrielle", en="Quarterly"),
    "yearly": Text(fr="Annuelle", en="Yearly"),
    "multi_year": Text(fr="Pluriannuelle", en="Every few years"),
    "editions": Text(fr="Par éditions datées", en="Dated editions"),
    "irregular": Text(fr="Irrégulière", en="Irregular"),
    "static": Text(fr="Stable (sans mise à jour régulière)", en="Stable (no regular update)"),
}

# The six families of the key-questions grid (CNIG / MINnD2050 SGT4).
Family = Literal["users", "usage", "scales", "data", "technique", "governance"]
FAMILY_LABELS: dict[str, Text] = {
    "users": Text(fr="Utilisateurs", en="Users"),
    "usage": Text(fr="Usage", en="Usage"),
    "scales": Text(fr="Échelles", en="Scales"),
    "data": Text(fr="Données", en="Data"),
    "technique": Text(fr="Technique", en="Technology"),
    "governance": Text(fr="Standards et gouvernance", en="Standards and governance"),
}

# Reliability of a glossary definition, as the working group's glossary codes it.
Reliability = Literal["1", "2", "3", "4", "X"]
RELIABILITY_LABELS: dict[str, Text] = {
    "1": Text(
        fr="Définition normative (norme publiée)", en="Normative definition (published standard)"
    ),
    "2": Text(
        fr="Définition réglementaire ou institutionnelle",
        en="Regulatory or institutional definition",
    ),
    "3": Text(fr="Usage professionnel établi", en="Established professional usage"),
    "4": Text(fr="Définition de travail du groupe", en="Working definition of the group"),
    "X": Text(fr="Pas de définition normative disponible", en="No normative definition available"),
}

Weight = Literal["primary", "secondary"]
WEIGHT_LABELS: dict[str, Text] = {
    "primary": Text(fr="Indispensable", en="Essential"),
    "secondary": Text(fr="Utile", en="Useful"),
}
