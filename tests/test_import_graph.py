"""tools/import_graph.py: the project keeps its declared import rules, and each rule catches what breaks it."""
import re
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "import_graph.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_project_keeps_its_import_rules():
    drawn = run()
    assert drawn.returncode == 0, drawn.stderr
    assert "every rule holds" in drawn.stdout
    layers = [match[1] for match in re.finditer(r"(?m)^\d+\. (.+)$", drawn.stdout)]
    assert layers[-7:] == ["archive", "contract", "command line", "backfill", "web", "application",
                           "training and benchmarks"], layers
    assert "in no layer" not in drawn.stdout  # every module is placed


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_each_rule_catches_what_breaks_it(tmp_path):
    write(tmp_path, {
        "quotes/__init__.py": "",
        "quotes/article.py": "import flask\n",
        "quotes/english/__init__.py": "from quotes.stages import marks\n",
        "quotes/stages/__init__.py": "",
        "quotes/stages/marks.py": "from quotes.stages import cues\nfrom quotes import stages\n",
        "quotes/stages/cues.py": "from . import __name__ as package\n",
        "desk/__init__.py": "",
        "desk/archive.py": "from desk import db\nfrom web import jobs\n",
        "desk/db.py": "from .archive import Archive\n",
        "backfill/__init__.py": "",
        "backfill/celery.py": "",
        "backfill/tasks.py": "from backfill.celery import app\n",
        "web/__init__.py": "",
        "web/jobs.py": "from backfill.tasks import submit\nfrom backfill.celery import app\n"
                       "from backfill import state\n",
    })
    checked = run("--root", str(tmp_path))
    assert checked.returncode == 1
    broken = [line.removeprefix("BROKEN: ") for line in checked.stderr.splitlines()]
    assert broken == [
        "quotes.article:1 imports flask: the engine knows no web layer, database or queue",
        "quotes.english:1 imports quotes.stages.marks: the layer 'engine: stages' is above 'engine: English'",
        "quotes.stages.marks:1 imports quotes.stages.cues: the modules of quotes.stages import no other",
        "desk.archive:2 imports web.jobs: the layer 'web' is above 'archive'",
        "desk.archive:2 imports web.jobs: the archive knows no web layer and no queue (a Flask app reaches it "
        "through Archive.init_app)",
        "web.jobs:2 imports backfill.celery.app: only backfill.tasks.submit, backfill.state (the web layer queues "
        "a job through submit and reads its state; the Celery app and the task are the workers')",
        "a cycle among modules: desk.archive -> desk.db",
    ], checked.stderr
