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


def start() -> tuple[subprocess.Popen, str]:
    """A running server and its URL (redis://127.0.0.1:PORT); the caller stops it (`stop`)."""
    server = shutil.which("redis-server")
    assert server, "redis-server is not installed (./run test installs Debian's redis-server)"
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    uri = f"redis://127.0.0.1:{port}"
    client = redis.Redis.from_url(uri)
    give_up = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None or time.monotonic() > give_up:
            stop(process)
            raise AssertionError("redis-server did not start")
        try:
            client.ping()
            return process, uri
        except redis.ConnectionError:
            time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@contextmanager
def redis_server():
    """Yields the URL of a server that runs as long as the block."""
    process, uri = start()
    try:
        yield uri
    finally:
        stop(process)
