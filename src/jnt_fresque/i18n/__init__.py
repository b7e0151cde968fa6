"""Languages: French first, English complete.

`Text` holds one piece of text in both languages; `language()` tells which one
the user reads (``JNT_FRESQUE_LANG``, then the locale, French by default); `t()`
looks up the kit's own messages in both languages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in French and in English.

    Examples
    --------
    >>> Text(fr="Bâtiments", en="Buildings").get("en")
    'Buildings'
    """

    fr: str
    en: str

    # Read by pydantic when a card model holds a Text: no third language slips in.
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "str_strip_whitespace": True,
    }

    def get(self, lang: Lang | None = None) -> str:
        """The text in ``lang`` (default: the user's language)."""
        return self.en if (lang or language()) == "en" else self.fr

    def __str__(self) -> str:
        return self.get()


def language() -> Lang:
    """The language of the person at the keyboard.

    ``JNT_FRESQUE_LANG`` (``fr`` or ``en``) wins; otherwise an English locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) gives English; anything else French.
    """
    chosen = os.environ.get("JNT_FRESQUE_LANG", "").strip().lower()
    if chosen[:2] in LANGS:
        return "en" if chosen.startswith("en") else "fr"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def t(key: str, /, **values: object) -> str:
    """The kit's message ``key`` in the user's language, formatted with ``values``."""
    from jnt_fresque.i18n.catalogue import MESSAGES

    template = MESSAGES[key].get()
    return template.format(**values) if values else template
