"""How each quote's article names its speaker (`name`, `reference`: a pronoun or description the engine resolved
to a name, `description`: no name at all): the link decision trusts two differing speakers only when both are
named. Filled from the stored results; articles indexed by their text's digest (a reprint of a stored text links
quote for quote); a description is nobody's name, so its quotes lose their desk speaker
("officials" of two articles are not one speaker), and speakers left without quotes go.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from desk.linking import speaker_evidence

    with op.batch_alter_table("quotes") as table:
        table.add_column(sa.Column("speaker_evidence", sa.String(12)))
    op.create_index("ix_articles_text_sha256", "articles", ["text_sha256"])
    connection = op.get_bind()
    quotes = sa.table("quotes", sa.column("pk", sa.Integer), sa.column("article_id", sa.String),
                      sa.column("quote_id", sa.String), sa.column("speaker_evidence", sa.String))
    for article_id, result in connection.execute(sa.text("SELECT id, result FROM articles")):
        result = json.loads(result) if isinstance(result, str) else result
        for quote in result.get("quotes", []):
            evidence = speaker_evidence(quote.get("speaker"))
            if evidence is not None:
                connection.execute(quotes.update().where(quotes.c.article_id == article_id,
                                                         quotes.c.quote_id == quote["id"])
                                   .values(speaker_evidence=evidence))
    connection.execute(sa.text("UPDATE quotes SET speaker_id = NULL WHERE speaker_evidence = 'description'"))
    connection.execute(sa.text("DELETE FROM speakers WHERE id NOT IN "
                               "(SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL)"))


def downgrade() -> None:
    op.drop_index("ix_articles_text_sha256", "articles")
    with op.batch_alter_table("quotes") as table:
        table.drop_column("speaker_evidence")
