"""The card format: one pydantic model per kind of card, and the deck manifest.

A card file holds one card; ``kind`` says which model validates it. Text that is
printed on a card is a `Text` (French and English, both required; any further
language by its code) whose length is capped so that it fits the printed card.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from jnt_fresque.cards.vocab import (
    ID_PREFIX,
    Cadence,
    Capability,
    Family,
    Implementation,
    Kind,
    Reliability,
    Scale,
    Standard,
    TimeStep,
)
from jnt_fresque.i18n import LANGS, Text
from jnt_fresque.reference import inspire

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)?$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


# --- text that fits a card -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fits:
    """Marks a `Text` of at most ``max_chars`` characters in each language (a printed card's room)."""

    max_chars: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        found = handler(schema)
        found["maxChars"] = self.max_chars
        return found

    def check(self, text: Text) -> Text:
        # French and English are required (the mapping's schema says so); a further
        # language, once written, must be written in full and fit the card as well.
        for lang, value in text.as_dict().items():
            if not value:
                raise PydanticCustomError(
                    "text_empty" if lang in LANGS else "text_empty_other",
                    "{lang}: text is empty; write it in both languages"
                    if lang in LANGS
                    else "{lang}: text is empty; write it, or remove this language",
                    {"lang": lang},
                )
            if len(value) > self.max_chars:
                raise PydanticCustomError(
                    "text_too_long",
                    "{lang}: {length} characters, at most {max} fit on the card",
                    {"lang": lang, "length": len(value), "max": self.max_chars},
                )
        return text


Title = Annotated[Text, Fits(60)]
Line = Annotated[Text, Fits(110)]


# --- identifiers and codes -------------------------------------------------------


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise PydanticCustomError(
            "bad_slug",
            "« {value} » is not a valid identifier; expected lower-case letters, digits and "
            "hyphens, e.g. uc-inondation",
            {"value": value},
        )
    return value


Slug = Annotated[
    str, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG.pattern}, max_length=64)
]


def _theme_code(value: str) -> str:
    if value not in inspire.CODES:
        raise PydanticCustomError(
            "unknown_theme",
            "« {value} » is not an INSPIRE theme code; expected one of: {expected}",
            {"value": value, "expected": ", ".join(t.code for t in inspire.THEMES)},
        )
    return value


ThemeCode = Annotated[
    str,
    AfterValidator(_theme_code),
    Field(json_schema_extra={"enum": [t.code for t in inspire.THEMES]}),
]


def _date_text(value: object) -> object:
    # YAML reads 2022-12-15 as a date: take it back as the text the author wrote.
    return value.isoformat() if isinstance(value, dt.date) else value


def _iso_date(value: str) -> str:
    if not ISO_DATE.match(value):
        raise PydanticCustomError(
            "bad_date",
            "« {value} » is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD",
            {"value": value},
        )
    return value


IsoDate = Annotated[
    str,
    BeforeValidator(_date_text),
    AfterValidator(_iso_date),
    Field(json_schema_extra={"pattern": ISO_DATE.pattern}),
]


def _unique(items: list[Any]) -> list[Any]:
    seen: set[Any] = set()
    for item in items:
        key = item if isinstance(item, str | int) else repr(item)
        if key in seen:
            raise PydanticCustomError(
                "duplicate_item", "« {value} » appears twice; list each value once", {"value": key}
            )
        seen.add(key)
    return items


UNIQUE = AfterValidator(_unique)  # a list whose items are all different


# --- the parts of cards -----------------------------------------------------------


class Part(BaseModel):
    """Base of every model of the format: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ThemeNeeds(Part):
    """The INSPIRE themes a use case needs: essential ones, then useful ones."""

    primary: Annotated[list[ThemeCode], Field(min_length=1), UNIQUE]
    secondary: Annotated[list[ThemeCode], UNIQUE] = []

    @model_validator(mode="after")
    def _disjoint(self) -> ThemeNeeds:
        both = sorted(set(self.primary) & set(self.secondary))
        if both:
            raise PydanticCustomError(
                "theme_twice",
                "{codes} listed as both primary and secondary; keep each theme in one list",
                {"codes": ", ".join(both)},
            )
        return self

    @property
    def codes(self) -> tuple[str, ...]:
        """All the theme codes, primary first."""
        return (*self.primary, *self.secondary)


class Reference(Part):
    """A public page or document that backs what a card says, and the day it was read."""

    title: Annotated[str, Field(min_length=2, max_length=160)]
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=300)]
    publisher: Annotated[str, Field(min_length=2, max_length=80)]
    checked: IsoDate


Sources = Annotated[list[Reference], Field(min_length=1, max_length=4)]


class Example(Part):
    """A real territory where the use case runs, the project's name, its year and its sources."""

    # A place name in both languages: the English exonym where one exists (Singapour → Singapore).
    territory: Annotated[Text, Fits(60)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] = "FR"
    project: Annotated[str, Field(min_length=2, max_length=80)]
    year: Annotated[int, Field(ge=1990, le=2100)]
    note: Annotated[Text, Fits(110)] | None = None
    sources: Sources


