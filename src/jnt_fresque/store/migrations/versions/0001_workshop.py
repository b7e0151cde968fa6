"""The workshop store: sessions, participants, polls, ballots, board links, proposed cards.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("decks", sa.JSON, nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("secret_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("code", name="uq_sessions_code"),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("profile", sa.String(16)),
        sa.Column("table_no", sa.Integer),
        sa.Column("joined_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participants"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_participants_session_id_sessions"
        ),
        sa.UniqueConstraint("session_id", "token", name="uq_participants_session_id"),
    )
    op.create_table(
        "polls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("poll_id", sa.String(32), nullable=False),
        sa.Column("title_fr", sa.String(200), nullable=False),
        sa.Column("title_en", sa.String(200), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("k", sa.Integer, nullable=False),
        sa.Column("dots", sa.Integer, nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_polls"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_polls_session_id_sessions"
        ),
        sa.UniqueConstraint("session_id", "poll_id", name="uq_polls_session_id"),
    )
    op.create_table(
        "ballots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("poll_pk", sa.Integer, nullable=False),
        sa.Column("participant_pk", sa.Integer, nullable=False),
        sa.Column("choices", sa.JSON, nullable=False),
        sa.Column("submitted_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ballots"),
        sa.ForeignKeyConstraint(["poll_pk"], ["polls.id"], name="fk_ballots_poll_pk_polls"),
        sa.ForeignKeyConstraint(
            ["participant_pk"], ["participants.id"], name="fk_ballots_participant_pk_participants"
        ),
        sa.UniqueConstraint("poll_pk", "participant_pk", name="uq_ballots_poll_pk"),
    )
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("use_case", sa.String(64), nullable=False),
        sa.Column("data", sa.String(64), nullable=False),
        sa.Column("maker", sa.String(80), nullable=False),
        sa.Column("participant_pk", sa.Integer),
        sa.Column("table_no", sa.Integer),
        sa.Column("note", sa.String(400), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_links"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_links_session_id_sessions"
        ),
        sa.ForeignKeyConstraint(
            ["participant_pk"], ["participants.id"], name="fk_links_participant_pk_participants"
        ),
        sa.UniqueConstraint("session_id", "use_case", "data", "maker", name="uq_links_session_id"),
    )
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("card_id", sa.String(32), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("pitch", sa.String(400), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("blank", sa.String(64)),
        sa.Column("participant_pk", sa.Integer),
        sa.Column("table_no", sa.Integer),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_proposals"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_proposals_session_id_sessions"
        ),
        sa.ForeignKeyConstraint(
            ["participant_pk"], ["participants.id"], name="fk_proposals_participant_pk_participants"
        ),
        sa.UniqueConstraint("session_id", "card_id", name="uq_proposals_session_id"),
    )


def downgrade() -> None:
    for table in ("proposals", "links", "ballots", "polls", "participants", "sessions"):
        op.drop_table(table)
