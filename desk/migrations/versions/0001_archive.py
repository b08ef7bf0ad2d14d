"""The archive: articles, speakers, quotes, the candidate index, links, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("from_html", sa.Boolean, nullable=False),
        sa.Column("url", sa.String(2000)),
        sa.Column("source", sa.String(200), index=True),
        sa.Column("published", TIME),
        sa.Column("stored_at", TIME, nullable=False, index=True),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("key", sa.String(300), nullable=False, unique=True),
        sa.Column("surname", sa.String(100), nullable=False, index=True),
        sa.Column("type", sa.String(20), nullable=False),
    )
    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("quote_id", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.Column("context", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("spans", sa.JSON, nullable=False),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id", ondelete="SET NULL"), index=True),
        sa.Column("speaker_name", sa.String(300)),
        sa.Column("affiliation", sa.String(300)),
        sa.Column("role", sa.String(300)),
        sa.Column("said_at", TIME, nullable=False, index=True),
        sa.UniqueConstraint("article_id", "quote_id"),
    )
    op.create_table(
        "quote_keys",
        sa.Column("key", sa.BigInteger, primary_key=True),
        sa.Column("quote_pk", sa.Integer, sa.ForeignKey("quotes.pk", ondelete="CASCADE"), primary_key=True,
                  index=True),
    )
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("earlier_pk", sa.Integer, sa.ForeignKey("quotes.pk", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("later_pk", sa.Integer, sa.ForeignKey("quotes.pk", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column("altered", sa.Boolean, nullable=False, index=True),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("found_at", TIME, nullable=False, index=True),
        sa.UniqueConstraint("earlier_pk", "later_pk"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE quotes ADD COLUMN search tsvector "
                   "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED")
        op.execute("CREATE INDEX ix_quotes_search ON quotes USING GIN (search)")
    else:
        # FTS5 over quotes.text, kept in step by triggers (an external-content table: no second copy)
        op.execute("CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='pk', "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN "
                   "INSERT INTO quotes_fts(rowid, text) VALUES (new.pk, new.text); END")
        op.execute("CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN "
                   "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.pk, old.text); END")
        op.execute("CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN "
                   "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.pk, old.text); "
                   "INSERT INTO quotes_fts(rowid, text) VALUES (new.pk, new.text); END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE quotes_fts")
    for table in ("links", "quote_keys", "quotes", "speakers", "articles"):
        op.drop_table(table)
