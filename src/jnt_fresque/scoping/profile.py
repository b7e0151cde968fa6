"""From the answers to the key questions to a twin profile.

Each answer of the key-question deck may imply a capability, an
implementation model, a scale or a time step (its ``implies`` field). The
profile gathers them: the most advanced capability asked for, the most cited
implementation model (the architecture question counts triple), the main scale,
the finest time step. The use cases of the deck that share that profile, and
the answers themselves, then say which data cards and standards the twin needs,
and which blocks of the reference architecture (data → processing → usage).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jnt_fresque.cards.model import QuestionCard, UseCaseCard
from jnt_fresque.cards.vocab import CAPABILITY_LABELS, SCALE_LABELS, TIME_STEP_LABELS
from jnt_fresque.i18n import Lang, Message, Text, say
from jnt_fresque.reference import inspire

if TYPE_CHECKING:
    from pathlib import Path

    from jnt_fresque.cards.deck import Decks

CAPABILITIES = tuple(CAPABILITY_LABELS)  # descriptive → prescriptive
SCALES = tuple(SCALE_LABELS)
TIME_STEPS = tuple(TIME_STEP_LABELS)  # finest first
LAYERS = ("data", "processing", "usage")
ARCHITECTURE_QUESTION = "q-technique-architecture"
MAIN_SCALE_QUESTION = "q-echelles-echelle-principale"
USER_QUESTIONS = ("q-utilisateurs-principal", "q-utilisateurs-cibles-secondaires")
INTERFACE_QUESTION = "q-technique-interface"
MAX_USE_CASES = 5

# INSPIRE themes an answer brings in as essential data ("question/answer" → theme codes).
ANSWER_THEMES: dict[str, tuple[str, ...]] = {
    "q-donnees-types/socles": ("au", "cp", "tn", "bu", "hy"),
    "q-donnees-types/maquettes-bim": ("bu",),
    "q-donnees-types/capteurs": ("ef",),
    "q-donnees-types/imagerie": ("oi", "el"),
    "q-donnees-types/statistiques": ("pd", "su"),
    "q-donnees-types/metier": ("us",),
    "q-donnees-place-3d/analyse": ("bu", "el"),
    "q-donnees-place-3d/maquette-urbaine": ("bu",),
    "q-donnees-place-3d/bim": ("bu",),
    "q-donnees-place-3d/sous-sol": ("us", "ge"),
    "q-donnees-georeferencement/centimetrique": ("us",),
}

# Standards an answer names ("question/answer" → standards of the card vocabulary).
ANSWER_STANDARDS: dict[str, tuple[str, ...]] = {
    "q-donnees-formats/vecteur": ("GeoPackage", "GeoJSON"),
    "q-donnees-formats/raster": ("GeoTIFF",),
    "q-donnees-formats/citygml": ("CityGML", "CityJSON"),
    "q-donnees-formats/ifc": ("IFC",),
    "q-donnees-formats/tuiles-3d": ("3D Tiles", "I3S"),
    "q-donnees-formats/nuages": ("LAS/LAZ",),
    "q-donnees-formats/ngsi-ld": ("NGSI-LD",),
    "q-gouvernance-standards/ogc": ("WMS", "WFS", "OGC API Features"),
    "q-gouvernance-standards/citygml": ("CityGML", "CityJSON"),
    "q-gouvernance-standards/ifc": ("IFC", "BCF"),
    "q-gouvernance-standards/ngsi-ld": ("NGSI-LD",),
    "q-gouvernance-standards/sensorthings": ("SensorThings API",),
    "q-gouvernance-standards/inspire": ("INSPIRE", "ISO 19115"),
    "q-gouvernance-standards/cnig": ("PCRS", "CNIG PLU"),
    "q-donnees-georeferencement/centimetrique": ("PCRS",),
}

# Blocks of the data layer that answers (not data cards) bring in.
ANSWER_DATA_BLOCKS: dict[str, str] = {
    "q-donnees-types/capteurs": "layer_sensors",
    "q-donnees-types/maquettes-bim": "layer_bim",
    "q-gouvernance-donnees-dans-le-temps/historique": "layer_history",
    "q-gouvernance-donnees-dans-le-temps/millesimes": "layer_history",
    "q-donnees-types/simulations": "layer_scenarios",
}


class ScopingError(ValueError):
    """Answers that do not fit the key-question deck; ``problems`` has one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class DataNeed:
    """A data card the twin needs, how strongly, and which answers or use cases ask for it."""

    card: str
    theme: str
    weight: str  # primary | secondary
    because: tuple[str, ...]

    @property
    def name(self) -> Message:
        """The INSPIRE theme's name."""
        return inspire.theme(self.theme).name


