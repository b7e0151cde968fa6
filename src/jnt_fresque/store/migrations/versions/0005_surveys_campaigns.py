"""Surveys and campaigns: a session's closing time and the cards its decks held, a voting
code's member digest, and campaigns grouping sessions.

Revision ID: 0005_campaigns
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_campaigns"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, nullable: sessions from before are rooms (no closing time) whose
    # cards are unknown (a campaign then reads them against the kit's decks).
    op.add_column("sessions", sa.Column("closes_at", sa.String(32)))
    op.add_column("sessions", sa.Column("cards", sa.JSON))
    op.add_column("vote_codes", sa.Column("member", sa.String(64)))
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaigns"),
        sa.UniqueConstraint("name", name="uq_campaigns_name"),
    )
    op.create_table(
        "campaign_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("campaign_id", sa.Integer, nullable=False),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaign_sessions"),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name="fk_campaign_sessions_campaign_id_campaigns",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_campaign_sessions_session_id_sessions"
        ),
        sa.UniqueConstraint("campaign_id", "session_id", name="uq_campaign_sessions_campaign_id"),
    )


def downgrade() -> None:
    op.drop_table("campaign_sessions")
    op.drop_table("campaigns")
    with op.batch_alter_table("vote_codes") as batch:
        batch.drop_column("member")
    op.drop_column("sessions", "cards")
    op.drop_column("sessions", "closes_at")
