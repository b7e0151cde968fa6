"""The 34 INSPIRE spatial data themes.

Every data card of the fresque stands for one of these themes, and every use
case names the themes it needs by their two-letter code. The facts come from
the INSPIRE theme register (codes, URIs, official English and French names) and
the annex grouping of Directive 2007/2/EC.

Examples
--------
>>> from jnt_fresque import inspire
>>> inspire.theme("bu").name.fr
'Bâtiments'
>>> len(inspire.THEMES)
34
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jnt_fresque.i18n import Text

Annex = Literal["I", "II", "III"]

REGISTRY = "http://inspire.ec.europa.eu/theme"


@dataclass(frozen=True, slots=True)
class Theme:
    """One INSPIRE theme: annex, order within the annex, code and names."""

    annex: Annex
    order: int
    code: str
    name: Text

    @property
    def uri(self) -> str:
        """The theme's URI in the INSPIRE registry."""
        return f"{REGISTRY}/{self.code}"

    @property
    def label(self) -> str:
        """The short label used on cards, e.g. ``III.2``."""
        return f"{self.annex}.{self.order}"


def _t(annex: Annex, order: int, code: str, en: str, fr: str) -> Theme:
    return Theme(annex=annex, order=order, code=code, name=Text(fr=fr, en=en))


THEMES: tuple[Theme, ...] = (
    _t("I", 1, "rs", "Coordinate reference systems", "Référentiels de coordonnées"),
    _t("I", 2, "gg", "Geographical grid systems", "Systèmes de maillage géographique"),
    _t("I", 3, "gn", "Geographical names", "Dénominations géographiques"),
    _t("I", 4, "au", "Administrative units", "Unités administratives"),
    _t("I", 5, "ad", "Addresses", "Adresses"),
    _t("I", 6, "cp", "Cadastral parcels", "Parcelles cadastrales"),
    _t("I", 7, "tn", "Transport networks", "Réseaux de transport"),
    _t("I", 8, "hy", "Hydrography", "Hydrographie"),
    _t("I", 9, "ps", "Protected sites", "Sites protégés"),
    _t("II", 1, "el", "Elevation", "Altitude"),
    _t("II", 2, "lc", "Land cover", "Occupation des terres"),
    _t("II", 3, "oi", "Orthoimagery", "Ortho-imagerie"),
    _t("II", 4, "ge", "Geology", "Géologie"),
    _t("III", 1, "su", "Statistical units", "Unités statistiques"),
    _t("III", 2, "bu", "Buildings", "Bâtiments"),
    _t("III", 3, "so", "Soil", "Sols"),
    _t("III", 4, "lu", "Land use", "Usage des sols"),
    _t("III", 5, "hh", "Human health and safety", "Santé et sécurité des personnes"),
    _t(
        "III",
        6,
        "us",
        "Utility and governmental services",
        "Services d'utilité publique et services publics",
    ),
    _t(
        "III",
        7,
        "ef",
        "Environmental monitoring facilities",
        "Installations de suivi environnemental",
    ),
    _t(
        "III",
        8,
        "pf",
        "Production and industrial facilities",
        "Lieux de production et sites industriels",
    ),
    _t(
        "III",
        9,
        "af",
        "Agricultural and aquaculture facilities",
        "Installations agricoles et aquacoles",
    ),
    _t(
        "III",
        10,
        "pd",
        "Population distribution — demography",
        "Répartition de la population — démographie",
    ),
    _t(
        "III",
        11,
        "am",
        "Area management/restriction/regulation zones and reporting units",
        "Zones de gestion, de restriction ou de réglementation et unités de déclaration",
    ),
    _t("III", 12, "nz", "Natural risk zones", "Zones à risque naturel"),
    _t("III", 13, "ac", "Atmospheric conditions", "Conditions atmosphériques"),
    _t(
        "III",
        14,
        "mf",
        "Meteorological geographical features",
        "Caractéristiques géographiques météorologiques",
    ),
    _t(
        "III",
        15,
        "of",
        "Oceanographic geographical features",
        "Caractéristiques géographiques océanographiques",
    ),
    _t("III", 16, "sr", "Sea regions", "Régions maritimes"),
    _t("III", 17, "br", "Bio-geographical regions", "Régions biogéographiques"),
    _t("III", 18, "hb", "Habitats and biotopes", "Habitats et biotopes"),
    _t("III", 19, "sd", "Species distribution", "Répartition des espèces"),
    _t("III", 20, "er", "Energy resources", "Sources d'énergie"),
    _t("III", 21, "mr", "Mineral resources", "Ressources minérales"),
)

_BY_CODE: dict[str, Theme] = {t.code: t for t in THEMES}

CODES: frozenset[str] = frozenset(_BY_CODE)


def theme(code: str) -> Theme:
    """Return the theme with this two-letter code.

    Raises
    ------
    KeyError
        If the code is not one of the 34 INSPIRE theme codes; the message lists them.
    """
    try:
        return _BY_CODE[code]
    except KeyError:
        valid = ", ".join(t.code for t in THEMES)
        raise KeyError(f"unknown INSPIRE theme code {code!r}; expected one of: {valid}") from None


def by_annex(annex: Annex) -> tuple[Theme, ...]:
    """The themes of one annex, in the register's order."""
    return tuple(t for t in THEMES if t.annex == annex)
