"""Text without whitespace, which Stanza's tokenizer handles in time quadratic in a run's length.

The engine's normaliser hides runs longer than any word from Stanza; this prints how long the
engine takes on a 50,000-character run and on 200,000 characters of base64 runs of 500 to 4,000,
beside a prose article of the same size, all in one process (CPU seconds, one torch thread).
"""
from __future__ import annotations

import base64
import random
import time

from bench.speed import ARTICLES


def base64_runs(size: int) -> str:
    """`size` characters of base64 runs of 500 to 4,000 characters, one space apart (pasted images, minified code)."""
    rng = random.Random(size)
    runs = [base64.b64encode(rng.randbytes(3000)).decode()[:rng.randint(500, 4000)] for _ in range(size // 500 + 1)]
    return " ".join(runs)[:size]


def prose(size: int) -> str:
    """`size` characters of real articles, repeated."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt")))
    return (text * (size // len(text) + 1))[:size]


def main() -> int:
    import torch

    from quotes import extract
    from quotes.nlp import load_pipeline

    torch.set_num_threads(1)
    load_pipeline()
    extract("“Warm up,” she said.")
    cases = [("one run of 50,000 characters", "a" * 50_000), ("200,000 characters of base64 runs", base64_runs(200_000))]
    if ARTICLES.is_dir():
        cases.append(("20,000 characters of prose, for scale", prose(20_000)))
    for label, text in cases:
        started = time.process_time()
        result = extract(text)
        print(f"{label:40} {time.process_time() - started:6.2f} s CPU  {len(result['quotes'])} quotes")
    return 0
