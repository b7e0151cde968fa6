"""Members files in, invitation files out: the mail merge of a survey.

The members file is the facilitator's (CSV or XLSX, a ``name`` and an ``email``
column, French headers accepted); the invitations file is for their mail tool:
one row per member with ``name``, ``email``, ``link`` and ``code``, as CSV
(UTF-8 with a byte-order mark, so that spreadsheet programs read the accents)
or XLSX.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from jnt_fresque.interchange.paper_sheets import read_grid
from jnt_fresque.workshop.invitations import Member, check_members, column_of

COLUMNS = ("name", "email", "link", "code")


def read_members(path: Path) -> tuple[Member, ...]:
    """The members of ``path``, or `RowsRefused` listing every bad line (nothing kept)."""
    return check_members(read_grid(path))


def write_invitations(rows: Sequence[dict[str, str]], path: Path) -> Path:
    """Write the invitation rows to ``path`` (XLSX when it ends in ``.xlsx``, else CSV)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "invitations"
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append([row[c] for c in COLUMNS])
        book.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def names_by_code(path: Path) -> dict[str, tuple[str, str]]:
    """An invitations file read back: voting code → (name, e-mail), for the facilitator's
    view of who has answered (the store itself knows no names)."""
    from jnt_fresque.workshop.codes import normalize

    grid = read_grid(path)
    header = [column_of(h) for h in grid[0]]
    found: dict[str, tuple[str, str]] = {}
    for cells in grid[1:]:
        row = dict(zip(header, cells, strict=False))
        if row.get("code", "").strip():
            found[normalize(row["code"])] = (row.get("name", ""), row.get("email", ""))
    return found
