"""What the facilitator sets lives with the session: results hidden until the vote
closes, the key that signs the facilitator's pass, and a version number every write bumps.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs with defaults: SQLite takes them without copying the table.
    # Sessions from before had their results shown (the per-process default) and no pass key
    # (one is drawn the first time a facilitator enters).
    op.add_column(
        "sessions",
        sa.Column("results_hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.add_column("sessions", sa.Column("facilitator_key", sa.String(64)))
    op.add_column(
        "sessions",
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    op.drop_column("sessions", "version")
    op.drop_column("sessions", "facilitator_key")
    op.drop_column("sessions", "results_hidden")
