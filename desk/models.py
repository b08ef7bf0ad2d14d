"""The archive's tables (SQLAlchemy 2). The schema itself is made by the Alembic migrations in
desk/migrations, never by `create_all`: these classes must say what the migrations create."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    from_html: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(String(2000))
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    result: Mapped[dict] = mapped_column(JSON)  # the engine's result, as /v1/quotes gives it

    quotes: Mapped[list[Quote]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                               passive_deletes=True, order_by="Quote.pk")


class Speaker(Base):
    """One speaker across articles: "Antony J. Blinken" and "Antony Blinken" are one row."""

    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))  # the fullest form seen
    key: Mapped[str] = mapped_column(String(300), unique=True)  # how names are matched (desk/speakers.py)
    surname: Mapped[str] = mapped_column(String(100), index=True)
    type: Mapped[str] = mapped_column(String(20))


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (UniqueConstraint("article_id", "quote_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    quote_id: Mapped[str] = mapped_column(String(20))  # the id in the article's result ("q3")
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(Text)  # normal forms (desk/words.py), space-separated
    context: Mapped[str] = mapped_column(Text)  # normal forms of the words around the quote
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    spans: Mapped[list] = mapped_column(JSON)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    speaker_name: Mapped[str | None] = mapped_column(String(300))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))
    confidence: Mapped[float | None] = mapped_column(Float)  # the engine's, in the quote and its speaker
    # how the article names the speaker: "name", "reference" (a pronoun or description resolved to a name) or
    # "description" (no name); None: no speaker (desk.linking.speaker_evidence)
    speaker_evidence: Mapped[str | None] = mapped_column(String(12))
    said_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)  # published, else stored

    article: Mapped[Article] = relationship(back_populates="quotes")
    speaker: Mapped[Speaker | None] = relationship()


class QuoteKey(Base):
    """The candidate index: a quote under each of its word-pair shingles (desk/linking.py)."""

    __tablename__ = "quote_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    quote_pk: Mapped[int] = mapped_column(ForeignKey("quotes.pk", ondelete="CASCADE"), primary_key=True, index=True)


class Link(Base):
    """Two quotes of different articles that are the same statement; `changes` go from `earlier` to `later`."""

    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("earlier_pk", "later_pk"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    earlier_pk: Mapped[int] = mapped_column(ForeignKey("quotes.pk", ondelete="CASCADE"), index=True)
    later_pk: Mapped[int] = mapped_column(ForeignKey("quotes.pk", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float)
    altered: Mapped[bool] = mapped_column(Boolean, index=True)
    changes: Mapped[list] = mapped_column(JSON)  # [{"from", "to", "class"}] (desk/alarms.py)
    change_class: Mapped[str | None] = mapped_column(String(20))  # the most severe change's; None: the same words
    # the alert the link raises: a change class that alerts (minor, wording, meaning), "misattributed", or None
    alarm: Mapped[str | None] = mapped_column(String(20), index=True)
    probability: Mapped[float | None] = mapped_column(Float)  # the learned decision's (desk/linking.py)
    found_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    earlier: Mapped[Quote] = relationship(foreign_keys=[earlier_pk])
    later: Mapped[Quote] = relationship(foreign_keys=[later_pk])


class Webhook(Base):
    """An endpoint that asked to be told of events (Standard Webhooks); disabled after failing a whole schedule."""

    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "wh_…"
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(String(100))  # "whsec_…": the signing key, shown once
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_reason: Mapped[str | None] = mapped_column(Text)


class OutboxMessage(Base):
    """An event for one endpoint, written in the transaction of what it reports, until the worker delivers it.

    Per endpoint, only the oldest message not yet settled is attempted: delivery in order. `lease_until` is
    a worker's claim on an attempt under way; a worker that dies leaves it to run out."""

    __tablename__ = "webhook_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(40), unique=True)  # the webhook-id header: "msg_…"
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)  # the JSON body as sent, byte for byte the signed payload
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # the schedule ran out


class DeliveryAttempt(Base):
    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_pk: Mapped[int] = mapped_column(ForeignKey("webhook_outbox.id", ondelete="CASCADE"), index=True)
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)

    message: Mapped[OutboxMessage] = relationship()


class Relink(Base):
    """A run of `quotes relink`: links and alerts recomputed for the whole archive, quote by quote in the order
    they were stored; `last_pk` is the last quote done, where an interrupted run resumes."""

    __tablename__ = "relinks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_pk: Mapped[int] = mapped_column(Integer)
    upto_pk: Mapped[int] = mapped_column(Integer)  # the last quote stored when the run began
    links: Mapped[int] = mapped_column(Integer)  # links made so far
