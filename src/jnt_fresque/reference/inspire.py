"""The 34 INSPIRE spatial data themes.

Every data card of the fresque stands for one of these themes, and every use
case names the themes it needs by their two-letter code. The facts come from
the INSPIRE theme register (codes, URIs, official names) and the annex grouping of
Directive 2007/2/EC. The names are messages of the catalogues (``inspire_<code>``):
a translator copies the register's official name in their language.

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

from jnt_fresque.i18n import Message

Annex = Literal["I", "II", "III"]

REGISTRY = "http://inspire.ec.europa.eu/theme"


@dataclass(frozen=True, slots=True)
class Theme:
    """One INSPIRE theme: annex, order within the annex, code and names."""

    annex: Annex
    order: int
    code: str
    name: Message  # the register's name, in the catalogues (inspire_<code>)

    @property
    def uri(self) -> str:
        """The theme's URI in the INSPIRE registry."""
        return f"{REGISTRY}/{self.code}"

    @property
    def label(self) -> str:
        """The short label used on cards, e.g. ``III.2``."""
        return f"{self.annex}.{self.order}"


def _t(annex: Annex, order: int, code: str, key: str) -> Theme:
    return Theme(annex=annex, order=order, code=code, name=Message(key))


THEMES: tuple[Theme, ...] = (
    _t("I", 1, "rs", "inspire_rs"),
    _t("I", 2, "gg", "inspire_gg"),
    _t("I", 3, "gn", "inspire_gn"),
    _t("I", 4, "au", "inspire_au"),
    _t("I", 5, "ad", "inspire_ad"),
    _t("I", 6, "cp", "inspire_cp"),
    _t("I", 7, "tn", "inspire_tn"),
    _t("I", 8, "hy", "inspire_hy"),
    _t("I", 9, "ps", "inspire_ps"),
    _t("II", 1, "el", "inspire_el"),
    _t("II", 2, "lc", "inspire_lc"),
    _t("II", 3, "oi", "inspire_oi"),
    _t("II", 4, "ge", "inspire_ge"),
    _t("III", 1, "su", "inspire_su"),
    _t("III", 2, "bu", "inspire_bu"),
    _t("III", 3, "so", "inspire_so"),
    _t("III", 4, "lu", "inspire_lu"),
    _t("III", 5, "hh", "inspire_hh"),
    _t("III", 6, "us", "inspire_us"),
    _t("III", 7, "ef", "inspire_ef"),
    _t("III", 8, "pf", "inspire_pf"),
    _t("III", 9, "af", "inspire_af"),
    _t("III", 10, "pd", "inspire_pd"),
    _t("III", 11, "am", "inspire_am"),
    _t("III", 12, "nz", "inspire_nz"),
    _t("III", 13, "ac", "inspire_ac"),
    _t("III", 14, "mf", "inspire_mf"),
    _t("III", 15, "of", "inspire_of"),
    _t("III", 16, "sr", "inspire_sr"),
    _t("III", 17, "br", "inspire_br"),
    _t("III", 18, "hb", "inspire_hb"),
    _t("III", 19, "sd", "inspire_sd"),
    _t("III", 20, "er", "inspire_er"),
    _t("III", 21, "mr", "inspire_mr"),
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