@dataclass(frozen=True)
class TwinProfile:
    """What the answers to the key questions say about the twin to build.

    Examples
    --------
    >>> p = profile({"q-usage-complexite": ["prevoir"], "q-technique-architecture": ["centre-sig"]})
    >>> p.capability, p.implementation
    ('predictive', 'gis')
    """

    answers: dict[str, tuple[str, ...]]
    capability: str | None
    capabilities: tuple[str, ...]
    implementation: str | None
    implementations: tuple[str, ...]
    scale: str | None
    scales: tuple[str, ...]
    time_step: str | None
    time_steps: tuple[str, ...]
    use_cases: tuple[str, ...]
    data: tuple[DataNeed, ...]
    standards: tuple[str, ...]
    layers: dict[str, tuple[Text | Message, ...]]
    open_questions: tuple[str, ...]
    decks: Decks = field(repr=False, compare=False)

    @property
    def data_cards(self) -> tuple[str, ...]:
        """The ids of the data cards needed, essential ones first."""
        return tuple(need.card for need in self.data)

    def to_markdown(self, lang: str = "fr") -> str:
        """The canvas as markdown (headings, lists), in ``lang``."""
        from jnt_fresque.scoping.render import markdown

        return markdown(self, lang)

    def to_pdf(self, path: str | Path, lang: str = "fr") -> Path:
        """The canvas as a one-page A4 PDF; returns its path."""
        from jnt_fresque.scoping.render import pdf

        return pdf(self, path, lang)


def questions(decks: Decks | None = None) -> tuple[QuestionCard, ...]:
    """The key-question cards, in deck order."""
    decks = decks or _default_decks()
    return tuple(c for c in decks.cards("question") if isinstance(c, QuestionCard))


def _default_decks() -> Decks:
    from jnt_fresque.cards.loader import default_decks

    return default_decks()


def _checked(
    answers: Mapping[str, Any], by_id: dict[str, QuestionCard], lang: Lang
) -> dict[str, tuple[str, ...]]:
    problems: list[str] = []
    kept: dict[str, tuple[str, ...]] = {}
    for question_id, chosen in answers.items():
        card = by_id.get(question_id)
        if card is None:
            problems.append(
                say("scoping_unknown_question", lang, value=question_id, expected=", ".join(by_id))
            )
            continue
        if isinstance(chosen, str) or not isinstance(chosen, Iterable):
            problems.append(say("scoping_answer_type", lang, question=question_id))
            continue
        ids = list(dict.fromkeys(chosen))
        allowed = [a.id for a in card.answers]
        for answer_id in ids:
            if answer_id not in allowed:
                problems.append(
                    say(
                        "scoping_unknown_answer",
                        lang,
                        question=question_id,
                        value=answer_id,
                        expected=", ".join(allowed),
                    )
                )
        if len(ids) > 1 and not card.multiple:
            problems.append(
                say("scoping_single_answer", lang, question=question_id, count=len(ids))
            )
        if ids:
            kept[question_id] = tuple(ids)
    if problems:
        raise ScopingError(problems)
    return kept


def _ranked(votes: Counter[str], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(votes, key=lambda v: (-votes[v], order.index(v))))


def profile(
    answers: Mapping[str, list[str]], *, decks: Decks | None = None, lang: Lang = "fr"
) -> TwinProfile:
    """The twin profile that answers to the key questions describe.

    Parameters
    ----------
    answers
        Question card id → the ids of the chosen answers (one for a
        single-choice question). Unknown ids raise `ScopingError` with one
        line per problem.
    decks
        The decks to read the questions and use cases from (default: the kit's).
    lang
        The language of the problems `ScopingError` lists.
    """
    decks = decks or _default_decks()
    cards = questions(decks)
    by_id = {c.id: c for c in cards}
    chosen = _checked(answers, by_id, lang)
    capability: Counter[str] = Counter()
    implementation: Counter[str] = Counter()
    scale: Counter[str] = Counter()
    time_step: Counter[str] = Counter()
    for question_id, ids in chosen.items():
        for answer in by_id[question_id].answers:
            if answer.id not in ids or answer.implies is None:
                continue
            implied = answer.implies
            weight = 3 if question_id in (ARCHITECTURE_QUESTION, MAIN_SCALE_QUESTION) else 1
            for counter, value in (
                (capability, implied.capability),
                (implementation, implied.implementation),
                (scale, implied.scale),
                (time_step, implied.time_step),
            ):
                if value:
                    counter[value] += weight
    capabilities = tuple(c for c in CAPABILITIES if c in capability)
    implementations = _ranked(implementation, ("entity", "gis", "bim"))
    scales = _ranked(scale, SCALES)
    time_steps = tuple(s for s in TIME_STEPS if s in time_step)
    main_capability = capabilities[-1] if capabilities else None
    main_time = next(
        (s for s in time_steps if s != "scenario"), time_steps[0] if time_steps else None
    )
    found = _Found(
        capability=main_capability,
        implementation=implementations[0] if implementations else None,
        scale=scales[0] if scales else None,
        time_step=main_time,
    )
    use_cases = found.similar(decks)
    data = _data_needs(chosen, use_cases)
    standards = _standards(chosen, use_cases, found.implementation)
    return TwinProfile(
        answers=chosen,
        capability=found.capability,
        capabilities=capabilities,
        implementation=found.implementation,
        implementations=implementations,
        scale=found.scale,
        scales=scales,
        time_step=found.time_step,
        time_steps=time_steps,
        use_cases=tuple(u.id for u in use_cases),
        data=data,
        standards=standards,
        layers=_layers(chosen, by_id, time_steps, found, data),
        open_questions=tuple(c.id for c in cards if c.id not in chosen),
        decks=decks,
    )


