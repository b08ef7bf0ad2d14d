"""Backfill jobs end to end: a real redis-server, two real Celery workers (the `quotes worker` console script,
each with its own pool process and models) writing into a desk of their own, and the API in front.

The workers run on loopback, are bounded in time (every wait below gives up) and stopped at the end.
"""
from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from redis_server import redis_server
from sqlalchemy import func, select
from support import SENTENCE, SHARED, assert_problem, free_port, require_shared

from app import create_app
from backfill import tasks
from desk import db
from desk.models import Article, Quote

QUOTES_SCRIPT = Path(sys.executable).parent / "quotes"
DEV = SHARED / "corpus" / "polnear" / "dev.jsonl"
# a killed worker's batch is delivered again this long after it was delivered: longer than a batch takes on a
# busy machine (a batch still running past it is delivered twice: harmless, but wasted work)
VISIBILITY_SECONDS = 60
STARTUP_SECONDS = 300
JOB_SECONDS = 900  # the longest any job below may take on a busy 2-core machine


class Worker:
    """A `quotes worker` with one pool process, in a process group of its own (so SIGKILL reaches all of it)."""

    def __init__(self, name: str, env: dict, log: Path):
        self.name, self.log = name, log
        self.process = subprocess.Popen([str(QUOTES_SCRIPT), "worker", "--concurrency", "1", "--name", f"{name}@test"],
                                        env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def received(self) -> list[str]:
        return re.findall(r"Task backfill\.store_batch\[([0-9a-f-]+)\] received", self.text())

    def succeeded(self) -> list[str]:
        return re.findall(r"Task backfill\.store_batch\[([0-9a-f-]+)\] succeeded", self.text())

    def wait_until_loaded(self) -> None:
        give_up = time.monotonic() + STARTUP_SECONDS
        while "models loaded" not in self.text():
            assert self.alive() and time.monotonic() < give_up, self.text()[-3000:]
            time.sleep(0.5)

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)  # the worker and its pool process, mid-batch, like a lost machine
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)  # Celery's warm shutdown
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def backfill(tmp_path_factory):
    """(the URLs, the two workers) around a fresh desk and a fresh Redis."""
    directory = tmp_path_factory.mktemp("jobs")
    database = f"sqlite:///{directory / 'desk.db'}"
    db.upgrade(database)
    with redis_server() as broker:
        env = {**os.environ, "QUOTES_BROKER_URL": broker, "QUOTES_DATABASE_URL": database, "TORCH_THREADS": "1",
               "QUOTES_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS)}
        workers = [Worker(name, env, directory / f"{name}.log") for name in ("first", "second")]
        try:
            for worker in workers:
                worker.wait_until_loaded()
            yield {"broker": broker, "database": database, "env": env}, workers
        finally:
            for worker in workers:
                worker.stop()


@pytest.fixture(scope="module")
def client(backfill):
    urls, _ = backfill
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": urls["database"],
                       "BROKER_URL": urls["broker"]}).test_client()


def wait_for(client, location: str, until, seconds: float = JOB_SECONDS) -> dict:
    give_up = time.monotonic() + seconds
    while True:
        job = client.get(location).get_json()
        if until(job):
            return job
        assert time.monotonic() < give_up, job
        time.sleep(0.2)


def stored(database: str) -> tuple[dict[str, int], int]:
    """(article id -> its quote rows, rows of a quote id repeated within its article) in the desk."""
    with db.reading(database) as session:
        ids = session.scalars(select(Article.id)).all()
        quotes = dict(session.execute(select(Quote.article_id, func.count()).group_by(Quote.article_id)).all())
        repeated = session.execute(select(func.count()).select_from(
            select(Quote.article_id, Quote.quote_id).group_by(Quote.article_id, Quote.quote_id)
            .having(func.count() > 1).subquery())).scalar_one()
    return {article_id: quotes.get(article_id, 0) for article_id in ids}, repeated


