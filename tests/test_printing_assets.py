"""The QR codes and theme icons the data cards carry."""

from __future__ import annotations

import io

import pytest

from jnt_fresque import default_decks, inspire
from jnt_fresque.printing import icons, qr
from jnt_fresque.printing.faces import Qr, lay_out, look_for
from jnt_fresque.printing.sheets import face_pages


def test_every_data_card_icon_is_shipped_with_its_licence() -> None:
    wanted = {card.icon for card in default_decks().cards("data")}  # type: ignore[attr-defined]
    assert wanted == set(icons.names())
    assert "MIT License" in (icons.FOLDER / "LICENSE").read_text(encoding="utf-8")
    with pytest.raises(KeyError, match="icons shipped: alert-triangle"):
        icons.path("no-such-icon")


def test_icons_become_stroked_paths_in_the_asked_colour() -> None:
    operators = icons.operators("building", "#ffffff")
    assert operators.count("\nS\n") == 8  # the eight strokes of the icon, not its invisible frame
    assert "1 1 1 RG" in operators and "1 J 1 j" in operators


@pytest.mark.parametrize("theme", ["bu", "am", "mr"])
def test_the_merged_rectangles_cover_exactly_the_dark_modules(theme: str) -> None:
    import segno

    data = inspire.theme(theme).uri
    size, boxes = qr.modules(data)
    drawn = [[0] * size for _ in range(size)]
    for col, row, width, height in boxes:
        for r in range(row, row + height):
            for c in range(col, col + width):
                drawn[r][c] += 1
    expected = [[int(v & 1) for v in line] for line in segno.make(data, error="m", micro=False).matrix]  # fmt: skip
    assert drawn == expected  # every dark module once, no light one
    assert len(boxes) < sum(map(sum, expected)) / 2  # far fewer shapes than modules


def test_the_printed_qr_code_reads_back_as_the_theme_address() -> None:
    import pypdfium2 as pdfium
    import segno

    decks = default_decks()
    card = decks.card("data-hy")
    faces = lay_out(card, look_for(card, decks["donnees"], size_name="poker", lang="fr"))
    buffer = io.BytesIO()
    face_pages([faces.front], buffer)
    dpi = 600
    document = pdfium.PdfDocument(buffer.getvalue())
    image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    document.close()
    code = next(item for item in faces.front.items if isinstance(item, Qr))
    expected = segno.make(inspire.theme("hy").uri, error="m", micro=False).matrix
    side = len(expected) + 2 * qr.QUIET
    module = code.rect.width / side * dpi / 72
    left = code.rect.x * dpi / 72
    top = (faces.front.size.height - code.rect.top) * dpi / 72
    seen = [
        [int(image.getpixel((int(left + (qr.QUIET + c + 0.5) * module), int(top + (qr.QUIET + r + 0.5) * module))) < 128)  # type: ignore[operator]
         for c in range(len(expected))]
        for r in range(len(expected))
    ]  # fmt: skip
    assert seen == [[int(v & 1) for v in line] for line in expected]
