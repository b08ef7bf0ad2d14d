"""Backfills: whole archives extracted and stored in the desk by Celery workers on Redis.

    celery.py   the Celery app: broker, delivery guarantees, the worker's start-up (schema check, models)
    tasks.py    the task (a batch of documents: extract then store, desk.intake) and its submission (`submit`)
    state.py    a job's state in Redis: counts of documents done, failed and cancelled
    cli.py      the `quotes` console script: `quotes backfill` and `quotes worker`

The web layer queues through `tasks.submit` and reads and cancels jobs through `state`.
"""
