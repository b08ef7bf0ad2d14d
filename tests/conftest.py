"""Fixtures in the Flask tutorial's style; the app is created once (models load once per process)."""
from pathlib import Path

import pytest

from app import create_app

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True}, preload=True)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def seed_article():
    """A real scraped article from ../shared (never copied into the project)."""
    path = SHARED / "corpus" / "articles" / "000_728c986945fe4863.txt"
    if not path.is_file():
        pytest.skip("../shared/corpus is not beside the project")
    return path.read_text(encoding="utf-8")
