"""``jnt-fresque decks`` and ``jnt-fresque deck …``: list, show, validate, convert decks."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jnt_fresque.cli._console import done, emit_json, fail, table
from jnt_fresque.i18n import current, t

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Deck, Decks


class Output(StrEnum):
    table = "table"
    json = "json"


class SheetFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


DecksOption = typer.Option(None, "--decks", help=t("opt_decks"), show_default=False)


def _load(path: Path | None) -> Decks:
    from jnt_fresque.cards.loader import default_decks, load_decks

    return default_decks() if path is None else load_decks(path)


def _deck(decks: Decks, deck_id: str) -> Deck:
    if deck_id not in decks:
        fail(t("unknown_deck", value=deck_id, expected=", ".join(decks)))
        raise typer.Exit(2)
    return decks[deck_id]


def list_decks(
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
    decks_path: Path | None = DecksOption,
) -> None:
    from jnt_fresque.cards.vocab import KIND_LABELS

    decks = _load(decks_path)
    if format is Output.json:
        emit_json(
            [
                {
                    "id": d.id,
                    "kind": d.kind,
                    "cards": len(d),
                    "title": d.manifest.title.as_dict(),
                    "version": d.manifest.version,
                }
                for d in decks.values()
            ]
        )
        return
    table(
        t("decks_title"),
        [t("col_deck"), t("col_kind"), t("col_title"), t("col_version"), t("col_cards")],
        (
            (d.id, KIND_LABELS[d.kind].get(), d.manifest.title.get(), d.manifest.version, len(d))
            for d in decks.values()
        ),
    )


def show(
    deck_id: str = typer.Argument(..., metavar="DECK", help=t("arg_deck")),
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
    decks_path: Path | None = DecksOption,
) -> None:
    deck = _deck(_load(decks_path), deck_id)
    if format is Output.json:
        emit_json([card.model_dump(mode="json", exclude_none=True) for card in deck.cards])
        return
    table(
        f"{deck.manifest.title.get()} ({deck.id}, {deck.manifest.version})",
        [t("col_id"), t("col_title")],
        ((card.id, card.title.get()) for card in deck.cards),
    )


def validate(
    path: Path | None = typer.Argument(None, help=t("arg_validate_path"), show_default=False),
) -> None:
    decks = _load(path)
    cards = sum(len(d) for d in decks.values())
    done(t("valid_summary", decks=len(decks), cards=cards))


def schema(
    manifest: bool = typer.Option(False, "--manifest", help=t("opt_schema_manifest")),
    output: Path | None = typer.Option(None, "-o", "--output", help=t("opt_output_json")),
) -> None:
    from jnt_fresque.cards.model import card_json_schema, manifest_json_schema

    found = manifest_json_schema() if manifest else card_json_schema()
    if output is None:
        emit_json(found)
    else:
        output.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        done(t("written", path=output))


def export(
    deck_id: str = typer.Argument(..., metavar="DECK", help=t("arg_deck")),
    format: SheetFormat | None = typer.Option(None, "--format", help=t("opt_sheet_format")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_output_sheet")),
    decks_path: Path | None = DecksOption,
) -> None:
    from jnt_fresque.cards.spreadsheet import export_deck

    deck = _deck(_load(decks_path), deck_id)
    chosen = format.value if format else output.suffix.lower().lstrip(".")
    if chosen not in ("xlsx", "csv"):
        fail(t("sheet_format", value=output.suffix or output.name))
        raise typer.Exit(2)
    if output.suffix.lower() != f".{chosen}":
        output = output.with_name(output.name + f".{chosen}")
    export_deck(deck, output, format=chosen)  # type: ignore[arg-type]
    done(t("exported", deck=deck.id, cards=len(deck), path=output))


def import_(
    file: Path = typer.Argument(..., metavar="FILE", help=t("arg_sheet")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_output_folder")),
    force: bool = typer.Option(False, "--force", help=t("opt_force")),
) -> None:
    from jnt_fresque.cards.spreadsheet import import_deck
    from jnt_fresque.cards.writer import write_deck

    deck = import_deck(file)  # problems stop here, before anything is written
    if output.exists() and any(output.iterdir()) and not force:
        fail(t("folder_not_empty", path=output))
        raise typer.Exit(1)
    write_deck(deck, output)
    done(t("imported", deck=deck.id, cards=len(deck), path=output))


def stats(
    csv_file: Path | None = typer.Option(None, "--csv", help=t("opt_stats_csv")),
    decks_path: Path | None = DecksOption,
) -> None:
    from jnt_fresque.cards.coverage import MARKS, coverage
    from jnt_fresque.cards.vocab import KIND_LABELS
    from jnt_fresque.reference import inspire

    decks = _load(decks_path)
    table(
        t("decks_title"),
        [t("col_deck"), t("col_kind"), t("col_cards")],
        ((d.id, KIND_LABELS[d.kind].get(), len(d)) for d in decks.values()),
    )
    matrix = coverage(decks)
    if csv_file is not None:
        csv_file.write_text(matrix.to_csv(lang=current()), encoding="utf-8")
        done(t("written", path=csv_file))
        return
    codes = [theme.code for theme in inspire.THEMES]
    width = max((len(c.id) for c in matrix.use_cases), default=10)
    lines = [t("coverage_title"), " " * width + " " + " ".join(codes)]
    for card in matrix.use_cases:
        marks = (MARKS.get(matrix.weight(card.id, code) or "", "·") for code in codes)
        lines.append(f"{card.id:<{width}} " + " ".join(f"{m} " for m in marks).rstrip())
    totals = (sum(matrix.demand(code)) for code in codes)
    lines.append(f"{'Σ':<{width}} " + " ".join(f"{n:<2}" for n in totals).rstrip())
    lines.append(t("coverage_legend"))
    missing = [code for code in codes if code not in matrix.needed]
    lines.append(
        t("coverage_summary", needed=len(matrix.needed), total=len(codes),
          missing=", ".join(missing) or "-")
    )  # fmt: skip
    done("\n".join(lines))


def register(app: typer.Typer) -> None:
    """Add the deck commands to ``app``."""
    app.command("decks", help=t("decks_help"))(list_decks)
    deck = typer.Typer(help=t("deck_help"), no_args_is_help=True, rich_markup_mode=None)
    deck.command("show", help=t("show_help"))(show)
    deck.command("validate", help=t("validate_help"))(validate)
    deck.command("schema", help=t("schema_help"))(schema)
    deck.command("export", help=t("export_help"))(export)
    deck.command("import", help=t("import_help"))(import_)
    deck.command("stats", help=t("stats_help"))(stats)
    app.add_typer(deck, name="deck")
