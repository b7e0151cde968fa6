"""Loading decks from folders, with every problem collected.

A folder of decks holds one sub-folder per deck; a deck folder holds
``deck.yaml`` and one ``<card-id>.yaml`` per card. Problems are gathered across
all files (bad bytes, bad YAML, wrong fields, duplicated ids, dangling
references) and raised together as one `DeckError`, never one at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError

from jnt_fresque.cards import source
from jnt_fresque.cards.deck import Deck, Decks
from jnt_fresque.cards.model import CARD_MODELS, SLUG, Card, DataCard, DeckManifest, UseCaseCard
from jnt_fresque.cards.problems import DeckError, Problem, describe, field_path
from jnt_fresque.i18n import t
from jnt_fresque.reference import inspire
from jnt_fresque.reference.bundled import cards_dir

MANIFEST = "deck.yaml"


@dataclass(frozen=True, slots=True)
class _Loaded:
    """A validated card with where it came from, for the checks across cards."""

    card: Card
    path: str
    parsed: source.Source

    def problem(self, loc: source.Loc, key: str, **values: object) -> Problem:
        return Problem(
            self.path,
            self.parsed.line(loc),
            f"card {self.card.id}",
            field_path(loc),
            t(key, **values),
        )


class Collector:
    """Gathers the problems of one load."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, path: str, line: int | None, subject: str, field: str, key: str, **values: object
    ) -> None:
        self.problems.append(Problem(path, line, subject, field, t(key, **values)))

    def read(self, path: Path, shown: str, subject: str) -> source.Source | None:
        parsed = source.read(path)
        if isinstance(parsed, source.SourceError):
            self.add(shown, parsed.line or 1, subject, t("card_field"), parsed.key, **parsed.values)
            return None
        return parsed

    def validate(
        self, model: type[BaseModel], parsed: source.Source, shown: str, subject: str
    ) -> BaseModel | None:
        try:
            return model.model_validate(parsed.data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc, message = describe(error)
                self.problems.append(
                    Problem(shown, parsed.line(loc), subject, field_path(loc), message)
                )
            return None


def _shown(path: Path) -> str:
    """A path as the user will recognise it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _deck_folders(root: Path, found: Collector) -> list[Path]:
    if not root.is_dir():
        found.add(_shown(root), None, "deck ?", "-", "no_folder")
        return []
    if (root / MANIFEST).is_file():
        return [root]
    folders = []
    for child in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (child / MANIFEST).is_file():
            folders.append(child)
        elif any(child.glob("*.yaml")):
            found.add(_shown(child), None, f"deck {child.name}", MANIFEST, "no_manifest")
    if not folders and not found.problems:
        found.add(_shown(root), None, "deck ?", "-", "no_decks")
    return folders


@dataclass(frozen=True, slots=True)
class Entry:
    """One card's data as read, before validation: from a file or a spreadsheet row."""

    shown: str  # the path (or file) the user sees in problems
    parsed: source.Source
    stem: str | None = None  # file name without .yaml, which must equal the card id


def validate_deck(
    found: Collector,
    manifest_shown: str,
    manifest_parsed: source.Source | None,
    entries: Iterable[Entry],
    *,
    default_subject: str,
) -> tuple[DeckManifest | None, list[_Loaded]]:
    """Validate one deck's manifest and cards; problems go to ``found``."""
    manifest: DeckManifest | None = None
    if manifest_parsed is not None:
        deck_id = manifest_parsed.data.get("id")
        named = isinstance(deck_id, str) and len(deck_id) <= 64 and deck_id.isprintable()
        subject = f"deck {deck_id if named else default_subject}"
        valid = found.validate(DeckManifest, manifest_parsed, manifest_shown, subject)
        manifest = valid if isinstance(valid, DeckManifest) else None

    loaded: list[_Loaded] = []
    for entry in entries:
        parsed = entry.parsed
        card_id = parsed.data.get("id")
        named = isinstance(card_id, str) and len(card_id) <= 64 and bool(SLUG.match(card_id))
        subject = f"card {card_id if named else entry.stem or '?'}"
        kind = parsed.data.get("kind")
        model = CARD_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            key = "err_missing" if kind is None else "err_literal"
            found.add(
                entry.shown,
                parsed.line(("kind",)),
                subject,
                "kind",
                key,
                value=kind,
                expected=", ".join(CARD_MODELS),
            )
            continue
        card = found.validate(model, parsed, entry.shown, subject)
        if card is None:
            continue
        item = _Loaded(card, entry.shown, parsed)  # type: ignore[arg-type]
        if entry.stem is not None and entry.stem != item.card.id:
            found.problems.append(
                item.problem(("id",), "file_name", expected=f"{item.card.id}.yaml")
            )
        if manifest is not None and item.card.kind != manifest.kind:
            found.problems.append(
                item.problem(
                    ("kind",),
                    "kind_mismatch",
                    kind=item.card.kind,
                    deck=manifest.id,
                    expected=manifest.kind,
                )
            )
            continue
        if manifest is not None and isinstance(item.card, DataCard):
            found.problems.extend(_criteria_problems(item, manifest))
        loaded.append(item)
    return manifest, loaded


def _read_folder(folder: Path, found: Collector) -> tuple[DeckManifest | None, list[_Loaded]]:
    manifest_shown = _shown(folder / MANIFEST)
    manifest_parsed = found.read(folder / MANIFEST, manifest_shown, f"deck {folder.name}")
    entries = []
    files = sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.name != MANIFEST
    )
    for path in files:
        shown = _shown(path)
        parsed = found.read(path, shown, f"card {path.stem}")
        if parsed is not None:
            entries.append(Entry(shown, parsed, path.stem))
    return validate_deck(
        found, manifest_shown, manifest_parsed, entries, default_subject=folder.name
    )


