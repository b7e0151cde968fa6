"""Survey sessions: open from creation, closing by themselves, reached by personal
invitations; who answered is visible by code, never by the content of a ballot."""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jnt_fresque.store import Store
from jnt_fresque.workshop.errors import RowsRefused, WorkshopError
from jnt_fresque.workshop.invitations import Member, check_members
from jnt_fresque.workshop.phases import Phase
from jnt_fresque.workshop.survey import left_text, parse_closing, survey_notice

from ._app import app_db
from .conftest import Result

__all__ = ["app_db"]

Cli = Callable[..., Result]
MEMBERS = "Nom;Courriel\nAnne Martin;anne.martin@exemple.fr\nBruno Petit;bruno@exemple.fr\n"


def _in(seconds: float) -> str:
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)
    return moment.isoformat(timespec="seconds")


def _invitations(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_survey_takes_ballots_from_invitation_codes_then_closes_by_itself() -> None:
    with Store("sqlite://") as store:
        survey, _ = store.create_session("Enquête du GT", closes_at=_in(4))
        assert survey.survey and survey.phase is Phase.vote
        assert all(p.open for p in store.polls(survey.code))
        given = store.invite(survey.code, [Member("Anne", "anne@exemple.fr")])
        code = given[0][1]
        # Without a code nobody gets in; the invitation's code opens the survey.
        with pytest.raises(WorkshopError) as refused:
            store.join(survey.code)
        assert refused.value.key == "code_needed"
        person = store.join(survey.code, vote_code=code)
        assert store.submit_ballot(survey.code, "uc", person.token, ["uc-inondation"]) == "added"
        time.sleep(5)  # past the closing time: nobody closed it, it closed itself
        assert store.session(survey.code).over()
        with pytest.raises(WorkshopError) as late:
            store.submit_ballot(survey.code, "uc", person.token, ["uc-mobilite-transports"])
        assert late.value.key == "survey_closed"
        assert "n’accepte plus de réponse" in late.value.message
        # What was given before the closing is kept.
        assert [b.choices for b in store.snapshot(survey.code).ballots] == [("uc-inondation",)]


def test_the_closing_time_is_read_in_the_facilitators_zone_and_refused_in_the_past() -> None:
    at = "2026-06-01T08:00:00+00:00"
    assert parse_closing("2026-06-05 18:00", at=at) == "2026-06-05T16:00:00+00:00"  # CEST
    assert parse_closing("2026-06-05 18:00", zone_name="America/Montreal", at=at).startswith(
        "2026-06-05T22:00"
    )
    for bad, key in [
        ("2026-05-31 18:00", "closing_in_past"),
        ("demain", "bad_closing"),
        ("2028-01-01 10:00", "closing_too_far"),
    ]:
        with pytest.raises(WorkshopError) as refused:
            parse_closing(bad, at=at)
        assert refused.value.key == key
    with pytest.raises(WorkshopError) as zone:
        parse_closing("2026-06-05 18:00", zone_name="Mars/Olympus", at=at)
    assert "fuseau horaire inconnu" in zone.value.message


def test_the_join_notice_says_what_is_asked_until_when_in_the_readers_zone() -> None:
    with Store("sqlite://") as store:
        session, _ = store.create_session("Enquête du GT", closes_at=_in(3 * 86400 + 7200))
        polls = store.polls(session.code)
    at = dt.datetime.fromisoformat(session.closes_at) - dt.timedelta(days=2, hours=3)
    fr = survey_notice(session, polls, "fr", at=at.isoformat())
    assert "Top 10 des cas d’usage (au plus 10 cartes)" in fr
    assert "il reste 2 jours et 3 heures" in fr
    closing = dt.datetime.fromisoformat(session.closes_at)
    montreal = closing.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    en = survey_notice(session, polls, "en", zone_name="America/Toronto", at=at.isoformat())
    assert f"{montreal:%-I:%M}" in en and "Eastern" in en and "2 days and 3 hours left" in en
    after = (closing + dt.timedelta(minutes=1)).isoformat()
    assert "est close" in survey_notice(session, polls, "fr", at=after)
    assert left_text(dt.timedelta(minutes=1), "fr") == "1 minute"


def test_members_file_refused_as_a_whole_naming_each_bad_line() -> None:
    grid = [
        ["name", "email"],
        ["Anne", "anne@exemple.fr"],
        ["Bruno", ""],
        ["Chloé", "ANNE@exemple.fr"],
        ["Denis", "denis-at-exemple"],
    ]
    with pytest.raises(RowsRefused) as refused:
        check_members(grid)
    said = {p.line: p.message for p in refused.value.problems}
    assert said[3] == "adresse électronique manquante"
    assert said[4] == "adresse électronique ANNE@exemple.fr déjà donnée ligne 2"
    assert "denis-at-exemple" in said[5]
    with pytest.raises(RowsRefused):
        check_members([["nom", "téléphone"], ["Anne", "0600000000"]])


def test_invitations_from_the_command_line(cli: Cli, db: str, tmp_path: Path) -> None:
    created = cli("session", "create", "--title", "Enquête du GT", "--survey", "--closes",
                  _in(86400), "--format", "json")  # fmt: skip
    assert created.code == 0, created.err
    code = json.loads(created.out)["code"]
    members = tmp_path / "membres.csv"
    members.write_text(MEMBERS, encoding="utf-8")
    out = tmp_path / "invitations.csv"
    written = cli("session", "invitations", code, "--members", str(members), "-o", str(out),
                  "--url", "https://atelier.exemple.fr/")  # fmt: skip
    assert written.code == 0, written.err
    assert "2 invitations écrites" in written.out
    rows = _invitations(out)
    assert [r["email"] for r in rows] == ["anne.martin@exemple.fr", "bruno@exemple.fr"]
    assert rows[0]["link"] == (
        f"https://atelier.exemple.fr/rejoindre?session={code}&code={rows[0]['code']}"
    )
    assert len({r["code"] for r in rows}) == 2
    # Run again: the same members keep their codes (nobody gets a second one).
    cli("session", "invitations", code, "--members", str(members), "-o", str(out),
        "--url", "https://atelier.exemple.fr/")  # fmt: skip
    assert [r["code"] for r in _invitations(out)] == [r["code"] for r in rows]
    with Store(db) as store:
        store.join(code, vote_code=rows[1]["code"])
        store.submit_ballot(code, "uc", rows[1]["code"], ["uc-inondation"])
    shown = cli("session", "answers", code, "--invitations", str(out), "--format", "json")
    answers = {a["email"]: a for a in json.loads(shown.out)["codes"]}
    assert answers["bruno@exemple.fr"]["answered"] is True
    assert answers["anne.martin@exemple.fr"]["answered"] is False
    assert "choices" not in json.dumps(answers) and "uc-inondation" not in shown.out
    table = cli("session", "answers", code)
    assert "Ont répondu : 1 sur 2 codes" in table.out


def test_bad_survey_input_is_one_line_and_nothing_is_made(
    cli: Cli, db: str, tmp_path: Path
) -> None:
    past = cli("session", "create", "--title", "Trop tard", "--survey", "--closes",
               "2020-01-01 10:00")  # fmt: skip
    assert past.code == 2
    assert past.err.strip().count("\n") == 0 and "déjà passée" in past.err
    assert json.loads(cli("session", "list", "--format", "json").out) == []
    code = json.loads(
        cli("session", "create", "--title", "Enquête", "--survey", "--closes", _in(3600),
            "--format", "json").out
    )["code"]  # fmt: skip
    members = tmp_path / "membres.csv"
    members.write_text("name,email\nAnne,anne@exemple.fr\nAnne bis,anne@exemple.fr\n")
    refused = cli("session", "invitations", code, "--members", str(members), "-o",
                  str(tmp_path / "inv.csv"))  # fmt: skip
    assert refused.code == 2
    assert f"{members}:3: adresse électronique anne@exemple.fr déjà donnée ligne 2" in refused.err
    assert not (tmp_path / "inv.csv").exists()
    with Store(db) as store:
        assert store.answers(code) == []  # no code was made for anyone


def test_the_join_page_of_a_survey_says_what_is_asked_and_until_when(app_db: str) -> None:
    from streamlit.testing.v1 import AppTest

    from ._app import APP, TIMEOUT

    with Store(app_db) as store:
        survey, _ = store.create_session("Enquête du GT", closes_at=_in(3 * 86400))
        room, _ = store.create_session("Atelier en salle")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["session"] = survey.code
    at.run()
    assert not at.exception, at.exception
    notice = " ".join(i.value for i in at.info)
    assert "Top 10 des cas d’usage" in notice and "il reste" in notice
    # A session in a room says nothing of the kind, nor a code that does not exist.
    for code in (room.code, "ZZZZZZ"):
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.query_params["session"] = code
        at.run()
        assert not at.exception and not [i.value for i in at.info]


def test_the_vote_page_of_a_closed_survey_says_it_is_closed(app_db: str) -> None:
    from streamlit.testing.v1 import AppTest

    from ._app import APP, TIMEOUT

    with Store(app_db) as store:
        survey, _ = store.create_session("Enquête courte", closes_at=_in(3))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["session"] = survey.code
    at.run()
    at.button(key="join_submit").click().run()
    at.switch_page("pages/voter.py").run()
    assert not at.exception and not [w.value for w in at.warning]  # still open
    time.sleep(3.5)
    at.run()
    assert not at.exception
    assert any("est close" in w.value for w in at.warning)
