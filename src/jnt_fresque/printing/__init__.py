"""Printing: page geometry, card rendering with reportlab, fonts, QR codes.

The modules, from the page down:

- `sheets` — faces onto pages: home sheets (n-up, duplex or fold-over, crop
  marks) and print-shop pages (bleed, TrimBox, BleedBox); ``write_cards``;
- `images` — one PNG per card face (``write_pngs``);
- `pack` — the facilitator pack (``write_pack``); `source_sheet` — its last pages,
  the references the cards stand on;
- `faces` — what each kind of card shows on each side (``lay_out_decks``);
- `fit` — text fitted to its box, down to a floor size (``Overflow``);
- `render` — a laid-out face as PDF operators;
- `geometry` — sizes, imposition, duplex backs, crop marks (pure arithmetic);
- `qr`, `icons`, `fonts` — QR codes, theme icons, embedded fonts.

Examples
--------
>>> from jnt_fresque import default_decks
>>> from jnt_fresque.printing.faces import lay_out_decks
>>> from jnt_fresque.printing.sheets import write_cards
>>> faces = lay_out_decks(default_decks(), ["vierges"], card_size="poker", lang="fr")
>>> import io; write_cards(faces, io.BytesIO(), duplex="long")
2
"""

from __future__ import annotations

from typing import Any


def clear_caches(*, text: bool = True, drawings: bool = True) -> None:
    """Forget what printing keeps in memory between prints.

    ``text``: the measured and fitted text of cards; ``drawings``: the QR
    codes and icons made so far. With both, the next print costs what the
    first one of a process does.
    """
    from jnt_fresque.printing import fit, icons, qr

    caches: list[Any] = []
    if text:
        caches += [fit._fit_together, fit._prepare, fit._words, fit.typeset]
    if drawings:
        caches += [qr.modules, qr.operators, icons.drawing, icons.operators]
    for cached in caches:
        cached.cache_clear()
