"""Poll titles in every language: a title in the kit's own words is kept as its message.

Revision ID: 0006_poll_titles
Revises: 0005_campaigns
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_poll_titles"
down_revision = "0005_campaigns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, nullable: polls from before keep reading their French and English
    # titles, as they were written.
    op.add_column("polls", sa.Column("title_message", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("polls") as batch:
        batch.drop_column("title_message")
