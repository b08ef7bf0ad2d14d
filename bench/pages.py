"""The HTML reader on the web-pages benchmark (../shared/corpus/web-pages): whole news and blog pages, scored
against their hand-extracted article bodies by the benchmark's own evaluate.py.

Writes artifacts/web-pages/output/quotes-service.json beside a copy of ground-truth.json (the layout
evaluate.py reads), prints evaluate.py's table and the pages the service would answer with 422.
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from quotes.html_text import read_html
from schemas.quotes import ValidationError, check_article_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "web-pages"
WORKDIR = ROOT / "artifacts" / "web-pages"
NAME = "quotes-service"


def main() -> int:
    if not CORPUS.is_dir():
        print(f"the benchmark is missing: {CORPUS}", file=sys.stderr)
        return 1
    ground_truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    output, refused = {}, []
    started = time.perf_counter()
    for key in ground_truth:
        html = gzip.decompress((CORPUS / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        text = read_html(html).text
        try:
            check_article_text(text, None, source="html")
        except ValidationError:
            refused.append(key)
        output[key] = {"articleBody": text}
    elapsed = time.perf_counter() - started
    (WORKDIR / "output").mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / "ground-truth.json", WORKDIR / "ground-truth.json")
    (WORKDIR / "output" / f"{NAME}.json").write_text(json.dumps({"version": "main", "output": output}), encoding="utf-8")
    print(f"{len(ground_truth)} pages read in {elapsed:.1f} s; answered 422 (no article text): {len(refused)} {refused}")
    return subprocess.run([sys.executable, str(CORPUS / "evaluate.py")], cwd=WORKDIR, check=False).returncode
