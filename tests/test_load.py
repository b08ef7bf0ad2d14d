"""A bounded load test against gunicorn on 127.0.0.1: good and bad requests from 4 threads, a fixed
count and a hard time cap. No 5xx, no connection error, and the same workers at the end."""
import os
import random
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import psutil
import pytest
import requests

from support import free_port
from test_api import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
THREADS = 4
REQUESTS = 160
TIME_CAP_SECONDS = 240
STARTUP_SECONDS = 120
MAX_BODY_BYTES = 64 * 1024


def chunks(size: int, chunk: int = 8192):
    """A body sent with Transfer-Encoding: chunked, so the server cannot know its size in advance."""
    for start in range(0, size, chunk):
        yield b"a" * min(chunk, size - start)


# (name, expected statuses, request keyword arguments)
MIX = [
    ("json article", {200}, dict(method="POST", url="/v1/quotes", json={"text": ARTICLE, "id": "a"})),
    ("text article", {200}, dict(method="POST", url="/v1/quotes?id=b", data=ARTICLE.encode(),
                                 headers={"Content-Type": "text/plain; charset=utf-8"})),
    ("control characters", {200}, dict(method="POST", url="/v1/quotes", json={"text": "\x00\ufeff" + ARTICLE + "\ud800"})),
    ("invalid json", {400}, dict(method="POST", url="/v1/quotes", data=b'{"text": ',
                                 headers={"Content-Type": "application/json"})),
    ("binary junk", {400}, dict(method="POST", url="/v1/quotes", data=random.Random(1).randbytes(2000),
                                headers={"Content-Type": "text/plain"})),
    ("pdf", {415}, dict(method="POST", url="/v1/quotes", data=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
                        headers={"Content-Type": "application/pdf"})),
    ("empty text", {422}, dict(method="POST", url="/v1/quotes", json={"text": " "})),
    ("over the body limit", {413}, dict(method="POST", url="/v1/quotes", data=b"a" * (MAX_BODY_BYTES + 1),
                                        headers={"Content-Type": "text/plain"})),
    ("chunked over the body limit", {413}, dict(method="POST", url="/v1/quotes", data=chunks(MAX_BODY_BYTES + 1),
                                                headers={"Content-Type": "text/plain"})),
    ("unknown route", {404}, dict(method="GET", url="/wp-admin/setup.php")),
    ("wrong method", {405}, dict(method="PUT", url="/v1/quotes", json={})),
    ("health", {200}, dict(method="GET", url="/healthz")),
]


@pytest.fixture()
def server():
    port = free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(WORKERS),
           "TORCH_THREADS": "1", "QUOTES_MAX_BODY_BYTES": str(MAX_BODY_BYTES),
           "QUOTES_RATE_LIMIT": "100000/minute"}
    # no control socket: its default path is shared with any other gunicorn of the machine
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket",
                                "app:app"], cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        give_up = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            assert time.monotonic() < give_up, "gunicorn was not ready in time"
            try:
                if requests.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        yield base, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_mixed_load_gets_no_5xx_no_connection_error_and_keeps_its_workers(server):
    base, master = server
    workers_before = {child.pid for child in master.children()}
    assert len(workers_before) == WORKERS
    stop_at = time.monotonic() + TIME_CAP_SECONDS
    sessions = {}

    def send(number):
        name, expected, request = MIX[number % len(MIX)]
        if time.monotonic() > stop_at:
            return name, expected, "not sent: time cap"
        session = sessions.setdefault(number % THREADS, requests.Session())
        if name.startswith("chunked"):
            request = {**request, "data": chunks(MAX_BODY_BYTES + 1)}  # a generator is read once
        try:
            response = session.request(**{**request, "url": base + request["url"]}, timeout=60)
        except requests.RequestException as error:
            return name, expected, f"connection error: {type(error).__name__}"
        if response.status_code >= 400:
            assert response.headers["Content-Type"] == "application/problem+json", (name, response.text[:200])
        return name, expected, response.status_code

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(send, number) for number in range(REQUESTS)]
        wait(futures, timeout=TIME_CAP_SECONDS + 60)
    outcomes = [future.result(timeout=0) for future in futures]
    print("load test outcomes:", Counter(status for _, _, status in outcomes))  # shown with pytest -s

    unexpected = [outcome for outcome in outcomes if outcome[2] not in outcome[1]]
    assert not unexpected, unexpected
    assert {child.pid for child in master.children()} == workers_before
    assert master.is_running()
