"""The board as a picture (use cases ↔ data cards, as Graphviz DOT) and as a matrix.

A use case is a box on the left, a data card an ellipse on the right; an edge's
width grows with the number of makers (tables or people) who placed that link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from jnt_fresque.workshop.board import Link, link_counts

MAX_LABEL = 40


def _quoted(text: str) -> str:
    # DOT strings: quotes and backslashes escaped, no HTML label ever built from user text.
    shown = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def links_of(
    links: Iterable[Link], *, table: int | None = None, participant: str | None = None
) -> list[Link]:
    """The links of one table (when given), else those one participant placed."""
    if table is not None:
        return [link for link in links if link.table == table]
    return [link for link in links if participant and link.participant == participant]


def board_dot(links: Iterable[Link], title_of: Callable[[str], str]) -> str:
    """The links as a Graphviz graph, left to right: use cases → data cards.

    Examples
    --------
    >>> dot = board_dot([Link("uc-a", "data-bu", table=1)], str.upper)
    >>> '"uc-a" -> "data-bu"' in dot and 'label="UC-A"' in dot
    True
    """
    counts = link_counts(links)
    use_cases = sorted({uc for uc, _ in counts})
    data = sorted({d for _, d in counts})
    lines = [
        "digraph board {",
        "  rankdir=LR; bgcolor=transparent;",
        '  node [fontname="DejaVu Sans", fontsize=11];',
        '  edge [arrowhead=none, color="#1f6f8b"];',
    ]
    for card in use_cases:
        lines.append(
            f'  {_quoted(card)} [shape=box, style="rounded,filled", fillcolor="#e8f1f5", '
            f"label={_quoted(title_of(card))}];"
        )
    for card in data:
        lines.append(
            f'  {_quoted(card)} [shape=ellipse, style=filled, fillcolor="#fdf1e3", '
            f"label={_quoted(title_of(card))}];"
        )
    for (uc, d), n in sorted(counts.items()):
        lines.append(f"  {_quoted(uc)} -> {_quoted(d)} [penwidth={min(1 + n, 8)}];")
    lines.append("}")
    return "\n".join(lines)


def coverage_rows(
    links: Iterable[Link],
    expected: Mapping[tuple[str, str], str],
    title_of: Callable[[str], str],
) -> list[dict[str, str]]:
    """The coverage matrix as rows: one per use case on the board, one column per data
    card; a cell holds how many makers placed the link, else ● (essential) or ○ (useful)
    when the deck expects it.

    ``expected`` maps (use case id, data card id) → ``primary`` | ``secondary``.
    """
    counts = link_counts(links)
    use_cases = sorted({uc for uc, _ in counts})
    data = sorted({d for _, d in counts} | {d for uc, d in expected if uc in use_cases})
    marks = {"primary": "●", "secondary": "○"}
    rows = []
    for uc in use_cases:
        row = {"": title_of(uc)}
        for d in data:
            n = counts.get((uc, d), 0)
            row[d] = str(n) if n else marks.get(expected.get((uc, d), ""), "")
        rows.append(row)
    return rows


def expected_links(use_cases: Iterable[object]) -> dict[tuple[str, str], str]:
    """What the deck's use-case cards say they need: (use case, ``data-<theme>``) → weight."""
    from jnt_fresque.cards.model import UseCaseCard

    found: dict[tuple[str, str], str] = {}
    for card in use_cases:
        if isinstance(card, UseCaseCard):
            for code in card.themes.secondary:
                found[(card.id, f"data-{code.lower()}")] = "secondary"
            for code in card.themes.primary:
                found[(card.id, f"data-{code.lower()}")] = "primary"
    return found


def answer_key(
    links: Iterable[Link],
    use_cases: Iterable[str],
    expected: Mapping[tuple[str, str], str],
) -> dict[str, dict[str, list[str]]]:
    """For each of ``use_cases`` the deck describes: the data cards it marks as needed
    (essential first) and those still unlinked — the fresque's answer key.

    Examples
    --------
    >>> key = answer_key([Link("uc-a", "data-bu", table=1)], ["uc-a"],
    ...                  {("uc-a", "data-bu"): "primary", ("uc-a", "data-hy"): "secondary"})
    >>> key["uc-a"]
    {'needed': ['data-bu', 'data-hy'], 'missing': ['data-hy']}
    """
    drawn = {(link.use_case, link.data) for link in links}
    found: dict[str, dict[str, list[str]]] = {}
    for uc in dict.fromkeys(use_cases):
        needed = sorted(
            (d for (u, d) in expected if u == uc),
            key=lambda d: (expected[(uc, d)] != "primary", d),
        )
        if needed:
            found[uc] = {"needed": needed, "missing": [d for d in needed if (uc, d) not in drawn]}
    return found


def key_score(key: Mapping[str, Mapping[str, list[str]]]) -> tuple[int, int]:
    """(expected links drawn, expected links) over the use cases of an answer key.

    Examples
    --------
    >>> key_score({"uc-a": {"needed": ["data-bu", "data-hy"], "missing": ["data-hy"]}})
    (1, 2)
    """
    needed = sum(len(k["needed"]) for k in key.values())
    return needed - sum(len(k["missing"]) for k in key.values()), needed
