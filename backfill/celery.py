"""The backfill workers' Celery app, on the Redis broker (QUOTES_BROKER_URL); they store into the desk
(QUOTES_DATABASE_URL).

    celery -A backfill worker --concurrency 2     (or `quotes worker`)

Nothing is lost when a worker dies: a batch is acknowledged only after it is stored (acks_late). A pool
process killed mid-batch makes its worker hand the batch back at once (task_reject_on_worker_lost); a whole
worker or machine that dies leaves it unacknowledged in Redis, which delivers it again after the visibility
timeout (QUOTES_VISIBILITY_TIMEOUT, longer than any batch takes). Storing is idempotent (article id + text
hash), and a job counts each document once (backfill.state), so a batch delivered twice changes nothing.
"""
from __future__ import annotations

import logging
import os
import time

from celery import Celery, signals

from backfill import state

log = logging.getLogger(__name__)

VISIBILITY_TIMEOUT = int(os.environ.get("QUOTES_VISIBILITY_TIMEOUT", "600"))
QUEUE = "quotes-backfill"

app = Celery("quotes", include=["backfill.tasks"])
app.conf.update(
    broker_url=state.broker_url(),
    broker_connection_retry_on_startup=True,
    # a dead worker's batch goes back to the queue VISIBILITY_TIMEOUT after it was delivered: each worker looks
    # for such batches every few seconds (kombu's default sweep, 100 s, would add to that)
    broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT, "socket_connect_timeout": 5,
                              "unacked_restore_interval": max(1, min(10, VISIBILITY_TIMEOUT // 4)),
                              "unacked_restore_throttle": 1},
    task_default_queue=QUEUE,
    task_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,  # the job's state is in backfill.state, its results in the desk
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # a worker process holds one batch at a time: the others stay in the queue
    worker_proc_alive_timeout=300,  # a pool process reports ready only after loading the models
)


@signals.worker_init.connect
def _check_archive(**_):
    """A worker on a desk it cannot use (schema behind, database unreachable) would fail batch by batch: say why
    and stop."""
    from desk import db

    try:
        db.check_schema()
    except db.ArchiveNotReady as error:
        log.critical("%s", error)
        raise SystemExit(3) from None


@signals.worker_ready.connect
def _deliver_webhooks(**_):
    """The worker's main process delivers the webhooks' outbox beside the pool (backfill.webhooks)."""
    from backfill import webhooks

    webhooks.start()
    log.info("webhook delivery started")


@signals.worker_process_init.connect
def _load_models(**_):
    """Each pool process loads the models once, on one torch thread (it opens its own database connections: the
    main process forks with none open, desk.db.ForkGuard)."""
    import torch

    import quotes
    from desk.vectors import load_vectors

    began = time.perf_counter()
    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    quotes.load_pipeline()
    load_vectors()
    log.info("models loaded in %.1f s", time.perf_counter() - began)
