"""The board: links from a use case to the data cards it needs, made by a participant or a table.

The same link made twice by the same maker is one link (its note is the last
one written); two makers making the same link is two links, and that count is
what tells how widely a need is shared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from jnt_fresque.workshop.errors import WorkshopError

MAX_NOTE = 280


@dataclass(frozen=True, slots=True)
class Link:
    """« this use case needs this data », said by a participant or a table.

    Examples
    --------
    >>> Link("uc-inondation", "data-hy", table=2).maker
    't:2'
    """

    use_case: str
    data: str
    participant: str | None = None
    table: int | None = None
    note: str = ""

    @property
    def maker(self) -> str:
        """Who made the link: ``p:<token>`` for a participant, else ``t:<table>``."""
        if self.participant:
            return f"p:{self.participant}"
        return f"t:{self.table}"


def check_link(link: Link, *, use_cases: Collection[str], data: Collection[str]) -> Link:
    """``link`` with its note tidied, if it joins a known use case (or proposed card)
    to a known data card and says who made it."""
    if link.use_case not in use_cases:
        raise WorkshopError("link_unknown_use_case", value=link.use_case)
    if link.data not in data:
        raise WorkshopError("link_unknown_data", value=link.data)
    if not link.participant and link.table is None:
        raise WorkshopError("link_no_maker")
    note = " ".join(link.note.split())
    if len(note) > MAX_NOTE:
        raise WorkshopError("note_too_long", max=MAX_NOTE)
    return Link(link.use_case, link.data, link.participant, link.table, note)


def link_counts(links: Iterable[Link]) -> Counter[tuple[str, str]]:
    """How many distinct makers linked each (use case, data card) pair."""
    makers = {(link.use_case, link.data, link.maker) for link in links}
    return Counter((use_case, data) for use_case, data, _ in makers)
