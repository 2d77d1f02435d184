"""The store's tables (SQLAlchemy 2 declarative). Alembic migrations are generated from this file.

One schema for SQLite and PostgreSQL: portable types only (JSON, timezone-aware DateTime stored
as UTC, no arrays). Every row that records a human decision carries who and when.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints make migrations portable (SQLite batch mode needs names to drop them).
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always hands back an aware datetime (SQLite drops tzinfo otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use timezone-aware values")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- tools and where they were seen ------------------------------------------------------------


class ToolRow(Base):
    __tablename__ = "tools"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(1000), default="")
    vendor: Mapped[str] = mapped_column(String(200), default="")
    tagline: Mapped[str] = mapped_column(String(400), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    pricing: Mapped[str] = mapped_column(String(200), default="")
    license: Mapped[str] = mapped_column(String(100), default="")
    in_catalog: Mapped[bool] = mapped_column(Boolean, default=False)  # an established tool
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tools.id"), default=None)
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class AliasRow(Base):
    __tablename__ = "aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300), unique=True)  # normalised form


class SightingRow(Base):
    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("source", "external_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int | None] = mapped_column(
        ForeignKey("tools.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str] = mapped_column(String(60))
    external_id: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(1000), default="")
    launched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    tagline: Mapped[str] = mapped_column(String(400), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    pricing: Mapped[str] = mapped_column(String(200), default="")
    license: Mapped[str] = mapped_column(String(100), default="")
    vendor: Mapped[str] = mapped_column(String(200), default="")
    discussion_url: Mapped[str] = mapped_column(String(1000), default="")
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ToolMergeRow(Base):
    """An editor's merge of one tool into another; undone_at set when split again."""

    __tablename__ = "tool_merges"
    id: Mapped[int] = mapped_column(primary_key=True)
    from_tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    into_tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    moved_sighting_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    moved_alias_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    editor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


# --- the panel -----------------------------------------------------------------------------------


class ReviewerRow(Base):
    __tablename__ = "reviewers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    lens: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)  # order on the scorecard


class VerdictRow(Base):
    __tablename__ = "verdicts"
    __table_args__ = (UniqueConstraint("reviewer_id", "tool_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("reviewers.id"))
    tool_id: Mapped[int] = mapped_column(ForeignKey("tools.id"), index=True)
    ship: Mapped[bool] = mapped_column(Boolean)
    paragraph: Mapped[str] = mapped_column(Text)
    judged_on: Mapped[date] = mapped_column(Date)
    price_judged: Mapped[str] = mapped_column(String(200), default="")
    imported_from: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- issues and their comparisons ---------------------------------------------------------------


class IssueRow(Base):
    __tablename__ = "issues"
    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(10), unique=True)  # "2026-W29"
    state: Mapped[str] = mapped_column(String(20), default="draft")
    subject: Mapped[str] = mapped_column(String(300), default="")
    preheader: Mapped[str] = mapped_column(String(300), default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    window_end: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    approved_hash: Mapped[str] = mapped_column(String(64), default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # The editor's own words: they win over the composed ones at every re-render of the week.
    subject_override: Mapped[str] = mapped_column(String(300), default="")
    intro_override: Mapped[str] = mapped_column(Text, default="")
    digest_dir: Mapped[str] = mapped_column(String(500), default="")
    preflight: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class IssueEventRow(Base):
    """Every state change of an issue: who, when, why, and the content hash at that moment."""

    __tablename__ = "issue_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str] = mapped_column(String(20), default="")
    to_state: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ComparisonRow(Base):
    __tablename__ = "comparisons"
    __table_args__ = (UniqueConstraint("issue_id", "pair_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    pair_key: Mapped[str] = mapped_column(String(330), index=True)
    slug: Mapped[str] = mapped_column(String(330))
    tool_a_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    tool_b_id: Mapped[int] = mapped_column(ForeignKey("tools.id"))
    score: Mapped[float] = mapped_column(default=0.0)
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="ready")  # ready|awaiting-panel|dropped
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)


class PinRow(Base):
    """An editor's pinned pair for a week: always in that week's issue, before the chosen ones."""

    __tablename__ = "pins"
    __table_args__ = (UniqueConstraint("week", "pair_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(10), index=True)
    pair_key: Mapped[str] = mapped_column(String(330))
    tool_a_key: Mapped[str] = mapped_column(String(160))
    tool_b_key: Mapped[str] = mapped_column(String(160))
    editor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PairDropRow(Base):
    """An editor's dropped pair for a week: never chosen again for that week's issue, nor for any
    later week's when `never` is set (the editor judged the two not comparable)."""

    __tablename__ = "pair_drops"
    __table_args__ = (UniqueConstraint("week", "pair_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(10), index=True)
    pair_key: Mapped[str] = mapped_column(String(330))
    editor: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Pairing's reason as the issue showed it: the comparison row goes at the next re-render.
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    never: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoteRow(Base):
    """One reader's vote on one pair (by pair key, so it survives re-renders); changeable."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("pair_key", "subscriber_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pair_key: Mapped[str] = mapped_column(String(330), index=True)
    subscriber_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscribers.id", ondelete="SET NULL")
    )
    choice: Mapped[str] = mapped_column(String(160))  # the chosen tool's key
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# --- subscribers and delivery --------------------------------------------------------------------


class SubscriberRow(Base):
    __tablename__ = "subscribers"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    # pending (awaiting double opt-in) | active | unsubscribed | bounced | complained
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    consent_source: Mapped[str] = mapped_column(String(40), default="")  # web-form | import
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    consent_ip: Mapped[str] = mapped_column(String(64), default="")
    consent_user_agent: Mapped[str] = mapped_column(String(500), default="")
    consent_form_version: Mapped[str] = mapped_column(String(40), default="")
    consent_text: Mapped[str] = mapped_column(Text, default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    confirmed_ip: Mapped[str] = mapped_column(String(64), default="")
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeliveryRow(Base):
    """The ledger: one row per (issue, subscriber), written before anything is sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("issue_id", "subscriber_id"),
        Index("ix_deliveries_issue_status", "issue_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    subscriber_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscribers.id", ondelete="SET NULL")
    )
    # pending | in_flight | accepted | failed | ambiguous | skipped
    status: Mapped[str] = mapped_column(String(20), default="pending")
    batch_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    message_id: Mapped[str] = mapped_column(String(200), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    events: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # delivered/open/click
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The card order this reader gets ("2,0,1"; "" is the editor's), fixed when the ledger is
    # made from their preferences (verdicts.deliver.variants).
    variant: Mapped[str] = mapped_column(String(40), default="")


class WebhookEventRow(Base):
    __tablename__ = "webhook_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), unique=True)  # sg_event_id: dedup key
    event: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(320), default="")
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SourceRunRow(Base):
    """Source health per run: what each source fetched, parsed, kept and dropped, and errors."""

    __tablename__ = "source_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(64), index=True)
    week: Mapped[str] = mapped_column(String(10), index=True)
    source: Mapped[str] = mapped_column(String(60))
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    parsed: Mapped[int] = mapped_column(Integer, default=0)
    kept: Mapped[int] = mapped_column(Integer, default=0)
    dropped: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list[str]] = mapped_column(JSON, default=list)
    dropped_reasons: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UsedTokenRow(Base):
    """Single-use links (editor review actions): a token id is accepted once."""

    __tablename__ = "used_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(40))
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CounterRow(Base):
    """Aggregates that survive erasure (GDPR): e.g. subscribers ever confirmed, votes per pair."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
