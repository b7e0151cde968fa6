"""Paper sheets typed into a spreadsheet: ballots, board links and proposed cards.

In a hybrid workshop some people vote on paper; a helper types the slips into
a spreadsheet, one row per participant and poll. Every row is checked before
anything is written, and a file with a bad row is refused as a whole, with
every bad row and its line number, so that the helper fixes them all at once.

A row is ``(line, {column: text})``; line 1 is the header. Column names may be
given in English or in French, in any case and order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jnt_fresque.i18n import t
from jnt_fresque.workshop.ballots import Ballot, check_ballot, parse_choices
from jnt_fresque.workshop.board import Link, check_link
from jnt_fresque.workshop.codes import normalize
from jnt_fresque.workshop.errors import RowProblem, RowsRefused, WorkshopError
from jnt_fresque.workshop.participants import Participant, check_token, parse_profile, parse_table
from jnt_fresque.workshop.polls import Poll
from jnt_fresque.workshop.proposals import Proposal, check_proposal

Row = tuple[int, Mapping[str, str]]

BALLOT_COLUMNS = ("participant", "profile", "table", "poll", "choices")
LINK_COLUMNS = ("participant", "profile", "table", "use_case", "data", "note")
PROPOSAL_COLUMNS = ("participant", "profile", "table", "title", "pitch", "data", "blank")
REQUIRED = {
    "ballots": ("participant", "poll", "choices"),
    "links": ("use_case", "data"),
    "proposals": ("title",),
}
_ALIASES = {
    "participante": "participant",
    "votant": "participant",
    "code": "participant",
    "profil": "profile",
    "vote": "poll",
    "scrutin": "poll",
    "choix": "choices",
    "cartes": "choices",
    "cas": "use_case",
    "casdusage": "use_case",
    "usecase": "use_case",
    "donnees": "data",
    "donnee": "data",
    "titre": "title",
    "resume": "pitch",
    "description": "pitch",
    "vierge": "blank",
    "cartevierge": "blank",
}


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def column_of(header: str) -> str:
    """The column a header names (``Profil`` → ``profile``, ``use case`` → ``use_case``)."""
    plain = _plain(header)
    for name in (*BALLOT_COLUMNS, *LINK_COLUMNS, *PROPOSAL_COLUMNS):
        if plain == _plain(name):
            return name
    return _ALIASES.get(plain, header.strip())


def check_header(header: Sequence[str], kind: str) -> None:
    """Refuse a sheet whose header (line 1) lacks a required column of ``kind``."""
    present = {column_of(h) for h in header}
    missing = [c for c in REQUIRED[kind] if c not in present]
    if missing:
        expected = {"ballots": BALLOT_COLUMNS, "links": LINK_COLUMNS}.get(kind, PROPOSAL_COLUMNS)
        raise RowsRefused(
            [
                RowProblem(
                    1,
                    t("sheet_columns", missing=", ".join(missing), expected=",".join(expected)),
                )
            ]
        )


@dataclass(frozen=True)
class Context:
    """What rows are checked against: the session's polls, cards and voting codes."""

    polls: Mapping[str, Poll]
    candidates: Mapping[str, frozenset[str]]  # poll id → the ids its ballots may name
    use_cases: frozenset[str] = frozenset()  # use cases and proposed cards (board links)
    data: frozenset[str] = frozenset()
    blanks: frozenset[str] = frozenset()
    codes: frozenset[str] | None = None  # voting codes when they are required


