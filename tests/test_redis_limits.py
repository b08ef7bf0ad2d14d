"""Rate limits shared between processes through a real Redis server (Debian's redis-server, started
here on a loopback port, nothing saved to disk)."""
import shutil
import subprocess
import time

import pytest
import redis

from support import SENTENCE, free_port

ARTICLE = {"text": SENTENCE}


@pytest.fixture(scope="module")
def redis_uri():
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed (.ci/run installs Debian's redis-server)"
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    uri = f"redis://127.0.0.1:{port}"
    try:
        client = redis.Redis.from_url(uri)
        give_up = time.monotonic() + 20
        while True:
            assert process.poll() is None, "redis-server exited"
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < give_up, "redis-server did not answer"
                time.sleep(0.1)
        yield uri
    finally:
        process.terminate()
        process.wait(timeout=10)


def statuses(clients, count):
    """POST the article `count` times, turn by turn through `clients`."""
    return [clients[n % len(clients)].post("/v1/quotes", json=ARTICLE).status_code for n in range(count)]


def test_two_app_instances_share_the_count_in_redis(make_client, redis_uri):
    first, second = (make_client(RATELIMIT_STORAGE_URI=redis_uri, RATE_LIMIT="3/minute") for _ in range(2))
    assert statuses([first, second], 4) == [200, 200, 200, 429]
    response = second.post("/v1/quotes", json=ARTICLE)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert redis.Redis.from_url(redis_uri).keys("LIMITS*"), "the counts are not in Redis"


def test_in_memory_counts_are_per_instance(make_client):
    first, second = (make_client(RATELIMIT_STORAGE_URI="memory://", RATE_LIMIT="3/minute") for _ in range(2))
    assert statuses([first, second], 6) == [200] * 6


def test_requests_still_succeed_when_redis_is_down(make_client):
    client = make_client(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}", RATE_LIMIT="3/minute")
    # the limiter falls back to counting in memory: no 500 because the storage is unreachable
    assert statuses([client], 4) == [200, 200, 200, 429]
