"""The live boards: each table's (or lone participant's) board has a version number that
every change to it bumps, and the places its cards were dragged to; the session says
whether the deck's expected links (the answer key) are shown to the tables.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "sessions",
        sa.Column("key_shown", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "boards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("board", sa.String(80), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("layout", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_boards"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_boards_session_id_sessions"
        ),
        sa.UniqueConstraint("session_id", "board", name="uq_boards_session_id"),
    )


def downgrade() -> None:
    op.drop_table("boards")
    op.drop_column("sessions", "key_shown")
