"""gunicorn on loopback under a bounded load: 4 concurrent clients, a fixed number of requests.

Starts the service as the Procfile does (`gunicorn -c gunicorn.conf.py 'app:create_app()'`, models preloaded
in the master) on a fresh SQLite archive in a temp dir, sends article-sized documents cut from the
shared articles, every other one to the quote desk (`POST /v1/articles`, a new id each), and prints latency
per 1,000 words (p50, p95), requests/s, errors by status, and the resident memory of every
worker after the first 10 requests and at the end.
"""
from __future__ import annotations

import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

from bench.speed import ARTICLES

ROOT = Path(__file__).resolve().parent.parent
EARLY_REQUESTS = 10
STARTUP_SECONDS = 180


def documents(words_per_document: int) -> list[str]:
    """The shared articles cut into documents of about `words_per_document` words, at paragraph ends."""
    found, current = [], []
    for path in sorted(ARTICLES.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if not paragraph.strip():
                continue
            current.append(paragraph)
            if sum(len(p.split()) for p in current) >= words_per_document:
                found.append("\n".join(current))
                current = []
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_service(port: int, workers: int) -> subprocess.Popen:
    database = f"sqlite:///{tempfile.mkdtemp(prefix='quotes-load-')}/archive.db"
    environment = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers),
                   "TORCH_THREADS": os.environ.get("TORCH_THREADS", "1"), "QUOTES_DATABASE_URL": database,
                   "QUOTES_RATE_LIMIT": "1000000/minute"}  # the load is the point, not the limiter
    subprocess.run([sys.executable, "-m", "desk", "upgrade"], cwd=ROOT, env=environment, check=True,
                   stdout=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"], cwd=ROOT,
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        time.sleep(0.5)
    server.terminate()
    raise RuntimeError("gunicorn was not ready in time")


def worker_memory(server: subprocess.Popen) -> dict[int, tuple[float, float]]:
    """(resident, unique) MiB of each gunicorn worker: RSS counts the model pages shared with the
    master; USS is what the worker alone holds, what one more worker costs."""
    memory = {}
    for child in psutil.Process(server.pid).children():
        info = child.memory_full_info()
        memory[child.pid] = (info.rss / 2**20, info.uss / 2**20)
    return memory


def main(total: int = 1000, clients: int = 4, workers: int | None = None, words_per_document: int = 600) -> int:
    workers = workers or os.cpu_count() or 1
    texts = documents(words_per_document)
    port = _free_port()
    server = start_service(port, workers)
    base = f"http://127.0.0.1:{port}"
    numbers, lock = itertools.count(), threading.Lock()
    latencies: list[float] = []  # ms per 1,000 words
    statuses: Counter = Counter()
    memory: dict[str, dict[int, tuple[float, float]]] = {}

    def client() -> None:
        session = requests.Session()
        while (number := next(numbers)) < total:
            text = texts[number % len(texts)]
            started = time.perf_counter()
            try:
                if number % 2:
                    status = session.post(base + "/v1/articles", json={"id": f"load-{number}", "text": text},
                                          timeout=120).status_code
                else:
                    status = session.post(base + "/v1/quotes", json={"text": text}, timeout=120).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            elapsed_ms = (time.perf_counter() - started) * 1000
            with lock:
                statuses[status] += 1
                if status in (200, 201):
                    latencies.append(elapsed_ms * 1000 / len(text.split()))
                if sum(statuses.values()) == EARLY_REQUESTS:
                    memory["early"] = worker_memory(server)

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            for _ in range(clients):
                pool.submit(client)
        elapsed = time.perf_counter() - started
        memory["end"] = worker_memory(server)
        alive = len(memory["end"])
    finally:
        server.terminate()
        server.wait(timeout=60)

    p50, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[-1]
    words = sum(len(texts[n % len(texts)].split()) for n in range(total))
    print(f"{total} requests of ~{words_per_document} words, {clients} clients, {workers} workers "
          f"(torch threads {os.environ.get('TORCH_THREADS', '1')} each), {elapsed:.1f}s")
    print(f"  {total / elapsed:.2f} requests/s, {words / elapsed:.0f} words/s")
    print(f"  latency per 1,000 words: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p95/p50 {p95 / p50:.2f}")
    errors = {status: count for status, count in statuses.items() if status not in (200, 201)}
    print(f"  statuses: {dict(statuses)}; errors: {sum(errors.values())}; workers alive at the end: {alive}")
    for pid, (rss, uss) in memory["end"].items():
        early_rss, early_uss = memory.get("early", {}).get(pid, (0.0, 0.0))
        change = f"{(rss - early_rss) / early_rss:+.1%}" if early_rss else "n/a"
        print(f"  worker {pid}: RSS {early_rss:.0f} MiB (USS {early_uss:.0f}) after {EARLY_REQUESTS} requests, "
              f"{rss:.0f} MiB (USS {uss:.0f}) after {total}: RSS {change}")
    return 0 if not errors else 1
