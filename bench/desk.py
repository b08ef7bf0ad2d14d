"""The quote desk at archive scale (`./run bench desk`): PolNeAR train + dev stored in a fresh archive, then

- links and alerts per 1,000 articles, alerts by class;
- the judged pairs (../shared/corpus/polnear/desk-pairs-dev.jsonl, measured on, never learned from): different
  pairs linked, same pairs linked, alerts on same pairs that are not altered, altered pairs whose alert is of
  the judged class or the one next to it;
- the median time to link one article into an archive of 100,000 quotes (bench/link.py).

The archive is built through the backfill (a redis-server on loopback and two workers), or, with
`--records FILE` (one JSON line per article: {"doc_id", "result"}, the result as POST /v1/quotes gives it),
from extractions made beforehand, stored in order of publication.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpus" / "polnear"
SPLITS = ("train", "dev")
JUDGED_PAIRS = POLNEAR / "desk-pairs-dev.jsonl"


def published(doc_id: str) -> datetime:
    """PolNeAR ids carry the day of publication: "politico_2016-06-01_pga-tour-ditches-trump"."""
    return datetime.strptime(doc_id.split("_")[1], "%Y-%m-%d").replace(tzinfo=UTC)


def polnear_documents() -> list[dict]:
    documents = []
    for split in SPLITS:
        path = POLNEAR / f"{split}.jsonl"
        if not path.is_file():
            raise SystemExit(f"bench desk: {path} is missing (../shared/corpus beside the project)")
        documents += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(documents, key=lambda document: (published(document["doc_id"]), document["doc_id"]))


def read_records(path: Path) -> dict[str, dict]:
    return {record["doc_id"]: record["result"] for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def store_records(database: str, documents: list[dict], results: dict[str, dict]) -> None:
    """Store each article with its extraction made beforehand, in order of publication."""
    from tqdm import tqdm

    from desk.archive import Archive

    archive = Archive(database)
    missing = [document["doc_id"] for document in documents if document["doc_id"] not in results]
    if missing:
        raise SystemExit(f"bench desk: the records lack {len(missing)} articles, e.g. {missing[0]}")
    for document in tqdm(documents, unit="doc", desc="stored"):
        archive.store(document["doc_id"], document["text"], results[document["doc_id"]], source=document["publisher"],
                      published=published(document["doc_id"]))


def store_through_backfill(database: str, documents: list[dict], directory: Path) -> None:
    """Extract and store every article through the backfill: a redis-server and two workers on loopback."""
    from app import create_app
    from bench.jobs import redis_server, run_job, workers

    with redis_server() as broker:
        env = {**os.environ, "QUOTES_BROKER_URL": broker, "QUOTES_DATABASE_URL": database,
               "TORCH_THREADS": os.environ.get("TORCH_THREADS", "1")}
        client = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": database,
                             "BROKER_URL": broker}).test_client()
        logging.getLogger("quotes.requests").setLevel(logging.WARNING)  # one line per poll of the job: not here
        with workers(2, env, directory):
            seconds = run_job(client, [{"id": document["doc_id"], "text": document["text"],
                                        "source": document["publisher"],
                                        "published": published(document["doc_id"]).isoformat()}
                                       for document in documents])
    print(f"backfill: {len(documents)} articles stored by 2 workers in {seconds:.0f} s")


# ---- what the archive holds ----------------------------------------------------------------------------

def link_rows(database: str) -> list:
    from desk.db import reading
    from desk.models import Link

    with reading(database) as session:
        return list(session.scalars(select(Link)))


def archive_figures(database: str, articles: int) -> None:
    links = link_rows(database)
    per_thousand = 1000 / articles
    alerts = Counter(link.alarm for link in links if link.alarm)
    print(f"archive: {articles} articles; {len(links)} links ({len(links) * per_thousand:.0f} per 1,000 articles), "
          f"{sum(alerts.values())} alerts ({sum(alerts.values()) * per_thousand:.1f} per 1,000 articles)")
    for name, count in sorted(alerts.items(), key=lambda item: -item[1]):
        print(f"  alerts {name}: {count} ({count * per_thousand:.1f} per 1,000 articles)")


# ---- the judged pairs ---------------------------------------------------------------------------------

def judged_pairs(path: Path = JUDGED_PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judged_outcomes(database: str, pairs: list[dict]) -> list[dict]:
    """Each judged pair with what the desk made of it: linked, and the class of the alert it raised."""
    from sqlalchemy import and_, or_

    from desk import archive
    from desk.db import reading
    from desk.models import Link

    outcomes = []
    with reading(database) as session:
        for pair in pairs:
            first, second = archive.quote_over(session, pair["a"]), archive.quote_over(session, pair["b"])
            link = None
            if first is not None and second is not None:
                link = session.scalar(select(Link).where(or_(
                    and_(Link.earlier_pk == first.pk, Link.later_pk == second.pk),
                    and_(Link.earlier_pk == second.pk, Link.later_pk == first.pk))))
            outcomes.append({**pair, "found": first is not None and second is not None, "linked": link is not None,
                             "alert": link.alarm if link is not None else None,
                             "class": link.change_class if link is not None else None})
    return outcomes


def neighbours(judged: str, found: str) -> bool:
    """An alert of the judged class or the one next to it (alarms.CLASSES in order of severity)."""
    from desk.alarms import CLASSES

    return found in CLASSES and abs(CLASSES.index(found) - CLASSES.index(judged)) <= 1


def judged_figures(outcomes: list[dict]) -> dict:
    same = [o for o in outcomes if o["same"] is True]
    different = [o for o in outcomes if o["same"] is False]
    unaltered = [o for o in same if not o["altered"]]
    altered = [o for o in same if o["altered"]]
    figures = {
        "different_linked": sum(o["linked"] for o in different), "different": len(different),
        "same_linked": sum(o["linked"] for o in same), "same": len(same),
        "unaltered_alerts": sum(o["alert"] is not None for o in unaltered), "unaltered": len(unaltered),
        "altered_right_class": sum(o["alert"] is not None and neighbours(o["severity"], o["alert"]) for o in altered),
        # classed right whether or not the class alerts (a bracketed insertion, judged minor by the pairs' guideline,
        # is `editorial`, next to minor, which never raises an alert)
        "altered_right_change_class": sum(o["class"] is not None and neighbours(o["severity"], o["class"])
                                          for o in altered),
        "altered": len(altered),
        "not_found": sum(not o["found"] for o in outcomes),
    }
    linked = figures["same_linked"] + figures["different_linked"]
    figures["precision"] = figures["same_linked"] / linked if linked else 0.0
    figures["recall"] = figures["same_linked"] / len(same) if same else 0.0
    return figures


def print_judged(outcomes: list[dict]) -> dict:
    f = judged_figures(outcomes)
    print(f"judged pairs ({JUDGED_PAIRS.name}): different linked {f['different_linked']}/{f['different']} "
          f"({100 * f['different_linked'] / f['different']:.1f} %, target <= 3 %); same linked "
          f"{f['same_linked']}/{f['same']} ({100 * f['same_linked'] / f['same']:.1f} %, target >= 90 %); "
          f"alerts on unaltered same pairs {f['unaltered_alerts']}/{f['unaltered']} (target 0); altered pairs "
          f"alerted with the judged class or the next {f['altered_right_class']}/{f['altered']} (classed so, alerting "
          f"or not, {f['altered_right_change_class']}/{f['altered']}); precision "
          f"{f['precision']:.3f}, recall {f['recall']:.3f}; pairs whose quote the archive lacks {f['not_found']}")
    for o in outcomes:
        wrong = (o["same"] is False and o["linked"]) or (o["same"] is True and not o["linked"]) or (
            o["same"] is True and not o["altered"] and o["alert"]) or (
            o["same"] is True and o["altered"] and not (o["alert"] and neighbours(o["severity"], o["alert"])))
        if wrong:
            print(f"  {'same' if o['same'] else 'different'} linked={o['linked']} alert={o['alert']} class={o['class']} "
                  f"judged={o.get('severity')}: {o['a']['text'][:70]!r} | {o['b']['text'][:70]!r}")
    return f


def link_time(quotes: int, directory: Path) -> None:
    """bench/link.py on an archive of its own (generated quotes), not the PolNeAR one."""
    from bench import link

    os.environ["QUOTES_DATABASE_URL"] = f"sqlite:///{directory / 'generated.db'}"
    link.main(quotes, runs=3)


def main(records: Path | None, quotes: int, database: str | None) -> int:
    from desk import db

    directory = Path(tempfile.mkdtemp(prefix="quotes-bench-desk-"))
    database = database or f"sqlite:///{directory / 'archive.db'}"
    os.environ.setdefault("QUOTES_DATABASE_URL", database)  # what importing app checks
    db.upgrade(database)
    documents = polnear_documents()
    began = time.perf_counter()
    if records:
        store_records(database, documents, read_records(records))
    else:
        store_through_backfill(database, documents, directory)
    print(f"archive of PolNeAR {' + '.join(SPLITS)} built in {time.perf_counter() - began:.0f} s ({database})")
    archive_figures(database, len(documents))
    print_judged(judged_outcomes(database, judged_pairs()))
    if quotes:
        link_time(quotes, directory)
    return 0
