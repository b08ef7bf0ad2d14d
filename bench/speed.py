"""Speed of the engine against the naive full-parse baseline, side by side in one process.

The baseline runs the whole Stanza pipeline (tokenize, mwt, pos, lemma, depparse) over every
sentence of an article and then the same extraction code; the engine is the service as shipped,
called through the Flask app (schemas, JSON and logging included), one article per request.
Both see the same texts, in the same process, on the same torch threads, article by article in turn.
"""
from __future__ import annotations

import functools
import gc
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ARTICLES = SHARED / "corpus" / "articles"
SEEDS = SHARED / "corpus" / "gold" / "seeds.jsonl"


class StanzaClock:
    """CPU seconds spent inside each Stanza processor (every pipeline call goes through `process`).

    CPU time of this process, not wall time: the machines are shared, and with one torch thread
    the two are the same when nothing else runs.
    """

    def __init__(self, *pipelines):
        self.seconds: dict[str, float] = defaultdict(float)
        for pipeline in pipelines:
            for name, processor in pipeline.processors.items():
                processor.process = self._timed(name, processor.process)

    def _timed(self, name, process):
        def timed(document):
            started = time.process_time()
            try:
                return process(document)
            finally:
                self.seconds[name] += time.process_time() - started
        return timed

    def reset(self) -> None:
        self.seconds.clear()


def corpus(min_words: int) -> list[str]:
    """The shared articles, repeated until they hold at least `min_words` words."""
    articles = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]
    texts: list[str] = []
    while sum(len(text.split()) for text in texts) < min_words:
        texts.extend(articles)
    return texts


@functools.cache
def naive_pipeline():
    """Stanza's pipeline as anyone would load it: the engine's processors, Stanza's default settings."""
    from quotes.nlp import build_pipeline

    return build_pipeline()


def naive_extract_many(texts: list[str], doc_ids: list | None = None) -> list[dict]:
    """The baseline: the full Stanza pipeline on every sentence of each article, then the same stages."""
    import stanza

    from quotes import records
    from quotes.nlp.patches import stock
    from quotes.pipeline import analyse, from_document

    doc_ids = doc_ids or [None] * len(texts)
    results = []
    for text, doc_id in zip(texts, doc_ids):
        with stock():
            document = naive_pipeline()(stanza.Document([], text=text))
        results.append(records.build(analyse(from_document(text, document)), doc_id, {}))
    return results


def _interleaved_runs(clock: StanzaClock, runs: dict, texts: list[str]) -> dict:
    """Each run over all `texts`, article by article in turn (so that both meet the same moments of a
    shared machine's load, which moves by more than the ratio between them otherwise)."""
    figures = {name: {"seconds": 0.0, "wall": 0.0, "processors": defaultdict(float)} for name in runs}
    for text in texts:
        for name, run in runs.items():
            clock.reset()
            started, wall_started = time.process_time(), time.perf_counter()
            run(text)
            figures[name]["seconds"] += time.process_time() - started
            figures[name]["wall"] += time.perf_counter() - wall_started
            for stage, seconds in clock.seconds.items():
                figures[name]["processors"][stage] += seconds
    words = sum(len(text.split()) for text in texts)
    for run in figures.values():
        stanza_seconds = sum(run["processors"].values())
        run.update(words=words, words_per_second=words / run["seconds"], stanza_seconds=stanza_seconds,
                   outside_share=1 - stanza_seconds / run["seconds"])
    return figures


def main(min_words: int = 20_000) -> int:
    import torch

    torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
    from desk import db

    # the service as it runs, on a throwaway archive: the engine is timed, not the desk's database
    database = f"sqlite:///{tempfile.mkdtemp(prefix='quotes-speed-')}/archive.db"
    db.upgrade(database)
    from app import create_app
    from quotes.evaluate import evaluate_anchors
    from quotes.nlp import load_pipeline

    client = create_app({"TESTING": True, "DATABASE_URL": database}, preload=True).test_client()
    clock = StanzaClock(load_pipeline(), naive_pipeline())
    gc.freeze()  # the baseline's models too, as the engine's (quotes.nlp.load_pipeline)
    texts = corpus(min_words)

    def engine(text: str) -> None:
        response = client.post("/v1/quotes", json={"text": text})
        assert response.status_code == 200, response.get_data(as_text=True)

    def baseline(text: str) -> None:
        naive_extract_many([text])

    engine(texts[0]), baseline(texts[0])  # warm up both paths
    runs = _interleaved_runs(clock, {"naive": baseline, "engine": engine}, texts)
    print(f"{len(texts)} articles, {runs['engine']['words']} words, torch threads {torch.get_num_threads()}")
    for name, run in runs.items():
        stages = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in run["processors"].items())
        print(f"{name:>7}: {run['words_per_second']:7.1f} words/s  {run['seconds']:6.1f}s CPU ({run['wall']:.1f}s wall)  "
              f"outside Stanza {run['outside_share']:6.1%}  ({stages})")
    print(f"  ratio: {runs['engine']['words_per_second'] / runs['naive']['words_per_second']:.2f}x engine/naive")

    from quotes import extract_many

    articles = ARTICLES
    for name, extractor in (("naive", naive_extract_many), ("engine", extract_many)):
        figures = evaluate_anchors(SEEDS, articles, extract_many=extractor).figures()
        print(f"{name:>7} on the seed gold: " + ", ".join(
            f"{key} {figures[key]}" for key in ("recall", "precision", "speaker", "affiliation")))
    return 0
