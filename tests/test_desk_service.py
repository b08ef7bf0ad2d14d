"""The desk under gunicorn, as the Procfile runs it: the archive outlives a restart, and a service whose
database schema is behind the code says so and exits instead of serving."""
import os
import subprocess
import sys

import requests
from support import free_port
from test_api import ARTICLE
from test_load import ROOT, gunicorn


def test_the_archive_survives_a_restart(tmp_path, environment):
    database = f"sqlite:///{tmp_path / 'archive.db'}"
    subprocess.run([sys.executable, "-m", "desk", "upgrade"], cwd=ROOT, check=True, timeout=60,
                   env={**environment, "QUOTES_DATABASE_URL": database})
    with gunicorn(tmp_path / "first.log", environment, QUOTES_DATABASE_URL=database) as (base, _):
        posted = requests.post(base + "/v1/articles", json={"id": "cms-42", "text": ARTICLE, "source": "wire"},
                               timeout=60)
        assert posted.status_code == 201, posted.text
    with gunicorn(tmp_path / "second.log", environment, QUOTES_DATABASE_URL=database) as (base, _):
        stored = requests.get(base + "/v1/articles/cms-42", timeout=60)
        assert stored.status_code == 200
        assert stored.json()["quotes"] == posted.json()["quotes"]
        listed = requests.get(base + "/v1/articles?source=wire", timeout=60).json()["articles"]
        assert [article["id"] for article in listed] == ["cms-42"]


def served(environment: dict) -> subprocess.CompletedProcess:
    """gunicorn as the Procfile runs it, on a free loopback port; it must stop by itself."""
    return subprocess.run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket",
                           "--bind", f"127.0.0.1:{free_port()}", "app:create_app()"],
                          check=False, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_importing_the_app_module_builds_nothing_and_touches_no_database(tmp_path):
    missing = tmp_path / "never-created.db"
    environment = {**os.environ, "QUOTES_DATABASE_URL": f"sqlite:///{missing}"}
    imported = subprocess.run([sys.executable, "-c", "import app; assert not hasattr(app, 'app')"], check=False,
                              cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert not missing.exists()


def test_a_service_on_a_schema_that_is_behind_says_so_and_exits(tmp_path):
    environment = {**os.environ, "QUOTES_DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.db'}"}
    finished = served(environment)
    assert finished.returncode == 3, finished.stderr[-2000:]
    assert "schema none" in finished.stderr and "python -m desk upgrade" in finished.stderr, finished.stderr[-2000:]
    assert "Traceback" not in finished.stderr
    check = subprocess.run([sys.executable, "-m", "desk", "check"], check=False, cwd=ROOT, env=environment,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 3 and "schema none" in check.stderr


def test_a_service_whose_database_is_unreachable_says_so_and_exits(tmp_path):
    environment = {**os.environ, "QUOTES_DATABASE_URL": f"postgresql+psycopg://quotes@127.0.0.1:{free_port()}/quotes"}
    finished = served(environment)
    assert finished.returncode == 3 and "archive database (QUOTES_DATABASE_URL) is unavailable" in finished.stderr
    assert "Traceback" not in finished.stderr
