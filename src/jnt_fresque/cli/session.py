"""``jnt-fresque session …``: create, list, show, steer, export, report and import sessions.

``register`` also adds the other workshop commands (``vote``, ``links``,
``proposals``, ``results``, ``vote-codes``), so that the command's entry point
names the workshop once.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from jnt_fresque.cli._console import done, emit_json, fail, table
from jnt_fresque.cli._workshop import CodeArgument, refusals, store
from jnt_fresque.i18n import current, t, t_n


class Output(StrEnum):
    text = "text"
    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    preflib = "preflib"
    graphml = "graphml"


class PhaseName(StrEnum):
    discover = "discover"
    link = "link"
    propose = "propose"
    vote = "vote"
    results = "results"


class MethodName(StrEnum):
    ranked = "ranked"
    approval = "approval"
    dots = "dots"


class SubjectName(StrEnum):
    uc = "uc"
    data = "data"
    proposed = "proposed"


def create(
    title: str = typer.Option(..., "--title", help=t("opt_session_title")),
    date: str | None = typer.Option(None, "--date", help=t("opt_session_date")),
    survey: bool = typer.Option(False, "--survey", help=t("opt_session_survey")),
    closes: str | None = typer.Option(None, "--closes", help=t("opt_session_closes")),
    zone: str = typer.Option("Europe/Paris", "--zone", help=t("opt_session_zone")),
    format: Output = typer.Option(Output.text, "--format", help=t("opt_format")),
) -> None:
    from jnt_fresque.store.engine import shown_url
    from jnt_fresque.workshop.survey import closing_text, parse_closing

    if survey and not closes:
        fail(t("survey_needs_closes"))
        raise typer.Exit(2)
    with refusals():
        closes_at = parse_closing(closes, zone_name=zone) if closes else None
    with store() as found:
        session, secret = found.create_session(title, date=date, closes_at=closes_at)
        polls = found.polls(session.code)
    if format is Output.json:
        emit_json(
            {
                "code": session.code,
                "secret": secret,
                "title": session.title,
                "date": session.date,
                "phase": session.phase.value,
                "polls": [p.id for p in polls],
                "decks": dict(session.decks),
                "database": shown_url(found.url),
                "closes_at": session.closes_at or None,
            }
        )
        return
    done(t("session_created", code=session.code, title=session.title, date=session.date))
    if session.survey:
        done(t("survey_created", when=closing_text(session, current(), zone_name=zone),
               code=session.code))  # fmt: skip
    done(t("session_secret", secret=secret))


def list_sessions(
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    with store() as found:
        summaries = found.sessions()
    if format is Output.json:
        emit_json(
            [
                {
                    "code": s.session.code,
                    "title": s.session.title,
                    "date": s.session.date,
                    "phase": s.session.phase.value,
                    "closed": s.session.closed,
                    "participants": s.participants,
                    "ballots": s.ballots,
                    "links": s.links,
                    "proposals": s.proposals,
                }
                for s in summaries
            ]
        )
        return
    table(
        t("sessions_title"),
        [t("col_code"), t("col_title"), t("col_date"), t("col_phase"), t("col_participants"),
         t("col_ballots"), t("col_links"), t("col_proposals")],
        (
            (s.session.code, s.session.title + (f" ({t('closed')})" if s.session.over() else ""),
             s.session.date, s.session.phase.label.get(), s.participants, s.ballots, s.links,
             s.proposals)
            for s in summaries
        ),
    )  # fmt: skip


def show(
    code: str = CodeArgument,
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    from collections import Counter

    from jnt_fresque.workshop.polls import METHOD_LABELS, SUBJECT_LABELS

    with store() as found:
        snapshot = found.snapshot(code)
    session = snapshot.session
    counts = Counter(b.poll for b in snapshot.ballots)
    if format is Output.json:
        emit_json(
            {
                "code": session.code,
                "title": session.title,
                "date": session.date,
                "phase": session.phase.value,
                "closed": session.closed,
                "closes_at": session.closes_at or None,
                "over": session.over(),
                "codes_required": session.codes_required,
                "participants": len(snapshot.participants),
                "links": len(snapshot.links),
                "proposals": len(snapshot.proposals),
                "polls": [
                    {"id": p.id, "method": p.method.value, "subject": p.subject.value, "k": p.k,
                     "dots": p.dots, "open": p.open, "ballots": counts[p.id]}
                    for p in snapshot.polls
                ],
            }
        )  # fmt: skip
        return
    done(
        t("session_line", code=session.code, title=session.title, date=session.date,
          phase=session.phase.label.get())
        + (f" ({t('closed')})" if session.closed else "")
    )  # fmt: skip
    if session.survey:
        from jnt_fresque.workshop.survey import closing_text, left_text, time_left

        when = closing_text(session, current())
        done(
            t("survey_closed_at", when=when)
            if session.over()
            else t("survey_open_until", when=when, left=left_text(time_left(session), current()))
        )
    done(
        t("session_counts", participants=len(snapshot.participants), links=len(snapshot.links),
          proposals=len(snapshot.proposals))
    )  # fmt: skip
    table(
        t("polls_title"),
        [t("col_poll"), t("col_title"), t("col_method"), t("col_over"), t("col_state"),
         t("col_ballots")],
        (
            (p.id, p.title.get(), METHOD_LABELS[p.method].get().replace(" k", f" {p.limit}"),
             SUBJECT_LABELS[p.subject].get(), t("open") if p.open else t("closed"), counts[p.id])
            for p in snapshot.polls
        ),
    )  # fmt: skip


def phase(
    code: str = CodeArgument,
    name: PhaseName = typer.Argument(..., metavar="PHASE", help=t("arg_phase")),
) -> None:
    with store() as found:
        session = found.set_phase(code, name.value)
    done(t("phase_set", code=session.code, phase=session.phase.label.get()))


def close(code: str = CodeArgument) -> None:
    with store() as found:
        session = found.set_closed(code, True)
    done(t("session_closed_done", code=session.code))


def reopen(code: str = CodeArgument) -> None:
    with store() as found:
        session = found.set_closed(code, False)
    done(t("session_reopened", code=session.code))


def poll_open(
    code: str = CodeArgument,
    poll: str = typer.Argument(..., metavar="POLL", help=t("arg_poll")),
) -> None:
    with store() as found:
        found.set_poll_open(code, poll, True)
    done(t("poll_opened", poll=poll))


def poll_close(
    code: str = CodeArgument,
    poll: str = typer.Argument(..., metavar="POLL", help=t("arg_poll")),
) -> None:
    with store() as found:
        found.set_poll_open(code, poll, False)
    done(t("poll_closed_done", poll=poll))


def poll_add(
    code: str = CodeArgument,
    poll: str = typer.Argument(..., metavar="POLL", help=t("arg_new_poll")),
    over: SubjectName = typer.Option(..., "--over", help=t("opt_poll_over")),
    method: MethodName = typer.Option(MethodName.ranked, "--method", help=t("opt_poll_method")),
    k: int = typer.Option(10, "--k", help=t("opt_poll_k")),
    dots: int = typer.Option(5, "--dots", help=t("opt_poll_dots")),
    title: str | None = typer.Option(None, "--title", help=t("opt_poll_title")),
) -> None:
    from jnt_fresque.i18n import Text
    from jnt_fresque.workshop.polls import Method, Poll, Subject, default_title

    subject = Subject(over.value)
    chosen = Method(method.value)
    default = default_title(chosen, subject, k=k, dots=dots)
    named = Text(fr=title, en=title) if title else default
    with store() as found:
        found.add_poll(
            code,
            Poll(poll, named, chosen, subject, k=k, dots=dots if chosen is Method.dots else 0),
        )
    done(t("poll_added", poll=poll))


def export(
    code: str = CodeArgument,
    format: ExportFormat = typer.Option(..., "--format", help=t("opt_export_format")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_export_output")),
    poll: str | None = typer.Option(None, "--poll", help=t("opt_export_poll")),
) -> None:
    from jnt_fresque.interchange import exports

    with store() as found:
        snapshot = found.snapshot(code)
        with refusals():
            written = exports.write(
                snapshot, output, format.value, found.decks, poll=poll, lang=current()
            )
    for path in written:
        done(t("written", path=path))


def report(
    code: str = CodeArgument,
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_report_output")),
) -> None:
    from jnt_fresque.reporting.report import write_report

    with store() as found:
        snapshot = found.snapshot(code)
        write_report(snapshot, output, found.decks, lang=current())
    done(t("written", path=output))


def import_session(
    file: Path = typer.Argument(..., metavar="FILE", help=t("arg_session_file")),
    new_code: bool = typer.Option(False, "--new-code", help=t("opt_new_code")),
) -> None:
    from jnt_fresque.interchange.exports import read_json

    with refusals():
        snapshot = read_json(file)
    with store() as found:
        session = found.restore(snapshot, new_code=new_code)
    done(
        t("session_imported", code=session.code, title=session.title,
          ballots=len(snapshot.ballots), links=len(snapshot.links))
    )  # fmt: skip


def invitations(
    code: str = CodeArgument,
    members: Path = typer.Option(..., "--members", help=t("opt_invitations_members")),
    output: Path = typer.Option(..., "-o", "--output", help=t("opt_invitations_output")),
    url: str | None = typer.Option(None, "--url", help=t("opt_invitations_url")),
) -> None:
    from jnt_fresque.interchange.invitations import read_members, write_invitations
    from jnt_fresque.workshop.invitations import invitation_rows

    base = url or _public_url()
    with refusals(members):
        found_members = read_members(members)
    with store() as found:
        given = found.invite(code, list(found_members))
        session = found.session(code)
    rows = invitation_rows(given, base_url=base, session=session.code)
    write_invitations(rows, output)
    done(t_n("invitations_written", len(rows), count=len(rows), path=output))
    if url is None:
        done(t("invitations_url_note", url=base))


def _public_url() -> str:
    import os

    from jnt_fresque.app.server import lan_address

    # The address the participants will reach the app at: set it for a survey that runs
    # on a server (JNT_FRESQUE_PUBLIC_URL or --url); else this machine on the local network.
    return os.environ.get("JNT_FRESQUE_PUBLIC_URL") or f"http://{lan_address()}:8501/"


def answers(
    code: str = CodeArgument,
    invited: Path | None = typer.Option(None, "--invitations", help=t("opt_answers_invitations")),
    format: Output = typer.Option(Output.table, "--format", help=t("opt_format")),
) -> None:
    from jnt_fresque.interchange.invitations import names_by_code

    with refusals(invited):
        names = names_by_code(invited) if invited else {}
    with store() as found:
        found_answers = found.answers(code)
        session = found.session(code)
    rows = [
        {"code": a.code, "name": names.get(a.code, ("", ""))[0],
         "email": names.get(a.code, ("", ""))[1], "answered": a.polls > 0, "polls": a.polls,
         "first_used": a.used_at or None}
        for a in found_answers
    ]  # fmt: skip
    if format is Output.json:
        emit_json({"session": session.code, "codes": rows})
        return
    answered = sum(1 for a in found_answers if a.polls)
    done(t_n("answers_summary", len(rows), answered=answered, count=len(rows)))
    table(
        t("answers_title", code=session.code),
        [t("col_code"), t("col_name"), t("col_email"), t("col_answered")],
        (
            (a.code, *names.get(a.code, ("", "")),
             t_n("answers_polls", a.polls, count=a.polls) if a.polls else t("answers_not_yet"))
            for a in found_answers
        ),
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add the workshop commands to ``app``."""
    from jnt_fresque.cli import board, results, votes

    group = typer.Typer(help=t("session_help"), no_args_is_help=True, rich_markup_mode=None)
    group.command("create", help=t("session_create_help"))(create)
    group.command("list", help=t("session_list_help"))(list_sessions)
    group.command("show", help=t("session_show_help"))(show)
    group.command("phase", help=t("session_phase_help"))(phase)
    group.command("close", help=t("session_close_help"))(close)
    group.command("reopen", help=t("session_reopen_help"))(reopen)
    group.command("poll-add", help=t("poll_add_help"))(poll_add)
    group.command("poll-open", help=t("poll_open_help"))(poll_open)
    group.command("poll-close", help=t("poll_close_help"))(poll_close)
    group.command("export", help=t("session_export_help"))(export)
    group.command("report", help=t("session_report_help"))(report)
    group.command("import", help=t("session_import_help"))(import_session)
    group.command("invitations", help=t("session_invitations_help"))(invitations)
    group.command("answers", help=t("session_answers_help"))(answers)
    app.add_typer(group, name="session")
    votes.register(app)
    board.register(app)
    results.register(app)
