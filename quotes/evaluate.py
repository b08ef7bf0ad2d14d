"""Score the engine against hand-annotated gold quotes.

    python -m quotes.evaluate [GOLD.jsonl] [--articles DIR] [--limit N] [--fold K/N] [--verbose]

Two gold formats, told apart by their first line.

**Anchors**: one line per quotation with ``doc`` (a file in the articles directory), ``anchor`` (an
exact substring of the quoted words) and ``anchor_start``, ``speaker``, ``affiliation`` and ``kind``;
the news sets (``../shared/corpus/news/gold.jsonl``) add ``role`` and ``style`` (``double`` or
``single``: the article's quotation style), the seed gold (``../shared/corpus/gold/seeds.jsonl``) has
neither. Articles are in ``articles/`` beside the gold file (news) or beside its directory (seeds).
A predicted ``direct``/``mixed`` record *matches* a gold line when one of its spans covers at least
half of the anchor; on the news sets, matching is one-to-one, in the order of the gold lines. A
quotation interrupted by its cue in one paragraph ("A," he said. "B.") is one gold line: a record
that matches no line but goes on, in the same paragraph, after one sentence at most, from a record
matched to that line (or from a piece of it) is a *piece* of that line: right, not an
extra. On the news sets, a record whose quotation goes on over several paragraphs is one
prediction per paragraph, as their gold has one line per paragraph's stretch. Figures:

- recall: matched gold lines / gold lines;
- precision: predicted direct/mixed records that match a line or are a piece of one / such records;
- speaker: matched lines with the right speaker / matched lines (speaker of found quotes);
- speaker_end_to_end: matched lines with the right speaker / gold lines;
- affiliation, role (news sets): matched lines with the right value / matched lines; a null gold
  value is right only when the record has none.

Names compare case-insensitively, ignoring a leading "the", honorifics, middle initials and
punctuation. On the seed gold they must be equal, and a null speaker (the article does not say who)
is matched by no speaker or an unnamed one ("top U.S. officials"); on the news sets, as their README
says, one may contain the other ("Patel" for "Maya Patel", "Glenn Research Center" for "NASA Glenn
Research Center") and an unnamed speaker is compared by its description ("one resident"). The news
sets' figures are given overall and for each quotation style.

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

from quotes.english import lexicons

DIRECT_KINDS = ("direct", "mixed")
DEFAULT_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gold" / "seeds.jsonl"


NEWS_FIELDS = ("speaker", "affiliation", "role")
# A record continues an interrupted gold quotation across its cue when what lies between them in the
# paragraph is one sentence at most, and short: ("A," he said. "B.") but not ("A," said Twine, who
# chatted with the astronaut. Together, they worked out a solution in real time. "B").
PIECE_GAP_WORDS = 20
# a stop after a lone capital is a middle initial ("said David L. Pierce."), not a sentence end
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=[\s\"“”‘’']*\s)")


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


def _holds_words(longer: list[str], shorter: list[str]) -> bool:
    return any(longer[i:i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def names_agree(predicted: str | None, gold: str | None) -> bool:
    """The news sets' comparison: the same name, or one holds the other's words in order ("Patel" for
    "Maya Patel", "Glenn Research Center" for "NASA Glenn Research Center"); null only for null."""
    mine, theirs = normalise_name(predicted), normalise_name(gold)
    if mine is None or theirs is None:
        return mine == theirs
    mine_words, their_words = mine.split(), theirs.split()
    return _holds_words(mine_words, their_words) or _holds_words(their_words, mine_words)


def covers(span: dict, start: int, end: int) -> bool:
    """The span covers at least half of [start, end)."""
    overlap = min(span["end"], end) - max(span["start"], start)
    return overlap * 2 >= (end - start)


@dataclass
class Tally:
    """Counts for one set of gold lines and the records predicted in their articles."""
    gold: int = 0
    found: int = 0
    predicted: int = 0
    predicted_right: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(NEWS_FIELDS, 0))

    def figures(self, fields: tuple[str, ...]) -> dict[str, float]:
        ratio = Score.ratio
        recall, precision = ratio(self.found, self.gold), ratio(self.predicted_right, self.predicted)
        figures = {
            "recall": round(recall, 3),
            "precision": round(precision, 3),
            "f1": round(2 * recall * precision / (recall + precision), 3) if recall + precision else 0.0,
            "speaker": round(ratio(self.right["speaker"], self.found), 3),
            "speaker_end_to_end": round(ratio(self.right["speaker"], self.gold), 3),
        }
        figures.update({name: round(ratio(self.right[name], self.found), 3) for name in fields if name != "speaker"})
        return figures | {"gold": self.gold, "predicted": self.predicted}


@dataclass
class Score:
    """The figures of an anchor gold file: overall and for each quotation style (news sets)."""
    news_format: bool = False
    overall: Tally = field(default_factory=Tally)
    by_style: dict[str, Tally] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def fields(self) -> tuple[str, ...]:
        return NEWS_FIELDS if self.news_format else ("speaker", "affiliation")

    def figures(self) -> dict[str, float]:
        speed = round(self.words / self.seconds, 1) if self.seconds else 0.0
        return self.overall.figures(self.fields) | {"words_per_second": speed}

    def style_figures(self) -> dict[str, dict[str, float]]:
        return {style: tally.figures(self.fields) for style, tally in sorted(self.by_style.items())}


def _bounds(record: dict) -> tuple[int, int]:
    return min(s["start"] for s in record["spans"]), max(s["end"] for s in record["spans"])


def _continues(text: str, before: dict, record: dict, anchor_starts: list[int]) -> bool:
    """`record` goes on from `before` across a cue: same paragraph, one short sentence between, no gold anchor."""
    gap_start, gap_end = _bounds(before)[1], _bounds(record)[0]
    gap = text[gap_start:gap_end]
    return (0 <= gap_end - gap_start and "\n" not in gap and len(gap.split()) <= PIECE_GAP_WORDS
            and len(SENTENCE_END.findall(gap)) <= 1 and not any(gap_start <= a < gap_end for a in anchor_starts))


def match_lines(text: str, lines: list[dict], records: list[dict],
                one_to_one: bool = True) -> tuple[list, list[tuple[dict, dict]], list[dict]]:
    """One article's gold lines against its direct/mixed records: (line, record or None) for each line
    (`one_to_one`: a record matches one line at most); (record, line) for each record that is a piece of
    a matched line; the records left over."""
    unused = list(records)
    matches = []
    for line in lines:
        start, end = line["anchor_start"], line["anchor_start"] + len(line["anchor"])
        record = next((r for r in (unused if one_to_one else records)
                       if any(covers(s, start, end) for s in r["spans"])), None)
        if record in unused:
            unused.remove(record)
        matches.append((line, record))
    owners = [(record, line) for line, record in matches if record is not None]
    anchor_starts = [line["anchor_start"] for line in lines]
    pieces, extras = [], []
    for record in sorted(unused, key=_bounds):
        before = [(r, line) for r, line in owners if _bounds(r)[1] <= _bounds(record)[0]]
        nearest = max(before, key=lambda owned: _bounds(owned[0])[1], default=None)
        if nearest is not None and _continues(text, nearest[0], record, anchor_starts):
            pieces.append((record, nearest[1]))
            owners.append((record, nearest[1]))
        else:
            extras.append(record)
    return matches, pieces, extras


def per_paragraph(text: str, record: dict) -> list[dict]:
    """The record as one prediction per paragraph its quote runs over: the news sets have one line for
    each paragraph's stretch of a quotation that goes on over several."""
    parts = [[record["spans"][0]]]
    for span in record["spans"][1:]:
        if "\n" in text[parts[-1][-1]["end"]:span["start"]]:
            parts.append([])
        parts[-1].append(span)
    return [record] if len(parts) == 1 else [{**record, "spans": spans} for spans in parts]


