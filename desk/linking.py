"""Which stored quotes are the same statement as a new one, and what changed inside the marks.

Two quotes are the same statement when their speakers agree (the same desk speaker, or one side has
none) and their words align (desk/similarity.py): identical, one a fragment of the other, or reworded.
Candidates come from an index, never a scan: each quote is filed under hashes of its word pairs
(shingles), so a rewrite that keeps any two neighbouring words together finds the original.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from desk.similarity import alignment
from desk.vectors import WordVectors
from desk.words import normal_words

# kinds whose words sit inside quote marks: reported speech without marks has no words to compare
QUOTED_KINDS = ("direct", "mixed")
CONTEXT_WORDS = 15  # words of the article on each side of a quote that travel with it
# link thresholds on the alignment score sqrt(coverage x density) (tests/test_desk_linking.py holds the
# seed pairs they were chosen on): a score this high links on its own; a lower one needs the text
# around the quote to be shared as well
LINK_SCORE = 0.5
LINK_SCORE_WITH_CONTEXT = 0.4
CONTEXT_SHARED = 0.4
MIN_SHARED_WORDS = 2  # words the two quotes share exactly (fewer only when a quote is that short)


@cache
def stopwords() -> frozenset[str]:
    text = (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def shingle(words: tuple[str, ...] | list[str]) -> int:
    """A signed 64-bit key (a BIGINT on every database) for a word pair."""
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def index_keys(words: list[str]) -> set[int]:
    """The candidate-index keys of a quote: its word pairs, less those of two function words."""
    if len(words) == 1:
        return {shingle(words)}
    common = stopwords()
    return {shingle(pair) for pair in pairwise(words) if not (pair[0] in common and pair[1] in common)}


def min_shared_keys(keys: set[int]) -> int:
    """Shingles a stored quote must share with a new one to be compared in full: one for a short quote (a
    spun fragment may keep a single pair: "our two"), two for a longer one."""
    return 1 if len(keys) < 6 else 2


def context_words(text: str, start: int, end: int) -> list[str]:
    """The words just before `start` and just after `end` (the article around a quote)."""
    before = normal_words(text[max(0, start - 20 * CONTEXT_WORDS):start])[-CONTEXT_WORDS:]
    after = normal_words(text[end:end + 20 * CONTEXT_WORDS])[:CONTEXT_WORDS]
    return before + after


@dataclass(frozen=True)
class Match:
    similarity: float
    linked: bool


def compare(words: list[str], context: list[str], other_words: list[str], other_context: list[str],
            vectors: WordVectors | None) -> Match:
    """Whether two quotes (of compatible speakers) are the same statement, and how alike their words are."""
    aligned = alignment(words, other_words, vectors)
    score = round((aligned.coverage * aligned.density) ** 0.5, 3)
    shared = len(set(words) & set(other_words))
    if shared < min(MIN_SHARED_WORDS, len(words), len(other_words)):
        return Match(score, False)
    if score >= LINK_SCORE:
        return Match(score, True)
    return Match(score, score >= LINK_SCORE_WITH_CONTEXT
                 and context_overlap(context, other_context, vectors) >= CONTEXT_SHARED)


def context_overlap(first: list[str], second: list[str], vectors: WordVectors | None) -> float:
    """Weight of the words two contexts share over the weight of the smaller one."""
    weight = vectors.weight if vectors else (lambda word: 1.0)
    a, b = set(first), set(second)
    smaller = min(sum(map(weight, a)), sum(map(weight, b)))
    return sum(map(weight, a & b)) / smaller if smaller else 0.0
