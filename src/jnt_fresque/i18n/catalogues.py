"""The kit's gettext catalogues: where they are, which languages they give, each one loaded once.

One catalogue per language, ``locale/<lang>/LC_MESSAGES/jnt_fresque.po`` beside
this module (the message ids are symbolic keys such as ``app_page_join``). The
wheel ships the compiled ``.mo`` files (hatch_build.py compiles them); a checkout
whose ``.mo`` is missing or older than its ``.po`` compiles it in memory with
Babel, so a translator sees an edit at the next run. Folders named in
``JNT_FRESQUE_LOCALES`` (``os.pathsep``-separated) are searched first: a new
language can be tried there without touching the installed kit.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DOMAIN = "jnt_fresque"
SOURCE = "fr"  # the language the kit is written in, and the last fallback
LOCALES_VARIABLE = "JNT_FRESQUE_LOCALES"


def locale_dir() -> Path:
    """The package's own ``locale`` folder."""
    return Path(__file__).with_name("locale")


@lru_cache(maxsize=1)
def _search_path() -> tuple[Path, ...]:
    # Read once per process: a translator sets the variable before starting, and reading
    # the environment on every message cost a page run several per cent of its time.
    return _paths(os.environ.get(LOCALES_VARIABLE, ""))


def forget_search_path() -> None:
    """Read ``JNT_FRESQUE_LOCALES`` again at the next message (for code that changes it)."""
    _search_path.cache_clear()


@lru_cache(maxsize=8)
def _paths(extra: str) -> tuple[Path, ...]:
    return (*(Path(p) for p in extra.split(os.pathsep) if p), locale_dir())


def languages() -> tuple[str, ...]:
    """Every language with a catalogue: French and English first, then the others by code."""
    return _languages(_search_path())


@lru_cache(maxsize=8)
def _languages(path: tuple[Path, ...]) -> tuple[str, ...]:
    found: set[str] = set()
    for base in path:
        for entry in base.glob(f"*/LC_MESSAGES/{DOMAIN}.[mp]o"):
            found.add(entry.parent.parent.name)
    first = [lang for lang in (SOURCE, "en") if lang in found]
    return (*first, *sorted(found - set(first)))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One language's messages: singular texts, plural forms, and the plural rule."""

    lang: str
    messages: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural: Callable[[int], int]


def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang``, loaded once per process; `KeyError` if there is none."""
    return _catalogue(lang, _search_path())


@lru_cache(maxsize=16)
def _catalogue(lang: str, path: tuple[Path, ...]) -> Catalogue:
    for base in path:
        folder = base / lang / "LC_MESSAGES"
        po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as handle:
                return _read(lang, gettext.GNUTranslations(handle))
        if po.exists():
            return _read(lang, gettext.GNUTranslations(io.BytesIO(compile_po(po))))
    raise KeyError(lang)


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of one ``.po`` catalogue (fuzzy entries left out), made by Babel."""
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ModuleNotFoundError as exc:  # pragma: no cover - a core install always has .mo files
        raise RuntimeError(
            f"{po} has no compiled .mo: run `make messages` or install Babel"
        ) from exc
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _read(lang: str, compiled: gettext.GNUTranslations) -> Catalogue:
    # GNUTranslations keeps every entry in ``_catalog``: singular ids as str keys,
    # plural forms as (id, index) keys; "" is the header.
    raw: dict[object, str] = getattr(compiled, "_catalog", {})
    messages: dict[str, str] = {}
    forms: dict[str, dict[int, str]] = {}
    for key, text in raw.items():
        if isinstance(key, tuple):
            forms.setdefault(key[0], {})[key[1]] = text
        elif key and text:
            messages[str(key)] = text
    plurals = {key: tuple(found[i] for i in sorted(found)) for key, found in forms.items()}
    rule: Callable[[int], int] = getattr(compiled, "plural", lambda n: int(n != 1))
    return Catalogue(lang=lang, messages=messages, plurals=plurals, plural=rule)
