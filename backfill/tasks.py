"""The backfill task: a batch of a job's documents extracted and stored in the desk (desk.intake), and its
submission (`submit`, `enqueue`), which the web layer and `quotes backfill` call. The Celery app and the
delivery guarantees are in backfill.celery; the job's counts in backfill.state.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from datetime import datetime

import redis
from sqlalchemy.exc import OperationalError

from backfill import state
from backfill.celery import app
from desk import relink as relinking
from desk import webhooks
from desk.archive import Archive
from desk.intake import extract_and_store
from quotes import DeadlineExceeded
from quotes.batch import extract_documents
from quotes.html_text import read_html
from schemas.problems import archive_unavailable, engine_failed, too_slow

log = logging.getLogger(__name__)

# A task is a batch of documents that Stanza runs together: up to BATCH_WORDS words (a longer document alone) and
# BATCH_DOCS documents. Batches of even size keep every batch well inside the visibility timeout, and small documents
# travel many to a message, so that queueing 10,000 of them is a few hundred messages.
BATCH_WORDS = int(os.environ.get("QUOTES_JOB_BATCH_WORDS", "2000"))
BATCH_DOCS = int(os.environ.get("QUOTES_JOB_BATCH_DOCS", "32"))
DEADLINE_SECONDS = float(os.environ.get("QUOTES_DEADLINE_SECONDS", "30"))  # per document, as the web's
STORE_RETRIES = 5  # the database or Redis unreachable: retry the batch this often (backing off), then fail it
ARCHIVE = Archive()  # QUOTES_DATABASE_URL


def job_finished(store: redis.Redis, job_id: str, database: str | None = None) -> None:
    """The job's `job.finished` webhook event, for the call that finished it, in the archive `database` (default:
    the workers'). (The job's state is in Redis, not the archive: the event is written right after it.)"""
    webhooks.record_event_now(database or ARCHIVE.database, "job.finished", state.status(store, job_id))


def record(store: redis.Redis, job_id: str, **outcome) -> None:
    """state.record, and the job's webhook event when this record finished it."""
    if state.record(store, job_id, **outcome):
        job_finished(store, job_id)


def extract_batch(documents: list[dict]) -> list:
    """Each document's result or exception; the batch parses together within its documents' deadlines, and when
    it runs out of time, each document runs alone with its own, so only a slow one fails."""
    try:
        return extract_documents(documents, time.monotonic() + DEADLINE_SECONDS * len(documents))
    except DeadlineExceeded:
        pass
    results = []
    for document in documents:
        try:
            results.extend(extract_documents([document], time.monotonic() + DEADLINE_SECONDS))
        except DeadlineExceeded as slow:
            results.append(slow)
    return results


@app.task(name="backfill.store_batch", bind=True, max_retries=STORE_RETRIES)
def store_batch(self, job_id: str, messages: list[dict]) -> None:
    """Extract and store a few documents of a job, as `message` made them."""
    store = state.connect()
    if state.cancel_requested(store, job_id):
        record(store, job_id, cancelled=[message["index"] for message in messages])
        return
    state.started(store, job_id)
    try:
        _store(store, job_id, messages)
    except (OperationalError, redis.ConnectionError, redis.TimeoutError) as error:
        if self.request.retries < STORE_RETRIES:
            raise self.retry(exc=error, countdown=2 ** self.request.retries)
        log.error("job %s: giving up on a batch: %s", job_id, error)
        record(store, job_id, failed={message["index"]: (message["id"], archive_unavailable())
                                            for message in messages})


def _store(store: redis.Redis, job_id: str, messages: list[dict]) -> None:
    # a batch delivered again (its worker died) finds what was stored already, and skips it
    began, extraction = time.perf_counter(), 0.0

    def timed_extract(documents: list[dict]) -> list:
        nonlocal extraction
        started = time.perf_counter()
        results = extract_batch(documents)
        extraction = time.perf_counter() - started
        return results

    documents = [from_message(message) for message in messages]
    for document, outcome in extract_and_store(ARCHIVE, documents, timed_extract):
        if isinstance(outcome, Exception):
            failure = too_slow(DEADLINE_SECONDS) if isinstance(outcome, DeadlineExceeded) else engine_failed()
            record(store, job_id, failed={document["index"]: (document["id"], failure)})
        else:
            record(store, job_id, done=[document["index"]])
    # bench/jobs.py reads this line
    log.info("%d documents: extraction %.2f s, desk %.2f s", len(documents), extraction,
             time.perf_counter() - began - extraction)


