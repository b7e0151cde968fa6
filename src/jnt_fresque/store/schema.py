"""The tables of the workshop store, as they are at the latest migration.

Ids are surrogate integers; what people see (session codes, tokens, card ids,
poll ids) are unique within their session. Times are ISO 8601 text in UTC, so
that a SQLite file and a PostgreSQL dump read the same. A ballot's choices are
a JSON list of card ids: written and replaced in one statement.

The migrations (``store/migrations``) build these tables step by step; a test
checks that they end exactly here.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    false,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("date", String(10), nullable=False),
    Column("decks", JSON, nullable=False),
    Column("phase", String(16), nullable=False),
    Column("closed", Boolean, nullable=False),
    Column("secret_hash", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("codes_required", Boolean, nullable=False, server_default=false()),
    # Revision 0003: what the facilitator sets, shared by every app process.
    Column("results_hidden", Boolean, nullable=False, server_default=false()),
    Column("facilitator_key", String(64)),  # signs the facilitator's pass (hex)
    Column("version", Integer, nullable=False, server_default=text("0")),  # bumped by every write
    # Revision 0004: whether the tables see the deck's expected links (the answer key).
    Column("key_shown", Boolean, nullable=False, server_default=false()),
    # Revision 0005: a survey closes by itself; the card ids the decks held at creation
    # (a campaign pools sessions on different deck versions on the cards they share).
    Column("closes_at", String(32)),
    Column("cards", JSON),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("token", String(64), nullable=False),
    Column("profile", String(16)),
    Column("table_no", Integer),
    Column("joined_at", String(32), nullable=False),
    UniqueConstraint("session_id", "token"),
)

polls = Table(
    "polls",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("poll_id", String(32), nullable=False),
    Column("title_fr", String(200), nullable=False),
    Column("title_en", String(200), nullable=False),
    # Revision 0006: a title in the kit's own words, kept as its message (key and values)
    # so that it reads in every catalogue language; null for a facilitator's own title.
    Column("title_message", JSON),
    Column("method", String(16), nullable=False),
    Column("subject", String(16), nullable=False),
    Column("k", Integer, nullable=False),
    Column("dots", Integer, nullable=False),
    Column("is_open", Boolean, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("session_id", "poll_id"),
)

ballots = Table(
    "ballots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("poll_pk", ForeignKey("polls.id"), nullable=False),
    Column("participant_pk", ForeignKey("participants.id"), nullable=False),
    Column("choices", JSON, nullable=False),
    Column("submitted_at", String(32), nullable=False),
    Column("source", String(8), nullable=False, server_default=text("'app'")),
    # The rule « one ballot per participant and poll » is the database's too.
    UniqueConstraint("poll_pk", "participant_pk"),
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("use_case", String(64), nullable=False),
    Column("data", String(64), nullable=False),
    Column("maker", String(80), nullable=False),  # p:<token> or t:<table>
    Column("participant_pk", ForeignKey("participants.id")),
    Column("table_no", Integer),
    Column("note", String(400), nullable=False),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("session_id", "use_case", "data", "maker"),
)

# Revision 0004: one row per live board (``t:<table>`` or ``p:<token>``), its version bumped
# by every change to its links or its layout (card id → [x, y], in board units).
boards = Table(
    "boards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("board", String(80), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("0")),
    Column("layout", JSON, nullable=False),
    UniqueConstraint("session_id", "board"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("card_id", String(32), nullable=False),
    Column("title", String(100), nullable=False),
    Column("pitch", String(400), nullable=False),
    Column("data", JSON, nullable=False),
    Column("blank", String(64)),
    Column("participant_pk", ForeignKey("participants.id")),
    Column("table_no", Integer),
    Column("created_at", String(32), nullable=False),
    UniqueConstraint("session_id", "card_id"),
)

vote_codes = Table(
    "vote_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("member", String(64)),  # revision 0005: digest of an invited member's e-mail
    UniqueConstraint("session_id", "code"),
)

campaigns = Table(
    "campaigns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(40), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
)

campaign_sessions = Table(
    "campaign_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("campaign_id", ForeignKey("campaigns.id"), nullable=False),
    Column("session_id", ForeignKey("sessions.id"), nullable=False),
    Column("added_at", String(32), nullable=False),
    UniqueConstraint("campaign_id", "session_id"),
)
