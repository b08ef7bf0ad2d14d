"""Words as the desk compares them: punctuation, case and curly-versus-straight marks are not a difference.

"U.S." and "US", "Candid," and "candid", "don’t" and "don't" are the same word; "don't" and "do not" are not.
"""
from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import NamedTuple

# apostrophes and single quote marks of every style, made straight before anything else
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "`": "'", "\u00b4": "'"})
# words are what lies between white space, dashes and hyphens ("China-U.S." is two words, as is "talks—and")
WORD_PIECE = re.compile(r"[^\s\-\u2010-\u2015\u2212/]+")
NOT_WORD = re.compile(r"[^\w']+")
WORDLIKE = re.compile(r"\w(?:.*\w)?", re.DOTALL)  # from the first letter or digit to the last


class Word(NamedTuple):
    normal: str  # how words are compared
    written: str  # as written, without the punctuation around it
    start: int  # where `written` sits in the text
    end: int


def normal_form(word: str) -> str:
    """A word without case, punctuation or the quote marks around it: "U.S." -> "us", "‘China" -> "china"."""
    return NOT_WORD.sub("", word.translate(APOSTROPHES).casefold()).strip("'")


def split_words(text: str) -> list[Word]:
    words = []
    for piece in WORD_PIECE.finditer(text):
        normal = normal_form(piece.group())
        if normal:
            inner = WORDLIKE.search(piece.group())
            start, end = piece.start() + inner.start(), piece.start() + inner.end()
            words.append(Word(normal, inner.group(), start, end))
    return words


@functools.cache
def stopwords() -> frozenset[str]:
    """Function words (desk/stopwords.txt): no shingle of two of them, no edge of a copy decided by them."""
    text = (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


def normal_words(text: str) -> list[str]:
    return [word.normal for word in split_words(text)]


def aligned_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]] | None:
    """difflib's opcodes from `old` to `new` over the stretch the two share; None when they share no word.

    When one quotes a fragment of the other, the words outside the shared part are the cut: before the first
    shared word and after the last, only as many words as the shorter side has there are kept (the words
    next to the shared stretch), and a cut with nothing opposite it is dropped.
    """
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    if not any(tag == "equal" for tag, *_ in opcodes):
        return None
    kept = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal":
            overlap = min(i2 - i1, j2 - j1)
            if index == 0:
                i1, j1 = i2 - overlap, j2 - overlap
            elif index == len(opcodes) - 1:
                i2, j2 = i1 + overlap, j1 + overlap
            if i2 == i1 and j2 == j1:
                continue
        kept.append((tag, i1, i2, j1, j2))
    return kept


def differences(before: str, after: str) -> list[tuple[list[Word], list[Word]]]:
    """The words of `before` and `after` that differ, difference by difference, in order (punctuation,
    case and quote styles are no difference; a fragment's cut is none either: aligned_opcodes)."""
    old, new = split_words(before), split_words(after)
    opcodes = aligned_opcodes([w.normal for w in old], [w.normal for w in new])
    if opcodes is None:
        return [(old, new)]
    return [(old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in opcodes if tag != "equal"]


def changes(before: str, after: str) -> list[dict]:
    """The words of `after` that differ from `before`: [{"from": "candid", "to": "frank"}]; `None` on the side
    without words (added or cut)."""
    return [{"from": " ".join(w.written for w in old) or None, "to": " ".join(w.written for w in new) or None}
            for old, new in differences(before, after)]


def changed_spans(before: str, after: str) -> tuple[list[dict], list[dict]]:
    """Where the changed words sit in `before` and in `after`: one {"start", "end"} per changed word."""
    found = differences(before, after)
    return ([{"start": w.start, "end": w.end} for old, _ in found for w in old],
            [{"start": w.start, "end": w.end} for _, new in found for w in new])
