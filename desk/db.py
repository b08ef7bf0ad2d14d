"""The database: QUOTES_DATABASE_URL (default a SQLite file under ./data/), its schema kept by Alembic.

SQLite runs in WAL mode with a busy timeout, so readers never wait for the writer and writers from
several gunicorn workers queue instead of failing with "database is locked"; a write transaction
takes the write lock when it begins (BEGIN IMMEDIATE), so two writers never deadlock on an upgrade
from a read lock. On PostgreSQL, writers queue on one transaction-scoped advisory lock.

No connection crosses a fork (ForkGuard): a process forks only between transactions, with its pools
emptied, so a child (a gunicorn worker, a Celery pool process) opens its own.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'quotes.db'}"
BUSY_TIMEOUT_MS = 30_000
WRITE_LOCK = 4_242_001  # the PostgreSQL advisory lock of the desk's writers
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url() -> str:
    return os.environ.get("QUOTES_DATABASE_URL") or DEFAULT_URL


_ENGINES: dict[str, Engine] = {}


def engine_for(url: str | None = None) -> Engine:
    """One engine per URL and process (a fork empties its pools first: ForkGuard)."""
    url = url or database_url()
    if url not in _ENGINES:
        _ENGINES[url] = _create_engine(url)
    return _ENGINES[url]


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _sqlite_settings(engine)
    return engine


def _sqlite_settings(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(connection, _record):
        connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below), not the sqlite3 module
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable in WAL mode up to the last checkpointed commit
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        mode = "IMMEDIATE" if connection.get_execution_options().get("desk_write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


class ForkGuard:
    """A fork waits until no thread of the process is inside a session, and empties the pools first.

    SQLite keeps its locks' bookkeeping in the process's memory: a child forked while another thread holds a
    transaction (a backfill worker's webhook thread, when Celery replaces a killed pool process) believes that
    lock is held inside itself, by a connection no thread will ever finish, and waits on it in every
    transaction ("database is locked"). Closing an inherited connection in the child is no cure either (it
    would roll back in the parent's shared WAL index): the connections must not be there at all.
    """

    def __init__(self):
        self._condition = threading.Condition()
        self._inside = 0  # sessions open in this process
        self._forking = False

    @contextmanager
    def session(self):
        with self._condition:
            self._condition.wait_for(lambda: not self._forking)
            self._inside += 1
        try:
            yield
        finally:
            with self._condition:
                self._inside -= 1
                self._condition.notify_all()

    def before_fork(self) -> None:
        self._condition.acquire()  # held through the fork: no session opens meanwhile
        self._forking = True
        # a thread that forks from inside a session of its own would wait for itself: it forks after a while
        self._condition.wait_for(lambda: self._inside == 0, timeout=BUSY_TIMEOUT_MS / 1000)
        for engine in _ENGINES.values():
            engine.dispose()  # the idle pooled connections, closed in the parent

    def after_fork_in_parent(self) -> None:
        self._forking = False
        self._condition.notify_all()
        self._condition.release()

    def after_fork_in_child(self) -> None:
        self.__init__()  # one thread, no session, no connection


_GUARD = ForkGuard()
os.register_at_fork(before=_GUARD.before_fork, after_in_parent=_GUARD.after_fork_in_parent,
                    after_in_child=_GUARD.after_fork_in_child)


@contextmanager
def reading(url: str | None = None):
    with _GUARD.session(), Session(engine_for(url)) as session:
        yield session


@contextmanager
def writing(url: str | None = None):
    """A write transaction: committed at the end, rolled back on an error; one writer at a time."""
    engine = engine_for(url).execution_options(desk_write=True)
    with _GUARD.session(), Session(engine) as session, session.begin():
        if engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": WRITE_LOCK})
        yield session


def alembic_config(url: str | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return config


def upgrade(url: str | None = None) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(url), "head")


def schema_state(url: str | None = None) -> tuple[str | None, str]:
    """(the database's migration, the newest migration)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    with _GUARD.session(), engine_for(url).connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head


class ArchiveNotReady(RuntimeError):
    """The service cannot use the archive: say why in one line and stop (gunicorn.conf.py, backfill.celery)."""


class SchemaBehind(ArchiveNotReady):
    pass


class ArchiveUnreachable(ArchiveNotReady):
    pass


def check_schema(url: str | None = None) -> None:
    """Raise SchemaBehind unless the database is at the newest migration, ArchiveUnreachable if it cannot be reached."""
    try:
        current, head = schema_state(url)
    except OperationalError as error:
        raise ArchiveUnreachable("the archive database (QUOTES_DATABASE_URL) is unavailable: "
                                 f"{error.orig}") from error
    if current != head:
        shown = make_url(url or database_url()).render_as_string(hide_password=True)
        raise SchemaBehind(f"The database {shown} is at schema {current or 'none'}, the service needs {head}: "
                           "run `python -m desk upgrade` (./run serve and the Procfile's release step do).")
