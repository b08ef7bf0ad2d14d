"""Links learned and classed: each link's change class, the alert it raises, the decision's probability; the
engine's confidence per quote (misattribution alerts need it); the relink runs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("quotes") as table:
        table.add_column(sa.Column("confidence", sa.Float))
    with op.batch_alter_table("links") as table:
        table.add_column(sa.Column("change_class", sa.String(20)))
        table.add_column(sa.Column("alarm", sa.String(20)))
        table.add_column(sa.Column("probability", sa.Float))
        table.create_index("ix_links_alarm", ["alarm"])
    # the links stored before are alerts in the old sense (any altered word): `quotes relink` classes them
    op.execute("UPDATE links SET alarm = 'wording' WHERE altered")
    op.create_table(
        "relinks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", TIME, nullable=False),
        sa.Column("finished_at", TIME),
        sa.Column("last_pk", sa.Integer, nullable=False),
        sa.Column("upto_pk", sa.Integer, nullable=False),
        sa.Column("links", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("relinks")
    with op.batch_alter_table("links") as table:
        table.drop_index("ix_links_alarm")
        table.drop_column("probability")
        table.drop_column("alarm")
        table.drop_column("change_class")
    with op.batch_alter_table("quotes") as table:
        table.drop_column("confidence")
