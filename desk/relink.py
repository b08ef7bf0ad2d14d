"""Re-linking the stored archive: every link and alert recomputed with the current decision (`quotes relink`,
and the backfill's relink job).

Quotes are visited in the order they were stored, a batch at a time: the links of a batch are computed in a
read transaction (readers never wait on SQLite's WAL, nor on PostgreSQL), then written in one short write
transaction that replaces the batch's links and records how far the run got (the `relinks` table), so the
service's writers wait at most one batch's write, and an interrupted run resumes where it stopped. Each pair
is visited once, from its later quote, as storing it linked it to the earlier one. Articles stored while a run
goes on are linked by the service itself with the same decision.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import groupby

from sqlalchemy import delete, func, select

from desk import archive, linking
from desk.db import reading, writing
from desk.models import Link, Quote, Relink
from desk.vectors import load_vectors

BATCH_QUOTES = 200


def current_run(database: str | None = None, restart: bool = False) -> Relink:
    """The unfinished run to resume, or a new one up to the last quote stored now."""
    with writing(database) as session:
        run = session.scalars(select(Relink).where(Relink.finished_at.is_(None)).order_by(Relink.id.desc())).first()
        if run is not None and restart:
            run.finished_at = datetime.now(UTC)
            run = None
        if run is None:
            run = Relink(started_at=datetime.now(UTC), last_pk=0, links=0,
                         upto_pk=session.scalar(select(func.max(Quote.pk))) or 0)
            session.add(run)
        session.flush()
        session.expunge(run)
        return run


def get_run(run_id: int, database: str | None = None) -> Relink | None:
    with reading(database) as session:
        run = session.get(Relink, run_id)
        if run is not None:
            session.expunge(run)
        return run


def remaining(run: Relink, database: str | None = None) -> int:
    with reading(database) as session:
        return session.scalar(select(func.count()).select_from(Quote).where(Quote.pk > run.last_pk,
                                                                              Quote.pk <= run.upto_pk))


def relink_batch(run: Relink, database: str | None = None, size: int = BATCH_QUOTES) -> int:
    """Recompute the links of the next `size` quotes of a run; returns how many quotes it went through (0: done)."""
    vectors, now = load_vectors(), datetime.now(UTC)
    with reading(database) as session:
        batch = list(session.scalars(select(Quote).where(Quote.pk > run.last_pk, Quote.pk <= run.upto_pk)
                                     .order_by(Quote.pk).limit(size)))
        quoted = sorted((quote for quote in batch if quote.kind in linking.QUOTED_KINDS),
                        key=lambda quote: (quote.article_id, quote.pk))
        found = [link for _, quotes in groupby(quoted, key=lambda quote: quote.article_id)
                 for link in archive.find_links(session, list(quotes), vectors, now, earlier_only=True)]
        rows = [{column: getattr(link, column) for column in LINK_COLUMNS} for link in found]
    if not batch:
        return 0
    last = batch[-1].pk
    with writing(database) as session:
        stored = session.get(Relink, run.id)
        if stored.last_pk != run.last_pk:  # the same run went on elsewhere (a job delivered twice): follow it
            run.last_pk, run.links = stored.last_pk, stored.links
            return len(batch)
        session.execute(delete(Link).where(Link.later_pk > run.last_pk, Link.later_pk <= last))
        # a quote deleted meanwhile takes its links with it: only the pairs both of whose quotes remain
        alive = set(session.scalars(select(Quote.pk).where(Quote.pk.in_(
            {row["earlier_pk"] for row in rows} | {row["later_pk"] for row in rows}))))
        rows = [row for row in rows if row["earlier_pk"] in alive and row["later_pk"] in alive]
        if rows:
            session.execute(Link.__table__.insert(), rows)
        stored.last_pk, stored.links = last, stored.links + len(rows)
    run.last_pk, run.links = last, run.links + len(rows)
    return len(batch)


LINK_COLUMNS = ("earlier_pk", "later_pk", "similarity", "altered", "changes", "change_class", "alarm", "probability",
                "found_at")


def finish(run: Relink, database: str | None = None) -> None:
    with writing(database) as session:
        session.get(Relink, run.id).finished_at = datetime.now(UTC)


def relink(database: str | None = None, restart: bool = False, size: int = BATCH_QUOTES,
           progress: Callable[[int], None] | None = None) -> Relink:
    """Run (or resume) a relink of the whole archive; `progress` hears of each batch's quotes."""
    run = current_run(database, restart)
    while went := relink_batch(run, database, size):
        if progress:
            progress(went)
    finish(run, database)
    return run
