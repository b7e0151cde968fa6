"""The scoping canvas on paper: markdown, and a one-page A4 PDF (reportlab)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jnt_fresque.cards.model import QuestionCard, UseCaseCard
from jnt_fresque.cards.vocab import (
    CAPABILITY_LABELS,
    IMPLEMENTATION_LABELS,
    SCALE_LABELS,
    TIME_STEP_LABELS,
)
from jnt_fresque.i18n import Lang, Message, say

if TYPE_CHECKING:
    from jnt_fresque.scoping.profile import TwinProfile


def _value(
    main: str | None, others: tuple[str, ...], labels: dict[str, Message], lang: Lang
) -> str:
    if main is None:
        return say("scoping_undecided", lang)
    rest = [labels[v].get(lang) for v in others if v != main]
    shown = labels[main].get(lang)
    return f"{shown} ({say('scoping_also', lang, values=', '.join(rest))})" if rest else shown


def sections(found: TwinProfile, lang: Lang) -> list[tuple[str, list[str]]]:
    """The canvas as (heading, lines) pairs, shared by the markdown and the PDF."""
    decks = found.decks
    colon = " : " if lang == "fr" else ": "
    profile_lines = [
        f"**{say(key, lang)}**{colon}{_value(main, others, labels, lang)}"
        for key, main, others, labels in (
            ("scoping_capability", found.capability, found.capabilities, CAPABILITY_LABELS),
            (
                "scoping_implementation",
                found.implementation,
                found.implementations,
                IMPLEMENTATION_LABELS,
            ),
            ("scoping_scale", found.scale, found.scales, SCALE_LABELS),
            ("scoping_time_step", found.time_step, found.time_steps, TIME_STEP_LABELS),
        )
    ]
    out: list[tuple[str, list[str]]] = [(say("scoping_profile", lang), profile_lines)]
    needs = [
        f"{need.name.get(lang)} ({need.card}) — "
        f"{say('scoping_essential' if need.weight == 'primary' else 'scoping_useful', lang)}"
        for need in found.data
    ]
    out.append((say("scoping_data_cards", lang), needs or [say("scoping_none", lang)]))
    out.append(
        (say("scoping_standards", lang), [", ".join(found.standards) or say("scoping_none", lang)])
    )
    cases = []
    for card_id in found.use_cases:
        card = decks.card(card_id)
        if isinstance(card, UseCaseCard):
            cases.append(f"{card.title.get(lang)} ({card_id})")
    out.append((say("scoping_use_cases", lang), cases or [say("scoping_none", lang)]))
    answered = []
    for question_id, ids in found.answers.items():
        question = decks.card(question_id)
        if isinstance(question, QuestionCard):
            labels = [a.label.get(lang) for a in question.answers if a.id in ids]
            answered.append(f"{question.title.get(lang)} → {', '.join(labels)}")
    out.append((say("scoping_answers", lang), answered or [say("scoping_none", lang)]))
    still = [decks.card(q).title.get(lang) for q in found.open_questions]
    out.append((say("scoping_open", lang), still or [say("scoping_none", lang)]))
    return out


def layers(found: TwinProfile, lang: Lang) -> list[tuple[str, list[str]]]:
    """The three layers of the reference architecture, as (name, blocks) columns."""
    return [
        (
            say(key, lang),
            [x.get(lang) for x in found.layers[layer]] or [say("scoping_undecided", lang)],
        )
        for layer, key in _LAYERS.items()
    ]


_LAYERS = {
    "data": "scoping_layer_data",
    "processing": "scoping_layer_processing",
    "usage": "scoping_layer_usage",
}


def markdown(found: TwinProfile, lang: Lang) -> str:
    """The canvas as markdown: the profile, the architecture's layers, then the rest."""
    lines = [f"# {say('scoping_title', lang)}", ""]
    parts = sections(found, lang)
    for number, (heading, items) in enumerate(parts):
        lines += [f"## {heading}", "", *(f"- {item}" for item in items), ""]
        if number == 0:
            lines += [f"## {say('scoping_layers', lang)}", ""]
            for name, blocks in layers(found, lang):
                lines += [f"### {name}", "", *(f"- {block}" for block in blocks), ""]
    return "\n".join(lines)


def _bold(text: str) -> str:
    # The only markup the sections use is **bold**: turn it into reportlab's <b>.
    parts = escape(text).split("**")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


def pdf(found: TwinProfile, path: str | Path, lang: Lang) -> Path:
    """The canvas on one A4 page (the text shrinks to fit rather than spill over)."""
    from reportlab.lib import colors  # type: ignore[import-untyped]
    from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
    from reportlab.lib.units import mm  # type: ignore[import-untyped]
    from reportlab.platypus import (  # type: ignore[import-untyped]
        KeepInFrame,
        Paragraph,
        SimpleDocTemplate,
        Table,
        TableStyle,
    )

    from jnt_fresque.printing.fonts import register

    regular, bold, _ = register()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=6)
    heading = ParagraphStyle("h", fontName=bold, fontSize=10.5, leading=13, spaceBefore=6)
    body = ParagraphStyle("b", fontName=regular, fontSize=9, leading=11.5, leftIndent=8)
    cell = ParagraphStyle("c", fontName=regular, fontSize=8.5, leading=10.5)
    flow: list[Any] = [Paragraph(escape(say("scoping_title", lang)), title)]
    margin = 15 * mm
    width = A4[0] - 2 * margin
    for number, (name, items) in enumerate(sections(found, lang)):
        flow.append(Paragraph(escape(name), heading))
        flow += [Paragraph("• " + _bold(item), body) for item in items]
        if number == 0:  # the reference architecture, as three columns: data → processing → usage
            flow.append(Paragraph(escape(say("scoping_layers", lang)), heading))
            columns = layers(found, lang)
            head = [Paragraph(f"<b>{escape(n)}</b>", cell) for n, _ in columns]
            rows = [[[Paragraph("• " + escape(b), cell) for b in blocks] for _, blocks in columns]]
            grid = Table([head, *rows], colWidths=[width / 3] * 3)
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a6d1d")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3ecd9")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            flow.append(grid)
    target = Path(path)
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=say("scoping_title", lang),
    )
    frame = KeepInFrame(width, A4[1] - 2 * margin - 2, flow, mode="shrink")
    doc.build([frame])
    return target
