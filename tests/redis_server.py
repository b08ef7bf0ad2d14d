"""A throwaway Redis server for the tests: Debian's redis-server on a free loopback port, nothing saved to disk,
stopped at the end."""
from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager

import redis

from support import free_port

STARTUP_SECONDS = 20


@contextmanager
def redis_server():
    """Yields the server's URL (redis://127.0.0.1:PORT)."""
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed (./run test installs Debian's redis-server)"
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    uri = f"redis://127.0.0.1:{port}"
    try:
        client = redis.Redis.from_url(uri)
        give_up = time.monotonic() + STARTUP_SECONDS
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
