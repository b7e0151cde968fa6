"""Move messages written as Python ``Text(fr=..., en=...)`` dicts into the ``.po`` catalogues.

The kit's catalogues were Python dicts until they became gettext catalogues; a
branch begun before that may still add entries to a dict. This carries them
over, mechanically: ``python -m jnt_fresque.i18n.porting FILE.py [FILE.py …]``
reads each file's ``MESSAGES`` dict (without importing it) and adds every key
the catalogues lack to each language's ``.po``; a key already there is left
alone. Then ``make messages`` and the tests say whether code uses every key.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from jnt_fresque.i18n.catalogues import DOMAIN, locale_dir


def read_dict(source: str) -> dict[str, dict[str, str]]:
    """The ``MESSAGES = {key: Text(fr=..., en=...)}`` entries of a Python source.

    Examples
    --------
    >>> read_dict('MESSAGES = {"a_b": Text(fr="Oui", en="Yes")}')
    {'a_b': {'fr': 'Oui', 'en': 'Yes'}}
    """
    found: dict[str, dict[str, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(value, ast.Call)):
                continue
            texts = {word.arg: ast.literal_eval(word.value) for word in value.keywords if word.arg}
            if isinstance(key.value, str) and {"fr", "en"} <= texts.keys():
                found[key.value] = {lang: str(text) for lang, text in texts.items()}
    return found


def port(entries: dict[str, dict[str, str]], root: Path | None = None) -> list[str]:
    """Add ``entries`` missing from the catalogues under ``root``; return the keys added."""
    from babel.messages.pofile import read_po, write_po

    base = root or locale_dir()
    added: set[str] = set()
    for po_path in sorted(base.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for key, texts in entries.items():
            if key in catalog:
                continue
            # A language the dict does not speak gets an empty entry: the tests then
            # name it as a missing translation.
            catalog.add(key, texts.get(lang, ""))
            added.add(key)
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False)
    return sorted(added)


def main(argv: list[str] | None = None) -> int:
    """Port the ``MESSAGES`` dicts of the files named in ``argv``."""
    files = sys.argv[1:] if argv is None else argv
    if not files:
        print("usage: python -m jnt_fresque.i18n.porting FILE.py [FILE.py …]", file=sys.stderr)
        return 2
    entries: dict[str, dict[str, str]] = {}
    for name in files:
        entries.update(read_dict(Path(name).read_text(encoding="utf-8")))
    for key in port(entries):
        print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