class Dataset(Part):
    """A reference dataset that serves a theme, as a French user would fetch it.

    Its name is a proper name: the English keeps it and adds a gloss where it is not
    self-explanatory (« Fichiers fonciers (land files) »). ``sources`` holds the producer's
    page for the dataset.
    """

    name: Annotated[Text, Fits(110)]
    producer: Annotated[Text, Fits(80)]
    cadence: Cadence
    licence: Annotated[Text, Fits(60)]
    note: Annotated[Text, Fits(110)] | None = None
    sources: Sources


class Choice(Part):
    """One allowed value of a criterion or one answer to a key question."""

    id: Slug
    label: Annotated[Text, Fits(60)]


class Profile(Part):
    """What an answer says about the twin to build (read by a scoping tool)."""

    capability: Capability | None = None
    implementation: Implementation | None = None
    scale: Scale | None = None
    time_step: TimeStep | None = None


class Answer(Choice):
    """An answer to a key question, and what it implies for the twin's profile."""

    implies: Profile | None = None


class BlankPrompts(Part):
    """What a blank card asks the participant to write, field by field of a use case."""

    title: Line
    pitch: Line
    users: Line
    question: Line
    scales: Line
    time_step: Line
    capability: Line
    implementation: Line
    themes: Line
    standards: Line
    examples: Line


# --- the cards --------------------------------------------------------------------


class CardBase(Part):
    """What every card has: a stable id, its kind, a title in both languages."""

    id: Slug
    kind: Kind
    title: Title

    @model_validator(mode="after")
    def _id_prefix(self) -> CardBase:
        prefix = ID_PREFIX[self.kind]
        if not self.id.startswith(prefix + "-"):
            raise PydanticCustomError(
                "bad_prefix",
                "id « {value} » must start with « {prefix}- » for a card of kind {kind}",
                {"value": self.id, "prefix": prefix, "kind": self.kind},
            )
        return self

    @property
    def references(self) -> tuple[str, ...]:
        """Ids of the other cards this card names."""
        return ()


class UseCaseCard(CardBase):
    """A use case of a territorial twin, seen in a real territory."""

    kind: Literal["uc"]
    pitch: Annotated[Text, Fits(180)]
    users: Annotated[Text, Fits(100)]
    question: Annotated[Text, Fits(150)]
    scales: Annotated[list[Scale], Field(min_length=1), UNIQUE]
    time_step: TimeStep
    capability: Capability
    implementation: Implementation
    themes: ThemeNeeds
    standards: Annotated[list[Standard], Field(min_length=1), UNIQUE]
    examples: Annotated[list[Example], Field(min_length=1, max_length=6)]


class DataCard(CardBase):
    """One INSPIRE theme as the data a twin is built from."""

    kind: Literal["data"]
    # The INSPIRE register's name in full: « Zones de gestion, de restriction ou de
    # réglementation et unités de déclaration » is 80 characters.
    title: Annotated[Text, Fits(90)]
    theme: ThemeCode
    icon: Slug
    summary: Annotated[Text, Fits(220)]
    geoconcepts: Annotated[list[Annotated[Text, Fits(70)]], Field(min_length=1, max_length=10)]
    datasets: Annotated[list[Dataset], Field(min_length=1, max_length=6)]
    # Values of the deck's characterization criteria, checked against deck.yaml.
    criteria: dict[str, str | list[str]] = {}

    @model_validator(mode="after")
    def _id_is_theme(self) -> DataCard:
        if self.id != f"data-{self.theme}":
            raise PydanticCustomError(
                "data_id",
                "id « {value} » must be data-{theme}, after its theme",
                {"value": self.id, "theme": self.theme},
            )
        return self

    @property
    def annex(self) -> str:
        """The INSPIRE annex of the card's theme."""
        return inspire.theme(self.theme).annex


class BlankCard(CardBase):
    """A card a participant fills to propose a new use case."""

    kind: Literal["blank"]
    instructions: Annotated[Text, Fits(220)]
    prompts: BlankPrompts


class TermCard(CardBase):
    """A term of the field with its definition, as a glossary entry."""

    kind: Literal["term"]
    definition: Annotated[Text, Fits(450)]
    # Printed on the card: in both languages, a title left as it is with an English gloss.
    source: Annotated[Text, Fits(160)]
    # YAML reads an unquoted 1 as a number: take it as the code "1".
    reliability: Annotated[
        Reliability,
        BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
        WithJsonSchema({"enum": ["1", "2", "3", "4", "X", 1, 2, 3, 4]}),
    ]
    created: IsoDate
    modified: IsoDate | None = None
    related: Annotated[list[Slug], UNIQUE] = []

    @property
    def references(self) -> tuple[str, ...]:
        return tuple(self.related)


