"""A session: one workshop, from the first card shown to the results on the projector.

A session has a short code people type to join, a title and a date, the
versions of the decks it was played with, the phase it is in, and whether the
facilitator has closed it. A closed session takes nothing more: no link, no
proposal, no ballot.
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

    def check_open(self) -> None:
        """Refuse any change once the facilitator has closed the session."""
        if self.closed:
            raise WorkshopError("session_closed", code=self.code)
