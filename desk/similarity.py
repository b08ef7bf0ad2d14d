"""How alike two quotes are: their words aligned in order, a rewritten word matched by its vector.

`alignment(first, second)` aligns the shorter quote inside the longer one (a fragment quotes part of the
other's sentence), so the words one copy cut are not held against it. Within the stretch the two share, a
word replaced by another counts by how close their vectors are (a spinner's "profit" for "benefit").
"""
from __future__ import annotations

import difflib
from typing import NamedTuple

from desk.vectors import WordVectors

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
    total = sum(weight(word) for word in short)
    if not total:
        return Alignment(0.0, 0.0)
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    opcodes = matcher.get_opcodes()
    equal = [index for index, (tag, *_) in enumerate(opcodes) if tag == "equal"]
    found = 0.0
    if equal:
        for tag, i1, i2, j1, j2 in opcodes[equal[0]:equal[-1] + 1]:
            if tag == "equal":
                found += sum(weight(word) for word in short[i1:i2])
            elif tag == "replace" and vectors:
                found += _synonyms(short[i1:i2], long[j1:j2], vectors)
        # the words next to the shared stretch, replaced one for one (the first or last words respun)
        for tag, i1, i2, j1, j2 in (opcodes[0], opcodes[-1]) if len(opcodes) > 1 else ():
            if tag == "replace" and vectors:
                if (tag, i1, i2, j1, j2) == opcodes[0]:
                    count = min(i2 - i1, j2 - j1)
                    found += _synonyms(short[i2 - count:i2], long[j2 - count:j2], vectors)
                else:
                    count = min(i2 - i1, j2 - j1)
                    found += _synonyms(short[i1:i1 + count], long[j1:j1 + count], vectors)
        start = opcodes[equal[0]][3]
        end = opcodes[equal[-1]][4]
        spanned = sum(weight(word) for word in long[start:end]) + sum(
            weight(word) for word in short) - sum(weight(word) for word in short[opcodes[equal[0]][1]:opcodes[equal[-1]][2]])
    else:
        spanned = sum(weight(word) for word in long)
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
