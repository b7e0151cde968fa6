"""A deck as a spreadsheet, and back, for facilitators who do not write YAML.

Each card is a row; nested fields become dotted columns (``title.fr``,
``examples.0.territory``) and lists of codes one cell whose column ends in
``[]`` (``scales[]`` = ``district, city``). In XLSX the manifest is a sheet of
its own (« jeu », one field a row) beside the cards (« cartes »); in CSV, one
file, the manifest is the first row (``_record`` = ``deck``, columns
``deck.…``). Reading it back validates it like a deck folder, with the
spreadsheet's row numbers in the problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jnt_fresque.cards import source
from jnt_fresque.cards.deck import Deck, Decks
from jnt_fresque.cards.loader import Collector, Entry, finish, validate_deck
from jnt_fresque.i18n import t

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

Format = Literal["xlsx", "csv"]
FORMATS: tuple[Format, ...] = ("xlsx", "csv")
LIST = "[]"  # suffix of a column holding a list of codes, comma-separated
RECORD = "_record"
DECK_PREFIX = "deck."
SHEET_DECK = "jeu"
SHEET_CARDS = "cartes"


# --- flattening -----------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """``{"title": {"fr": "A"}}`` → ``("title.fr", "A")``; lists of scalars → one cell."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        if all(not isinstance(item, dict | list) for item in value):
            if value:
                yield prefix + LIST, ", ".join(_cell(item) for item in value)
        else:
            for index, item in enumerate(value):
                yield from flatten(item, f"{prefix}.{index}")
    elif value is not None:
        yield prefix, _cell(value)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def unflatten(row: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The inverse of `flatten`: dotted columns back into nested fields; empty cells skipped."""
    tree: dict[str, Any] = {}
    for column, cell in row:
        if cell == "" or not column:
            continue
        is_list = column.endswith(LIST)
        parts = (column[: -len(LIST)] if is_list else column).split(".")
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):  # a column both a value and a parent: keep the value
                break
        else:
            node[parts[-1]] = (
                [item.strip() for item in cell.split(",") if item.strip()] if is_list else cell
            )
    converted: dict[str, Any] = _lists(tree)
    return converted


def _lists(node: Any) -> Any:
    # Mappings whose keys are all 0, 1, 2… were lists before flattening.
    if not isinstance(node, dict):
        return node
    converted = {key: _lists(value) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        return [converted[key] for key in sorted(converted, key=int)]
    return converted


def _columns(rows: list[dict[str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


# --- export -----------------------------------------------------------------------------


def _dump(model: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return dumped


def export_deck(deck: Deck, path: str | os.PathLike[str], *, format: Format | None = None) -> Path:
    """Write ``deck`` to an XLSX or CSV file (format from the suffix when not given)."""
    target = Path(path)
    chosen = format or _format_of(target)
    manifest = dict(flatten(_dump(deck.manifest)))
    cards = [dict(flatten(_dump(card))) for card in deck.cards]
    if chosen == "csv":
        _write_csv(target, manifest, cards)
    else:
        _write_xlsx(target, manifest, cards)
    return target


def _write_csv(target: Path, manifest: dict[str, str], cards: list[dict[str, str]]) -> None:
    deck_row = {RECORD: "deck", **{DECK_PREFIX + k: v for k, v in manifest.items()}}
    card_rows = [{RECORD: "card", **row} for row in cards]
    columns = _columns([deck_row, *card_rows])
    with target.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerow(deck_row)
        writer.writerows(card_rows)


def _write_xlsx(target: Path, manifest: dict[str, str], cards: list[dict[str, str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    deck_sheet = book.active
    assert deck_sheet is not None
    deck_sheet.title = SHEET_DECK
    deck_sheet.append(["champ", "valeur"])
    for key, value in manifest.items():
        deck_sheet.append([key, value])
    card_sheet = book.create_sheet(SHEET_CARDS)
    columns = _columns(cards)
    card_sheet.append(columns)
    for row in cards:
        card_sheet.append([row.get(column, "") for column in columns])
    card_sheet.freeze_panes = "B2"
    # The same deck gives the same bytes: a fixed date in the document properties and on
    # every member of the archive. ``Workbook.save`` would stamp ``modified`` with the
    # current time, and ``ZipFile.writestr`` each member with the current time, so the
    # workbook is written here through openpyxl's writer into an archive that fixes both.
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = FIXED_DATE
    with _FixedDateZip(target, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()


FIXED_DATE = dt.datetime(2026, 1, 1)


class _FixedDateZip(zipfile.ZipFile):
    """A zip archive whose members all carry :data:`FIXED_DATE`, however they are added."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(
                zinfo_or_arcname, date_time=FIXED_DATE.timetuple()[:6]
            )
            zinfo_or_arcname.compress_type = self.compression
            zinfo_or_arcname.external_attr = 0o600 << 16
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each worksheet to a temporary file, then adds the file.
        name = os.fspath(arcname if arcname is not None else Path(filename).name)
        self.writestr(name, Path(filename).read_bytes(), compress_type, compresslevel)


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise ValueError(t("sheet_format", value=path.suffix or path.name))