class _Rows:
    """Collects the problems of a sheet and the participants it names."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.problems: list[RowProblem] = []
        self.people: dict[str, tuple[int, Participant]] = {}

    def fail(self, line: int, message: str) -> None:
        self.problems.append(RowProblem(line, message))

    def who(self, line: int, row: Mapping[str, str], *, required: bool) -> Participant | None:
        """The participant of a row, or None (with a problem noted when it is wrong)."""
        raw = (row.get("participant") or "").strip()
        try:
            profile = parse_profile(row.get("profile"))
            table = parse_table(row.get("table"))
        except WorkshopError as exc:
            self.fail(line, exc.message)
            return None
        if not raw:
            if required:
                self.fail(line, t("row_no_participant"))
                return None
            return Participant("", profile, table)
        codes = self.context.codes
        token = normalize(raw) if codes is not None else raw
        try:
            check_token(token)
        except WorkshopError as exc:
            self.fail(line, exc.message)
            return None
        if codes is not None and token not in codes:
            self.fail(line, t("row_not_a_code", value=raw))
            return None
        person = Participant(token, profile, table)
        seen = self.people.get(token)
        if seen is not None and (seen[1].profile, seen[1].table) != (profile, table):
            self.fail(line, t("row_participant_differs", value=raw, other=seen[0]))
            return None
        self.people.setdefault(token, (line, person))
        return person

    def refuse_if_any(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: p.line)
            raise RowsRefused(self.problems)


def check_ballot_rows(
    rows: Iterable[Row], context: Context
) -> tuple[tuple[Participant, ...], tuple[Ballot, ...]]:
    """The participants and ballots of a paper-ballot sheet, or `RowsRefused`."""
    sheet = _Rows(context)
    ballots: dict[tuple[str, str], tuple[int, Ballot]] = {}
    for line, row in rows:
        person = sheet.who(line, row, required=True)
        poll_id = (row.get("poll") or "").strip()
        poll = context.polls.get(poll_id)
        if poll is None:
            sheet.fail(
                line,
                t("unknown_poll", value=poll_id or "-", expected=", ".join(context.polls) or "-"),
            )
            continue
        try:
            choices = check_ballot(
                poll, parse_choices(row.get("choices") or ""), context.candidates[poll.id]
            )
        except WorkshopError as exc:
            sheet.fail(line, exc.message)
            continue
        if person is None:
            continue
        first = ballots.get((person.token, poll.id))
        if first is not None:
            sheet.fail(line, t("row_ballot_twice", other=first[0]))
            continue
        ballots[(person.token, poll.id)] = (line, Ballot(poll.id, person.token, choices))
    sheet.refuse_if_any()
    return (
        tuple(person for _, person in sheet.people.values()),
        tuple(ballot for _, ballot in ballots.values()),
    )


def check_link_rows(
    rows: Iterable[Row], context: Context
) -> tuple[tuple[Participant, ...], tuple[Link, ...]]:
    """The participants and links of a board sheet, or `RowsRefused`."""
    sheet = _Rows(context)
    links: dict[tuple[str, str, str], Link] = {}
    for line, row in rows:
        person = sheet.who(line, row, required=False)
        if person is None:
            continue
        try:
            link = check_link(
                Link(
                    (row.get("use_case") or "").strip(),
                    (row.get("data") or "").strip(),
                    person.token or None,
                    person.table,
                    row.get("note") or "",
                ),
                use_cases=context.use_cases,
                data=context.data,
            )
        except WorkshopError as exc:
            sheet.fail(line, exc.message)
            continue
        links[(link.use_case, link.data, link.maker)] = link
    sheet.refuse_if_any()
    return tuple(person for _, person in sheet.people.values()), tuple(links.values())


def check_proposal_rows(
    rows: Iterable[Row], context: Context
) -> tuple[tuple[Participant, ...], tuple[Proposal, ...]]:
    """The participants and proposed cards of a sheet, or `RowsRefused` (ids are left
    empty: the store gives them, or finds the same proposal already there)."""
    sheet = _Rows(context)
    proposals: list[Proposal] = []
    for line, row in rows:
        person = sheet.who(line, row, required=False)
        if person is None:
            continue
        blank = (row.get("blank") or "").strip() or None
        try:
            proposal = check_proposal(
                Proposal(
                    "",
                    row.get("title") or "",
                    row.get("pitch") or "",
                    parse_choices(row.get("data") or ""),
                    blank,
                    person.token or None,
                    person.table,
                ),
                data=context.data,
                blanks=context.blanks,
            )
        except WorkshopError as exc:
            sheet.fail(line, exc.message)
            continue
        proposals.append(proposal)
    sheet.refuse_if_any()
    return tuple(person for _, person in sheet.people.values()), tuple(proposals)
