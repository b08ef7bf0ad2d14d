"""Fixtures in the Flask tutorial's style; the app is created once (models load once per process)."""
import os
import tempfile
from pathlib import Path

import pytest
import torch

# The quote desk's archive of this test run: a SQLite file of its own (the servers the tests start inherit
# it), its schema made by the migrations before the app module (which checks it) is imported.
if "QUOTES_DATABASE_URL" not in os.environ:
    os.environ["QUOTES_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='quotes-test-')}/quotes.db"
from desk import db  # noqa: E402

db.upgrade()

# The backfill jobs' Redis of this test run (POST /v1/jobs queues into it; tests/test_jobs.py starts its own, with
# workers), started now since test modules build apps as they are collected; stopped at the end of the run.
if "QUOTES_BROKER_URL" not in os.environ:
    import redis_server  # noqa: E402

    _JOBS_REDIS, os.environ["QUOTES_BROKER_URL"] = redis_server.start()

from app import create_app  # noqa: E402

# One torch thread, as in each gunicorn worker (TORCH_THREADS): on a machine whose cores are busy,
# torch's threads wait on each other and a 20 ms parse can take seconds.
torch.set_num_threads(1)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def app():
    # the suite sends hundreds of requests from one address: rate limits have their own tests
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False}, preload=True)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def make_client(app):
    """A test client of an app with its own settings (the models stay loaded: `app` loaded them)."""
    def make(**config):
        return create_app({"TESTING": True, **config}).test_client()
    return make


@pytest.fixture(scope="session")
def seed_article():
    """A real scraped article from ../shared (never copied into the project)."""
    path = SHARED / "corpus" / "articles" / "000_728c986945fe4863.txt"
    if not path.is_file():
        pytest.skip("../shared/corpus is not beside the project")
    return path.read_text(encoding="utf-8")


def pytest_unconfigure(config):
    if "_JOBS_REDIS" in globals():
        redis_server.stop(_JOBS_REDIS)
