"""Score the engine against hand-annotated gold quotes.

    python -m quotes.evaluate [GOLD.jsonl] [--articles DIR] [--limit N] [--fold K/N] [--verbose]

Two gold formats, told apart by their first line.

**Anchors** (``../shared/corpus/gold/seeds.jsonl``): one line per quotation with ``doc`` (a file
in the articles directory), ``anchor`` (a distinctive substring of the quoted words),
``anchor_start``, ``speaker``, ``affiliation`` and ``kind``. A gold quote is *found* when one span
of a predicted ``direct``/``mixed`` record covers at least half of its anchor. Figures:

- recall: found gold quotes / gold quotes;
- precision: predicted direct/mixed records that cover some gold anchor / such records;
- speaker: found with the right speaker / gold quotes; the gold's null (the article does not say
  who) is matched by no speaker or an unnamed one (``named`` false: "top U.S. officials");
- affiliation: found with the right affiliation (null where the gold has none) / gold quotes.

Names compare case-insensitively, ignoring a leading "the", honorifics, middle initials and
punctuation.

**Spans** (PolNeAR, ``../shared/corpus/polnear/dev.jsonl``): one article per line with ``text``
and ``quotes``, each with ``quote_fragments``, ``speaker_fragments``, ``cue`` and ``kind``.
A record *covers* a gold attribution when one of its spans, or the reported clause it gives as
``content``, covers at least half of the gold's longest fragment. Figures:

- direct_recall: gold direct/mixed attributions covered by a predicted direct/mixed record;
- direct_precision: predicted direct/mixed records whose first span lies, at least half, inside
  some gold content (of any kind); direct_f1;
- indirect_recall: gold indirect attributions whose cue is a speech cue (the cue lexicon, and
  "according to"), covered by any predicted record;
- indirect_precision: predicted indirect records lying, at least half, inside some gold content;
- speaker: gold direct/mixed attributions with a source that are found and whose predicted
  speaker mention overlaps the gold source, or whose speaker name holds the source's last word or
  the last word of its name before an apposition or parenthesis ("Filippo Grandi, the United
  Nations High Commissioner for Refugees (UNHCR),"), over the found ones (speaker of found quotes);
- speaker_end_to_end: the same right speakers over every gold direct/mixed attribution with a
  source, found or not;
- words_per_second: the engine's speed over the articles, model loading excluded.
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
        # an unnamed source ("top U.S. officials") is the gold's null: the article does not say who
        speaker = record["speaker"]["name"] if record["speaker"] and record["speaker"]["named"] else None
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


# ---- spans (PolNeAR) -----------------------------------------------------------------------
IRREGULAR_FORMS = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
                   "spoken": "speak", "according": "according to"}


def speech_lemma(cue: str) -> str | None:
    """The speech-verb lemma of a gold cue ("has said" → "say"), or None when it is no speech cue."""
    speech = lexicons.words(lexicons.CUE_VERBS) | {"according to"}
    for word in re.findall(r"[a-z]+", cue.lower()):
        candidates = [IRREGULAR_FORMS.get(word, word)] + lexicons.base_forms(word)
        found = next((c for c in candidates if c in speech), None)
        if found:
            return found
    return None


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """[start, end) lies at least half inside one of `spans`."""
    return any((min(end, b) - max(start, a)) * 2 >= (end - start) for a, b in spans)


def _record_spans(record: dict) -> list[dict]:
    spans = list(record["spans"])
    if record.get("content"):
        spans.append(record["content"])
    return spans


@dataclass
class SpanScore:
    direct_gold: int = 0
    direct_found: int = 0
    direct_predicted: int = 0
    direct_right: int = 0
    indirect_gold: int = 0
    indirect_found: int = 0
    indirect_predicted: int = 0
    indirect_right: int = 0
    speaker_gold: int = 0  # found, with a gold source
    speaker_right: int = 0
    sourced_gold: int = 0  # with a gold source, found or not
    words: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        ratio = Score.ratio
        recall, precision = ratio(self.direct_found, self.direct_gold), ratio(self.direct_right, self.direct_predicted)
        return {
            "direct_recall": round(recall, 3),
            "direct_precision": round(precision, 3),
            "direct_f1": round(2 * recall * precision / (recall + precision), 3) if recall + precision else 0.0,
            "indirect_recall": round(ratio(self.indirect_found, self.indirect_gold), 3),
            "indirect_precision": round(ratio(self.indirect_right, self.indirect_predicted), 3),
            "speaker": round(ratio(self.speaker_right, self.speaker_gold), 3),
            "speaker_end_to_end": round(ratio(self.speaker_right, self.sourced_gold), 3),
            "direct_gold": self.direct_gold,
            "indirect_gold": self.indirect_gold,
            "words_per_second": round(self.words / self.seconds, 1) if self.seconds else 0.0,
        }


def score_spans(score: SpanScore, document: dict, result: dict) -> None:
    """Add one PolNeAR article and its predicted records to `score`."""
    text, name = document["text"], document.get("doc_id", "?")
    contents = [tuple(f) for gold in document["quotes"] for f in gold["quote_fragments"]]
    records = result["quotes"]
    direct = [r for r in records if r["kind"] in DIRECT_KINDS]
    for record in records:
        first = record["spans"][0]
        right = _inside(first["start"], first["end"], contents)
        if record["kind"] in DIRECT_KINDS:
            score.direct_predicted += 1
            score.direct_right += right
        else:
            score.indirect_predicted += 1
            score.indirect_right += right
        if not right:
            score.extras.append(f"{name}: extra {record['kind']}: {record['text'][:80]!r}")
    for gold in document["quotes"]:
        a, b = max(gold["quote_fragments"], key=lambda f: f[1] - f[0])
        if gold["kind"] in DIRECT_KINDS:
            score.direct_gold += 1
            score.sourced_gold += bool(gold["speaker_fragments"])
            record = next((r for r in direct if any(covers(s, a, b) for s in _record_spans(r))), None)
            if record is None:
                score.misses.append(f"{name}: miss {gold['kind']}: {text[a:b][:80]!r} ({gold['speaker']})")
                continue
            score.direct_found += 1
            if gold["speaker_fragments"]:
                score.speaker_gold += 1
                if speaker_matches(record["speaker"], gold):
                    score.speaker_right += 1
                else:
                    got = record["speaker"] and (record["speaker"]["mention"], record["speaker"]["name"])
                    score.wrong.append(f"{name}: speaker {text[a:b][:50]!r} gold={gold['speaker']!r} got={got!r}")
        elif speech_lemma(gold["cue"]):
            score.indirect_gold += 1
            if any(covers(s, a, b) for r in records for s in _record_spans(r)):
                score.indirect_found += 1
            else:
                score.misses.append(f"{name}: miss indirect ({gold['cue']}): {text[a:b][:80]!r}")


def speaker_matches(speaker: dict | None, gold: dict) -> bool:
    """The record's speaker is the gold source: its mention overlaps the source, or its name holds the source's name word."""
    if speaker is None:
        return False
    if any(speaker["start"] < end and start < speaker["end"] for start, end in gold["speaker_fragments"]):
        return True
    name_words = re.findall(r"\w+", speaker["name"].lower())
    # the source's name is its last word, or the last before an apposition or a parenthesis:
    # "Filippo Grandi, the United Nations High Commissioner for Refugees (UNHCR),", "Sen. Bernie Sanders (I-Vt.)"
    source = gold["speaker"].lower().replace("’s", "").replace("'s", "")
    return any(words and words[-1] in name_words
               for words in (re.findall(r"\w+", source), re.findall(r"\w+", re.split(r"[,(]", source)[0])))


def in_fold(index: int, fold: str | None) -> bool:
    """Article `index` (0-based line number) belongs to fold "K/N": index % N == K (None: all do)."""
    if fold is None:
        return True
    k, n = (int(x) for x in fold.split("/"))
    return index % n == k


def evaluate_spans(gold_path: Path, limit: int | None = None, extract_many=None, fold: str | None = None) -> SpanScore:
    """Run the engine (or `extract_many`) over the articles of a PolNeAR file and score it."""
    if extract_many is None:
        from quotes import extract_many
    documents = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = [d for i, d in enumerate(documents) if in_fold(i, fold)]
    documents = documents[:limit] if limit else documents
    score = SpanScore()
    started = time.perf_counter()
    results = extract_many([d["text"] for d in documents], [d.get("doc_id") for d in documents])
    score.seconds = time.perf_counter() - started
    for document, result in zip(documents, results):
        score.words += len(document["text"].split())
        score_spans(score, document, result)
    return score


def is_span_gold(gold_path: Path) -> bool:
    with gold_path.open(encoding="utf-8") as lines:
        first = json.loads(next((line for line in lines if line.strip()), "{}"))
    return "text" in first and "quotes" in first


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
    parser.add_argument("--limit", type=int, help="score only the first N articles of a span gold file")
    parser.add_argument("--fold", help="score only the articles of fold K/N of a span gold file (line % N == K); "
                                       "training holds out fold 0/6 of PolNeAR train (quotes.train)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and wrong speakers")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"no gold file at {args.gold}")
    if is_span_gold(args.gold):
        score = evaluate_spans(args.gold, args.limit, fold=args.fold)
    else:
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