# ---- relinking -------------------------------------------------------------------------------------------

RELINK_BATCHES_PER_TASK = 20  # a task goes through this many batches (seconds, well inside the visibility timeout)


@app.task(name="backfill.relink", bind=True, max_retries=STORE_RETRIES)
def relink(self, run_id: int, size: int = relinking.BATCH_QUOTES) -> None:
    """Go on with a relink run (desk.relink) for a few batches, then queue the rest as a task of its own. The
    run's progress is in the archive: a task delivered again, or after its worker died, takes up where the last
    batch written left it."""
    run = relinking.get_run(run_id, ARCHIVE.database)
    if run is None or run.finished_at is not None:
        return
    try:
        for _ in range(RELINK_BATCHES_PER_TASK):
            if not relinking.relink_batch(run, ARCHIVE.database, size):
                relinking.finish(run, ARCHIVE.database)
                log.info("relink %d done: %d links", run.id, run.links)
                return
    except OperationalError as error:
        raise self.retry(exc=error, countdown=2 ** self.request.retries)
    relink.apply_async((run_id, size), retry=False)


def submit_relink(restart: bool = False, size: int = relinking.BATCH_QUOTES) -> int:
    """Queue a relink of the whole archive for the workers (resuming an unfinished run); returns the run's id."""
    run = relinking.current_run(ARCHIVE.database, restart)
    relink.apply_async((run.id, size), retry=False)
    return run.id


def from_message(message: dict) -> dict:
    """A task's document as ArticleRequestSchema loaded it (the inverse of `message`), with its index; the social
    posts of an HTML document are read again from its markup."""
    published = message["published"]
    markup = message.get("markup")
    return {**message, "published": datetime.fromisoformat(published) if published else None,
            "posts": read_html(markup).posts if markup else []}


# ---- submitting ------------------------------------------------------------------------------------------

def message(index: int, document: dict) -> dict:
    """A validated document (ArticleRequestSchema's load) as a task carries it: JSON only."""
    published = document.get("published")
    return {"index": index, "id": document["id"], "text": document["text"], "html": document["html"],
            "markup": document.get("markup"), "url": document.get("url"), "source": document.get("source"),
            "published": published.isoformat() if published else None}


def batches(messages) -> Iterator[list[dict]]:
    """The messages grouped in order into batches of at most BATCH_WORDS words and BATCH_DOCS documents."""
    batch, words = [], 0
    for item in messages:
        size = len(item["text"].split())
        if batch and (words + size > BATCH_WORDS or len(batch) == BATCH_DOCS):
            yield batch
            batch, words = [], 0
        batch.append(item)
        words += size
    if batch:
        yield batch


def enqueue(job_id: str, first_index: int, documents: list, broker: str | None = None) -> None:
    """Queue `documents` (validated documents, or a (id, problem) pair for one that failed validation) as
    batches of the job, numbered from `first_index`. The failed ones are recorded as failed at once."""
    store = state.connect(broker)
    failed = {first_index + offset: document for offset, document in enumerate(documents)
              if isinstance(document, tuple)}
    if failed:
        record(store, job_id, failed=failed)
    valid = (message(first_index + offset, document) for offset, document in enumerate(documents)
             if not isinstance(document, tuple))
    with app.connection_for_write(broker or state.broker_url()) as connection:
        producer = connection.Producer()  # one connection for every batch
        for batch in batches(valid):
            # argsrepr: what logs and monitors show of the task, instead of a repr of every text
            store_batch.apply_async((job_id, batch), producer=producer, retry=False,
                                    argsrepr=f"({job_id!r}, <{len(batch)} documents from #{batch[0]['index']}>)")


def submit(documents: list, broker: str | None = None, database: str | None = None) -> str:
    """A new job of these documents (as `enqueue` takes them); returns its id. `database`: the archive that is
    told when the job finishes at once (every document invalid)."""
    store = state.connect(broker)
    job_id = state.create(store, total=len(documents), sealed=False)
    enqueue(job_id, 0, documents, broker)
    if state.seal(store, job_id):
        job_finished(store, job_id, database)
    return job_id
