"""Bounded load tests against gunicorn on 127.0.0.1, from 4 threads with a fixed request count and a
hard time cap: good and bad requests get no 5xx and no connection error, requests past the deadline
get their 503, and the same workers serve to the end."""
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import psutil
import requests

from support import SLOW_TEXT, free_port
from test_api import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
THREADS = 4
REQUESTS = 400
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
    ("chunked over the body limit", {413}, dict(method="POST", url="/v1/quotes",
                                                data=lambda: chunks(MAX_BODY_BYTES + 1),
                                                headers={"Content-Type": "text/plain"})),
    ("html article", {200}, dict(method="POST", url="/v1/quotes", data=f"<p>{ARTICLE}</p>".encode(),
                                 headers={"Content-Type": "text/html; charset=utf-8"})),
    ("batch with a bad document", {200}, dict(method="POST", url="/v1/quotes/batch",
                                              json={"documents": [{"text": ARTICLE}, {"text": ""}, {"html": 5}]})),
    ("unknown route", {404}, dict(method="GET", url="/wp-admin/setup.php")),
    ("wrong method", {405}, dict(method="PUT", url="/v1/quotes", json={})),
    ("health", {200}, dict(method="GET", url="/healthz")),
    # the quote desk on the test run's SQLite archive: re-posts, replacements (a new text each time), reads
    ("archive article", {200, 201}, dict(method="POST", url="/v1/articles", json={"id": "load-1", "text": ARTICLE})),
    ("archive new version", {200, 201}, dict(method="POST", url="/v1/articles",
                                             json=lambda: {"id": "load-2", "text": f"{ARTICLE} Version {random.random()}."})),
    ("archive new article", {201}, dict(method="POST", url="/v1/articles",
                                        json=lambda: {"id": f"load-{random.random()}", "text": ARTICLE})),
    ("archive list", {200}, dict(method="GET", url="/v1/articles?limit=5")),
    ("archive search", {200}, dict(method="GET", url="/v1/quotes/search?q=district")),
    ("alerts", {200}, dict(method="GET", url="/v1/alerts")),
]


def answers_ready(base: str) -> bool:
    try:
        return requests.get(base + "/readyz", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


@contextmanager
def gunicorn(log: Path, environment: dict, **settings: str) -> Iterator[tuple[str, psutil.Process]]:
    """gunicorn with gunicorn.conf.py on a free loopback port, `WORKERS` workers, in `environment` (the
    `environment` fixture) with these settings; yields its URL and its master process once every worker is up
    and the models are loaded."""
    port = free_port()
    env = {**environment, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(WORKERS),
           "TORCH_THREADS": "1", "QUOTES_MAX_BODY_BYTES": str(MAX_BODY_BYTES), "QUOTES_RATE_LIMIT": "100000/minute",
           **settings}
    # the log goes to a file, not a pipe, which would block the server once full; no control socket: its
    # default path is shared with any other gunicorn of the machine
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket",
                                "app:create_app()"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    base = f"http://127.0.0.1:{port}"
    master = psutil.Process(process.pid)
    try:
        give_up = time.monotonic() + STARTUP_SECONDS
        while not (answers_ready(base) and len(master.children()) == WORKERS):
            assert process.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < give_up, "gunicorn was not ready in time"
            time.sleep(0.5)
        yield base, master
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def send_all(base: str, mix: list, count: int) -> list[tuple[str, set, int | str]]:
    """Send `count` requests, going round `mix`, from `THREADS` threads; stop sending at the time cap.
    Each outcome: the request's name, its expected statuses, and the status or what went wrong."""
    stop_at = time.monotonic() + TIME_CAP_SECONDS
    local = threading.local()

    def send(number):
        name, expected, request = mix[number % len(mix)]
        if time.monotonic() > stop_at:
            return name, expected, "not sent: time cap"
        if not hasattr(local, "session"):
            local.session = requests.Session()
        # a fresh body per request: a generator is read once; an article gets a new text or id
        request = {**request, **{key: value() for key, value in request.items() if callable(value)}}
        try:
            response = local.session.request(**{**request, "url": base + request["url"]}, timeout=60)
        except requests.RequestException as error:
            return name, expected, f"connection error: {type(error).__name__}"
        if response.status_code >= 400:
            assert response.headers["Content-Type"] == "application/problem+json", (name, response.text[:200])
        return name, expected, response.status_code

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(send, number) for number in range(count)]
        wait(futures, timeout=TIME_CAP_SECONDS + 60)
    outcomes = [future.result(timeout=0) for future in futures]
    print("outcomes:", Counter(status for _, _, status in outcomes))  # shown with pytest -s
    return outcomes


def test_mixed_load_gets_no_5xx_no_connection_error_and_keeps_its_workers(tmp_path, environment):
    with gunicorn(tmp_path / "gunicorn.log", environment) as (base, master):
        workers = {child.pid for child in master.children()}
        outcomes = send_all(base, MIX, REQUESTS)
        unexpected = [outcome for outcome in outcomes if outcome[2] not in outcome[1]]
        assert not unexpected, unexpected
        assert {child.pid for child in master.children()} == workers
    assert "database is locked" not in (tmp_path / "gunicorn.log").read_text()


def test_requests_past_the_deadline_get_503_and_the_workers_live_on(tmp_path, environment):
    mix = [("slow article", {503}, dict(method="POST", url="/v1/quotes", json={"text": SLOW_TEXT})),
           ("json article", {200}, dict(method="POST", url="/v1/quotes", json={"text": ARTICLE}))]
    # the default body limit: the slow article is larger than the mixed test's MAX_BODY_BYTES
    with gunicorn(tmp_path / "gunicorn.log", environment, QUOTES_DEADLINE_SECONDS="2", QUOTES_MAX_BODY_BYTES="2097152") \
            as (base, master):
        workers = {child.pid for child in master.children()}
        outcomes = send_all(base, mix, 8)
        unexpected = [outcome for outcome in outcomes if outcome[2] not in outcome[1]]
        assert not unexpected, unexpected
        assert {child.pid for child in master.children()} == workers
