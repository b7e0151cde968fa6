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

from jnt_fresque.reference.bundled import samples_dir

INDEX = "samples.yaml"


@dataclass(frozen=True, slots=True)
class Sample:
    """One sample data set: its file and what must travel with it."""

    name: str
    path: Path
    theme: str
    crs: str
    producer: str
    licence: str
    attribution: str

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
            attribution=entry["attribution"],
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
