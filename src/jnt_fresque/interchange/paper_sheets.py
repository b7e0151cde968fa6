"""Reading the workshop's paper sheets (CSV or XLSX) into rows for `jnt_fresque.workshop.paper`.

A CSV may be separated by commas, semicolons (as a French spreadsheet program
saves it) or tabs, found from its header line; an XLSX is read from its first
sheet. Line numbers are those a person sees in the spreadsheet program.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from jnt_fresque.workshop.errors import RowProblem, RowsRefused
from jnt_fresque.workshop.paper import Row, check_header, column_of


def _text(cell: object) -> str:
    # Spreadsheet programs turn "3" into 3 and "3" into 3.0: take back the text.
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _refuse(reason: str) -> RowsRefused:
    from jnt_fresque.i18n import t

    return RowsRefused([RowProblem(1, t("paper_unreadable", reason=reason[:120]))])


def _csv(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        # A sheet saved by an old spreadsheet program in its local code page.
        text = path.read_bytes().decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_grid(path: Path) -> list[list[str]]:
    """The cells of a CSV or XLSX sheet, line by line (`RowsRefused` at line 1 if unreadable
    or empty)."""
    try:
        grid = _xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv(path)
    except OSError as exc:
        raise _refuse(exc.strerror or str(exc)) from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise _refuse(f"{type(exc).__name__}: {exc}") from None
    if not grid:
        raise _refuse("empty file")
    return grid


def read_rows(path: Path, kind: str) -> list[Row]:
    """The rows of a ``kind`` sheet (``ballots``, ``links`` or ``proposals``), blank
    rows skipped, each as ``(line, {column: text})``.

    Raises
    ------
    RowsRefused
        The file cannot be read, or its header lacks a required column (line 1).
    """
    grid = read_grid(path)
    header = [column_of(cell) for cell in grid[0]]
    check_header(header, kind)
    rows: list[Row] = []
    for line, values in enumerate(grid[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (line, {name: value.strip() for name, value in zip(header, values, strict=False)})
        )
    return rows
