"""Which cues report a noun phrase, learned from PolNeAR's annotated contents.

"Sanders questioned [Mr. Trump's veracity]", "Gay rights groups condemned [the bill's passage]":
PolNeAR annotates the object of such a cue as what was said. For every cue the engine finds in a
training article that reports no clause, each noun phrase it governs (its direct object, or a
prepositional phrase by its preposition: "called for [...]", "warned of [...]") counts for its
(lemma, introducer) pair, and counts as right when it lies inside a gold content, the
evaluator's own test for an indirect record. A pair is kept when it is right often enough and in
most of its uses.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from quotes.article import Article
from quotes.evaluate import inside
from quotes.stages import cues, reported

MIN_RIGHT = 2  # right at least this often
MIN_PRECISION = 0.5  # and in at least this share of its uses (the indirect-speech model weighs it)


def count(documents: list[dict], articles: list[Article]) -> tuple[Counter, Counter]:
    """(right uses, all uses) per (lemma, introducer) of the noun phrases of clause-less cues."""
    right, uses = Counter(), Counter()
    for document, article in zip(documents, articles):
        contents = [tuple(f) for gold in document["quotes"] for f in gold["quote_fragments"]]
        for cue in cues.find_cues(article):
            if cue.lemma == "according to" or cue.complement_only or reported.reported_clause(article, cue):
                continue
            for introducer, (start, end) in reported.object_phrases(article, cue):
                key = (cue.lemma, introducer)
                uses[key] += 1
                right[key] += inside(start, end, contents)
    return right, uses


def learn(documents: list[dict], articles: list[Article]) -> list[tuple[str, int, float]]:
    """("lemma introducer", right uses, precision) of every pair that passes the thresholds."""
    right, uses = count(documents, articles)
    return sorted((f"{lemma} {introducer}", n, round(n / uses[(lemma, introducer)], 2))
                  for (lemma, introducer), n in right.items()
                  if n >= MIN_RIGHT and n / uses[(lemma, introducer)] >= MIN_PRECISION)


def write(entries: list[tuple[str, int, float]], path: Path) -> None:
    lines = ["# Learned by `./run train` (training/reported_objects.py) from the contents of PolNeAR train:",
             "# cue lemma and what introduces the noun phrase it reports (obj: its direct object), times that",
             "# phrase was annotated content, share of its uses. Do not edit by hand: see nominal_cues.txt."]
    lines += [f"{entry}\t{n}\t{precision}" for entry, n, precision in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
