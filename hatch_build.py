"""Compile the message catalogues (.po → .mo) into the wheel, with Babel.

The repository keeps only the .po files a translator edits; every wheel (and an
editable install, in place) gets the .mo files that gettext reads at run time,
so an installed kit never needs Babel.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src/jnt_fresque/i18n/locale")


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        out = Path(tempfile.mkdtemp(prefix="jnt-fresque-mo-"))
        for po in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/*.po")):
            relative = po.relative_to(Path(self.root) / LOCALE).with_suffix(".mo")
            # Editable installs read the source tree: the .mo goes beside its .po.
            target = po.with_suffix(".mo") if version == "editable" else out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name)
            with target.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            if version != "editable":
                build_data["force_include"][str(target)] = (
                    f"jnt_fresque/i18n/locale/{relative.as_posix()}"
                )
