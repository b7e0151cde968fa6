"""The session report (PDF): what the room said, for someone who was not in it.

Sections: the session in figures; for each poll its top 10 with a chart, the
comparison of the counting methods and the stability of the top 10, the top of
each profile; the data demand; the matrix of links made on the board beside
those the deck expects; the proposed cards; how the figures were computed and
how to recount them. Text is in the user's language; fonts are embedded.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jnt_fresque._version import __version__
from jnt_fresque.i18n import Lang, Translator
from jnt_fresque.workshop.board import link_counts
from jnt_fresque.workshop.participants import PROFILE_LABELS, Profile
from jnt_fresque.workshop.polls import METHOD_LABELS, SUBJECT_LABELS, Method, Subject
from jnt_fresque.workshop.results import PollResults, poll_results
from jnt_fresque.workshop.snapshot import Snapshot, title_of
from jnt_fresque.workshop.tallies import COUNT_WORDS, TOP, competition_ranks

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks
    from jnt_fresque.workshop.campaign import Pooled

MM = 72 / 25.4
WIDTH_MM = 174  # A4 less 18 mm margins
# The words for what a tally is ranked by on a chart's axis.
AXIS_WORDS = {
    "approval": "report_axis_approval",
    "borda": "report_axis_borda",
    "dots": "report_axis_dots",
    "condorcet": "report_axis_condorcet",
}
COLOURS = {Subject.uc: "#7a3b69", Subject.data: "#2e6f95", Subject.proposed: "#6b6b6b"}


class _Doc:
    """The report being built: styles, the flowables, and the card titles."""

    def __init__(self, snapshot: Snapshot, decks: Decks, lang: Lang) -> None:
        from reportlab.lib.colors import HexColor  # type: ignore[import-untyped,unused-ignore]
        from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped,unused-ignore]

        from jnt_fresque.printing.fonts import register

        self.snapshot = snapshot
        self.decks = decks
        self.lang = lang
        self.say = Translator(lang)
        self.regular, self.bold, self.oblique = register()
        self.story: list[Any] = []
        base = ParagraphStyle("base", fontName=self.regular, fontSize=9.5, leading=13.5)
        self.styles = {
            "body": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5,
                                    textColor=HexColor("#444444")),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=8, leading=10,
                                         alignment=2),
            "title": ParagraphStyle("title", parent=base, fontName=self.bold, fontSize=20,
                                    leading=25, spaceAfter=4),
            "kicker": ParagraphStyle("kicker", parent=base, fontSize=9,
                                     textColor=HexColor("#666666"), spaceAfter=2),
            "h1": ParagraphStyle("h1", parent=base, fontName=self.bold, fontSize=14, leading=18,
                                 spaceBefore=10, spaceAfter=6, textColor=HexColor("#1d3557")),
            "h2": ParagraphStyle("h2", parent=base, fontName=self.bold, fontSize=11, leading=14,
                                 spaceBefore=8, spaceAfter=4),
        }  # fmt: skip

    # --- building blocks -----------------------------------------------------------

    def title(self, card: str) -> str:
        return title_of(card, self.decks, self.snapshot.proposals, self.lang)

    def para(self, text: str, style: str = "body") -> None:
        from reportlab.platypus import Paragraph  # type: ignore[import-untyped,unused-ignore]

        self.story.append(Paragraph(_escape(text), self.styles[style]))

    def space(self, mm: float = 3) -> None:
        from reportlab.platypus import Spacer  # type: ignore[import-untyped,unused-ignore]

        self.story.append(Spacer(1, mm * MM))

    def image(self, png: bytes, width_mm: float = 170) -> None:
        from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped,unused-ignore]
        from reportlab.platypus import Image  # type: ignore[import-untyped,unused-ignore]

        w, h = ImageReader(io.BytesIO(png)).getSize()
        width = width_mm * MM
        height = width * h / w
        if height > 215 * MM:  # keep a tall matrix on one page
            height = 215 * MM
            width = height * w / h
        self.story.append(Image(io.BytesIO(png), width=width, height=height))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths_mm: Sequence[float],
        *,
        numeric_from: int = 2,
    ) -> None:
        from reportlab.lib.colors import HexColor  # type: ignore[import-untyped,unused-ignore]
        from reportlab.platypus import Paragraph, Table, TableStyle  # type: ignore[import-untyped,unused-ignore]

        cell = self.styles["cell"]
        right = self.styles["cell_right"]
        data: list[list[Any]] = [
            [
                Paragraph(f"<b>{_escape(h)}</b>", right if at >= numeric_from else cell)
                for at, h in enumerate(header)
            ]
        ]
        # Text wraps in a Paragraph; numbers stay plain strings, so that they align right.
        data += [
            [
                str(v) if at >= numeric_from else Paragraph(_escape(str(v)), cell)
                for at, v in enumerate(row)
            ]
            for row in rows
        ]
        grid = Table(data, colWidths=[w * MM for w in widths_mm], repeatRows=1, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HexColor("#eef1f5")),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor("#8a99ad")),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, HexColor("#dddddd")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("ALIGN", (numeric_from, 1), (-1, -1), "RIGHT"),
                    ("FONTNAME", (0, 1), (-1, -1), self.regular),
                    ("FONTSIZE", (0, 1), (-1, -1), 8),
                    ("RIGHTPADDING", (numeric_from, 0), (-1, -1), 8),
                ]
            )
        )
        self.story.append(grid)

    def keep(self, start: int) -> None:
        """Keep the flowables added since ``start`` on one page when they fit."""
        from reportlab.platypus import KeepTogether  # type: ignore[import-untyped,unused-ignore]

        block = self.story[start:]
        del self.story[start:]
        self.story.append(KeepTogether(block))

    def page_break(self) -> None:
        from reportlab.platypus import PageBreak  # type: ignore[import-untyped,unused-ignore]

        self.story.append(PageBreak())


def _escape(text: str) -> str:
    # Paragraph reads a small XML; keep « <b> » markup of our own, escape the rest.
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>")


def _rank(score_rank: int, tied: bool) -> str:
    return f"{score_rank}{' =' if tied else ''}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


# --- sections ----------------------------------------------------------------------


def _summary(doc: _Doc, results: dict[str, PollResults]) -> None:
    snap = doc.snapshot
    session = snap.session
    doc.para(doc.say("report_kicker"), "kicker")
    doc.para(session.title, "title")
    doc.para(
        doc.say("report_session_line", code=session.code, date=session.date,
          phase=session.phase.label.get(doc.lang)),
        "kicker",
    )  # fmt: skip
    doc.space(4)
    tables = {p.table for p in snap.participants if p.table is not None}
    tables |= {x.table for x in snap.links if x.table is not None}
    linked_uc = {x.use_case for x in snap.links}
    linked_data = {x.data for x in snap.links}
    ballots = Counter(b.poll for b in snap.ballots)
    voters = {b.participant for b in snap.ballots}
    doc.para(doc.say("report_summary_title"), "h1")
    doc.para(
        doc.say("report_summary", participants=len(snap.participants), voters=len(voters),
          tables=len(tables), links=len(link_counts(snap.links)), use_cases=len(linked_uc),
          data=len(linked_data), proposals=len(snap.proposals))
    )  # fmt: skip
    for poll in snap.polls:
        found = results[poll.id].tally
        leaders = found.scores[:3]
        first = (
            doc.say(
                "report_poll_first",
                titles=" · ".join(f"{_rank(s.rank, s.tied)}. {doc.title(s.card)}" for s in leaders),
            )
            if leaders
            else doc.say("report_no_ballot")
        )
        doc.para(
            f"• <b>{poll.title.get(doc.lang)}</b> — "
            + doc.say("report_poll_line", ballots=ballots[poll.id],
                method=METHOD_LABELS[poll.method].get(doc.lang).replace(" k", f" {poll.limit}"),
                state=doc.say("open") if poll.open else doc.say("closed"))
            + " "
            + first
        )  # fmt: skip
    profiles = Counter(p.profile for p in snap.participants)
    if snap.participants:
        doc.para(doc.say("report_profiles_title"), "h2")
        rows = [
            (
                PROFILE_LABELS[p].get(doc.lang),
                profiles[p],
                f"{profiles[p] / len(snap.participants):.0%}",
            )
            for p in Profile
            if profiles[p]
        ]
        if profiles[None]:
            rows.append(
                (
                    doc.say("group_none"),
                    profiles[None],
                    f"{profiles[None] / len(snap.participants):.0%}",
                )
            )
        doc.table(
            [doc.say("report_col_profile"), doc.say("col_participants"), "%"],
            rows,
            [60, 30, 20],
            numeric_from=1,
        )
    doc.para(doc.say("report_how_title"), "h2")
    for key in ("report_how_approval", "report_how_borda", "report_how_schulze",
                "report_how_stability", "report_how_ties"):  # fmt: skip
        doc.para("• " + doc.say(key), "small")


def _poll_section(doc: _Doc, found: PollResults) -> None:
    from jnt_fresque.reporting import charts

    tally = found.tally
    poll = tally.poll
    doc.page_break()
    doc.para(poll.title.get(doc.lang), "h1")
    doc.para(
        doc.say("report_poll_intro", ballots=tally.ballots,
          method=METHOD_LABELS[poll.method].get(doc.lang).replace(" k", f" {poll.limit}"),
          subject=SUBJECT_LABELS[poll.subject].get(doc.lang), count=doc.say(COUNT_WORDS[tally.counted_by]))
    )  # fmt: skip
    if not tally.scores:
        doc.para(doc.say("report_no_ballot"))
        return
    top = tally.top(TOP)
    values = [tally.value(s) for s in top]
    notes = [
        f"{tally.value(s):g}" + (f" · {doc.say('report_approval_short', n=s.approval)}" if tally.counted_by != "approval" else "")
        + (" (=)" if s.tied else "")
        for s in top
    ]  # fmt: skip
    doc.image(
        charts.bars(
            [f"{s.rank}{'=' if s.tied else ''}  {doc.title(s.card)}" for s in top], values,
            colour=COLOURS[poll.subject], xlabel=doc.say(AXIS_WORDS[tally.counted_by]), notes=notes,
        )
    )  # fmt: skip
    doc.space(2)
    header = [doc.say("col_rank"), doc.say("col_card"), doc.say("col_approval")]
    if poll.method is Method.ranked:
        header.append("Borda")
    if poll.method is Method.dots:
        header.append(doc.say("col_dots"))
    header += ["Schulze", doc.say("col_stability")]
    rows = []
    for s in top:
        row: list[object] = [_rank(s.rank, s.tied), f"{doc.title(s.card)} ({s.card})", s.approval]
        if s.borda is not None:
            row.append(s.borda)
        if s.dots is not None:
            row.append(s.dots)
        row += [s.condorcet, _share(found.stability.get(s.card))]
        rows.append(row)
    widths = [13.0, 0.0, 28.0] + [21.0] * (len(header) - 3)
    widths[1] = WIDTH_MM - sum(widths)
    doc.table(header, rows, widths)
    doc.para(doc.say("report_ties_note"), "small")
    _comparison(doc, found)
    _stability(doc, found)
    _profiles(doc, found)


def _comparison(doc: _Doc, found: PollResults) -> None:
    tally = found.tally
    poll = tally.poll
    counts = (
        ["approval"]
        + (["borda"] if poll.method is Method.ranked else [])
        + (["dots"] if poll.method is Method.dots else [])
    )
    ranks = {
        name: competition_ranks({s.card: float(getattr(s, name) or 0) for s in tally.scores})
        for name in counts
    }
    ranks["condorcet"] = {s.card: s.condorcet for s in tally.scores}
    tops = {
        name: {card for card, r in found_ranks.items() if r <= TOP}
        for name, found_ranks in ranks.items()
    }
    # In the poll's own order, so the table reads beside the ranking above it.
    own = ranks[tally.counted_by]
    union = sorted(set().union(*tops.values()), key=lambda c: (own[c], c))
    common = set.intersection(*tops.values()) if tops else set()
    start = len(doc.story)
    doc.para(doc.say("report_comparison_title"), "h2")
    doc.para(
        doc.say("report_comparison", common=len(common), methods=len(ranks),
          top=min(TOP, len(tally.scores)))
    )  # fmt: skip
    labels = {"approval": doc.say("col_approval"), "borda": "Borda", "dots": doc.say("col_dots"),
              "condorcet": "Schulze"}  # fmt: skip
    rows = [
        [doc.title(card)]
        + [str(ranks[name][card]) + ("" if ranks[name][card] <= TOP else " ↓") for name in ranks]
        for card in union
    ]
    doc.table(
        [doc.say("col_card")] + [labels[name] for name in ranks],
        rows,
        [WIDTH_MM - 28.0 * len(ranks)] + [28.0] * len(ranks),
        numeric_from=1,
    )
    doc.para(doc.say("report_comparison_note"), "small")
    doc.keep(start)


def _stability(doc: _Doc, found: PollResults) -> None:
    from jnt_fresque.reporting import charts

    if not found.stability:
        return
    rank = {s.card: s.rank for s in found.tally.scores}
    ordered = sorted(found.stability, key=lambda c: (-found.stability[c], rank.get(c, 999), c))
    shown = [c for c in ordered if found.stability[c] > 0][:15]
    if not shown:
        return
    start = len(doc.story)
    doc.para(doc.say("report_stability_title"), "h2")
    doc.para(doc.say("report_stability", ballots=found.tally.ballots))
    doc.image(
        charts.bars([doc.title(c) for c in shown], [found.stability[c] for c in shown],
                    colour="#5b8c3a", xlabel=doc.say("report_axis_stability"), percent=True),
        width_mm=150,
    )  # fmt: skip
    doc.keep(start)


def _profiles(doc: _Doc, found: PollResults) -> None:
    groups = {name: g for name, g in found.by_profile.items() if g.scores}
    if len(groups) < 2:
        return
    start = len(doc.story)
    doc.para(doc.say("report_by_profile_title"), "h2")
    rows = []
    for name, group in groups.items():
        label = (
            Profile(name).label.get(doc.lang)
            if name in Profile.__members__
            else doc.say("group_none")
        )
        best = ", ".join(f"{_rank(s.rank, s.tied)}. {doc.title(s.card)}" for s in group.top(3)[:3])
        rows.append([label, best, group.ballots])
    # The count last: columns from numeric_from on are right-aligned numbers.
    doc.table(
        [doc.say("report_col_profile"), doc.say("report_col_top3"), doc.say("col_ballots")],
        rows,
        [38, 110, 22],
        numeric_from=2,
    )
    doc.para(doc.say("report_by_profile_note"), "small")
    doc.keep(start)


def _demand(doc: _Doc, results: dict[str, PollResults]) -> None:
    from jnt_fresque.reporting import charts

    source = next(
        (r for r in results.values() if r.tally.poll.subject is Subject.uc and r.tally.scores), None
    )
    doc.page_break()
    doc.para(doc.say("report_demand_title"), "h1")
    doc.para(doc.say("report_demand_intro"))
    if source is None or not source.demand:
        doc.para(doc.say("report_demand_none"))
        return
    demand = source.demand[:15]
    data_poll = next((r for r in results.values() if r.tally.poll.subject is Subject.data), None)
    doc.image(
        charts.bars([doc.title(d.data) for d in demand], [d.demand for d in demand],
                    colour=COLOURS[Subject.data], xlabel=doc.say("report_axis_demand"), percent=True),
        width_mm=150,
    )  # fmt: skip
    header = [
        doc.say("col_card"),
        doc.say("report_col_use_cases"),
        doc.say("report_col_demand"),
        doc.say("report_col_makers"),
    ]
    if data_poll is not None:
        header.append(doc.say("report_col_data_rank"))
    rows = []
    for d in demand[:10]:
        row: list[object] = [f"{doc.title(d.data)} ({d.data})",
                             ", ".join(doc.title(u) for u in d.use_cases[:2]) + ("\u00a0…" if len(d.use_cases) > 2 else ""),
                             _share(d.demand), d.makers]  # fmt: skip
        if data_poll is not None:
            score = data_poll.tally.score(d.data)
            row.append(_rank(score.rank, score.tied) if score else "-")
        rows.append(row)
    widths = [50.0, 0.0, 20.0, 20.0] + ([22.0] if data_poll is not None else [])
    widths[1] = WIDTH_MM - sum(widths)
    doc.table(header, rows, widths, numeric_from=2)
    doc.para(doc.say("report_demand_note", poll=source.tally.poll.id), "small")


def _matrix(doc: _Doc, results: dict[str, PollResults]) -> None:
    from jnt_fresque.cards.coverage import coverage
    from jnt_fresque.reference import inspire
    from jnt_fresque.reporting import charts

    snap = doc.snapshot
    doc.page_break()
    doc.para(doc.say("report_matrix_title"), "h1")
    if not snap.links:
        doc.para(doc.say("report_matrix_none"))
        return
    counts = link_counts(snap.links)
    expected_by_theme = coverage(doc.decks).weights
    expected = {(u, f"data-{code}"): w for (u, code), w in expected_by_theme.items()}
    uc_poll = next((r for r in results.values() if r.tally.poll.subject is Subject.uc), None)
    order = {s.card: i for i, s in enumerate(uc_poll.tally.scores)} if uc_poll else {}
    rows = sorted({u for u, _ in counts}, key=lambda u: (order.get(u, 10_000), doc.title(u)))
    theme_order = {f"data-{th.code}": i for i, th in enumerate(inspire.THEMES)}
    columns = sorted({d for _, d in counts}, key=lambda d: (theme_order.get(d, 999), d))
    agree = sum(1 for pair in counts if pair in expected)
    doc.para(
        doc.say("report_matrix_intro", pairs=len(counts), agree=agree, surprise=len(counts) - agree,
          rows=len(rows), columns=len(columns))
    )  # fmt: skip
    doc.image(
        charts.matrix(rows, columns, counts, expected,
                      row_labels={u: doc.title(u) for u in rows},
                      column_labels={d: d.removeprefix("data-").upper() for d in columns},
                      colour=COLOURS[Subject.uc], legend=doc.say("report_matrix_legend")),
        width_mm=175,
    )  # fmt: skip
    doc.para(doc.say("report_matrix_codes", codes=", ".join(
        f"{d.removeprefix('data-').upper()} {doc.title(d)}" for d in columns)), "small")  # fmt: skip


def _proposals(doc: _Doc, results: dict[str, PollResults]) -> None:
    snap = doc.snapshot
    doc.para(doc.say("report_proposals_title"), "h1")
    if not snap.proposals:
        doc.para(doc.say("report_proposals_none"))
        return
    votes = next(
        (r.tally for r in results.values() if r.tally.poll.subject is Subject.proposed), None
    )
    from jnt_fresque.interchange.exports import pseudonyms

    names = pseudonyms(snap)
    rows = []
    for p in snap.proposals:
        author = (
            doc.say("group_table", table=p.table)
            if p.table is not None
            else names.get(p.participant or "", "-")
        )
        text = f"<b>{p.title}</b>" + (f" — {p.pitch}" if p.pitch else "")
        row: list[object] = [text, ", ".join(doc.title(d) for d in p.data) or "-", author]
        if votes is not None:
            score = votes.score(p.id)
            row.append(_rank(score.rank, score.tied) if score else "-")
        rows.append(row)
    header = [
        doc.say("report_col_proposal"),
        doc.say("report_col_needs"),
        doc.say("report_col_author"),
    ]
    if votes is not None:
        header.append(doc.say("col_rank"))
    doc.table(
        header, rows, [80.0, 50.0, 22.0] + ([16.0] if votes is not None else []), numeric_from=3
    )


def _appendix(doc: _Doc) -> None:
    snap = doc.snapshot
    doc.para(doc.say("report_appendix_title"), "h1")
    for key in ("report_appendix_borda", "report_appendix_schulze", "report_appendix_stability",
                "report_appendix_demand"):  # fmt: skip
        doc.para(doc.say(key), "small")
        doc.space(1.5)
    doc.para(doc.say("report_appendix_recount", code=snap.session.code), "small")
    doc.space(1.5)
    decks = ", ".join(f"{deck} {version}" for deck, version in snap.session.decks.items())
    doc.para(doc.say("report_appendix_versions", decks=decks or "-", version=__version__), "small")


def write_report(
    snapshot: Snapshot,
    path: Path,
    decks: Decks,
    *,
    lang: Lang = "fr",
    campaign: Pooled | None = None,
) -> Path:
    """Write the session's PDF report to ``path``, in ``lang`` (the reader's language).

    With ``campaign`` (whose pooled ballots ``snapshot`` is), the report is the
    campaign's: its sessions, how a person answering twice was counted, what was
    left out, and the comparison of two rankings come after the figures.
    """
    from reportlab.platypus import SimpleDocTemplate  # type: ignore[import-untyped,unused-ignore]

    doc = _Doc(snapshot, decks, lang)
    if campaign is not None:
        results = {pid: found.results for pid, found in campaign.polls.items()}
    else:
        results = {poll.id: poll_results(snapshot, poll.id) for poll in snapshot.polls}
    _summary(doc, results)
    if campaign is not None:
        from jnt_fresque.reporting.campaign_section import campaign_section

        campaign_section(doc, campaign)
    for poll in snapshot.polls:
        _poll_section(doc, results[poll.id])
    _demand(doc, results)
    _matrix(doc, results)
    doc.page_break()
    _proposals(doc, results)
    _appendix(doc)

    session = snapshot.session
    footer = f"{session.title} — {doc.say('report_footer', code=session.code, date=session.date)}"

    def decorate(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(doc.regular, 7.5)
        canvas.setFillGray(0.45)
        canvas.drawString(18 * MM, 10 * MM, footer[:110])
        canvas.drawRightString(192 * MM, 10 * MM, doc.say("report_page", page=template.page))
        canvas.restoreState()

    template = SimpleDocTemplate(
        str(path),
        pagesize=(210 * MM, 297 * MM),
        leftMargin=18 * MM,
        rightMargin=18 * MM,
        topMargin=16 * MM,
        bottomMargin=18 * MM,
        title=doc.say("report_pdf_title", title=session.title),
        author="jnt-fresque",
        subject=doc.say("report_kicker"),
        lang=lang,
    )
    template.build(doc.story, onFirstPage=decorate, onLaterPages=decorate)
    return path