# --- import -----------------------------------------------------------------------------


def import_deck(path: str | os.PathLike[str]) -> Deck:
    """Read a deck back from an XLSX or CSV file made by `export_deck` (or by hand).

    Raises
    ------
    DeckError
        With every problem, one line each, using the sheet's row numbers.
    """
    from jnt_fresque.cards.problems import DeckError, Problem

    file = Path(path)
    shown = str(path)
    try:
        chosen = _format_of(file)
        manifest_rows, card_rows = _read_csv(file) if chosen == "csv" else _read_xlsx(file)
    except (OSError, ValueError, KeyError, TypeError, csv.Error, zipfile.BadZipFile) as exc:
        raise DeckError([Problem(shown, None, "deck ?", "-", _reason(exc))]) from None

    found = Collector()
    if chosen == "xlsx":  # one manifest field a row, from row 2 of its sheet
        manifest_lines = {_loc(key): row for row, (key, _) in enumerate(manifest_rows, start=2)}
        manifest_shown = f"{shown}:{SHEET_DECK}"
    else:  # the whole manifest on row 2
        manifest_lines, manifest_shown = {(): 2}, shown
    manifest_source = source.Source(unflatten(manifest_rows), manifest_lines)
    entries = [
        Entry(
            f"{shown}:{SHEET_CARDS}" if chosen == "xlsx" else shown,
            source.Source(unflatten(row), {(): number}),
        )
        for number, row in card_rows
    ]
    manifest, cards = validate_deck(
        found, manifest_shown, manifest_source, entries, default_subject=file.stem
    )
    decks = [(manifest, file, cards)] if manifest is not None else []
    loaded: Decks = finish(found, decks)
    return next(iter(loaded.values()))


def _loc(column: str) -> source.Loc:
    """``criteria.0.values[]`` → ``("criteria", 0, "values")``, as pydantic names fields."""
    parts = column.removesuffix(LIST).split(".")
    return tuple(int(part) if part.isdigit() else part for part in parts)


def _reason(exc: BaseException) -> str:
    if type(exc) is ValueError and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]  # our own messages
    if isinstance(exc, OSError) and exc.strerror:
        return t("file_unreadable", reason=exc.strerror or type(exc).__name__)
    return t("sheet_unreadable", reason=type(exc).__name__)


Row = list[tuple[str, str]]


def _read_csv(file: Path) -> tuple[Row, list[tuple[int, Row]]]:
    text = file.read_bytes().decode("utf-8-sig")
    # The header starts with _record; the character after it is the delimiter
    # (« , » as exported, « ; » once saved by a French spreadsheet program).
    after = text[len(RECORD) : len(RECORD) + 1] if text.startswith(RECORD) else ""
    delimiter = after if after in (",", ";", "\t") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header or RECORD not in header:
        raise ValueError(t("sheet_no_record", column=RECORD))
    manifest: Row = []
    cards: list[tuple[int, Row]] = []
    for number, values in enumerate(reader, start=2):
        row = list(zip(header, values, strict=False))
        record = dict(row).get(RECORD, "")
        if record == "deck":
            manifest = [(k[len(DECK_PREFIX) :], v) for k, v in row if k.startswith(DECK_PREFIX)]
        elif record == "card":
            cards.append(
                (number, [(k, v) for k, v in row if k != RECORD and not k.startswith(DECK_PREFIX)])
            )
    return manifest, cards


def _read_xlsx(file: Path) -> tuple[Row, list[tuple[int, Row]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except InvalidFileException as exc:
        raise ValueError(t("sheet_unreadable", reason=str(exc)[:80])) from None
    try:
        if SHEET_DECK not in book.sheetnames or SHEET_CARDS not in book.sheetnames:
            raise ValueError(t("sheet_missing", expected=f"{SHEET_DECK}, {SHEET_CARDS}"))
        manifest: Row = [
            (_text(key), _text(value))
            for key, value, *_ in book[SHEET_DECK].iter_rows(min_row=2, values_only=True)
        ]
        rows = book[SHEET_CARDS].iter_rows(values_only=True)
        header = [_text(cell) for cell in next(rows, ())]
        cards = [
            (number, list(zip(header, map(_text, values), strict=False)))
            for number, values in enumerate(rows, start=2)
            if any(value not in (None, "") for value in values)
        ]
    finally:
        book.close()
    return manifest, cards


def _text(cell: object) -> str:
    # Spreadsheet programs turn "3" into 3 and "2022" into 2022.0: take back the text.
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell).strip()
