"""The archive's database connections across a fork: a backfill worker's main process keeps writing (its
webhook delivery thread) while Celery forks a new pool process to replace a killed one, and gunicorn forks its
workers from a master that has read the archive. SQLite connections must never cross a fork: a child that
inherits one, mid-transaction, believes that lock is held in its own process and waits on it for ever
("database is locked" on every batch)."""
import multiprocessing
import threading

from sqlalchemy import func, select

from desk import db
from desk.models import Speaker

FORK = multiprocessing.get_context("fork")


def write_a_speaker(url: str, key: str) -> None:
    with db.writing(url) as session:
        session.add(Speaker(name=key, key=key, surname=key, type="person"))


def test_a_process_forked_while_another_thread_writes_can_write(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 3000)  # the child gives up on a lock after 3 s, not 30
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    db.upgrade(url)
    write_a_speaker(url, "before")  # a connection in the pool, as a worker has after its first batch
    writing, forked = threading.Event(), threading.Event()

    def deliver():  # the webhook thread's write transaction, open when the fork comes
        with db.writing(url) as session:
            session.add(Speaker(name="thread", key="thread", surname="thread", type="person"))
            session.flush()
            writing.set()
            forked.wait(1)

    thread = threading.Thread(target=deliver)
    thread.start()
    writing.wait(5)
    child = FORK.Process(target=write_a_speaker, args=(url, "child"))
    child.start()
    forked.set()
    child.join(30)
    thread.join(10)
    assert child.exitcode == 0
    with db.reading(url) as session:
        assert session.scalar(select(func.count()).select_from(Speaker)) == 3
