"""Surveys: sessions that stay open for days and close by themselves.

A survey's closing time is typed in the facilitator's time zone (« 2026-12-05
18:00 ») and kept in UTC; each participant reads it in their own zone, with
the time left. Dates and durations are worded by Babel (CLDR), so that a
French reader sees « samedi 5 décembre 2026 » and an English one « Saturday,
December 5, 2026 ».
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from jnt_fresque.i18n import Lang, say, say_n
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.polls import Method, Poll
from jnt_fresque.workshop.session import Session, now

DEFAULT_ZONE = "Europe/Paris"
MAX_DAYS = 366
_LOCAL = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$")


def zone(name: str) -> dt.tzinfo:
    """The time zone ``name`` (IANA, e.g. ``Europe/Paris``), or a refusal naming it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise WorkshopError("bad_time_zone", value=name) from None


def parse_closing(text: str, *, zone_name: str = DEFAULT_ZONE, at: str | None = None) -> str:
    """The closing time typed by the facilitator → ISO 8601 in UTC.

    ``text`` is ``YYYY-MM-DD HH:MM`` in ``zone_name`` (a date alone means the end of
    that day, 23:59), or ISO 8601 with its own offset. It must be in the future
    (after ``at``, default now) and within a year.

    Examples
    --------
    >>> parse_closing("2030-12-05 18:00", at="2030-12-01T00:00:00+00:00")
    '2030-12-05T17:00:00+00:00'
    """
    raw = text.strip()
    try:
        if _LOCAL.match(raw):
            moment = dt.datetime.fromisoformat(raw if " " in raw or "T" in raw else raw + " 23:59")
        else:
            moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise WorkshopError("bad_closing", value=raw) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(zone_name))
    closing = moment.astimezone(dt.UTC).replace(microsecond=0)
    start = dt.datetime.fromisoformat(at or now())
    if closing <= start:
        raise WorkshopError("closing_in_past", value=raw)
    if closing - start > dt.timedelta(days=MAX_DAYS):
        raise WorkshopError("closing_too_far", value=raw, days=MAX_DAYS)
    return closing.isoformat(timespec="seconds")


def time_left(session: Session, at: str | None = None) -> dt.timedelta:
    """How long the survey stays open after ``at`` (zero once closed)."""
    if not session.survey or session.closed:
        return dt.timedelta(0)
    left = dt.datetime.fromisoformat(session.closes_at) - dt.datetime.fromisoformat(at or now())
    return max(left, dt.timedelta(0))


def closing_text(session: Session, lang: Lang, *, zone_name: str = DEFAULT_ZONE) -> str:
    """The closing time in the reader's language and time zone, with the zone's name."""
    from babel.dates import format_date, format_time, get_timezone_name

    where = zone(zone_name)
    local = dt.datetime.fromisoformat(session.closes_at).astimezone(where)
    locale = _locale(lang)
    return say(
        "survey_when",
        lang,
        date=format_date(local.date(), format="full", locale=locale),
        time=format_time(local.time(), format="short", locale=locale),
        zone=get_timezone_name(local, width="long", locale=locale),
    )


def _locale(lang: Lang) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def left_text(left: dt.timedelta, lang: Lang) -> str:
    """``left`` in days and hours (hours and minutes under a day), in ``lang``.

    Examples
    --------
    >>> left_text(dt.timedelta(days=2, hours=3, minutes=10), "fr")
    '2 jours et 3 heures'
    >>> left_text(dt.timedelta(minutes=45), "en")
    '45 minutes'
    """
    minutes = int(left.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        parts = [say_n("survey_days", days, lang, count=days)]
        if hours:
            parts.append(say_n("survey_hours", hours, lang, count=hours))
    elif hours:
        parts = [say_n("survey_hours", hours, lang, count=hours)]
        if minutes:
            parts.append(say_n("survey_minutes", minutes, lang, count=minutes))
    else:
        parts = [say_n("survey_minutes", minutes, lang, count=minutes)]
    return parts[0] if len(parts) == 1 else say("survey_and", lang, a=parts[0], b=parts[1])


def survey_notice(
    session: Session,
    polls: Sequence[Poll],
    lang: Lang,
    *,
    zone_name: str = DEFAULT_ZONE,
    at: str | None = None,
) -> str:
    """What the join page of a survey says: what is asked, until when, and the time left
    (or that it has closed). Empty for a session in a room.

    ``zone_name`` is the participant's time zone (the browser's, when the page knows it).
    """
    if not session.survey:
        return ""
    when = closing_text(session, lang, zone_name=zone_name)
    if session.over(at):
        return say("survey_notice_closed", lang, title=session.title, when=when)
    asked = [
        say_n("survey_asks_dots", p.dots, lang, title=p.title.get(lang), count=p.dots)
        if p.method is Method.dots
        else say_n("survey_asks", p.k, lang, title=p.title.get(lang), count=p.k)
        for p in polls
        if p.open
    ]
    return say(
        "survey_notice",
        lang,
        title=session.title,
        asks=("\u202f; " if lang == "fr" else "; ").join(asked),
        when=when,
        left=left_text(time_left(session, at), lang),
    )
