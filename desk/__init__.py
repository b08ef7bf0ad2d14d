"""The quote desk: an archive of every article the service is given (SQLAlchemy 2 + Alembic), quotes
linked to the same statement in other articles, and an alarm when the words inside the marks differ.

The engine (`quotes/`) knows nothing of it; the web layer calls both.
"""
