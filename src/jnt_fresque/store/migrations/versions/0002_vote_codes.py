"""Single-use voting codes; where a ballot came from (app, paper sheet, import).

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vote_codes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("used_at", sa.String(32)),
        sa.PrimaryKeyConstraint("id", name="pk_vote_codes"),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name="fk_vote_codes_session_id_sessions"
        ),
        sa.UniqueConstraint("session_id", "code", name="uq_vote_codes_session_id"),
    )
    # Sessions and ballots from revision 0001 had no codes and were all cast in the app.
    # (A plain ADD COLUMN: SQLite takes it without copying the table.)
    op.add_column(
        "sessions",
        sa.Column("codes_required", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "ballots",
        sa.Column("source", sa.String(8), nullable=False, server_default=sa.text("'app'")),
    )


def downgrade() -> None:
    op.drop_column("ballots", "source")
    op.drop_column("sessions", "codes_required")
    op.drop_table("vote_codes")
