from __future__ import annotations

import itertools

import pytest

from jnt_fresque.printing import geometry as g
from jnt_fresque.printing.geometry import CARDS, MM, PAPERS

SHEETS = list(itertools.product(CARDS, PAPERS))


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6


def test_card_and_paper_sizes_in_millimetres() -> None:
    sizes = {name: (round(s.width / MM, 3), round(s.height / MM, 3)) for name, s in CARDS.items()}
    assert sizes == {"poker": (63, 88), "tarot": (70, 120), "a6": (105, 148)}
    assert (round(PAPERS["a4"].width / MM), round(PAPERS["a4"].height / MM)) == (210, 297)
    assert (PAPERS["letter"].width, PAPERS["letter"].height) == (612, 792)


@pytest.mark.parametrize(
    ("card", "paper", "cols", "rows", "rotated"),
    [
        ("poker", "a4", 3, 3, False),
        ("poker", "letter", 3, 3, False),
        ("tarot", "a4", 2, 2, False),
        ("tarot", "letter", 2, 2, False),
        ("a6", "a4", 1, 2, True),  # a quarter turn fits two instead of one
        ("a6", "letter", 1, 2, True),
    ],
)
def test_as_many_cards_as_a_home_printer_can_print(
    card: str, paper: str, cols: int, rows: int, rotated: bool
) -> None:
    grid = g.impose(CARDS[card], PAPERS[paper])
    assert (grid.cols, grid.rows, grid.rotated) == (cols, rows, rotated)


@pytest.mark.parametrize(("card", "paper"), SHEETS)
def test_cards_marks_and_bleed_stay_in_the_printable_area(card: str, paper: str) -> None:
    grid = g.impose(CARDS[card], PAPERS[paper])
    sheet = PAPERS[paper]
    printable = g.Rect(0, 0, sheet.width, sheet.height).grow(-g.PRINTER_MARGIN)
    places = grid.placements()
    for place in places:
        assert printable.contains(place.clip.x, place.clip.y)
        assert printable.contains(place.clip.right, place.clip.top)
        drawn = g.bounds(place.transform, g.Rect(0, 0, CARDS[card].width, CARDS[card].height))
        assert drawn.box() == pytest.approx(place.trim.box(), abs=1e-5)
    for a, b in itertools.combinations(places, 2):  # bleeds never overlap a neighbour
        apart_x = a.clip.right <= b.clip.x + 1e-6 or b.clip.right <= a.clip.x + 1e-6
        apart_y = a.clip.top <= b.clip.y + 1e-6 or b.clip.top <= a.clip.y + 1e-6
        assert apart_x or apart_y
    for mark in grid.marks():
        for x, y in ((mark.x0, mark.y0), (mark.x1, mark.y1)):
            assert printable.contains(x, y, tolerance=1e-3)
            assert not any(p.clip.contains(x, y, tolerance=-1e-6) for p in places)
        assert abs(mark.x1 - mark.x0) + abs(mark.y1 - mark.y0) >= g.MARK_MIN - 1e-6


def test_crop_marks_fall_on_every_cut_line() -> None:
    grid = g.impose(CARDS["poker"], PAPERS["a4"])
    marks = grid.marks()
    vertical = {round(m.x0, 3) for m in marks if m.x0 == m.x1}
    horizontal = {round(m.y0, 3) for m in marks if m.y0 == m.y1}
    cuts_x = {round(v, 3) for p in grid.placements() for v in (p.trim.x, p.trim.right)}
    cuts_y = {round(v, 3) for p in grid.placements() for v in (p.trim.y, p.trim.top)}
    assert (vertical, horizontal) == (cuts_x, cuts_y)
    assert len(cuts_x) == 6 and len(cuts_y) == 6  # gutters: two cuts between cards


def _sheet_turned_over(page: g.Size, flip: str, x: float, y: float) -> tuple[float, float]:
    # Where a point of the front is seen on the back page, written out by hand.
    return (page.width - x, y) if flip == "long" else (x, page.height - y)


@pytest.mark.parametrize(("card", "paper"), SHEETS)
@pytest.mark.parametrize("flip", ["long", "short"])
def test_each_back_lands_behind_its_front_and_reads_upright(
    card: str, paper: str, flip: str
) -> None:
    size, sheet = CARDS[card], PAPERS[paper]
    grid = g.impose(size, sheet)
    fronts = grid.placements()
    backs = g.backs(fronts, size, sheet, flip)  # type: ignore[arg-type]
    for front, back in zip(fronts, backs, strict=True):
        for u, v in [(0, 0), (size.width, 0), (0, size.height), (size.width / 3, size.height / 5)]:
            # The card turned over like a book page: its left edge becomes its right edge.
            seen_from_back = (size.width - u, v)
            printed = g.apply(back.transform, *seen_from_back)
            assert close(printed, _sheet_turned_over(sheet, flip, *g.apply(front.transform, u, v)))
        a, b, c, d = back.transform[:4]
        assert a * d - b * c == pytest.approx(1.0)  # a rotation, never a mirror image
    if not grid.rotated:
        # long edge: same rows, columns mirrored, upright; short edge: rotated a half turn.
        expected = (1.0, 0.0, 0.0, 1.0) if flip == "long" else (-1.0, 0.0, 0.0, -1.0)
        assert all(back.transform[:4] == expected for back in backs)


@pytest.mark.parametrize(("card", "paper"), SHEETS)
def test_fold_over_sheets_put_each_back_behind_its_front_across_the_fold(
    card: str, paper: str
) -> None:
    size, sheet = CARDS[card], PAPERS[paper]
    layout = g.fold(size, sheet)
    for front, back in layout.pairs():
        for u, v in [(0, 0), (size.width, size.height), (size.width / 4, size.height / 3)]:
            fx, fy = g.apply(front.transform, u, v)
            bx, by = g.apply(back.transform, size.width - u, v)
            if layout.horizontal:
                assert close((bx, by), (fx, 2 * layout.line - fy))
                assert fy < layout.line < by
            else:
                assert close((bx, by), (2 * layout.line - fx, fy))
                assert fx < layout.line < bx
        # Neither bleed crosses the fold line.
        if layout.horizontal:
            assert front.clip.top < layout.line < back.clip.y
        else:
            assert front.clip.right < layout.line < back.clip.x


def test_poker_fold_over_turns_cards_to_fit_four() -> None:
    layout = g.fold(CARDS["poker"], PAPERS["a4"])
    assert (len(layout), layout.grid.rotated, layout.horizontal) == (4, True, True)


def test_shop_page_is_the_card_and_three_millimetres_of_bleed() -> None:
    page, where = g.shop_page(CARDS["poker"])
    assert (round(page.width / MM, 6), round(page.height / MM, 6)) == (69, 94)
    assert where.trim.box() == pytest.approx((3 * MM, 3 * MM, 66 * MM, 91 * MM))
    assert where.clip.box() == pytest.approx((0, 0, page.width, page.height))
