"""Participants: an anonymous token, an optional profile, an optional table number.

Nobody gives a name. The profile (what kind of organisation one comes from)
and the table are what the results are broken down by.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from jnt_fresque.i18n import Message
from jnt_fresque.workshop.errors import WorkshopError

MAX_TABLE = 999
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$")


class Profile(StrEnum):
    """Where a participant comes from."""

    collectivite = "collectivite"
    entreprise = "entreprise"
    recherche = "recherche"
    etudiant = "etudiant"
    autre = "autre"

    @property
    def label(self) -> Message:
        """The profile's name on screen."""
        return PROFILE_LABELS[self]


PROFILE_LABELS: dict[Profile, Message] = {
    Profile.collectivite: Message("profile_collectivite"),
    Profile.entreprise: Message("profile_entreprise"),
    Profile.recherche: Message("profile_recherche"),
    Profile.etudiant: Message("profile_etudiant"),
    Profile.autre: Message("profile_autre"),
}


def _plain(text: str) -> str:
    # « Étudiant·e », "etudiante", "STUDENT" all mean the same profile.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


# Other ways people write a profile, beside its code and its name in each language.
_ALIASES: dict[str, Profile] = {
    _plain(alias): profile
    for alias, profile in [
        ("collectivité territoriale", Profile.collectivite),
        ("collectivites", Profile.collectivite),
        ("public", Profile.collectivite),
        ("business", Profile.entreprise),
        ("recherche", Profile.recherche),
        ("enseignement", Profile.recherche),
        ("research", Profile.recherche),
        ("teaching", Profile.recherche),
        ("academia", Profile.recherche),
        ("étudiant", Profile.etudiant),
        ("étudiante", Profile.etudiant),
        ("other", Profile.autre),
    ]
}


@lru_cache(maxsize=1)
def _names() -> dict[str, Profile]:
    # Read from the catalogues at first use, not at import (the command starts faster).
    found = dict(_ALIASES)
    for profile, label in PROFILE_LABELS.items():
        for name in (profile.value, label.fr, label.en):
            found[_plain(name)] = profile
    return found


def parse_profile(text: str | None) -> Profile | None:
    """A profile from what a person typed (code or label, FR or EN); empty → None.

    Raises
    ------
    WorkshopError
        ``unknown_profile`` when the text names no profile.

    Examples
    --------
    >>> parse_profile("Étudiant·e")
    <Profile.etudiant: 'etudiant'>
    >>> parse_profile("") is None
    True
    """
    if text is None or not text.strip():
        return None
    found = _names().get(_plain(text))
    if found is None:
        raise WorkshopError(
            "unknown_profile",
            value=text.strip(),
            expected=", ".join(p.value for p in Profile),
        )
    return found


def parse_table(text: str | int | None) -> int | None:
    """A table number from a cell (``"3"``, ``3``, ``"T3"``, ``"table 3"``); empty → None."""
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    digits = re.fullmatch(r"(?i)(?:t|table)?\s*(\d+)", raw)
    if digits is None or not 1 <= int(digits.group(1)) <= MAX_TABLE:
        raise WorkshopError("bad_table", value=raw, max=MAX_TABLE)
    return int(digits.group(1))


def check_token(token: str) -> str:
    """``token`` if it can name a participant: 1–64 letters, digits, ``_.:@-``."""
    if not TOKEN.match(token):
        raise WorkshopError("bad_participant", value=token[:70])
    return token


def new_token() -> str:
    """A fresh anonymous participant token (16 hex digits: always a valid `check_token`)."""
    # token_urlsafe may start with « - » or « _ », which participant names may not.
    return secrets.token_hex(8)


@dataclass(frozen=True, slots=True)
class Participant:
    """One person in the room, known only by an anonymous token.

    Examples
    --------
    >>> Participant("p1", Profile.etudiant, table=3).group("table")
    '3'
    """

    token: str
    profile: Profile | None = None
    table: int | None = None

    def group(self, by: str) -> str | None:
        """The value this participant is counted under when results are broken down ``by``
        ``"profile"`` or ``"table"`` (None when not given)."""
        if by == "profile":
            return self.profile.value if self.profile else None
        if by == "table":
            return str(self.table) if self.table is not None else None
        raise ValueError(f"breakdown by profile or table, not {by!r}")
