"""The `quotes` console script: the engine's commands (quotes.cli) and the desk's backfill commands:

    quotes backfill IN.jsonl|DIR   queue an archive for the workers, follow it with a progress bar of documents
                                   stored; a second run of the same input skips what the desk already holds
    quotes worker                  a backfill worker (Celery, backfill.celery): one pool process per core by default
    quotes relink [--queue]        recompute every link and alert of the desk with the current decision, with a
                                   progress bar of quotes (or as a job of the workers); an interrupted run resumes
                                   where it stopped

Both use QUOTES_BROKER_URL (Redis) and QUOTES_DATABASE_URL (the desk), like the service.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from marshmallow import ValidationError
from tqdm import tqdm

from quotes import cli as engine_cli
from schemas.desk import ArticleRequestSchema
from schemas.problems import invalid

DOCUMENT_FIELDS = ("text", "html", "url", "source", "published")  # what a record may give; the rest is ignored
FILE_KINDS = {".txt": "text", ".html": "html", ".htm": "html"}
POLL_SECONDS = 0.5


def read_input(source: Path, id_field: str) -> Iterator[tuple[str, object]]:
    """(id, record) of each document: the lines of a JSONL file, or every .jsonl, .txt and .html file under a
    directory (a text or HTML file is one document, its id the path under the directory)."""
    if not source.is_dir():
        yield from engine_cli.read_records(source, id_field)
        return
    for path in sorted(source.rglob("*")):
        if path.suffix == ".jsonl":
            yield from engine_cli.read_records(path, id_field)
        elif path.suffix.lower() in FILE_KINDS and path.is_file():
            yield str(path.relative_to(source)), {FILE_KINDS[path.suffix.lower()]: path.read_text(encoding="utf-8")}


def validate(record_id: str, record: object, schema: ArticleRequestSchema) -> dict | tuple[str, dict]:
    """The document as POST /v1/articles loads it, or (id, the 422 problem it would answer)."""
    try:
        if isinstance(record, engine_cli.InvalidRecord):
            raise ValidationError(str(record), "_schema")
        if not isinstance(record, dict):
            raise ValidationError("The document must be a JSON object.", "_schema")
        return schema.load({**{key: record[key] for key in DOCUMENT_FIELDS if key in record}, "id": record_id})
    except ValidationError as error:
        return record_id, invalid(error)


def backfill(source: Path, id_field: str, chunk_size: int, follow: bool) -> int:
    from backfill import state, tasks
    from desk.archive import Archive

    total = sum(1 for _ in read_input(source, id_field))
    store = state.connect()
    job_id = state.create(store, sealed=False)
    print(f"quotes: job {job_id}", file=sys.stderr)
    schema = ArticleRequestSchema()
    records = read_input(source, id_field)
    skipped = 0
    with tqdm(total=total, unit="doc", desc="stored") as progress:
        def show(job: dict) -> None:
            progress.n = skipped + job["done"] + job["failed"] + job["cancelled"]
            progress.set_postfix(failed=job["failed"], refresh=False)
            progress.refresh()

        while chunk := list(islice(records, chunk_size)):
            documents = [validate(record_id, record, schema) for record_id, record in chunk]
            stored = Archive().unchanged_ids([document for document in documents if isinstance(document, dict)])
            documents = [document for document in documents if isinstance(document, tuple) or document["id"] not in stored]
            skipped += len(chunk) - len(documents)
            if documents:
                tasks.enqueue(job_id, state.add(store, job_id, len(documents)), documents)
            show(state.status(store, job_id))
        if state.seal(store, job_id):
            tasks.job_finished(store, job_id)
        job = state.status(store, job_id)
        while follow and not job["finished"]:
            time.sleep(POLL_SECONDS)
            job = state.status(store, job_id)
            show(job)
    print(f"quotes: job {job_id} {job['state']}: {job['done']} stored, {job['failed']} failed, "
          f"{skipped} already in the desk, {job['queued']} queued", file=sys.stderr)
    for failure in job["failures"][:20]:
        print(f"  {failure['id']}: {failure['problem']['detail']}", file=sys.stderr)
    return 0


def relink(restart: bool, batch: int, queue: bool) -> int:
    from desk import relink as relinking

    if queue:  # the workers do it, a task of a few batches at a time
        from backfill.tasks import submit_relink

        print(f"quotes: relink {submit_relink(restart, batch)} queued for the workers", file=sys.stderr)
        return 0
    run = relinking.current_run(restart=restart)
    with tqdm(total=relinking.remaining(run), unit="quote", desc="relinked") as progress:
        while went := relinking.relink_batch(run, size=batch):
            progress.update(went)
            progress.set_postfix(links=run.links, refresh=False)
    relinking.finish(run)
    print(f"quotes: relink {run.id} done: {run.links} links", file=sys.stderr)
    return 0


def worker(concurrency: int | None, loglevel: str, name: str | None) -> int:
    from backfill.celery import app

    argv = ["worker", "--pool", "prefork", "--loglevel", loglevel]
    if concurrency:
        argv += ["--concurrency", str(concurrency)]
    if name:
        argv += ["--hostname", name]
    app.worker_main(argv)
    return 0


def parser() -> argparse.ArgumentParser:
    commands = engine_cli.parser()
    subcommands = next(action for action in commands._actions if isinstance(action, argparse._SubParsersAction))
    fill = subcommands.add_parser("backfill", help="queue an archive for the workers to store in the desk, and follow it")
    fill.add_argument("input", type=Path, help="JSONL of {id, text|html, url?, source?, published?}, or a directory "
                                               "of .jsonl, .txt and .html files")
    fill.add_argument("--id-field", default="id", help="the field of a JSONL record that holds its id (default id)")
    fill.add_argument("--chunk", type=int, default=500, help="documents read, checked and queued at a time (500)")
    fill.add_argument("--no-follow", dest="follow", action="store_false", help="queue and exit; do not wait")
    again = subcommands.add_parser("relink", help="recompute every link and alert of the desk (resumable)")
    again.add_argument("--restart", action="store_true", help="start over instead of resuming an unfinished run")
    again.add_argument("--batch", type=int, default=200, help="quotes per write transaction (200)")
    again.add_argument("--queue", action="store_true", help="queue it as a job for the backfill workers instead")
    work = subcommands.add_parser("worker", help="run a backfill worker (Celery)")
    work.add_argument("--concurrency", type=int, help="pool processes (default: the number of cores)")
    work.add_argument("--loglevel", default="INFO")
    work.add_argument("--name", help="the worker's node name, e.g. worker1@%%h (default celery@HOST)")
    return commands


def _with_services(run, interrupted: str) -> int:
    """`run()`'s exit status; one line and status 2 when the job queue or the desk cannot be reached, or
    the input cannot be read, and `interrupted` on Ctrl-C."""
    import redis
    from kombu.exceptions import OperationalError as BrokerError
    from sqlalchemy.exc import OperationalError as DatabaseError

    try:
        return run()
    except KeyboardInterrupt:
        print(f"quotes: {interrupted}", file=sys.stderr)
        return engine_cli.INTERRUPTED
    except (redis.RedisError, BrokerError) as error:
        print(f"quotes: the job queue (QUOTES_BROKER_URL) is unavailable: {error}", file=sys.stderr)
        return 2
    except DatabaseError as error:
        print(f"quotes: the desk (QUOTES_DATABASE_URL) is unavailable: {error}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as error:
        print(f"quotes: {error}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "backfill":
        return _with_services(lambda: backfill(args.input, args.id_field, max(1, args.chunk), args.follow),
                              "stopped following; the workers go on with what was queued. Run the same command to "
                              "queue what is not stored yet.")
    if args.command == "relink":
        return _with_services(lambda: relink(args.restart, max(1, args.batch), args.queue),
                              "relink stopped; run `quotes relink` again to resume it.")
    if args.command == "worker":
        return worker(args.concurrency, args.loglevel, args.name)
    return engine_cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
