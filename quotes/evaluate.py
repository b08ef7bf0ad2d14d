"""Score the engine against hand-checked gold quotes.

    python -m quotes.evaluate [GOLD.jsonl] [--articles DIR] [--verbose]

Gold format (``../shared/corpus/gold/seeds.jsonl``): one line per quotation with ``doc`` (a file
in the articles directory), ``anchor`` (a distinctive substring of the quoted words),
``anchor_start``, ``speaker``, ``affiliation`` and ``kind``.

A gold quote is *found* when one span of a predicted ``direct``/``mixed`` record covers at least
half of its anchor. Figures:

- recall: found gold quotes / gold quotes;
- precision: predicted direct/mixed records that cover some gold anchor / such records;
- speaker: found with the right speaker (null where the gold has none) / gold quotes;
- affiliation: found with the right affiliation (null where the gold has none) / gold quotes.

Names compare case-insensitively, ignoring a leading "the", honorifics, middle initials and
punctuation.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from quotes import lexicons

DIRECT_KINDS = ("direct", "mixed")
DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gold" / "seeds.jsonl"


def normalise_name(name: str | None) -> str | None:
    """The comparable form of a name: "the Ministry of Foreign Affairs" == "Ministry of Foreign Affairs"."""
    if not name:
        return None
    honorifics = lexicons.words(lexicons.HONORIFICS)
    tokens = re.sub(r"[^\w\s-]", " ", name.lower().replace("’s", "").replace("'s", "")).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    tokens = [t for t in tokens if t not in honorifics and not (len(t) == 1 and len(tokens) > 2)]
    return " ".join(tokens) or None


def same_name(predicted: str | None, gold: str | None) -> bool:
    return normalise_name(predicted) == normalise_name(gold)


def covers(span: dict, start: int, end: int) -> bool:
    """The span covers at least half of [start, end)."""
    overlap = min(span["end"], end) - max(span["start"], start)
    return overlap * 2 >= (end - start)


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    speaker_right: int = 0
    affiliation_right: int = 0
    predicted: int = 0
    predicted_right: int = 0
    words: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "recall": round(self.ratio(self.found, self.gold), 3),
            "precision": round(self.ratio(self.predicted_right, self.predicted), 3),
            "speaker": round(self.ratio(self.speaker_right, self.gold), 3),
            "affiliation": round(self.ratio(self.affiliation_right, self.gold), 3),
            "gold": self.gold,
            "predicted": self.predicted,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else 0.0,
        }


def score_document(score: Score, text: str, gold: list[dict], result: dict) -> None:
    """Add one article's gold lines and predicted records to `score`."""
    records = [q for q in result["quotes"] if q["kind"] in DIRECT_KINDS]
    anchors = [(g, g["anchor_start"], g["anchor_start"] + len(g["anchor"])) for g in gold]
    score.gold += len(gold)
    score.predicted += len(records)
    for record in records:
        if any(covers(span, a, b) for _, a, b in anchors for span in record["spans"]):
            score.predicted_right += 1
        else:
            score.extras.append(f"extra: {record['text'][:70]!r} ({(record['speaker'] or {}).get('name')})")
    for line, a, b in anchors:
        record = next((r for r in records if any(covers(s, a, b) for s in r["spans"])), None)
        if record is None:
            score.misses.append(f"miss: {line['anchor'][:70]!r} ({line['speaker']})")
            continue
        score.found += 1
        speaker = (record["speaker"] or {}).get("name")
        affiliation = (record["affiliation"] or {}).get("name")
        if same_name(speaker, line["speaker"]):
            score.speaker_right += 1
        else:
            score.wrong.append(f"speaker: {line['anchor'][:50]!r} gold={line['speaker']!r} got={speaker!r}")
        if same_name(affiliation, line["affiliation"]):
            score.affiliation_right += 1
        else:
            score.wrong.append(f"affiliation: {line['anchor'][:50]!r} ({line['speaker']}) "
                               f"gold={line['affiliation']!r} got={affiliation!r}")


def evaluate_seeds(gold_path: Path, articles: Path, extract_many=None) -> Score:
    """Run the engine (or `extract_many`) over every gold article and score it."""
    if extract_many is None:
        from quotes import extract_many
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_doc[row["doc"]].append(row)
    names = sorted(by_doc)
    texts = [(articles / name).read_text(encoding="utf-8") for name in names]
    score = Score()
    started = time.perf_counter()
    results = extract_many(texts, names)
    score.seconds = time.perf_counter() - started
    for text, name, result in zip(texts, names, results):
        score.words += len(text.split())
        score_document(score, text, by_doc[name], result)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help="gold JSONL file")
    parser.add_argument("--articles", type=Path, help="directory of the gold's articles (default: ../articles)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and wrong speakers")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"no gold file at {args.gold}")
    articles = args.articles or args.gold.resolve().parent.parent / "articles"
    score = evaluate_seeds(args.gold, articles)
    if args.verbose:
        for line in score.misses + score.extras + score.wrong:
            print(line)
    for name, value in score.figures().items():
        print(f"{name:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
