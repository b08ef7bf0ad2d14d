"""How alike two quotes are: their words aligned in order, a rewritten word matched by its vector.

`alignment(first, second)` aligns the shorter quote inside the longer one (a fragment quotes part of the
other's sentence), so the words one copy cut are not held against it. Within the stretch the two share, a
word replaced by another counts by how close their vectors are (a spinner's "profit" for "benefit").
"""
from __future__ import annotations

from typing import NamedTuple

from desk.vectors import WordVectors
from desk.words import aligned_opcodes

# below this cosine, a replaced word is a different word (the md100 vectors put unrelated words near 0.3)
SYNONYM_COSINE = 0.45
# a rewrite swaps a word or a short phrase for another ("are able to" / "can"); a longer stretch of
# different words is different wording, where close vectors are chance (long unrelated quotes)
REWORDED_WORDS = 4


class Alignment(NamedTuple):
    coverage: float  # weight of the shorter quote's words found in the other, over all its words' weight
    density: float  # the same found weight over the weight of the stretch of the longer one it spans


def alignment(first: list[str], second: list[str], vectors: WordVectors | None) -> Alignment:
    short, long = (first, second) if len(first) <= len(second) else (second, first)
    weight = vectors.weight if vectors else (lambda word: 1.0)
    total = sum(map(weight, short))
    opcodes = aligned_opcodes(short, long)
    if not total or opcodes is None:
        return Alignment(0.0, 0.0)
    found = 0.0
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            found += sum(map(weight, short[i1:i2]))
        elif tag == "replace" and vectors:
            found += _synonyms(short[i1:i2], long[j1:j2], vectors)
    # the stretch of the longer quote the alignment spans, and the shorter one's words outside it
    (_, first_i, _, first_j, _), (_, _, last_i, _, last_j) = opcodes[0], opcodes[-1]
    spanned = sum(map(weight, long[first_j:last_j])) + sum(map(weight, short[:first_i] + short[last_i:]))
    return Alignment(min(1.0, found / total), min(1.0, found / spanned) if spanned else 0.0)


def _synonyms(old: list[str], new: list[str], vectors: WordVectors) -> float:
    """Weight of the words of `old` that have a close word in `new` (each word of `new` used once), when
    the two are short enough to be one rewording."""
    if max(len(old), len(new)) > REWORDED_WORDS:
        return 0.0
    found, free = 0.0, list(new)
    for word in old:
        best = max(free, key=lambda other: vectors.similarity(word, other), default=None)
        if best is not None and (cosine := vectors.similarity(word, best)) >= SYNONYM_COSINE:
            found += vectors.weight(word) * cosine
            free.remove(best)
    return found