@dataclass(frozen=True)
class _Found:
    capability: str | None
    implementation: str | None
    scale: str | None
    time_step: str | None

    def score(self, card: UseCaseCard) -> int:
        points = 0
        if self.implementation == card.implementation:
            points += 2
        if self.capability is not None:
            gap = abs(CAPABILITIES.index(self.capability) - CAPABILITIES.index(card.capability))
            points += {0: 2, 1: 1}.get(gap, 0)
        if self.scale in card.scales:
            points += 1
        if self.time_step == card.time_step:
            points += 1
        return points

    def similar(self, decks: Decks) -> list[UseCaseCard]:
        """The use cases closest to this profile (score 3 or more, at most five)."""
        cards = [c for c in decks.cards("uc") if isinstance(c, UseCaseCard)]
        scored = sorted(
            ((self.score(c), i, c) for i, c in enumerate(cards)), key=lambda x: (-x[0], x[1])
        )
        return [c for points, _, c in scored if points >= 3][:MAX_USE_CASES]


def _data_needs(
    chosen: dict[str, tuple[str, ...]], use_cases: list[UseCaseCard]
) -> tuple[DataNeed, ...]:
    weights: dict[str, str] = {}
    reasons: dict[str, list[str]] = {}

    def need(code: str, weight: str, reason: str) -> None:
        if weights.get(code) != "primary":
            weights[code] = weight
        reasons.setdefault(code, [])
        if reason not in reasons[code]:
            reasons[code].append(reason)

    for question_id, ids in chosen.items():
        for answer_id in ids:
            for code in ANSWER_THEMES.get(f"{question_id}/{answer_id}", ()):
                need(code, "primary", f"{question_id}/{answer_id}")
    for card in use_cases:
        for code in card.themes.primary:
            need(code, "primary", card.id)
        for code in card.themes.secondary:
            need(code, "secondary", card.id)
    order = [theme.code for theme in inspire.THEMES]
    codes = sorted(weights, key=lambda c: (weights[c] != "primary", order.index(c)))
    return tuple(DataNeed(f"data-{c}", c, weights[c], tuple(reasons[c])) for c in codes)


def _standards(
    chosen: dict[str, tuple[str, ...]], use_cases: list[UseCaseCard], implementation: str | None
) -> tuple[str, ...]:
    named: list[str] = []
    for question_id, ids in chosen.items():
        for answer_id in ids:
            named.extend(ANSWER_STANDARDS.get(f"{question_id}/{answer_id}", ()))
    cited = Counter(s for card in use_cases for s in card.standards)
    named.extend(s for s, _ in cited.most_common())
    if implementation == "entity":
        named.append("NGSI-LD")
    return tuple(dict.fromkeys(named))


def _labels(card: QuestionCard, ids: tuple[str, ...]) -> list[Text]:
    return [a.label for a in card.answers if a.id in ids]


def _joined(key: str, name: str, texts: list[Text]) -> Message:
    return Message.of(key, **{name: tuple(texts)})


# The processing block each capability and implementation calls for.
_PROCESSING = {
    "descriptive": "proc_descriptive",
    "diagnostic": "proc_diagnostic",
    "predictive": "proc_predictive",
    "prospective": "proc_prospective",
    "prescriptive": "proc_prescriptive",
    "gis": "proc_gis",
    "bim": "proc_bim",
    "entity": "proc_entity",
}


def _layers(
    chosen: dict[str, tuple[str, ...]],
    by_id: dict[str, QuestionCard],
    time_steps: tuple[str, ...],
    found: _Found,
    data: tuple[DataNeed, ...],
) -> dict[str, tuple[Text | Message, ...]]:
    blocks: list[Text | Message] = [need.name for need in data if need.weight == "primary"]
    for question_id, ids in chosen.items():
        for answer_id in ids:
            key = ANSWER_DATA_BLOCKS.get(f"{question_id}/{answer_id}")
            if key and Message(key) not in blocks:
                blocks.append(Message(key))
    top = CAPABILITIES.index(found.capability) if found.capability else 0
    processing = [Message(_PROCESSING[c]) for c in CAPABILITIES[: top + 1]]
    if found.implementation:
        processing.append(Message(_PROCESSING[found.implementation]))
    if "real_time" in time_steps:
        processing.append(Message("proc_real_time"))
    usage: list[Text | Message] = []
    users = [x for q in USER_QUESTIONS if q in chosen for x in _labels(by_id[q], chosen[q])]
    if users:
        usage.append(_joined("usage_users", "users", users))
    if INTERFACE_QUESTION in chosen:
        shown = _labels(by_id[INTERFACE_QUESTION], chosen[INTERFACE_QUESTION])
        usage.append(_joined("usage_interfaces", "interfaces", shown))
    return {"data": tuple(blocks), "processing": tuple(processing), "usage": tuple(usage)}
