"""Backfill workers: a Celery app on the Redis broker (QUOTES_BROKER_URL) that extracts batches of documents
and stores them in the desk (QUOTES_DATABASE_URL).

    celery -A desk.tasks worker --concurrency 2     (or `quotes worker`)

Nothing is lost when a worker dies: a batch is acknowledged only after it is stored (acks_late). A pool
process killed mid-batch makes its worker hand the batch back at once (task_reject_on_worker_lost); a whole
worker or machine that dies leaves it unacknowledged in Redis, which delivers it again after the visibility
timeout (QUOTES_VISIBILITY_TIMEOUT, longer than any batch takes). Storing is idempotent (article id + text
hash), and a job counts each document once (desk.jobs), so a batch delivered twice changes nothing.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator

import redis
from celery import Celery, signals
from sqlalchemy.exc import OperationalError

from desk import archive, jobs

log = logging.getLogger(__name__)

# A task is a batch of documents that Stanza runs together: up to BATCH_WORDS words (a longer document alone) and
# BATCH_DOCS documents. Batches of even size keep every batch well inside the visibility timeout, and small documents
# travel many to a message, so that queueing 10,000 of them is a few hundred messages.
BATCH_WORDS = int(os.environ.get("QUOTES_JOB_BATCH_WORDS", "2000"))
BATCH_DOCS = int(os.environ.get("QUOTES_JOB_BATCH_DOCS", "32"))
DEADLINE_SECONDS = float(os.environ.get("QUOTES_DEADLINE_SECONDS", "30"))  # per document, as the web's
VISIBILITY_TIMEOUT = int(os.environ.get("QUOTES_VISIBILITY_TIMEOUT", "600"))
STORE_RETRIES = 5  # the database or Redis unreachable: retry the batch this often (backing off), then fail it
QUEUE = "quotes-backfill"

app = Celery("quotes")
app.conf.update(
    broker_url=jobs.broker_url(),
    broker_connection_retry_on_startup=True,
    # a dead worker's batch goes back to the queue VISIBILITY_TIMEOUT after it was delivered: each worker looks
    # for such batches every few seconds (kombu's default sweep, 100 s, would add to that)
    broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT, "socket_connect_timeout": 5,
                              "unacked_restore_interval": max(1, min(10, VISIBILITY_TIMEOUT // 4)),
                              "unacked_restore_throttle": 1},
    task_default_queue=QUEUE,
    task_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,  # the job's state is in desk.jobs, its results in the desk
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # a worker process holds one batch at a time: the others stay in the queue
    worker_proc_alive_timeout=300,  # a pool process reports ready only after loading the models
)


@signals.worker_init.connect
def _check_schema(**_):
    """A worker on a desk whose schema is behind would fail batch by batch: say why and stop."""
    from desk import db

    try:
        db.check_schema()
    except db.SchemaBehind as behind:
        log.critical("%s", behind)
        raise SystemExit(3) from None


@signals.worker_process_init.connect
def _load_models(**_):
    """Each pool process loads the models once, on one torch thread, with its own database connections."""
    import torch

    import quotes
    from desk import db
    from desk.vectors import load_vectors

    began = time.perf_counter()
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    db.reset_after_fork()
    quotes.load_pipeline()
    load_vectors()
    log.info("models loaded in %.1f s", time.perf_counter() - began)


def problem(status: int, title: str, detail: str) -> dict:
    """An RFC 9457 problem, as the web layer gives it for the same failure of a single document."""
    return {"type": "about:blank", "title": title, "status": status, "detail": detail}


ENGINE_FAILED = problem(500, "Internal Server Error", "The engine failed on this document.")
TOO_SLOW = problem(503, "Service Unavailable", f"The text was not processed within the {DEADLINE_SECONDS:g}-second "
                                               "limit; retry later, or send less text.")
UNAVAILABLE = problem(503, "Service Unavailable", "The archive database is unavailable; retry later.")


def extract_batch(documents: list[dict]) -> list:
    """Each document's result or exception; the batch parses together within its documents' deadlines, and when
    it runs out of time, each document runs alone with its own, so only a slow one fails."""
    from quotes import DeadlineExceeded
    from quotes.batch import extract_documents

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


@app.task(name="desk.store_batch", bind=True, max_retries=STORE_RETRIES)
def store_batch(self, job_id: str, documents: list[dict]) -> None:
    """Extract and store a few documents of a job: {"index", "id", "text", "html", "url", "source", "published"}."""
    store = jobs.connect()
    if jobs.cancel_requested(store, job_id):
        jobs.record(store, job_id, cancelled=[document["index"] for document in documents])
        return
    jobs.started(store, job_id)
    try:
        _store(store, job_id, documents)
    except (OperationalError, redis.ConnectionError, redis.TimeoutError) as error:
        if self.request.retries < STORE_RETRIES:
            raise self.retry(exc=error, countdown=2 ** self.request.retries)
        log.error("job %s: giving up on a batch: %s", job_id, error)
        jobs.record(store, job_id, failed={document["index"]: (document["id"], UNAVAILABLE) for document in documents})


def _store(store: redis.Redis, job_id: str, documents: list[dict]) -> None:
    # a batch delivered again (its worker died) finds what was stored already, and skips it
    stored = [document for document in documents if archive.find_unchanged(document["id"], document["text"])]
    pending = [document for document in documents if document not in stored]
    if stored:
        jobs.record(store, job_id, done=[document["index"] for document in stored])
    from quotes import DeadlineExceeded

    began = time.perf_counter()
    results = extract_batch(pending)
    extracted = time.perf_counter()
    for document, result in zip(pending, results):
        if isinstance(result, Exception):
            failure = TOO_SLOW if isinstance(result, DeadlineExceeded) else ENGINE_FAILED
            jobs.record(store, job_id, failed={document["index"]: (document["id"], failure)})
            continue
        archive.store(document["id"], document["text"], result, from_html=document["html"], url=document["url"],
                      source=document["source"], published=_moment(document["published"]))
        jobs.record(store, job_id, done=[document["index"]])
    log.info("%d documents: extraction %.2f s, desk %.2f s", len(pending), extracted - began,
             time.perf_counter() - extracted)


def _moment(value: str | None):
    from datetime import datetime

    return datetime.fromisoformat(value) if value else None


# ---- submitting ------------------------------------------------------------------------------------------

def message(index: int, document: dict) -> dict:
    """A validated document (ArticleRequestSchema's load) as a task carries it: JSON only."""
    published = document.get("published")
    return {"index": index, "id": document["id"], "text": document["text"], "html": document["html"],
            "url": document.get("url"), "source": document.get("source"),
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
    store = jobs.connect(broker)
    failed = {first_index + offset: document for offset, document in enumerate(documents)
              if isinstance(document, tuple)}
    if failed:
        jobs.record(store, job_id, failed=failed)
    valid = (message(first_index + offset, document) for offset, document in enumerate(documents)
             if not isinstance(document, tuple))
    with app.connection_for_write(broker or jobs.broker_url()) as connection:
        producer = connection.Producer()  # one connection for every batch
        for batch in batches(valid):
            # argsrepr: what logs and monitors show of the task, instead of a repr of every text
            store_batch.apply_async((job_id, batch), producer=producer, retry=False,
                                    argsrepr=f"({job_id!r}, <{len(batch)} documents from #{batch[0]['index']}>)")


def submit(documents: list, broker: str | None = None) -> str:
    """A new job of these documents (as `enqueue` takes them); returns its id."""
    store = jobs.connect(broker)
    job_id = jobs.create(store, total=len(documents), sealed=False)
    enqueue(job_id, 0, documents, broker)
    jobs.seal(store, job_id)
    return job_id