def test_two_workers_backfill_the_polnear_dev_articles_through_a_sigkill(backfill, client):
    urls, (first, second) = backfill
    articles = [json.loads(line) for line in require_shared(DEV).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(articles) == 84

    response = client.post("/v1/jobs", json={"documents": [{"id": a["doc_id"], "text": a["text"]} for a in articles]})
    assert response.status_code == 202, response.get_json()
    location = response.headers["Location"]
    assert response.get_json()["total"] == 84 and location == f"/v1/jobs/{response.get_json()['id']}"

    # half way, the first worker has stored batches and holds another: kill it, pool process and all
    def first_is_mid_batch(job):
        assert first.alive() and second.alive(), (first.text()[-2000:], second.text()[-2000:])
        return job["done"] >= 40 and len(first.received()) > len(first.succeeded()) >= 1
    at_kill = wait_for(client, location, first_is_mid_batch)
    lost_batch = first.received()[-1]
    first.kill()

    job = wait_for(client, location, lambda job: job["finished"])
    assert job["state"] == "done", job
    assert (job["total"], job["done"], job["failed"], job["cancelled"], job["queued"]) == (84, 84, 0, 0, 0), job
    assert job["started"] and job["created"] <= job["started"] <= job["finished"]
    # the killed worker's batch is delivered again, to the other worker, which stores it; when the kill
    # came after the batch's last document was stored, the job is done before that delivery comes
    give_up = time.monotonic() + VISIBILITY_SECONDS + 60
    while not (lost_batch in second.received() and lost_batch in second.succeeded()):
        assert time.monotonic() < give_up, second.text()[-3000:]
        time.sleep(0.5)
    assert at_kill["done"] < 84

    articles_stored, repeated = stored(urls["database"])
    assert sorted(articles_stored) == sorted(a["doc_id"] for a in articles)  # every article, exactly once
    assert repeated == 0  # and no quote twice
    assert sum(articles_stored.values()) > 84  # the extractions were stored with them
    # the stored result is the engine's: the desk serves it like any posted article
    sample = client.get(f"/v1/articles/{articles[0]['doc_id']}").get_json()
    assert len(sample["quotes"]) == articles_stored[articles[0]["doc_id"]]


def test_a_pool_process_killed_mid_batch_hands_its_batch_back_at_once(backfill, client, seed_article):
    urls, workers = backfill
    worker = next(worker for worker in workers if worker.alive())
    paragraphs = [paragraph for paragraph in seed_article.split("\n") if paragraph.strip()]
    documents = [{"id": f"pool-{n}", "text": "\n\n".join(paragraphs[n:] + paragraphs[:n])} for n in range(4)]
    assert len(list(tasks.batches(documents))) == 2
    seen = len(worker.received())  # before the job: the worker takes its first batch at once
    response = client.post("/v1/jobs", json={"documents": documents})
    location = response.headers["Location"]

    def holds_the_last_batch(job):  # the worker has stored the first batch and holds the second, the job's last
        assert not job["finished"], "the job finished before its last batch could be interrupted"
        return len(worker.received()) == seen + 2 and job["done"] == 2
    wait_for(client, location, holds_the_last_batch, seconds=300)
    lost_batch = worker.received()[-1]
    killed_at = time.time()
    for pool_process in psutil.Process(worker.process.pid).children():
        pool_process.send_signal(signal.SIGKILL)

    job = wait_for(client, location, lambda job: job["finished"])
    assert (job["state"], job["done"], job["failed"]) == ("done", 4, 0), job
    assert worker.alive() and "WorkerLostError" in worker.text()
    # handed back by the worker at once (task_reject_on_worker_lost), not after the visibility timeout
    again = [moment for moment, task in re.findall(r"\[([0-9-]+ [0-9:,]+): INFO/MainProcess\] Task backfill\.store_batch"
                                                    r"\[([0-9a-f-]+)\] received", worker.text()) if task == lost_batch]
    assert len(again) == 2 and lost_batch in worker.succeeded(), worker.text()[-3000:]
    redelivered = time.mktime(time.strptime(again[-1].split(",")[0], "%Y-%m-%d %H:%M:%S"))
    assert redelivered - killed_at < VISIBILITY_SECONDS / 4, (again, killed_at)
    articles_stored, repeated = stored(urls["database"])
    assert all(f"pool-{n}" in articles_stored for n in range(4)) and repeated == 0


def test_a_bad_document_fails_alone_with_the_problem_the_single_endpoint_gives(backfill, client):
    bad = [{"id": "empty", "text": "   "}, {"id": "x" * 201, "text": SENTENCE}, {"text": SENTENCE}]
    response = client.post("/v1/jobs", json={"documents": [{"id": "good", "text": SENTENCE}, *bad]})
    assert response.status_code == 202
    job = wait_for(client, response.headers["Location"], lambda job: job["finished"], seconds=300)
    assert (job["state"], job["done"], job["failed"]) == ("done", 1, 3), job
    single = [assert_problem(client.post("/v1/articles", json=document), 422) for document in bad]
    assert [(failure["index"], failure["problem"]) for failure in job["failures"]] == list(zip((1, 2, 3), single))
    assert [failure["id"] for failure in job["failures"]] == ["empty", "x" * 201, None]
    assert client.get("/v1/articles/good").status_code == 200


def test_an_html_document_keeps_its_social_posts_and_html_offsets(backfill, client):
    from test_web_pages import TWEET

    markup = f"<p>“We will not back down,” said Maria Lopez, a spokeswoman for the union.</p>{TWEET}"
    response = client.post("/v1/jobs", json={"documents": [{"id": "job-html-1", "html": markup}]})
    assert response.status_code == 202
    wait_for(client, response.headers["Location"], lambda job: job["finished"], seconds=300)
    article = client.get("/v1/articles/job-html-1").get_json()
    assert [quote["kind"] for quote in article["quotes"]] == ["direct", "post"]
    assert article["quotes"][1]["speaker"]["name"] == "Mayor Ana Ruiz"
    for quote in article["quotes"]:
        (span,) = quote["spans"]
        selected = html.unescape(re.sub(r"<[^>]*>", "", markup[span["html_start"]:span["html_end"]]))
        assert " ".join(selected.split()) == quote["text"]  # the message carried the HTML too


def test_cancelling_skips_the_batches_no_worker_has_started(backfill, client):
    urls, _ = backfill
    documents = [{"id": f"cancel-{n}", "text": " ".join([SENTENCE.replace("Maria", f"Maria {n}")] * 20)}
                 for n in range(60)]
    per_batch = len(next(tasks.batches(documents)))
    assert per_batch < 10  # so the job is many batches
    response = client.post("/v1/jobs", json={"documents": documents})
    location = response.headers["Location"]
    cancelled = client.delete(location)
    assert cancelled.status_code == 200 and cancelled.get_json()["state"] in ("cancelling", "cancelled")
    job = wait_for(client, location, lambda job: job["finished"], seconds=300)
    assert job["state"] == "cancelled" and job["done"] + job["failed"] + job["cancelled"] == 60, job
    assert job["cancelled"] >= 60 - 3 * per_batch, job  # at most the batches the workers held when it was cancelled
    articles_stored, _ = stored(urls["database"])
    assert sum(article_id.startswith("cancel-") for article_id in articles_stored) == job["done"]


def test_the_backfill_command_follows_the_job_and_a_second_run_skips_what_is_stored(backfill, tmp_path, seed_article):
    urls, _ = backfill
    source = tmp_path / "archive.jsonl"
    lines = [{"doc_id": "seed-1", "text": seed_article, "title": "ignored"},
             {"doc_id": "seed-2", "text": seed_article.replace("\n\n", "\n\n\n")}, {"doc_id": "blank", "text": " "}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines) + "not json\n", encoding="utf-8")
    command = [str(QUOTES_SCRIPT), "backfill", str(source), "--id-field", "doc_id", "--chunk", "2"]

    first = subprocess.run(command, env=urls["env"], capture_output=True, text=True, timeout=JOB_SECONDS, check=False)
    assert first.returncode == 0, first.stderr
    assert "done: 2 stored, 2 failed, 0 already in the desk" in first.stderr
    assert "4/4" in first.stderr  # tqdm's bar of documents accounted for, to the end
    assert "blank: text: text is empty." in first.stderr and "line-4:" in first.stderr
    articles_stored, _ = stored(urls["database"])
    assert {"seed-1", "seed-2"} <= set(articles_stored) and "blank" not in articles_stored

    again = subprocess.run(command, env=urls["env"], capture_output=True, text=True, timeout=JOB_SECONDS, check=False)
    assert again.returncode == 0, again.stderr
    assert "done: 0 stored, 2 failed, 2 already in the desk" in again.stderr


