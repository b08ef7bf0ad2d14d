"""Fixtures in the Flask tutorial's style: configuration comes from fixtures, and importing this file does nothing.

The test run's archive (a SQLite file at the newest migration) and its Redis (the backfill jobs' broker, started
on loopback and stopped at the end) are session fixtures; `app` is made once (the models load once per process)
on both. A server a test starts gets them through `environment`.
"""
import os

import pytest
import torch
from redis_server import redis_server
from support import SHARED, require_shared

from app import create_app
from desk import db

TEST_CONFIG = {"TESTING": True}


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """One torch thread, as in each gunicorn worker (TORCH_THREADS): on a machine whose cores are busy,
    torch's threads wait on each other and a 20 ms parse can take seconds."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """The archive of this test run, its schema made by the migrations: a SQLite file of its own, unless
    QUOTES_DATABASE_URL names one (e.g. a PostgreSQL database to run the suite on)."""
    url = os.environ.get("QUOTES_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('desk') / 'quotes.db'}"
    db.upgrade(url)
    return url


@pytest.fixture(scope="session")
def broker_url() -> str:
    """The backfill jobs' Redis of this test run (POST /v1/jobs queues into it; tests/test_jobs.py starts its own,
    with workers): started here on a loopback port, stopped at the end, unless QUOTES_BROKER_URL names one."""
    if os.environ.get("QUOTES_BROKER_URL"):
        yield os.environ["QUOTES_BROKER_URL"]
        return
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def app_config(database_url, broker_url) -> dict:
    """What every app of the tests is made with: the test run's archive and Redis."""
    return {**TEST_CONFIG, "DATABASE_URL": database_url, "BROKER_URL": broker_url}


@pytest.fixture(scope="session")
def environment(database_url, broker_url) -> dict:
    """The environment of a server a test starts (gunicorn, a worker): the test run's archive and Redis."""
    return {**os.environ, "QUOTES_DATABASE_URL": database_url, "QUOTES_BROKER_URL": broker_url, "TORCH_THREADS": "1"}


@pytest.fixture(scope="session")
def app(app_config):
    # the suite sends hundreds of requests from one address: rate limits have their own tests
    return create_app({**app_config, "RATELIMIT_ENABLED": False}, preload=True)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def make_client(app, app_config):
    """A test client of an app with its own settings (the models stay loaded: `app` loaded them)."""
    def make(**config):
        return create_app({**app_config, **config}).test_client()
    return make


@pytest.fixture(scope="session")
def seed_article():
    """A real scraped article from ../shared (never copied into the project)."""
    return require_shared(SHARED / "corpus" / "articles" / "000_728c986945fe4863.txt").read_text(encoding="utf-8")