def _criteria_problems(item: _Loaded, manifest: DeckManifest) -> Iterable[Problem]:
    assert isinstance(item.card, DataCard)
    given = item.card.criteria
    defined = {c.id: c for c in manifest.criteria}
    for name in given:
        if name not in defined:
            yield item.problem(
                ("criteria", name),
                "unknown_criterion",
                value=name,
                expected=", ".join(defined) or "-",
            )
    for criterion in manifest.criteria:
        if criterion.id not in given:
            yield item.problem(
                ("criteria",), "missing_criterion", code=criterion.code, name=criterion.name.get()
            )
            continue
        value = given[criterion.id]
        if isinstance(value, list) and not criterion.multiple:
            yield item.problem(("criteria", criterion.id), "criterion_single")
            continue
        allowed = [v.id for v in criterion.values]
        for index, choice in enumerate(value if isinstance(value, list) else [value]):
            if choice not in allowed:
                loc = (
                    ("criteria", criterion.id, index)
                    if isinstance(value, list)
                    else ("criteria", criterion.id)
                )
                yield item.problem(
                    loc, "criterion_value", value=choice, expected=", ".join(allowed)
                )


def _cross_problems(decks: list[tuple[DeckManifest, Path, list[_Loaded]]]) -> Iterable[Problem]:
    """Rules that span cards: unique ids and titles, references that resolve."""
    first_deck: dict[str, str] = {}
    for manifest, folder, _ in decks:
        shown = _shown(folder / MANIFEST)
        if manifest.id in first_deck:
            yield Problem(
                shown,
                1,
                f"deck {manifest.id}",
                "id",
                t("duplicate_deck", other=first_deck[manifest.id]),
            )
        first_deck.setdefault(manifest.id, shown)

    everything = [item for _, _, items in decks for item in items]
    by_id: dict[str, _Loaded] = {}
    for item in everything:
        other = by_id.get(item.card.id)
        if other is not None:
            yield item.problem(
                ("id",), "duplicate_id", other=f"{other.path}:{other.parsed.line(('id',))}"
            )
        else:
            by_id[item.card.id] = item

    for _, _, items in decks:
        # Every language a title is written in: two cards a German reader cannot tell apart
        # are as confusing as in French.
        for lang in dict.fromkeys(lang for item in items for lang in item.card.title.langs):
            titles: dict[str, str] = {}
            for item in items:
                written = item.card.title.as_dict().get(lang)
                if written is None:
                    continue
                title = written.casefold()
                if title in titles:
                    yield item.problem(
                        ("title", lang), "duplicate_title", value=written, other=titles[title]
                    )
                titles.setdefault(title, item.card.id)

    themes: dict[str, str] = {}
    for item in everything:
        if isinstance(item.card, DataCard):
            if item.card.theme in themes:
                yield item.problem(
                    ("theme",),
                    "duplicate_theme",
                    theme=item.card.theme,
                    other=themes[item.card.theme],
                )
            themes.setdefault(item.card.theme, item.card.id)

    for item in everything:
        for index, ref in enumerate(item.card.references):
            target = by_id.get(ref)
            if target is None:
                yield item.problem(("related", index), "unknown_card", value=ref)
            elif target.card.kind != item.card.kind:
                yield item.problem(
                    ("related", index),
                    "wrong_kind_ref",
                    value=ref,
                    kind=target.card.kind,
                    expected=item.card.kind,
                )
        # A use case's themes become links to data cards on the board: when data
        # cards are loaded, each theme a use case needs must have its card.
        if isinstance(item.card, UseCaseCard) and themes:
            for weight in ("primary", "secondary"):
                for index, code in enumerate(getattr(item.card.themes, weight)):
                    if code not in themes:
                        yield item.problem(("themes", weight, index), "no_data_card", value=code)


def _order(cards: list[_Loaded]) -> tuple[Card, ...]:
    # Data cards follow the INSPIRE register (annex I, II, III); others their ids.
    rank = {th.code: i for i, th in enumerate(inspire.THEMES)}

    def key(item: _Loaded) -> tuple[int, str]:
        card = item.card
        return (rank[card.theme], card.id) if isinstance(card, DataCard) else (0, card.id)

    return tuple(item.card for item in sorted(cards, key=key))


def check_decks(root: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in the decks under ``root`` (default: the kit's decks)."""
    try:
        load_decks(root)
    except DeckError as exc:
        return list(exc.problems)
    return []


def load_decks(root: str | os.PathLike[str] | None = None) -> Decks:
    """Load and validate the decks under ``root`` (default: the kit's decks).

    ``root`` is a folder of deck folders, or one deck folder (holding ``deck.yaml``).

    Raises
    ------
    DeckError
        With every problem found, one line each.
    """
    folder = Path(root) if root is not None else cards_dir()
    found = Collector()
    decks: list[tuple[DeckManifest, Path, list[_Loaded]]] = []
    for deck_folder in _deck_folders(folder, found):
        manifest, cards = _read_folder(deck_folder, found)
        if manifest is not None:
            decks.append((manifest, deck_folder, cards))
    return finish(found, decks)


def finish(found: Collector, decks: list[tuple[DeckManifest, Path, list[_Loaded]]]) -> Decks:
    """Run the checks across cards, then raise every problem or return the decks."""
    found.problems.extend(_cross_problems(decks))
    if found.problems:
        # File by file, top to bottom, as an author fixes them.
        raise DeckError(sorted(found.problems, key=lambda p: (p.path, p.line or 0)))
    return Decks(tuple(Deck(m, _order(cards), f) for m, f, cards in decks))


@lru_cache(maxsize=1)
def default_decks() -> Decks:
    """The kit's own decks, loaded once per process."""
    return load_decks()