def test_job_errors_are_problems(backfill, client):
    def app_with(**config):
        return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": backfill[0]["database"],
                           **config}).test_client()

    assert_problem(client.get("/v1/jobs/nosuchjob"), 404, "no job")
    assert_problem(client.delete("/v1/jobs/nosuchjob"), 404, "no job")
    assert_problem(client.post("/v1/jobs", json={"documents": []}), 422, "documents is empty")
    assert_problem(client.post("/v1/jobs", json=[]), 422)
    assert_problem(client.post("/v1/jobs", data="x", content_type="text/plain"), 415)
    three = {"documents": [{"id": "a", "text": SENTENCE}] * 3}
    assert_problem(app_with(MAX_JOB_DOCS=2, BROKER_URL=backfill[0]["broker"]).post("/v1/jobs", json=three), 422,
                   "limit is 2")
    assert_problem(app_with(MAX_JOB_BYTES=100, BROKER_URL=backfill[0]["broker"]).post("/v1/jobs", json=three), 413,
                   "100-byte")
    down = app_with(BROKER_URL=f"redis://127.0.0.1:{free_port()}")
    assert_problem(down.post("/v1/jobs", json=three), 503, "job queue")
    assert_problem(down.get("/v1/jobs/anything"), 503, "job queue")


def test_the_openapi_document_has_the_jobs(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"post"} <= set(paths["/v1/jobs"]) and {"get", "delete"} <= set(paths["/v1/jobs/{job_id}"])
    assert "202" in paths["/v1/jobs"]["post"]["responses"]
