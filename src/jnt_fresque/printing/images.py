"""PNG images of card faces, for online boards and for the workshop app.

Each face is drawn on a page of its own, trimmed (no bleed, no marks), then
rendered by PDFium, the PDF engine of Chromium: the image is exactly what the
PDF prints. Files are named ``<card id>-recto.png`` and ``<card id>-verso.png``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

from jnt_fresque.printing.faces import CardFaces, Face
from jnt_fresque.printing.sheets import face_pages

DPI = 300
SIDE_NAMES = {"front": "recto", "back": "verso"}


def file_name(face: Face) -> str:
    """``uc-inondation-recto.png``: the card id and the side, in print-shop words."""
    return f"{face.card}-{SIDE_NAMES[face.side]}.png"


def write_pngs(
    cards: Sequence[CardFaces],
    folder: Path,
    *,
    dpi: int = DPI,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write one PNG per card face into ``folder`` (created if needed); return the files.

    ``progress(done, total)`` is called after each image.
    """
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pypdfium2 comes with the kit's extras
        raise ImportError("PNG export needs pypdfium2: pip install pypdfium2") from None

    faces = [face for pair in cards for face in (pair.front, pair.back)]
    buffer = io.BytesIO()
    face_pages(faces, buffer)
    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(buffer.getvalue())
    written: list[Path] = []
    try:
        for n, face in enumerate(faces):
            page = document[n]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
            # PDFium rounds the bitmap up (744.09 px → 745): trim to the nearest pixel, so
            # a poker card is 744 × 1039 px, exactly its size at 300 dpi.
            exact = (round(face.size.width * dpi / 72), round(face.size.height * dpi / 72))
            if image.size != exact:
                image = image.crop((0, 0, *exact))
            target = folder / file_name(face)
            # Pillow writes no time stamp: the same card gives the same file. The dpi
            # tag lets an image editor show the card at its printed size.
            image.save(target, format="PNG", dpi=(dpi, dpi), compress_level=6)
            written.append(target)
            if progress is not None:
                progress(n + 1, len(faces))
    finally:
        document.close()
    return written
