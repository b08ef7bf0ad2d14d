"""Rate limits shared between processes through a real Redis server (Debian's redis-server, started
here on a loopback port, nothing saved to disk)."""
import pytest
import redis
from redis_server import redis_server
from support import SENTENCE, free_port

ARTICLE = {"text": SENTENCE}


@pytest.fixture(scope="module")
def redis_uri():
    with redis_server() as uri:
        yield uri


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
