"""Writing a deck as a folder of YAML files: ``deck.yaml`` and one file per card."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from jnt_fresque.cards.deck import Deck
from jnt_fresque.cards.loader import MANIFEST


class _Dumper(yaml.SafeDumper):
    """Block style, and long texts as folded blocks, as a person writes them."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 70 and "\n" not in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def to_yaml(data: dict[str, Any]) -> str:
    """One card or manifest as YAML text."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)


def write_deck(deck: Deck, folder: str | os.PathLike[str]) -> Path:
    """Write ``deck`` into ``folder`` (created if needed) and return the folder."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    (target / MANIFEST).write_text(
        to_yaml(deck.manifest.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
    )
    for card in deck.cards:
        (target / f"{card.id}.yaml").write_text(
            to_yaml(card.model_dump(mode="json", exclude_none=True)), encoding="utf-8"
        )
    return target
