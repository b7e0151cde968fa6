"""Exports of a session: full JSON (re-importable), CSV and XLSX tables, PrefLib ballots,
the board as GraphML.

- **JSON** holds everything, participants' tokens included: it is the
  facilitator's backup, and `read_json` brings it back into any store.
- **CSV / XLSX** are for reading and recounting: links, ballots and proposed
  cards, participants under pseudonyms (``p001``…). The ballots table has the
  columns of a paper sheet (``participant,profile,table,poll,choices``), so it
  can be imported again with ``jnt-fresque vote import``.
- **PrefLib** (preflib.org's format): one file per poll, so that anyone can
  recount with their own tools; a ranked poll is ``.soi`` (strict orders,
  incomplete), an approval poll ``.cat`` (approved, not approved), a dot poll
  ``.toi`` (each ballot as an order of its cards by dots, ties allowed).
- **GraphML**: use cases and data cards as nodes, links as weighted edges.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jnt_fresque._version import __version__
from jnt_fresque.i18n import Key, Lang, Message, Text
from jnt_fresque.workshop.ballots import Ballot
from jnt_fresque.workshop.board import Link
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.participants import Participant, Profile
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.polls import Method, Poll, Subject, Title
from jnt_fresque.workshop.proposals import Proposal
from jnt_fresque.workshop.session import Session
from jnt_fresque.workshop.snapshot import Snapshot, VoteCode, candidates, title_of

if TYPE_CHECKING:
    from jnt_fresque.cards.deck import Decks

FORMAT = "jnt-fresque-session"
FORMAT_VERSION = 1
BALLOT_HEADER = ("participant", "profile", "table", "poll", "choices")
LINK_HEADER = ("participant", "profile", "table", "use_case", "data", "note")
PROPOSAL_HEADER = ("id", "participant", "profile", "table", "title", "pitch", "data", "blank")


# --- JSON ------------------------------------------------------------------------


def to_dict(snapshot: Snapshot) -> dict[str, Any]:
    """The whole session as JSON-ready values."""
    s = snapshot.session
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "generator": f"jnt-fresque {__version__}",
        "session": {
            "code": s.code,
            "title": s.title,
            "date": s.date,
            "decks": dict(s.decks),
            "phase": s.phase.value,
            "closed": s.closed,
            "codes_required": s.codes_required,
            "created_at": s.created_at,
            "secret_hash": s.secret_hash,
            **({"closes_at": s.closes_at} if s.closes_at else {}),
        },
        "participants": [
            {
                "token": p.token,
                "profile": p.profile.value if p.profile else None,
                "table": p.table,
            }
            for p in snapshot.participants
        ],
        "polls": [
            {
                "id": p.id,
                "title": {"fr": p.title.fr, "en": p.title.en},
                # The kit's own title as its message, read back in every language.
                **({"title_message": p.title.as_data()} if isinstance(p.title, Message) else {}),
                "method": p.method.value,
                "subject": p.subject.value,
                "k": p.k,
                "dots": p.dots,
                "open": p.open,
            }
            for p in snapshot.polls
        ],
        "ballots": [
            {
                "poll": b.poll,
                "participant": b.participant,
                "choices": list(b.choices),
                "submitted_at": b.submitted_at,
            }
            for b in snapshot.ballots
        ],
        "links": [
            {
                "use_case": link.use_case,
                "data": link.data,
                "participant": link.participant,
                "table": link.table,
                "note": link.note,
            }
            for link in snapshot.links
        ],
        "proposals": [
            {
                "id": p.id,
                "title": p.title,
                "pitch": p.pitch,
                "data": list(p.data),
                "blank": p.blank,
                "participant": p.participant,
                "table": p.table,
                "created_at": p.created_at,
            }
            for p in snapshot.proposals
        ],
        "vote_codes": [{"code": v.code, "used_at": v.used_at} for v in snapshot.vote_codes],
    }


def from_dict(data: Any) -> Snapshot:
    """A session from `to_dict`'s values; `WorkshopError` ``bad_export`` if they are not."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkshopError("bad_export", reason=Key("export_not_session"))
    if data.get("version") != FORMAT_VERSION:
        raise WorkshopError("bad_export", reason=f"version {data.get('version')!r}")
    try:
        s = data["session"]
        session = Session(
            code=str(s["code"]),
            title=str(s["title"]),
            date=str(s["date"]),
            decks={str(k): str(v) for k, v in s.get("decks", {}).items()},
            phase=Phase(s.get("phase", "discover")),
            closed=bool(s.get("closed", False)),
            codes_required=bool(s.get("codes_required", False)),
            created_at=str(s.get("created_at", "")),
            secret_hash=str(s.get("secret_hash", "")),
            closes_at=str(s.get("closes_at") or ""),
        )
        polls = tuple(
            Poll(
                id=str(p["id"]),
                title=_poll_title(p),
                method=Method(p["method"]),
                subject=Subject(p["subject"]),
                k=int(p.get("k", 10)),
                dots=int(p.get("dots", 0)),
                open=bool(p.get("open", True)),
            )
            for p in data.get("polls", [])
        )
        participants = tuple(
            Participant(
                str(p["token"]),
                Profile(p["profile"]) if p.get("profile") else None,
                int(p["table"]) if p.get("table") is not None else None,
            )
            for p in data.get("participants", [])
        )
        ballots = tuple(
            Ballot(
                str(b["poll"]),
                str(b["participant"]),
                tuple(str(c) for c in b["choices"]),
                str(b.get("submitted_at", "")),
            )
            for b in data.get("ballots", [])
        )
        links = tuple(
            Link(
                str(x["use_case"]),
                str(x["data"]),
                x.get("participant"),
                x.get("table"),
                str(x.get("note", "")),
            )
            for x in data.get("links", [])
        )
        proposals = tuple(
            Proposal(
                str(p["id"]),
                str(p["title"]),
                str(p.get("pitch", "")),
                tuple(str(c) for c in p.get("data", [])),
                p.get("blank"),
                p.get("participant"),
                p.get("table"),
                str(p.get("created_at", "")),
            )
            for p in data.get("proposals", [])
        )
        vote_codes = tuple(
            VoteCode(str(v["code"]), str(v.get("used_at") or ""))
            for v in data.get("vote_codes", [])
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise WorkshopError("bad_export", reason=f"{type(exc).__name__}: {exc}"[:120]) from None
    poll_ids = {p.id for p in polls}
    stray = sorted({b.poll for b in ballots} - poll_ids)
    if stray:
        raise WorkshopError("bad_export", reason=Key("export_stray_poll", values=", ".join(stray)))
    return Snapshot(session, participants, polls, ballots, links, proposals, vote_codes)


def _poll_title(poll: Mapping[str, Any]) -> Title:
    # The kit's own title comes back as its message; a facilitator's, or a message this
    # kit does not know (an export from another version), as its French and English.
    kept = poll.get("title_message")
    if isinstance(kept, dict):
        try:
            return Message.from_data(kept)
        except ValueError:
            pass
    return Text(fr=str(poll["title"]["fr"]), en=str(poll["title"]["en"]))


def write_json(snapshot: Snapshot, path: Path) -> Path:
    """Write the whole session as JSON."""
    path.write_text(
        json.dumps(to_dict(snapshot), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return path


def read_json(path: Path) -> Snapshot:
    """A session from a JSON export."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkshopError("bad_export", reason=str(exc)[:120]) from None
    return from_dict(data)


# --- tables ----------------------------------------------------------------------


def pseudonyms(snapshot: Snapshot) -> dict[str, str]:
    """Each participant token → ``p001``, ``p002``… in the order they joined."""
    order = [p.token for p in snapshot.participants]
    seen = set(order)
    named = [b.participant for b in snapshot.ballots]
    named += [x.participant for x in snapshot.links if x.participant]
    named += [x.participant for x in snapshot.proposals if x.participant]
    for token in named:
        if token not in seen:
            seen.add(token)
            order.append(token)
    width = max(3, len(str(len(order))))
    return {token: f"p{n:0{width}d}" for n, token in enumerate(order, start=1)}


def _person(snapshot: Snapshot, names: Mapping[str, str], token: str | None) -> list[str]:
    if not token:
        return ["", ""]
    who = snapshot.participant(token)
    return [names.get(token, ""), who.profile.value if who.profile else ""]


def tables(snapshot: Snapshot) -> dict[str, list[list[str]]]:
    """The session's tables, header first: ``links``, ``ballots``, ``proposals``."""
    names = pseudonyms(snapshot)

    def table_of(token: str | None, table: int | None) -> str:
        if table is not None:
            return str(table)
        who = snapshot.participant(token) if token else None
        return str(who.table) if who and who.table is not None else ""

    links = [list(LINK_HEADER)] + [
        [
            *_person(snapshot, names, x.participant),
            table_of(x.participant, x.table),
            x.use_case,
            x.data,
            x.note,
        ]
        for x in snapshot.links
    ]
    ballots = [list(BALLOT_HEADER)] + [
        [
            *_person(snapshot, names, b.participant),
            table_of(b.participant, None),
            b.poll,
            ";".join(b.choices),
        ]
        for b in sorted(snapshot.ballots, key=lambda b: (names[b.participant], b.poll))
    ]
    proposals = [list(PROPOSAL_HEADER)] + [
        [
            p.id,
            *_person(snapshot, names, p.participant),
            table_of(p.participant, p.table),
            p.title,
            p.pitch,
            ";".join(p.data),
            p.blank or "",
        ]
        for p in snapshot.proposals
    ]
    return {"links": links, "ballots": ballots, "proposals": proposals}


def write_csv(snapshot: Snapshot, path: Path) -> list[Path]:
    """Three CSV files beside ``path``: ``<stem>-links.csv``, ``-ballots.csv``, ``-proposals.csv``."""
    written = []
    for name, rows in tables(snapshot).items():
        target = path.with_name(f"{path.stem}-{name}.csv")
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        # BOM: the spreadsheet programs of the room then read the accents right.
        target.write_text(out.getvalue(), encoding="utf-8-sig")
        written.append(target)
    return written


def write_xlsx(snapshot: Snapshot, path: Path, decks: Decks, *, lang: Lang = "fr") -> Path:
    """One workbook: the session, its results (card titles in ``lang``), links, ballots, proposals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from jnt_fresque.workshop.results import poll_results

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "session"
    s = snapshot.session
    summary: list[list[Any]] = [
        ["code", s.code],
        ["title", s.title],
        ["date", s.date],
        ["phase", s.phase.value],
        ["closed", "yes" if s.closed else "no"],
        ["participants", len(snapshot.participants)],
        ["ballots", len(snapshot.ballots)],
        ["links", len(snapshot.links)],
        ["proposals", len(snapshot.proposals)],
        *(["deck " + deck, version] for deck, version in s.decks.items()),
    ]
    for row in summary:
        sheet.append(row)
    results = book.create_sheet("results")
    results.append(
        [
            "poll",
            "rank",
            "tied",
            "card",
            "title",
            "approval",
            "borda",
            "dots",
            "condorcet",
            "stability",
        ]
    )
    for poll in snapshot.polls:
        found = poll_results(snapshot, poll.id)
        for score in found.tally.scores:
            results.append(
                [
                    poll.id,
                    score.rank,
                    "=" if score.tied else "",
                    score.card,
                    title_of(score.card, decks, snapshot.proposals, lang),
                    score.approval,
                    score.borda,
                    score.dots,
                    score.condorcet,
                    found.stability.get(score.card),
                ]
            )
    for name, rows in tables(snapshot).items():
        target = book.create_sheet(name)
        for row in rows:
            target.append(row)
    for target in book.worksheets:
        for cell in target[1]:
            cell.font = Font(bold=True)
    book.save(path)
    return path


# --- PrefLib ---------------------------------------------------------------------

_PREFLIB_TYPE = {Method.ranked: "soi", Method.approval: "cat", Method.dots: "toi"}


def preflib(snapshot: Snapshot, poll: Poll, decks: Decks) -> str:
    """The ballots of ``poll`` in PrefLib's format (data type after the poll's method)."""
    cards = sorted(candidates(poll.subject, decks, snapshot.proposals))
    number = {card: n for n, card in enumerate(cards, start=1)}
    ballots = snapshot.ballots_of(poll.id)
    kind = _PREFLIB_TYPE[poll.method]
    orders: Counter[str] = Counter()
    for ballot in ballots:
        if poll.method is Method.ranked:
            line = ",".join(str(number[c]) for c in ballot.choices)
        elif poll.method is Method.approval:
            chosen = sorted(number[c] for c in set(ballot.choices))
            rest = sorted(set(number.values()) - set(chosen))
            line = "{" + ",".join(map(str, chosen)) + "},{" + ",".join(map(str, rest)) + "}"
        else:
            groups: dict[int, list[int]] = defaultdict(list)
            for card, dots in Counter(ballot.choices).items():
                groups[dots].append(number[card])
            line = ",".join(
                "{" + ",".join(map(str, sorted(groups[d]))) + "}"
                if len(groups[d]) > 1
                else str(groups[d][0])
                for d in sorted(groups, reverse=True)
            )
        orders[line] += 1
    description = {
        Method.ranked: f"top-{poll.k} ranked ballots; unranked cards come after ranked ones",
        Method.approval: f"top-{poll.k} approval ballots: category 1 approved, 2 not approved",
        Method.dots: f"dot voting ({poll.dots} dots each): each ballot orders its cards by dots",
    }[poll.method]
    lines = [
        f"# FILE NAME: {snapshot.session.code}-{poll.id}.{kind}",
        f"# TITLE: {snapshot.session.title} — {poll.title.en}",
        f"# DESCRIPTION: jnt-fresque session {snapshot.session.code}, poll {poll.id}: {description}",
        f"# DATA TYPE: {kind}",
        "# MODIFICATION TYPE: original",
        "# RELATES TO: ",
        "# RELATED FILES: ",
        f"# PUBLICATION DATE: {snapshot.session.date}",
        f"# MODIFICATION DATE: {snapshot.session.date}",
        f"# NUMBER ALTERNATIVES: {len(cards)}",
        f"# NUMBER VOTERS: {len(ballots)}",
    ]
    if poll.method is Method.approval:
        lines += [
            f"# NUMBER UNIQUE PREFERENCES: {len(orders)}",
            "# NUMBER CATEGORIES: 2",
            "# CATEGORY NAME 1: approved",
            "# CATEGORY NAME 2: not approved",
        ]
    else:
        lines.append(f"# NUMBER UNIQUE ORDERS: {len(orders)}")
    lines += [f"# ALTERNATIVE NAME {n}: {card}" for card, n in number.items()]
    lines += [
        f"{count}: {line}" for line, count in sorted(orders.items(), key=lambda o: (-o[1], o[0]))
    ]
    return "\n".join(lines) + "\n"


def write_preflib(
    snapshot: Snapshot, path: Path, decks: Decks, *, poll: str | None = None
) -> list[Path]:
    """One PrefLib file per poll (``<stem>-<poll>.<type>``), or just ``poll``'s at ``path``."""
    chosen = [snapshot.poll(poll)] if poll else list(snapshot.polls)
    written = []
    for each in chosen:
        kind = _PREFLIB_TYPE[each.method]
        target = (
            path.with_suffix(f".{kind}")
            if poll
            else path.with_name(f"{path.stem}-{each.id}.{kind}")
        )
        target.write_text(preflib(snapshot, each, decks), encoding="utf-8")
        written.append(target)
    return written


# --- GraphML ---------------------------------------------------------------------


def board_graph(snapshot: Snapshot, decks: Decks) -> Any:
    """The board as a networkx ``DiGraph``: use case → data card, weighted by makers."""
    import networkx as nx  # type: ignore[import-untyped]

    names = pseudonyms(snapshot)
    graph = nx.DiGraph(name=snapshot.session.title, session=snapshot.session.code)
    proposals = {p.id: p for p in snapshot.proposals}

    def node(card: str) -> None:
        if card in graph:
            return
        if card in proposals:
            graph.add_node(
                card, kind="proposed", title=proposals[card].title, title_en=proposals[card].title
            )
            return
        try:
            found = decks.card(card)
        except KeyError:
            graph.add_node(card, kind="unknown", title=card, title_en=card)
            return
        graph.add_node(card, kind=found.kind, title=found.title.fr, title_en=found.title.en)

    edges: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in snapshot.links:
        edges[(link.use_case, link.data)].append(link)
    for (use_case, data), made in edges.items():
        node(use_case)
        node(data)
        makers = sorted(
            {f"p:{names.get(x.participant, '')}" if x.participant else f"t:{x.table}" for x in made}
        )
        graph.add_edge(
            use_case,
            data,
            weight=len(makers),
            makers=";".join(makers),
            notes=" | ".join(x.note for x in made if x.note),
        )
    return graph


def write_graphml(snapshot: Snapshot, path: Path, decks: Decks) -> Path:
    """Write the board as GraphML."""
    import networkx as nx  # type: ignore[import-untyped,unused-ignore]

    nx.write_graphml(board_graph(snapshot, decks), path, encoding="utf-8")
    return path


def write(
    snapshot: Snapshot,
    path: Path,
    format: str,
    decks: Decks,
    *,
    poll: str | None = None,
    lang: Lang = "fr",
) -> Sequence[Path]:
    """Write ``snapshot`` in ``format`` (json, csv, xlsx, preflib, graphml); the files written.

    ``lang`` is the language of the card titles in a workbook; the columns are named
    in English in every format, for the programs that read them.
    """
    if format == "json":
        return [write_json(snapshot, path)]
    if format == "csv":
        return write_csv(snapshot, path)
    if format == "xlsx":
        return [write_xlsx(snapshot, path, decks, lang=lang)]
    if format == "preflib":
        return write_preflib(snapshot, path, decks, poll=poll)
    if format == "graphml":
        return [write_graphml(snapshot, path, decks)]
    raise ValueError(f"unknown export format {format!r}")
