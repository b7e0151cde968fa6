"""The printed PDFs, read back: text, positions, crop marks, boxes, fonts, pixels, bytes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from jnt_fresque import default_decks
from jnt_fresque.cards.deck import Decks
from jnt_fresque.printing import geometry as g
from jnt_fresque.printing.faces import CardFaces, lay_out_decks
from jnt_fresque.printing.sheets import write_cards

from ._pdf import crop_marks, cuts, page_text, runs, slot, squash

# A sheet and a half of use cases and a few cards of every other kind.
SUBSET = ["cas-usage", "vierges", "donnees"]


@pytest.fixture(scope="module")
def decks() -> Decks:
    return default_decks()


@pytest.fixture(scope="module")
def faces(decks: Decks) -> list[CardFaces]:
    found = lay_out_decks(decks, SUBSET, card_size="poker", lang="fr")
    # Two full sheets and one started: enough for every check, quick to write.
    return found[:12] + found[46:49] + found[49:53]


def make(faces: list[CardFaces], tmp_path: Path, name: str, **options: object) -> Path:
    target = tmp_path / name
    write_cards(faces, target, **options)  # type: ignore[arg-type]
    return target


def test_each_title_is_on_the_fronts(decks: Decks, faces: list[CardFaces], tmp_path: Path) -> None:
    pdf = make(faces, tmp_path, "home.pdf", lang="fr")
    pages = page_text(pdf)
    assert len(pages) == 6  # three sheets, fronts and backs
    fronts = "".join(pages[0::2])
    for pair in faces:
        title = decks.card(pair.card).title.fr.replace("'", "’")
        assert squash(title) in fronts, pair.card


@pytest.mark.parametrize("flip", ["long", "short"])
def test_each_back_sits_behind_its_front(faces: list[CardFaces], tmp_path: Path, flip: str) -> None:
    pdf = make(faces, tmp_path, f"{flip}.pdf", duplex=flip)
    sheet = g.PAPERS["a4"]
    pages = runs(pdf)
    ids = {pair.card for pair in faces}
    checked = 0
    for number in range(0, len(pages), 2):
        xs, ys = cuts(crop_marks(pdf, number))
        back_xs, back_ys = cuts(_turned(crop_marks(pdf, number + 1), sheet, flip))
        assert back_xs == pytest.approx(xs, abs=0.02) and back_ys == pytest.approx(ys, abs=0.02)
        front = {r.text: r for r in pages[number] if r.text in ids}
        back = {r.text: r for r in pages[number + 1] if r.text in ids}
        assert front.keys() == back.keys() and front
        for card, seen in front.items():
            assert (seen.dx, seen.dy) == (1.0, 0.0)
            # Where the back's footer lands on the front side once the sheet is turned over.
            bx, by = _point_turned(back[card].x, back[card].y, sheet, flip)
            cell = (slot(seen.x, xs), slot(seen.y, ys))
            assert (slot(bx, xs), slot(by, ys)) == cell, card
            # The card turned like a book page: the back's bottom-left is the front's bottom-right.
            left, right = xs[cell[0] - 1], xs[cell[0]]
            assert bx == pytest.approx(left + right - seen.x, abs=0.01)
            assert by == pytest.approx(seen.y, abs=0.01)
            # Upright on a long-edge flip; printed upside down for a short-edge flip.
            assert back[card].dx == (1.0 if flip == "long" else -1.0)
            checked += 1
    assert checked == len(faces)


def _point_turned(x: float, y: float, sheet: g.Size, flip: str) -> tuple[float, float]:
    return (sheet.width - x, y) if flip == "long" else (x, sheet.height - y)


def _turned(marks: list[tuple[float, float, float, float]], sheet: g.Size, flip: str) -> list[tuple[float, float, float, float]]:  # fmt: skip
    found = []
    for x0, y0, x1, y1 in marks:
        a, b = _point_turned(x0, y0, sheet, flip)
        c, d = _point_turned(x1, y1, sheet, flip)
        found.append((min(a, c), min(b, d), max(a, c), max(b, d)))
    return found


def test_crop_marks_frame_every_card_outside_its_artwork(
    faces: list[CardFaces], tmp_path: Path
) -> None:
    pdf = make(faces, tmp_path, "home.pdf")
    marks = crop_marks(pdf, 0)
    xs, ys = cuts(marks)
    card = g.CARDS["poker"]
    # Three columns and three rows of cards, each framed by its own pair of cut lines.
    assert len(xs) == 6 and len(ys) == 6
    assert [round(xs[i + 1] - xs[i], 2) for i in (0, 2, 4)] == [round(card.width, 2)] * 3
    assert [round(ys[i + 1] - ys[i], 2) for i in (0, 2, 4)] == [round(card.height, 2)] * 3
    sheet = g.PAPERS["a4"]
    for x0, y0, x1, y1 in marks:
        assert (
            min(x0, x1) >= g.PRINTER_MARGIN - 0.01
            and max(x0, x1) <= sheet.width - g.PRINTER_MARGIN + 0.01
        )
        assert (
            min(y0, y1) >= g.PRINTER_MARGIN - 0.01
            and max(y0, y1) <= sheet.height - g.PRINTER_MARGIN + 0.01
        )
        # Outside the block of cards (and its bleed): never printed on a card.
        assert x1 < xs[0] - 0.5 or x0 > xs[-1] + 0.5 or y1 < ys[0] - 0.5 or y0 > ys[-1] + 0.5


def test_shop_pages_have_bleed_trim_and_bleed_boxes(faces: list[CardFaces], tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = make(faces[:3], tmp_path, "shop.pdf", profile="shop")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 6  # front, back, front, back…
    bleed = g.BLEED
    for page in reader.pages:
        media = [float(v) for v in page.mediabox]
        assert media == pytest.approx([0, 0, 69 * g.MM, 94 * g.MM], abs=0.01)
        assert [float(v) for v in page.bleedbox] == pytest.approx(media, abs=0.01)
        trim = [float(v) for v in page.trimbox]
        assert trim == pytest.approx([bleed, bleed, 66 * g.MM, 91 * g.MM], abs=0.01)
    # Text keeps to the safe zone: 3 mm inside the trim.
    safe = g.Rect(bleed, bleed, 63 * g.MM, 88 * g.MM).grow(-g.SAFE)
    for page in runs(pdf):
        for run in page:
            assert safe.contains(run.x, run.y, tolerance=0.01), run


def test_fonts_are_embedded_with_every_french_character(tmp_path: Path, trial_deck: Path) -> None:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    from jnt_fresque import load_decks

    card = trial_deck / "essai" / "uc-a.yaml"
    text = card.read_text(encoding="utf-8").replace(
        "pitch: {fr: Un usage., en: A use.}",
        'pitch: {fr: "Cœur « élevé » : à l’île, ça çà Œuvre — è ê ë ï ô û ÿ É È Ç À ?", en: A use.}',
    )
    card.write_text(text, encoding="utf-8")
    faces = lay_out_decks(load_decks(trial_deck), card_size="poker", lang="fr")
    pdf = make(faces, tmp_path, "accents.pdf", profile="shop")
    extracted = " ".join(run.text for run in runs(pdf)[0])
    for char in "éèçœŒ«»’àêëïôûÿÉÈÇÀ":
        assert char in extracted, char
    reader = PdfReader(pdf)
    # Every font the pages use (the fonts of their resources), each to be embedded.
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"].get_object().get("/Font", DictionaryObject()).values()
    ]
    assert fonts
    for font in fonts:
        assert "DejaVuSans" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # the TrueType program itself


def test_a_rendered_page_shows_the_cards(faces: list[CardFaces], tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = make(faces, tmp_path, "home.pdf")
    document = pdfium.PdfDocument(pdf)
    image = document[0].render(scale=50 / 72).to_pil().convert("RGB")
    document.close()
    histogram = image.convert("L").histogram()
    inked = 1 - histogram[255] / sum(histogram)
    assert inked > 0.15
    # The band of the first card, in the use-case deck's colour (#7a3b69).
    first = g.impose(g.CARDS["poker"], g.PAPERS["a4"]).placements()[0].trim
    scale = 50 / 72
    x = int((first.x + 10 * g.MM) * scale)
    y = int((g.PAPERS["a4"].height - first.top + 2 * g.MM) * scale)
    r, gr, b = image.getpixel((x, y))  # type: ignore[misc]
    assert abs(r - 0x7A) < 12 and abs(gr - 0x3B) < 12 and abs(b - 0x69) < 12


def test_fold_over_sheets_have_fronts_and_backs_on_one_page(
    faces: list[CardFaces], tmp_path: Path
) -> None:
    pdf = make(faces[:4], tmp_path, "fold.pdf", duplex="none")
    pages = runs(pdf)
    assert len(pages) == 1
    ids = [r for r in pages[0] if r.text.startswith("uc-")]
    assert sorted({r.text for r in ids}) == sorted(pair.card for pair in faces[:4])
    assert all(sum(1 for r in ids if r.text == pair.card) == 2 for pair in faces[:4])


def _bytes(faces: list[CardFaces], **options: object) -> bytes:
    buffer = io.BytesIO()
    write_cards(faces, buffer, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


def test_the_same_input_gives_a_byte_identical_pdf(faces: list[CardFaces], tmp_path: Path) -> None:
    first = _bytes(faces)
    assert _bytes(faces) == first
    assert _bytes(faces, profile="shop") == _bytes(faces, profile="shop")
    # And in another process, with another hash seed.
    code = (
        "import sys; from jnt_fresque import default_decks; "
        "from jnt_fresque.printing.faces import lay_out_decks; "
        "from jnt_fresque.printing.sheets import write_cards; "
        f"f = lay_out_decks(default_decks(), {SUBSET!r}, card_size='poker', lang='fr'); "
        "f = f[:12] + f[46:49] + f[49:53]; "
        "write_cards(f, sys.argv[1])"
    )
    target = tmp_path / "other.pdf"
    env = {"PYTHONHASHSEED": "12345", "JNT_FRESQUE_LANG": "fr", "PATH": ""}
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, env=env)
    assert target.read_bytes() == first
