"""``jnt-fresque print``: card sets as PDF (home or print shop) and PNG, or the facilitator pack."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jnt_fresque.cli._console import done, fail
from jnt_fresque.cli.decks import DecksOption, _deck, _load
from jnt_fresque.i18n import Lang, current, languages, t

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.printing.geometry import CardName, PaperName
    from jnt_fresque.printing.sheets import Duplex as DuplexName
    from jnt_fresque.printing.sheets import Profile as ProfileName


class CardSize(StrEnum):
    poker = "poker"
    tarot = "tarot"
    a6 = "a6"


class Paper(StrEnum):
    a4 = "a4"
    letter = "letter"


class Profile(StrEnum):
    home = "home"
    shop = "shop"


class Duplex(StrEnum):
    long = "long"
    short = "short"
    none = "none"


Advance = Callable[[int, int], None]


@contextmanager
def _progress() -> Iterator[Callable[[str], Advance]]:
    """A progress bar on stderr; ``stage(key)`` starts a task and gives its callback."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    if not console.is_terminal:
        # Piped or captured: no bar, so that stderr holds only real problems.
        yield lambda key: lambda count, total: None
        return
    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
              console=console, transient=True)  # fmt: skip

    def stage(key: str) -> Advance:
        task = bar.add_task(t(key), total=None)
        return lambda count, total: bar.update(task, completed=count, total=total)

    with bar:
        yield stage


def print_cards(
    deck_ids: list[str] | None = typer.Argument(None, metavar="DECK", help=t("print_arg_decks"), show_default=False),
    lang: str | None = typer.Option(None, "--lang", help=t("print_opt_lang"), show_default=False),
    card: CardSize = typer.Option(CardSize.poker, "--card", help=t("print_opt_card")),
    paper: Paper = typer.Option(Paper.a4, "--paper", help=t("print_opt_paper")),
    profiles: list[Profile] | None = typer.Option(None, "--profile", help=t("print_opt_profile"), show_default="home"),
    duplex: Duplex = typer.Option(Duplex.long, "--duplex", help=t("print_opt_duplex")),
    output: Path | None = typer.Option(None, "-o", "--output", help=t("print_opt_output"), show_default=False),
    png: Path | None = typer.Option(None, "--png", help=t("print_opt_png"), show_default=False),
    pack: bool = typer.Option(False, "--pack", help=t("print_opt_pack")),
    tables: int = typer.Option(1, "--tables", min=1, max=200, help=t("print_opt_tables")),
    decks_path: Path | None = DecksOption,
) -> None:  # fmt: skip
    from jnt_fresque.printing.fit import Overflow

    # Any language with a catalogue: a translator's new one prints with no code to change.
    if lang is not None and lang not in languages():
        fail(t("print_unknown_lang", value=lang, expected=", ".join(languages())))
        raise typer.Exit(2)
    decks = _load(decks_path)
    chosen = [_deck(decks, d).id for d in deck_ids or []] or None
    in_lang: Lang = lang or current()
    try:
        with _progress() as stage:
            if pack:
                _pack(decks, chosen, lang=in_lang, paper=paper.value, tables=tables,
                      output=output, stage=stage)  # fmt: skip
            else:
                _cards(decks, chosen, lang=in_lang, card=card.value, paper=paper.value,
                       profiles=[p.value for p in dict.fromkeys(profiles or [Profile.home])],
                       duplex=duplex.value, output=output, png=png, stage=stage)  # fmt: skip
    except Overflow as exc:  # one line naming card, language and field; nothing written
        fail(exc.said(current()))
        raise typer.Exit(2) from None


def _pack(
    decks: Decks, chosen: list[str] | None, *, lang: Lang, paper: PaperName, tables: int,
    output: Path | None, stage: Callable[[str], Advance],
) -> None:  # fmt: skip
    from jnt_fresque.printing.pack import write_pack

    target = output or Path(f"jnt-fresque-animation-{lang}.pdf")
    pages = write_pack(decks, target, deck_ids=chosen, lang=lang, paper=paper, tables=tables,
                       progress=stage("print_stage_pack"))  # fmt: skip
    done(t("print_pack_written", path=target, pages=pages))


def _cards(
    decks: Decks, chosen: list[str] | None, *, lang: Lang, card: CardName, paper: PaperName,
    profiles: list[ProfileName], duplex: DuplexName, output: Path | None, png: Path | None,
    stage: Callable[[str], Advance],
) -> None:  # fmt: skip
    from jnt_fresque.printing.faces import lay_out_decks
    from jnt_fresque.printing.images import write_pngs
    from jnt_fresque.printing.sheets import write_cards

    # Every card is laid out, and checked to fit, before anything is written.
    faces = lay_out_decks(decks, chosen, card_size=card, lang=lang,
                          progress=stage("print_stage_layout"))  # fmt: skip
    if not faces:
        fail(t("print_no_cards"))
        raise typer.Exit(2)
    # With --png alone, only images; -o (or no --png) asks for the PDF too.
    for profile in profiles if output is not None or png is None else []:
        target = output or Path(f"jnt-fresque-{card}-{lang}.pdf")
        if len(profiles) > 1:  # one file per profile: cartes-home.pdf, cartes-shop.pdf
            target = target.with_name(f"{target.stem}-{profile}{target.suffix or '.pdf'}")
        pages = write_cards(faces, target, paper=paper, profile=profile, duplex=duplex,
                            lang=lang, progress=stage("print_stage_pdf"))  # fmt: skip
        done(t("print_written", path=target, cards=len(faces), pages=pages))
        if profile == "home":
            hint = t("print_fold_hint") if duplex == "none" else t("print_duplex_hint", edge=t("print_edge_long" if duplex == "long" else "print_edge_short"))  # fmt: skip
            done(hint)
    if png is not None:
        files = write_pngs(faces, png, progress=stage("print_stage_png"))
        done(t("print_png_written", count=len(files), path=png))


def register(app: typer.Typer) -> None:
    """Add the ``print`` command to ``app``."""
    app.command("print", help=t("print_help"))(print_cards)
