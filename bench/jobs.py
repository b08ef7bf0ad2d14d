"""Backfill throughput: the same archive through 1 and then 2 Celery workers, and a job of 10,000 small documents.

Starts a redis-server on loopback and `quotes worker` processes (one pool process each, as the Procfile's worker
line runs one per core), each run into a fresh SQLite desk. Prints documents/s and words/s from the job's
submission to its last document stored (models already loaded), the ratio of 2 workers to 1, the memory of
each worker, and, with 2 workers busy, how long POST /v1/jobs takes for 10,000 small documents and how fast
GET /v1/jobs/{id} answers while that job runs (it is then cancelled).
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil
import redis

from bench.speed import ARTICLES

ROOT = Path(__file__).resolve().parent.parent
POLNEAR_DEV = ROOT.parent / "shared" / "corpus" / "polnear" / "dev.jsonl"
STARTUP_SECONDS = 300
JOB_SECONDS = 1800
SMALL_DOCUMENTS = 10_000
SMALL = "“We will not back down,” said Maria Lopez {n}, a spokeswoman for the Chicago Teachers Union."


def archive() -> list[dict]:
    """PolNeAR's dev articles (84 real news articles), else the shared seed articles."""
    if POLNEAR_DEV.is_file():
        lines = POLNEAR_DEV.read_text(encoding="utf-8").splitlines()
        return [{"id": record["doc_id"], "text": record["text"]} for record in map(json.loads, lines)]
    return [{"id": path.stem, "text": path.read_text(encoding="utf-8")} for path in sorted(ARTICLES.glob("*.txt"))]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server():
    port = free_port()
    server = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind",
                               "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        give_up = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > give_up:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def workers(count: int, env: dict, directory: Path):
    """`count` workers of one pool process each, yielded once every pool process has loaded its models."""
    logs = [directory / f"worker-{count}-{n}.log" for n in range(count)]
    started = [subprocess.Popen([sys.executable, "-m", "backfill.cli", "worker", "--concurrency", "1",
                                 "--name", f"bench{n}@%h"], cwd=ROOT, env=env, stdout=log.open("wb"),
                                stderr=subprocess.STDOUT, start_new_session=True) for n, log in enumerate(logs)]
    try:
        give_up = time.monotonic() + STARTUP_SECONDS
        while not all("models loaded" in log.read_text(errors="replace") for log in logs):
            if time.monotonic() > give_up or any(process.poll() is not None for process in started):
                raise RuntimeError("a worker did not start: " + logs[0].read_text(errors="replace")[-2000:])
            time.sleep(0.5)
        yield started
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def worker_memory(processes) -> list[tuple[float, float]]:
    """(RSS of the main process, RSS of its pool process) in MiB, per worker."""
    found = []
    for process in processes:
        main = psutil.Process(process.pid)
        found.append((main.memory_info().rss / 2**20, sum(child.memory_info().rss for child in main.children()) / 2**20))
    return found


def pool_cpu_seconds(processes) -> float:
    """CPU time (user + system) of the workers' pool processes so far: what the work cost, whatever else runs."""
    children = [child for process in processes for child in psutil.Process(process.pid).children()]
    return sum(child.cpu_times().user + child.cpu_times().system for child in children)


def time_split(logs: list[Path]) -> tuple[float, float]:
    """Seconds the pool processes spent extracting and storing in the desk, from the workers' logs."""
    pairs = [tuple(map(float, found)) for log in logs
             for found in re.findall(r"extraction ([0-9.]+) s, desk ([0-9.]+) s", log.read_text(errors="replace"))]
    return sum(pair[0] for pair in pairs), sum(pair[1] for pair in pairs)


def run_job(client, documents: list[dict]) -> float:
    began = time.perf_counter()
    response = client.post("/v1/jobs", json={"documents": documents})
    assert response.status_code == 202, response.get_json()
    give_up = time.monotonic() + JOB_SECONDS
    while not (job := client.get(response.headers["Location"]).get_json())["finished"]:
        if time.monotonic() > give_up:
            raise RuntimeError(f"the job did not finish: {job}")
        time.sleep(0.1)
    assert job["done"] == len(documents), job
    return time.perf_counter() - began


def main() -> int:
    from desk import db

    documents = archive()
    words = sum(len(document["text"].split()) for document in documents)
    print(f"archive: {len(documents)} documents, {words} words; {os.cpu_count()} cores")
    directory = Path(tempfile.mkdtemp(prefix="quotes-bench-jobs-"))
    from app import create_app

    rates = {}
    try:
        with redis_server() as broker:
            for count in (1, 2):
                database = f"sqlite:///{directory / f'desk-{count}.db'}"
                db.upgrade(database)
                env = {**os.environ, "QUOTES_BROKER_URL": broker, "QUOTES_DATABASE_URL": database,
                       "TORCH_THREADS": os.environ.get("TORCH_THREADS", "1")}
                client = create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "DATABASE_URL": database,
                                     "BROKER_URL": broker}).test_client()
                logging.getLogger("quotes.requests").setLevel(logging.WARNING)  # one line per request: not here
                with workers(count, env, directory) as started:
                    cpu = pool_cpu_seconds(started)
                    seconds = run_job(client, documents)
                    cpu = pool_cpu_seconds(started) - cpu
                    rates[count] = len(documents) / seconds
                    memory = worker_memory(started)
                    extraction, desk = time_split(sorted(directory.glob(f"worker-{count}-*.log")))
                    print(f"{count} worker(s): {seconds:.1f} s, {len(documents) / seconds:.2f} documents/s, "
                          f"{words / seconds:,.0f} words/s; {words / cpu:,.0f} words per CPU-second of the pool "
                          f"processes; load average {os.getloadavg()[0]:.1f}; memory per worker (main + pool "
                          "process): " + ", ".join(f"{main:.0f} + {pool:.0f} MiB" for main, pool in memory)
                          + f"; of the pool processes' time, extraction {extraction:.0f} s, storing in the desk "
                          f"{desk:.0f} s")
                    if count == 2:
                        small_job(client)
        print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


def small_job(client) -> None:
    """POST a job of 10,000 small documents, then time GET /v1/jobs/{id} while the workers run it; cancel it."""
    documents = [{"id": f"small-{n}", "text": SMALL.format(n=n)} for n in range(SMALL_DOCUMENTS)]
    began = time.perf_counter()
    response = client.post("/v1/jobs", json={"documents": documents})
    submitted = time.perf_counter() - began
    assert response.status_code == 202, response.get_json()
    location = response.headers["Location"]
    latencies = []
    for _ in range(200):
        began = time.perf_counter()
        job = client.get(location).get_json()
        latencies.append((time.perf_counter() - began) * 1000)
        time.sleep(0.02)
    latencies.sort()
    print(f"job of {SMALL_DOCUMENTS:,} small documents: POST /v1/jobs answered 202 in {submitted:.2f} s; "
          f"GET /v1/jobs/{{id}} while it ran ({job['state']}, {job['done']} done): p50 "
          f"{statistics.median(latencies):.1f} ms, p95 {latencies[int(0.95 * len(latencies))]:.1f} ms, "
          f"max {latencies[-1]:.1f} ms over {len(latencies)} requests")
    client.delete(location)
    give_up = time.monotonic() + JOB_SECONDS
    while not (job := client.get(location).get_json())["finished"] and time.monotonic() < give_up:
        time.sleep(0.2)
    print(f"  cancelled: {job['state']}, {job['done']} done, {job['cancelled']} cancelled")
