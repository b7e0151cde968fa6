"""Invitations to a survey: one personal link and single-use voting code per member.

The facilitator sends them with their own mail tool (a mail merge); the kit
sends no e-mail and keeps no name or address. With each code it keeps only a
digest of the member's address (`member_key`), so that a member who
answers two surveys of a campaign can be counted once without the kit ever
knowing who they are.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jnt_fresque.i18n import t
from jnt_fresque.workshop.errors import RowProblem, RowsRefused

MAX_MEMBERS = 2000
EMAIL = re.compile(r"^[^@\s;,<>\"]+@[^@\s;,<>\"]+\.[^@\s;,<>\".]{2,}$")
_COLUMNS = {
    "name": "name",
    "nom": "name",
    "nomprenom": "name",
    "prenomnom": "name",
    "fullname": "name",
    "email": "email",
    "mail": "email",
    "courriel": "email",
    "adresse": "email",
    "adresseelectronique": "email",
    "emailaddress": "email",
}


@dataclass(frozen=True, slots=True)
class Member:
    """One member to invite: a name for the greeting and an e-mail address."""

    name: str
    email: str

    @property
    def key(self) -> str:
        """The digest kept with the member's code (see `member_key`)."""
        return member_key(self.email)


def member_key(email: str) -> str:
    """A digest of an e-mail address: the same address (any case) gives the same key,
    and the key does not give the address back without guessing it.

    Examples
    --------
    >>> member_key("Anne.Martin@Exemple.fr") == member_key(" anne.martin@exemple.fr")
    True
    >>> len(member_key("a@b.fr"))
    24
    """
    plain = email.strip().casefold()
    return hashlib.blake2b(plain.encode(), digest_size=12, person=b"jnt-fresque-mbr").hexdigest()


def column_of(header: str) -> str:
    """The column a header of the members file names (``Courriel`` → ``email``)."""
    decomposed = unicodedata.normalize("NFKD", header.casefold())
    plain = "".join(c for c in decomposed if c.isalnum())
    return _COLUMNS.get(plain, header.strip())


def check_members(grid: Sequence[Sequence[str]]) -> tuple[Member, ...]:
    """The members of a sheet (line 1 the header, with an ``email`` column and
    optionally ``name``), or `RowsRefused` with every bad line: an address missing,
    malformed or given twice. Blank lines are skipped.

    Examples
    --------
    >>> [m.email for m in check_members([["Nom", "Courriel"], ["Anne", "anne@exemple.fr"]])]
    ['anne@exemple.fr']
    """
    header = [column_of(h) for h in grid[0]] if grid else []
    if "email" not in header:
        raise RowsRefused([RowProblem(1, t("members_no_email_column"))])
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    found: list[Member] = []
    for line, cells in enumerate(grid[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row: Mapping[str, str] = {
            name: value.strip() for name, value in zip(header, cells, strict=False)
        }
        email = row.get("email", "")
        if not email:
            problems.append(RowProblem(line, t("member_email_missing")))
            continue
        if not EMAIL.match(email):
            problems.append(RowProblem(line, t("member_email_bad", value=email[:80])))
            continue
        plain = email.casefold()
        if plain in seen:
            problems.append(
                RowProblem(line, t("member_email_twice", value=email, line=seen[plain]))
            )
            continue
        seen[plain] = line
        found.append(Member(" ".join(row.get("name", "").split())[:120], email))
    if not found and not problems:
        problems.append(RowProblem(1, t("members_empty")))
    if len(found) > MAX_MEMBERS:
        problems.append(RowProblem(1, t("members_too_many", count=len(found), max=MAX_MEMBERS)))
    if problems:
        raise RowsRefused(problems)
    return tuple(found)


def invitation_link(base_url: str, session: str, vote_code: str) -> str:
    """The personal link of one member: the join page with the session and the code filled in.

    Examples
    --------
    >>> invitation_link("https://atelier.exemple.fr/", "K7MQ2X", "ABCD-EFGH")
    'https://atelier.exemple.fr/rejoindre?session=K7MQ2X&code=ABCD-EFGH'
    """
    from urllib.parse import urlencode

    return f"{base_url.rstrip('/')}/rejoindre?{urlencode({'session': session, 'code': vote_code})}"


def invitation_rows(
    members: Iterable[tuple[Member, str]], *, base_url: str, session: str
) -> list[dict[str, str]]:
    """One row per member for the mail merge: name, email, link, code."""
    return [
        {
            "name": member.name,
            "email": member.email,
            "link": invitation_link(base_url, session, code),
            "code": code,
        }
        for member, code in members
    ]