def predicted_fields(record: dict, news_format: bool) -> dict[str, str | None]:
    """The record's speaker, affiliation and role as the gold gives them."""
    speaker = record["speaker"]
    if speaker is not None and not (news_format or speaker["named"]):
        speaker = None  # the seeds' null (the article does not say who) is an unnamed source: "top U.S. officials"
    return {"speaker": speaker and speaker["name"], "affiliation": (record["affiliation"] or {}).get("name"),
            "role": record.get("role")}


def score_document(score: Score, text: str, lines: list[dict], result: dict, doc: str = "?") -> None:
    """Add one article's gold lines and predicted records to `score` (overall and to the lines' style)."""
    records = [q for q in result["quotes"] if q["kind"] in DIRECT_KINDS]
    if score.news_format:
        records = [part for record in records for part in per_paragraph(text, record)]
    # the seeds' README lets one record match several lines (a quote its gold splits); the news sets' does not
    matches, pieces, extras = match_lines(text, lines, records, one_to_one=score.news_format)
    style = lines[0].get("style") if lines else None
    tallies = [score.overall] + ([score.by_style.setdefault(style, Tally())] if style else [])
    agree = names_agree if score.news_format else same_name
    for tally in tallies:
        tally.gold += len(lines)
        tally.predicted += len(records)
        tally.predicted_right += len(records) - len(extras)
    for record in extras:
        speaker = (record["speaker"] or {}).get("name")
        score.extras.append(f"{doc}: extra @{_bounds(record)[0]} {record['text'][:70]!r} ({speaker})")
    for line, record in matches:
        label = f"{doc}: {{}} @{line['anchor_start']} {line['anchor'][:50]!r}"
        if record is None:
            score.misses.append(label.format("miss") + f" ({line['speaker']})")
            continue
        predicted = predicted_fields(record, score.news_format)
        for tally in tallies:
            tally.found += 1
        for name in score.fields:
            if agree(predicted[name], line[name]):
                for tally in tallies:
                    tally.right[name] += 1
            else:
                score.wrong.append(label.format(name) + f" gold={line[name]!r} got={predicted[name]!r}")


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


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
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
        right = inside(first["start"], first["end"], contents)
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