class QuestionCard(CardBase):
    """A key question for scoping a twin, with the answers to choose from."""

    kind: Literal["question"]
    title: Annotated[Text, Fits(100)]
    family: Family
    hint: Annotated[Text, Fits(160)] | None = None
    multiple: bool = False
    answers: Annotated[list[Answer], Field(min_length=2, max_length=8)]

    @model_validator(mode="after")
    def _answer_ids(self) -> QuestionCard:
        _unique([a.id for a in self.answers])
        return self


Card = UseCaseCard | DataCard | BlankCard | TermCard | QuestionCard
CARD_MODELS: dict[str, type[CardBase]] = {
    "uc": UseCaseCard,
    "data": DataCard,
    "blank": BlankCard,
    "term": TermCard,
    "question": QuestionCard,
}


# --- the deck manifest ------------------------------------------------------------


def _version(value: str) -> str:
    if not VERSION.match(value):
        raise PydanticCustomError(
            "bad_version",
            '« {value} » is not a version; expected e.g. "1.0.0" (in quotes)',
            {"value": value},
        )
    return value


def _colour(value: str) -> str:
    if not COLOUR.match(value):
        raise PydanticCustomError(
            "bad_colour",
            '« {value} » is not a colour; expected #RRGGBB, e.g. "#1f6f8b"',
            {"value": value},
        )
    return value


Colour = Annotated[
    str, AfterValidator(_colour), Field(json_schema_extra={"pattern": COLOUR.pattern})
]


Origin = Literal["working-group", "kit"]
# The criteria the CNIG working group's presentation names; it says there are ten in all,
# and C4 onwards are this kit's proposal for the rest.
WORKING_GROUP_CODES = frozenset({"C1", "C2", "C3"})


class Criterion(Part):
    """A characterization criterion of data cards (C1 nature, C2 provenance…)."""

    id: Slug
    code: Annotated[str, Field(pattern=r"^C\d{1,2}$")]
    # Who defined it: the CNIG working group (C1 to C3 in its presentation) or this kit.
    origin: Origin
    name: Annotated[Text, Fits(50)]
    meaning: Annotated[Text, Fits(300)]
    multiple: bool = False
    values: Annotated[list[Choice], Field(min_length=2)]

    @model_validator(mode="after")
    def _value_ids(self) -> Criterion:
        _unique([v.id for v in self.values])
        if self.code in WORKING_GROUP_CODES and self.origin != "working-group":
            raise PydanticCustomError(
                "criterion_origin_group",
                "{code} is one of the working group's criteria (C1 to C3); set origin: "
                "working-group",
                {"code": self.code},
            )
        if self.code not in WORKING_GROUP_CODES and self.origin != "kit":
            raise PydanticCustomError(
                "criterion_origin_kit",
                "{code} is not named in the working group's presentation (only C1 to C3 are); "
                "set origin: kit",
                {"code": self.code},
            )
        return self


class DeckManifest(Part):
    """``deck.yaml``: what the deck is, its version and colours, its criteria."""

    id: Slug
    kind: Kind
    title: Annotated[Text, Fits(60)]
    description: Annotated[Text, Fits(400)]
    version: Annotated[str, AfterValidator(_version)]
    licence: Annotated[str, Field(min_length=2, max_length=60)] = "CC-BY-SA-4.0"
    colours: Annotated[dict[Slug, Colour], Field(min_length=1)]
    criteria: list[Criterion] = []

    @model_validator(mode="after")
    def _checks(self) -> DeckManifest:
        if "primary" not in self.colours:
            raise PydanticCustomError(
                "no_primary_colour", 'colours need a « primary » entry, e.g. primary: "#1f6f8b"', {}
            )
        if self.criteria and self.kind != "data":
            raise PydanticCustomError(
                "criteria_kind",
                "criteria belong to decks of kind data, not {kind}",
                {"kind": self.kind},
            )
        _unique([c.id for c in self.criteria])
        return self


def card_json_schema() -> dict[str, Any]:
    """JSON Schema of a card file, for editors (one of the five kinds, by ``kind``)."""
    adapter: TypeAdapter[Card] = TypeAdapter(Annotated[Card, Field(discriminator="kind")])
    schema = adapter.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "jnt-fresque card"
    return schema


def manifest_json_schema() -> dict[str, Any]:
    """JSON Schema of a ``deck.yaml`` manifest."""
    schema = DeckManifest.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "jnt-fresque deck manifest"
    return schema
