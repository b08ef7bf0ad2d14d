"""The state of backfill jobs, kept in Redis (the broker the workers already share).

Why Redis and not the desk's database: every worker records every batch it finishes, and on SQLite the
desk has one writer at a time: counters there would queue behind the articles themselves. In Redis each
record is one atomic command, and a status is one round trip (well under a millisecond), however many
documents the job has. What Redis does not keep is the articles: those are in the desk, and a job run
again skips what is stored.

A job's documents are numbered in the order they were submitted. Each number lands in exactly one of
three sets (done, failed, cancelled), so a batch delivered twice (its worker died) counts once.

    quotes:job:<id>            hash: total, sealed, created, started, finished, cancel
    quotes:job:<id>:done       set of document numbers stored in the desk
    quotes:job:<id>:failed     hash: document number -> {"id", "problem"}
    quotes:job:<id>:cancelled  set of document numbers skipped because the job was cancelled
"""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import redis

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
KEEP_SECONDS = 30 * 24 * 3600  # a job's state is kept this long after its last change
PREFIX = "quotes:job:"


def broker_url() -> str:
    return os.environ.get("QUOTES_BROKER_URL") or DEFAULT_BROKER_URL


@lru_cache(maxsize=8)
def connect(url: str | None = None) -> redis.Redis:
    """A client of the job store; short timeouts, so an unreachable Redis is an error, never a hang."""
    return redis.Redis.from_url(url or broker_url(), socket_connect_timeout=3, socket_timeout=10,
                                decode_responses=True)


def now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class Keys:
    job: str
    done: str
    failed: str
    cancelled: str

    @classmethod
    def of(cls, job_id: str) -> Keys:
        base = PREFIX + job_id
        return cls(base, base + ":done", base + ":failed", base + ":cancelled")

    def all(self) -> tuple[str, ...]:
        return self.job, self.done, self.failed, self.cancelled


def create(store: redis.Redis, total: int = 0, sealed: bool = True) -> str:
    """A new job of `total` documents. An unsealed job may get more (`add`); it is finished only once sealed."""
    job_id = uuid.uuid4().hex
    keys = Keys.of(job_id)
    with store.pipeline() as pipe:
        pipe.hset(keys.job, mapping={"total": total, "sealed": int(sealed), "created": now(), "cancel": 0})
        pipe.expire(keys.job, KEEP_SECONDS)
        pipe.execute()
    return job_id


def add(store: redis.Redis, job_id: str, count: int) -> int:
    """Reserve `count` more document numbers for an unsealed job; returns the first."""
    return store.hincrby(Keys.of(job_id).job, "total", count) - count


def seal(store: redis.Redis, job_id: str) -> bool:
    """No more documents for the job; True when that finished it."""
    store.hset(Keys.of(job_id).job, "sealed", 1)
    return _finish_if_complete(store, job_id)


def exists(store: redis.Redis, job_id: str) -> bool:
    return bool(store.exists(Keys.of(job_id).job))


def cancel_requested(store: redis.Redis, job_id: str) -> bool:
    return store.hget(Keys.of(job_id).job, "cancel") == "1"


def cancel(store: redis.Redis, job_id: str) -> bool:
    """Ask the workers to skip every batch of the job they have not started (the running ones finish); True when
    that finished it (no worker had started it)."""
    store.hset(Keys.of(job_id).job, "cancel", 1)
    return _finish_if_complete(store, job_id)


def started(store: redis.Redis, job_id: str) -> None:
    store.hsetnx(Keys.of(job_id).job, "started", now())


def record(store: redis.Redis, job_id: str, done=(), failed: dict | None = None, cancelled=()) -> bool:
    """Record what became of some documents: numbers done and cancelled; failed: number -> (id, problem). True
    when this record finished the job."""
    keys = Keys.of(job_id)
    with store.pipeline() as pipe:  # MULTI/EXEC: the sets change together
        if done:
            pipe.sadd(keys.done, *done)
        if failed:
            pipe.hset(keys.failed, mapping={number: json.dumps({"id": article_id, "problem": problem})
                                            for number, (article_id, problem) in failed.items()})
        if cancelled:
            pipe.sadd(keys.cancelled, *cancelled)
        for key in keys.all():
            pipe.expire(key, KEEP_SECONDS)
        pipe.execute()
    return _finish_if_complete(store, job_id)


def _counts(store: redis.Redis, keys: Keys):
    with store.pipeline() as pipe:
        pipe.hgetall(keys.job)
        pipe.scard(keys.done)
        pipe.hlen(keys.failed)
        pipe.scard(keys.cancelled)
        return pipe.execute()


def _finish_if_complete(store: redis.Redis, job_id: str) -> bool:
    """Stamp `finished` once every document is accounted for (the last recorder to see it does; HSETNX: once).
    True for the one call that stamped it."""
    keys = Keys.of(job_id)
    fields, done, failed, cancelled = _counts(store, keys)
    if not fields or fields.get("sealed") != "1":
        return False
    total = int(fields["total"])
    if done + failed + cancelled >= total or (fields.get("cancel") == "1" and not fields.get("started")):
        return bool(store.hsetnx(keys.job, "finished", now()))
    return False


def status(store: redis.Redis, job_id: str) -> dict | None:
    """The job as GET /v1/jobs/{id} gives it; None when there is no such job (or it expired)."""
    keys = Keys.of(job_id)
    with store.pipeline(transaction=False) as pipe:
        pipe.hgetall(keys.job)
        pipe.scard(keys.done)
        pipe.hgetall(keys.failed)
        pipe.scard(keys.cancelled)
        fields, done, failures, cancelled = pipe.execute()
    if not fields:
        return None
    total = int(fields["total"])
    cancelling = fields.get("cancel") == "1"
    finished = fields.get("finished")
    if cancelling and finished and not fields.get("started"):
        cancelled = total - done - len(failures)  # cancelled before any worker saw it: nothing else will come
    if finished:
        state = "cancelled" if cancelling and cancelled else "done"
    else:
        state = "cancelling" if cancelling else ("running" if fields.get("started") else "queued")
    return {"id": job_id, "state": state, "total": total, "queued": max(0, total - done - len(failures) - cancelled),
            "done": done, "failed": len(failures), "cancelled": cancelled, "created": fields.get("created"),
            "started": fields.get("started"), "finished": finished,
            "failures": [{"index": int(number), **json.loads(entry)}
                         for number, entry in sorted(failures.items(), key=lambda item: int(item[0]))]}
