"""Card faces as PNG images for the app, drawn once per process and kept in memory.

The same layout as the printed cards (`jnt_fresque.printing`), at screen
resolution: a phone shows the card people hold on the table.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Literal

from jnt_fresque.i18n import Lang

SCREEN_DPI = 96


@lru_cache(maxsize=1024)
def card_png(card_id: str, lang: Lang = "fr", side: Literal["front", "back"] = "front") -> bytes:
    """One face of a card of the kit's decks as PNG bytes (cached per process)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from jnt_fresque.app.resources import decks
    from jnt_fresque.printing.faces import lay_out, look_for
    from jnt_fresque.printing.sheets import face_pages

    found = decks()
    card = found.card(card_id)
    deck = next(d for d in found.values() if card in d.cards)
    titles = {c.id: c.title for c in found.cards()}
    faces = lay_out(card, look_for(card, deck, size_name="poker", lang=lang, titles=titles))
    face = faces.front if side == "front" else faces.back
    buffer = io.BytesIO()
    face_pages([face], buffer)
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        page = document[0]
        image = page.render(scale=SCREEN_DPI / 72).to_pil()
        page.close()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
