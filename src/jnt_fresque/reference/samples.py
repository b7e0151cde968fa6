"""Sample data by name: real open data of Lyon 1er, shipped with the kit.

Examples
--------
>>> from jnt_fresque import samples
>>> samples.path("lyon1-batiments").name
'buildings_lyon1.geojson'
>>> samples.info("lyon1-batiments").theme
'bu'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jnt_fresque.i18n import Lang, say
from jnt_fresque.reference.bundled import samples_dir

INDEX = "samples.yaml"
# The attribution each data set's licence asks for, by sample: a message of the
# catalogues (the producers' and data sets' names stay as they are, the rest is
# translated). A new sample adds its line here and its message to each catalogue.
CREDITS: dict[str, str] = {
    "lyon1-batiments": "sample_credit_lyon1_batiments",
    "lyon1-arrondissement": "sample_credit_lyon1_arrondissement",
    "lyon-arrondissements": "sample_credit_lyon_arrondissements",
    "lyon1-velov": "sample_credit_lyon1_velov",
    "lyon1-arbres": "sample_credit_lyon1_arbres",
    "lyon1-citygml-lod2": "sample_credit_lyon1_citygml_lod2",
}


@dataclass(frozen=True, slots=True)
class Sample:
    """One sample data set: its file and what must travel with it."""

    name: str
    path: Path
    theme: str
    crs: str
    producer: str
    licence: str

    def credit(self, lang: Lang) -> str:
        """The attribution to show wherever the data is shown, in ``lang``.

        Examples
        --------
        >>> info("lyon1-velov").credit("en").split(" – ")[0]
        'Source: Métropole de Lyon'
        """
        return say(CREDITS[self.name], lang)

    @property
    def provenance(self) -> Path:
        """The PROVENANCE.md beside the file (source, licence, checks)."""
        return self.path.parent / "PROVENANCE.md"


@lru_cache(maxsize=1)
def _index() -> dict[str, Sample]:
    import yaml

    root = samples_dir()
    entries = yaml.safe_load((root / INDEX).read_text(encoding="utf-8"))
    return {
        name: Sample(
            name=name,
            path=root / entry["file"],
            theme=entry["theme"],
            crs=entry["crs"],
            producer=entry["producer"],
            licence=entry["licence"],
        )
        for name, entry in entries.items()
    }


def names() -> list[str]:
    """The names of the sample data sets."""
    return sorted(_index())


def info(name: str) -> Sample:
    """The sample data set ``name``.

    Raises
    ------
    KeyError
        If there is no such sample; the message lists the valid names.
    """
    try:
        return _index()[name]
    except KeyError:
        raise KeyError(f"no sample {name!r}; samples: {', '.join(names())}") from None


def path(name: str) -> Path:
    """The file of the sample data set ``name``."""
    return info(name).path
