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
    text_sha256: Mapped[str] = mapped_column(String(64))
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
    changes: Mapped[list] = mapped_column(JSON)
    found_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    earlier: Mapped[Quote] = relationship(foreign_keys=[earlier_pk])
    later: Mapped[Quote] = relationship(foreign_keys=[later_pk])