def articles_beside(gold_path: Path) -> Path:
    """Where an anchor gold file's articles are: `articles/` beside it (news sets) or beside its directory (seeds)."""
    beside = gold_path.resolve().parent / "articles"
    return beside if beside.is_dir() else gold_path.resolve().parent.parent / "articles"


def evaluate_anchors(gold_path: Path, articles: Path | None = None, extract_many=None) -> Score:
    """Run the engine (or `extract_many`) over every article of an anchor gold file and score it."""
    if extract_many is None:
        from quotes import extract_many
    articles = articles or articles_beside(gold_path)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_doc[row["doc"]].append(row)
    names = sorted(by_doc)
    texts = [(articles / name).read_text(encoding="utf-8") for name in names]
    score = Score(news_format=all("style" in row and "role" in row for rows in by_doc.values() for row in rows))
    started = time.perf_counter()
    results = extract_many(texts, names)
    score.seconds = time.perf_counter() - started
    for text, name, result in zip(texts, names, results):
        score.words += len(text.split())
        score_document(score, text, sorted(by_doc[name], key=lambda row: row["anchor_start"]), result, name)
    return score


def print_figures(score: Score | SpanScore) -> None:
    """One figure a line; for a gold file with quotation styles, a column for each style beside the overall one."""
    columns = {"overall": score.figures()} | (score.style_figures() if isinstance(score, Score) else {})
    width = 9 if len(columns) > 1 else 0
    if width:
        print(" " * 19 + " ".join(f"{name:>{width}}" for name in columns))
    for name in columns["overall"]:
        print(f"{name:>18}: " + " ".join(f"{figures.get(name, ''):>{width}}" for figures in columns.values()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotes.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD, help="gold JSONL file")
    parser.add_argument("--articles", type=Path, help="directory of an anchor gold's articles "
                                                      "(default: articles/ beside the file, else ../articles)")
    parser.add_argument("--limit", type=int, help="score only the first N articles of a span gold file")
    parser.add_argument("--fold", help="score only the articles of fold K/N of a span gold file (line %% N == K); "
                                       "training holds out fold 0/6 of PolNeAR train (quotes.train)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every miss, extra and wrong field (speaker, affiliation, role)")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"no gold file at {args.gold}")
    if is_span_gold(args.gold):
        score = evaluate_spans(args.gold, args.limit, fold=args.fold)
    else:
        score = evaluate_anchors(args.gold, args.articles)
    if args.verbose:
        for line in score.misses + score.extras + score.wrong:
            print(line)
    print_figures(score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
