"""Words as the desk compares them: punctuation, case and curly-versus-straight marks are not a difference.

"U.S." and "US", "Candid," and "candid", "don’t" and "don't" are the same word; "don't" and "do not" are not.
"""
from __future__ import annotations

import difflib
import re

# apostrophes and single quote marks of every style, made straight before anything else
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "`": "'", "\u00b4": "'"})
# words are split at white space and at dashes and hyphens ("China-U.S." is two words, as is "talks—and")
SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212/]+")
NOT_WORD = re.compile(r"[^\w']+")
EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


def normal_form(word: str) -> str:
    """A word without case, punctuation or the quote marks around it: "U.S." -> "us", "‘China" -> "china"."""
    return NOT_WORD.sub("", word.translate(APOSTROPHES).casefold()).strip("'")


def split_words(text: str) -> list[tuple[str, str]]:
    """The words of `text` as (normal form, the word as written without the punctuation around it)."""
    words = []
    for piece in SEPARATORS.split(text):
        normal = normal_form(piece)
        if normal:
            words.append((normal, EDGE_PUNCTUATION.sub("", piece)))
    return words


def normal_words(text: str) -> list[str]:
    return [normal for normal, _ in split_words(text)]


def changes(before: str, after: str) -> list[dict]:
    """The words of `after` that differ from `before`, word by word: [{"from": "candid", "to": "frank"}].

    A word only one side has gives `None` on the other. When one text quotes a fragment of the other, the
    words outside the part both quote are the cut, not a change: before the first word the two share and
    after the last, only as many words as the shorter side has there are compared.
    """
    old, new = split_words(before), split_words(after)
    matcher = difflib.SequenceMatcher(None, [n for n, _ in old], [n for n, _ in new], autojunk=False)
    opcodes = matcher.get_opcodes()
    if not any(tag == "equal" for tag, *_ in opcodes):
        return [_change(old, new)]
    found = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        overlap = min(i2 - i1, j2 - j1)
        if index == 0:  # before the first shared word: the words next to it
            i1, j1 = i2 - overlap, j2 - overlap
        elif index == len(opcodes) - 1:  # after the last shared word
            i2, j2 = i1 + overlap, j1 + overlap
        if i2 > i1 or j2 > j1:
            found.append(_change(old[i1:i2], new[j1:j2]))
    return found


def _change(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> dict:
    return {"from": " ".join(w for _, w in old) or None, "to": " ".join(w for _, w in new) or None}
