"""Controlled vocabularies of the card format, with their labels in every language.

Each vocabulary is a ``Literal`` type (what a YAML file may say) and a mapping
from each value to its label (what a card or a screen shows): a `Message` of the
catalogues (``vocab_<vocabulary>_<value>``), so that a translator adds the labels
with the rest of a language's catalogue.
"""

from __future__ import annotations

from typing import Literal, get_args

from jnt_fresque.i18n import Message

Kind = Literal["uc", "data", "blank", "term", "question"]
KIND_LABELS: dict[str, Message] = {
    "uc": Message("vocab_kind_uc"),
    "data": Message("vocab_kind_data"),
    "blank": Message("vocab_kind_blank"),
    "term": Message("vocab_kind_term"),
    "question": Message("vocab_kind_question"),
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
SCALE_LABELS: dict[str, Message] = {
    "building": Message("vocab_scale_building"),
    "block": Message("vocab_scale_block"),
    "district": Message("vocab_scale_district"),
    "city": Message("vocab_scale_city"),
    "intercommunal": Message("vocab_scale_intercommunal"),
    "department": Message("vocab_scale_department"),
    "region": Message("vocab_scale_region"),
    "national": Message("vocab_scale_national"),
}

TimeStep = Literal["real_time", "hour", "day", "month", "year", "multi_year", "scenario"]
TIME_STEP_LABELS: dict[str, Message] = {
    "real_time": Message("vocab_time_step_real_time"),
    "hour": Message("vocab_time_step_hour"),
    "day": Message("vocab_time_step_day"),
    "month": Message("vocab_time_step_month"),
    "year": Message("vocab_time_step_year"),
    "multi_year": Message("vocab_time_step_multi_year"),
    "scenario": Message("vocab_time_step_scenario"),
}

# What a twin does (ETSI GR CIM 017): from telling the state to recommending actions.
Capability = Literal["descriptive", "diagnostic", "predictive", "prospective", "prescriptive"]
CAPABILITY_LABELS: dict[str, Message] = {
    "descriptive": Message("vocab_capability_descriptive"),
    "diagnostic": Message("vocab_capability_diagnostic"),
    "predictive": Message("vocab_capability_predictive"),
    "prospective": Message("vocab_capability_prospective"),
    "prescriptive": Message("vocab_capability_prescriptive"),
}

# How a twin is built (MINnD2050 / CNIG SGT4): the platform at its centre.
Implementation = Literal["gis", "bim", "entity"]
IMPLEMENTATION_LABELS: dict[str, Message] = {
    "gis": Message("vocab_implementation_gis"),
    "bim": Message("vocab_implementation_bim"),
    "entity": Message("vocab_implementation_entity"),
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
CADENCE_LABELS: dict[str, Message] = {
    "continuous": Message("vocab_cadence_continuous"),
    "daily": Message("vocab_cadence_daily"),
    "weekly": Message("vocab_cadence_weekly"),
    "monthly": Message("vocab_cadence_monthly"),
    "quarterly": Message("vocab_cadence_quarterly"),
    "yearly": Message("vocab_cadence_yearly"),
    "multi_year": Message("vocab_cadence_multi_year"),
    "editions": Message("vocab_cadence_editions"),
    "irregular": Message("vocab_cadence_irregular"),
    "static": Message("vocab_cadence_static"),
}

# The six families of the key-questions grid (CNIG / MINnD2050 SGT4).
Family = Literal["users", "usage", "scales", "data", "technique", "governance"]
FAMILY_LABELS: dict[str, Message] = {
    "users": Message("vocab_family_users"),
    "usage": Message("vocab_family_usage"),
    "scales": Message("vocab_family_scales"),
    "data": Message("vocab_family_data"),
    "technique": Message("vocab_family_technique"),
    "governance": Message("vocab_family_governance"),
}

# Reliability of a glossary definition, as the working group's glossary codes it.
Reliability = Literal["1", "2", "3", "4", "X"]
RELIABILITY_LABELS: dict[str, Message] = {
    "1": Message("vocab_reliability_1"),
    "2": Message("vocab_reliability_2"),
    "3": Message("vocab_reliability_3"),
    "4": Message("vocab_reliability_4"),
    "X": Message("vocab_reliability_x"),
}

Weight = Literal["primary", "secondary"]
WEIGHT_LABELS: dict[str, Message] = {
    "primary": Message("vocab_weight_primary"),
    "secondary": Message("vocab_weight_secondary"),
}
