"""A session: one workshop, from the first card shown to the results on the projector.

A session has a short code people type to join, a title and a date, the
versions of the decks it was played with, the phase it is in, and whether the
facilitator has closed it. A closed session takes nothing more: no link, no
proposal, no ballot.

A survey is a session that stays open for days with nobody in the room: its
polls are open from the start and it closes by itself at ``closes_at``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.phases import Phase

MAX_TITLE = 120
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def now() -> str:
    """The current time, UTC, as ISO 8601 text (how every time is kept)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def check_title(title: str) -> str:
    """The title, stripped, if it has 1–120 characters."""
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE:
        raise WorkshopError("bad_title", max=MAX_TITLE)
    return title


def check_date(date: str | None) -> str:
    """``YYYY-MM-DD`` (today when not given)."""
    if date is None:
        return dt.date.today().isoformat()
    try:
        if ISO_DATE.match(date):
            return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        pass
    raise WorkshopError("bad_session_date", value=date)


@dataclass(frozen=True)
class Session:
    """One workshop.

    Examples
    --------
    >>> s = Session("K7MQ2X", "Atelier VirtualTer", "2025-06-12", {"cas-usage": "1.0.0"})
    >>> s.phase, s.closed
    (<Phase.discover: 'discover'>, False)
    """

    code: str
    title: str
    date: str
    decks: Mapping[str, str] = field(default_factory=dict)  # deck id → version
    phase: Phase = Phase.discover
    closed: bool = False
    codes_required: bool = False  # set once single-use voting codes are printed
    created_at: str = ""
    secret_hash: str = field(default="", repr=False)
    closes_at: str = ""  # a survey: when it closes by itself (ISO 8601, UTC); "" for a room

    @property
    def survey(self) -> bool:
        """Whether the session is a survey (it closes by itself at ``closes_at``)."""
        return bool(self.closes_at)

    def over(self, at: str | None = None) -> bool:
        """Whether the session takes nothing more at ``at`` (default: now): closed by the
        facilitator, or a survey past its closing time."""
        if self.closed:
            return True
        return self.survey and _instant(at or now()) >= _instant(self.closes_at)

    def check_open(self, at: str | None = None) -> None:
        """Refuse any change once the facilitator has closed the session, or once a
        survey has reached its closing time."""
        if self.closed:
            raise WorkshopError("session_closed", code=self.code)
        if self.over(at):
            shown = _instant(self.closes_at).strftime("%Y-%m-%d %H:%M")
            raise WorkshopError("survey_closed", code=self.code, closes_at=shown)


def _instant(text: str) -> dt.datetime:
    # Times are kept as UTC ISO text; compared as instants, whatever their offset says.
    found = dt.datetime.fromisoformat(text)
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)
