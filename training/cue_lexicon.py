"""The cue lexicon learned from PolNeAR's annotated cue spans.

Every verb inside a gold cue span ("scoffed", "was quoted as saying", "fired back") counts for
its lemma; every use of that lemma as a verb outside quote marks counts against it. A lemma is a
cue when it is annotated often enough and most of its uses are cues. Verb + particle pairs
("fire back", "chime in", "point out") are learned the same way from the word after the verb.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from quotes.article import Article

# Verbs that only carry tense, voice or modality in a cue span ("has said", "was quoted as saying").
AUXILIARIES = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should",
                         "must", "go", "get", "keep", "continue", "begin", "start", "seem"})
PARTICLES = frozenset({"back", "in", "out", "up", "off", "down"})
MIN_CUES = 3  # annotated at least this often
MIN_PRECISION = 0.6  # and a cue in at least this share of its verb uses
MIN_PHRASE_CUES = 3
MIN_PHRASE_PRECISION = 0.5


def _verbs(article: Article, start: int, end: int) -> list[int]:
    return [i for i in article.words_between(start, end)
            if article.words[i].upos == "VERB" and article.words[i].lemma.lower() not in AUXILIARIES]


def _pair(article: Article, i: int) -> str | None:
    following = article.words[i + 1] if i + 1 < len(article.words) else None
    if following is None or following.text.lower() not in PARTICLES or following.sentence != article.words[i].sentence:
        return None
    return f"{article.words[i].lemma.lower()} {following.text.lower()}"


def count(documents: list[dict], articles: list[Article]) -> tuple[Counter, Counter, Counter, Counter]:
    """(cue uses, all verb uses) per lemma, and the same per verb + particle pair."""
    cue_lemmas, all_lemmas, cue_pairs, all_pairs = Counter(), Counter(), Counter(), Counter()
    for document, article in zip(documents, articles):
        cue_words = set()
        for gold in document["quotes"]:
            for start, end in gold["cue_fragments"]:
                cue_words.update(_verbs(article, start, end))
        for i, word in enumerate(article.words):
            if word.upos != "VERB" or article.in_quote(word.start):
                continue
            lemma, pair = word.lemma.lower(), _pair(article, i)
            all_lemmas[lemma] += 1
            if pair:
                all_pairs[pair] += 1
            if i in cue_words:
                cue_lemmas[lemma] += 1
                if pair:
                    cue_pairs[pair] += 1
    return cue_lemmas, all_lemmas, cue_pairs, all_pairs


def learn(documents: list[dict], articles: list[Article]):
    """(lemmas, pairs): lists of (entry, cue count, precision) that pass the thresholds."""
    cue_lemmas, all_lemmas, cue_pairs, all_pairs = count(documents, articles)
    lemmas = [(lemma, n, round(n / all_lemmas[lemma], 2)) for lemma, n in cue_lemmas.items()
              if n >= MIN_CUES and n / all_lemmas[lemma] >= MIN_PRECISION]
    # a pair only when its verb alone is no cue: "say in" is "say" and a preposition, "fire back" a cue
    verbs = {lemma for lemma, _, _ in lemmas}
    pairs = [(pair, n, round(n / all_pairs[pair], 2)) for pair, n in cue_pairs.items()
             if n >= MIN_PHRASE_CUES and n / all_pairs[pair] >= MIN_PHRASE_PRECISION and pair.split()[0] not in verbs]
    return sorted(lemmas), sorted(pairs)


def write(entries, path: Path, what: str) -> None:
    lines = [f"# Learned by `./run train` (training/cue_lexicon.py) from the cue spans of PolNeAR train: {what}.",
             "# entry, times annotated as a cue, share of its verb uses that are cues. Do not edit by hand:",
             "# words the data lacks go in the hand-written lists beside this one."]
    lines += [f"{entry}\t{n}\t{precision}" for entry, n, precision in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
