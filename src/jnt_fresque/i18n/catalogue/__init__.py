"""The kit's messages, in French and in English, one module per area of the kit.

Each module here holds a dict named ``MESSAGES`` (keys prefixed by their area:
``app_``, ``print_``…); they are merged into one catalogue on first use. The
catalogue lives beside the lookup, not in the areas, so that the language layer
imports no area of the kit.
"""

from __future__ import annotations

from importlib import import_module

from jnt_fresque.i18n import Text

# The modules of this folder, each with a dict named MESSAGES.
CATALOGUES: tuple[str, ...] = ("core", "printing", "workshop", "twin", "scoping", "app", "widgets")


def _merge() -> dict[str, Text]:
    merged: dict[str, Text] = {}
    for area in CATALOGUES:
        extra: dict[str, Text] = import_module(f"{__name__}.{area}").MESSAGES
        clash = merged.keys() & extra.keys()
        if clash:
            raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
        merged.update(extra)
    return merged


MESSAGES: dict[str, Text] = _merge()
