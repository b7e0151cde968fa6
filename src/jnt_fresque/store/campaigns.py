"""Campaigns in the store: create one, add sessions to it, read it back for pooling.

`CampaignStore` is a part of `Store` (its methods are the store's), kept in a
module of its own because a campaign is a concept of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jnt_fresque.store import schema as db
from jnt_fresque.workshop.campaign import Campaign, Part, check_name
from jnt_fresque.workshop.errors import WorkshopError
from jnt_fresque.workshop.session import check_title, now

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy.engine import Connection, RowMapping

    from jnt_fresque.workshop.snapshot import Snapshot

MAX_SESSIONS = 500


@dataclass(frozen=True, slots=True)
class CampaignSummary:
    """A campaign and how much it holds, for listings."""

    campaign: Campaign
    ballots: int


class CampaignStore:
    """The store's campaign methods (mixed into `Store`)."""

    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[Connection]: ...
        def _read(self) -> AbstractContextManager[Connection]: ...
        def _session_row(self, connection: Connection, code: str) -> RowMapping: ...
        def snapshot(self, code: str) -> Snapshot: ...

    def create_campaign(self, name: str, title: str | None = None) -> Campaign:
        """A new, empty campaign (refused if the name is taken)."""
        from sqlalchemy import select

        name = check_name(name)
        title = check_title(title or name)
        with self._write() as connection:
            if connection.execute(
                select(db.campaigns.c.id).where(db.campaigns.c.name == name)
            ).first():
                raise WorkshopError("campaign_exists", campaign=name)
            stamp = now()
            connection.execute(
                db.campaigns.insert().values(name=name, title=title, created_at=stamp)
            )
        return Campaign(name, title, stamp)

    def _campaign_row(self, connection: Connection, name: str) -> RowMapping:
        from sqlalchemy import select

        row = (
            connection.execute(select(db.campaigns).where(db.campaigns.c.name == name.strip()))
            .mappings()
            .first()
        )
        if row is None:
            known = connection.execute(select(db.campaigns.c.name).order_by(db.campaigns.c.name))
            raise WorkshopError(
                "unknown_campaign", campaign=name, expected=", ".join(known.scalars()) or "-"
            )
        return row

    def _members(self, connection: Connection, campaign_pk: int) -> list[RowMapping]:
        from sqlalchemy import select

        return list(
            connection.execute(
                select(db.sessions.c.id, db.sessions.c.code, db.sessions.c.decks)
                .select_from(db.campaign_sessions.join(db.sessions))
                .where(db.campaign_sessions.c.campaign_id == campaign_pk)
                .order_by(db.campaign_sessions.c.id)
            ).mappings()
        )

    def add_to_campaign(self, name: str, codes: list[str]) -> Campaign:
        """Add sessions to campaign ``name``, all of them or none: each must exist and use
        the same decks as the campaign's sessions (deck versions may differ)."""
        with self._write() as connection:
            campaign = self._campaign_row(connection, name)
            members = self._members(connection, campaign["id"])
            present = {m["id"] for m in members}
            decks = sorted(members[0]["decks"]) if members else None
            reference = members[0]["code"] if members else None
            if len(members) + len(codes) > MAX_SESSIONS:
                raise WorkshopError("campaign_too_big", campaign=name, max=MAX_SESSIONS)
            stamp = now()
            for code in codes:
                row = self._session_row(connection, code)
                if row["id"] in present:
                    continue
                if decks is not None and sorted(row["decks"]) != decks:
                    raise WorkshopError(
                        "campaign_other_decks", code=row["code"], campaign=campaign["name"],
                        decks=", ".join(sorted(row["decks"])) or "-", expected=", ".join(decks),
                        reference=reference,
                    )  # fmt: skip
                decks, reference = sorted(row["decks"]), reference or row["code"]
                present.add(row["id"])
                connection.execute(
                    db.campaign_sessions.insert().values(
                        campaign_id=campaign["id"], session_id=row["id"], added_at=stamp
                    )
                )
        return self.campaign(name)

    def campaign(self, name: str) -> Campaign:
        """Campaign ``name`` with its sessions' codes."""
        with self._read() as connection:
            row = self._campaign_row(connection, name)
            codes = tuple(m["code"] for m in self._members(connection, row["id"]))
        return Campaign(row["name"], row["title"], row["created_at"], codes)

    def campaigns(self) -> list[CampaignSummary]:
        """Every campaign, by name, with its ballots."""
        from sqlalchemy import func, select

        with self._read() as connection:
            rows = list(
                connection.execute(select(db.campaigns).order_by(db.campaigns.c.name)).mappings()
            )
            ballots: dict[int, int] = dict(
                connection.execute(
                    select(db.campaign_sessions.c.campaign_id, func.count(db.ballots.c.id))
                    .select_from(
                        db.campaign_sessions.join(
                            db.polls, db.polls.c.session_id == db.campaign_sessions.c.session_id
                        ).join(db.ballots)
                    )
                    .group_by(db.campaign_sessions.c.campaign_id)
                ).all()
            )
            found = [
                (row, tuple(m["code"] for m in self._members(connection, row["id"])))
                for row in rows
            ]
        return [
            CampaignSummary(
                Campaign(row["name"], row["title"], row["created_at"], codes),
                int(ballots.get(row["id"], 0)),
            )
            for row, codes in found
        ]

    def campaign_parts(self, name: str) -> tuple[Campaign, list[Part]]:
        """The campaign and each of its sessions as pooling reads it: the snapshot, the
        cards its decks held, and the member digest of each invited code."""
        from sqlalchemy import select

        campaign = self.campaign(name)
        parts: list[Part] = []
        for code in campaign.sessions:
            snapshot = self.snapshot(code)
            with self._read() as connection:
                pk = self._session_row(connection, code)["id"]
                cards = connection.execute(
                    select(db.sessions.c.cards).where(db.sessions.c.id == pk)
                ).scalar()
                members = dict(
                    connection.execute(
                        select(db.vote_codes.c.code, db.vote_codes.c.member).where(
                            db.vote_codes.c.session_id == pk, db.vote_codes.c.member.is_not(None)
                        )
                    ).all()
                )
            parts.append(Part(snapshot, frozenset(cards) if cards is not None else None, members))
        return campaign, parts
