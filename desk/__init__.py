"""The quote desk: an archive of every article the service is given (SQLAlchemy 2 + Alembic), quotes
linked to the same statement in other articles, and an alarm when the words inside the marks differ.

`archive.Archive` is its interface (a Flask extension for the web layer); `intake.extract_and_store` is the one
way an article enters it. The engine (`quotes/`) knows nothing of the desk; the Celery backfill is in `backfill/`.
"""
