"""Write the engine's records for whole corpora, to show that a refactor keeps behaviour.

    python tools/records.py OUT_DIR [--sets polnear-train,polnear-dev,seeds,news] [--fresh]
    python tools/records.py --evaluate GOLD [-v]   (quotes.evaluate on the cached parses: seconds, not minutes)

One JSON line per article (`{"doc_id", "result"}`, the result without its timing) in
OUT_DIR/SET.jsonl. Parses are cached per article text and parsing code (QUOTES_RECORDS_CACHE, default
~/.cache/quotes-records), so that two versions of the stages after parsing are compared on the same
parse; `--fresh` parses again (and refreshes the cache), to compare the parsing stages too.
Compare two runs with `cmp` or `diff`.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes import pipeline, records  # noqa: E402
from quotes.article import Article  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
BATCH = 16


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _folder(path: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.txt"))]


SETS = {
    "polnear-train": lambda: [(d["doc_id"], d["text"]) for d in _jsonl(CORPUS / "polnear" / "train.jsonl")],
    "polnear-dev": lambda: [(d["doc_id"], d["text"]) for d in _jsonl(CORPUS / "polnear" / "dev.jsonl")],
    "seeds": lambda: _folder(CORPUS / "articles"),
    "news": lambda: _folder(CORPUS / "news" / "articles"),
    "news-train": lambda: _folder(CORPUS / "news-train" / "articles"),
}


ROOT = Path(__file__).resolve().parent.parent
# What decides an article's parse besides Stanza: the parsing stages, the cue words that choose the
# sentences to parse, the quote-mark model and word lists the marks stage reads.
PARSING_FILES = ("quotes/stages/marks.py", "quotes/stages/tokens.py", "quotes/stages/parse.py", "quotes/english/cues.py",
                 "quotes/models/single_marks.json", "quotes/english/lexicon/elisions.txt")


@functools.cache
def _parsing_digest() -> str:
    files = [ROOT / f for f in PARSING_FILES] + sorted((ROOT / "quotes/english/lexicon").glob("*cue*"))
    return hashlib.sha1(b"".join(f.read_bytes() for f in files if f.exists())).hexdigest()


def _cache_path(text: str) -> Path:
    directory = Path(os.environ.get("QUOTES_RECORDS_CACHE", Path.home() / ".cache" / "quotes-records"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory / (hashlib.sha1((_parsing_digest() + text).encode()).hexdigest() + ".pickle")


def parsed(texts: list[str], fresh: bool) -> list[Article]:
    paths = [_cache_path(text) for text in texts]
    missing = [i for i, p in enumerate(paths) if fresh or not p.exists()]
    for start in range(0, len(missing), BATCH):
        batch = missing[start:start + BATCH]
        for i, article in zip(batch, pipeline.parse_texts([texts[i] for i in batch])):
            paths[i].write_bytes(pickle.dumps(article))
        print(f"  parsed {min(start + BATCH, len(missing))}/{len(missing)}", file=sys.stderr, flush=True)
    return [pickle.loads(p.read_bytes()) for p in paths]


def cached_extract_many(texts: list[str], doc_ids: list) -> list[dict]:
    """quotes.extract_many on the cached parses (for iterating on the stages after parsing)."""
    return [records.build(pipeline.analyse(article), doc_id, {})
            for doc_id, article in zip(doc_ids, parsed(texts, fresh=False))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--evaluate", type=Path, help="score this gold file instead (quotes.evaluate)")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    if args.evaluate:
        from quotes import evaluate

        if evaluate.is_span_gold(args.evaluate):
            score = evaluate.evaluate_spans(args.evaluate, extract_many=cached_extract_many)
        else:
            score = evaluate.evaluate_anchors(args.evaluate, extract_many=cached_extract_many)
        if args.verbose:
            print("\n".join(score.misses + score.extras + score.wrong))
        evaluate.print_figures(score)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in args.sets.split(","):
        documents = SETS[name]()
        articles = parsed([text for _, text in documents], args.fresh)
        with (args.out / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            for (doc_id, _), article in zip(documents, articles):
                result = records.build(pipeline.analyse(article), doc_id, {})
                out.write(json.dumps({"doc_id": doc_id, "result": result}, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(documents)} articles", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
