"""Alembic environment: the URL comes from the config (desk.db.alembic_config) or QUOTES_DATABASE_URL."""
from alembic import context

from desk.db import database_url, engine_for
from desk.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or database_url()

with engine_for(url).connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
