"""What kind of change each difference between two copies of a statement is, and which ones raise an alert.

Classes, least severe first (CLASSES): `style` (a spelling variant of one word, a possessive's form; punctuation,
case and quote marks are no difference at all: desk/words.py), `cut` (one copy stops earlier or starts later,
marks whole sentences left out with an ellipsis, or quotes fragments and not the words between them),
`editorial` (a bracketed insertion or substitution), `minor` (a contraction, an article, a filler, the same word
in another inflection), `wording` (a content word swapped, words added or dropped inside, an ellipsis that
splices two remarks), `meaning` (a negation, a number, a name, a date or a tense that changes the claim). A change is classed by the first strategy of CHANGE_RULES that claims
it; a pair of copies carries its most severe change's class, and only `minor` and above raise an alert.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import NamedTuple

from desk.similarity import SYNONYM_COSINE
from desk.vectors import load_vectors
from desk.words import Word, aligned_opcodes, split_words, stopwords

CLASSES = ("style", "cut", "editorial", "minor", "wording", "meaning")
ALERTING = ("minor", "wording", "meaning")  # style, cut and editorial never raise an alert
DEFAULT_MIN_SEVERITY = "wording"  # what GET /v1/alerts shows unless asked for more
MISATTRIBUTED = "misattributed"  # the same words credited to two different speakers: an alert of its own type

CONTRACTIONS = {"n't": ["not"], "'re": ["are"], "'ve": ["have"], "'ll": ["will"], "'d": ["would"], "'m": ["am"]}
IRREGULAR_CONTRACTIONS = {"won't": ["will", "not"], "can't": ["can", "not"], "cannot": ["can", "not"],
                          "shan't": ["shall", "not"], "ain't": ["is", "not"], "let's": ["let", "us"],
                          "it's": ["it", "is"], "that's": ["that", "is"], "what's": ["what", "is"],
                          "there's": ["there", "is"], "he's": ["he", "is"], "she's": ["she", "is"],
                          "here's": ["here", "is"], "who's": ["who", "is"], "where's": ["where", "is"]}
ARTICLES = frozenset({"a", "an", "the"})
FILLERS = frozenset({"uh", "um", "er", "erm", "ah", "oh"})
FILLER_PHRASES = (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of"))
NEGATIONS = frozenset({"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "without", "nowhere"})
NUMBER_WORDS = frozenset({"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                          "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                          "hundred", "thousand", "million", "billion", "trillion", "half", "percent", "first",
                          "second", "third", "dozen", "dozens", "hundreds", "thousands", "millions", "billions"})
DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "yesterday", "today", "tomorrow", "tonight", "week", "month", "year"})
# the same verb in another tense changes when the claim holds ("will" -> "would", "is" -> "was")
TENSES = (frozenset({"is", "was", "are", "were", "be", "been"}), frozenset({"will", "would", "shall", "should"}),
          frozenset({"has", "had", "have"}), frozenset({"do", "does", "did"}), frozenset({"can", "could"}),
          frozenset({"may", "might"}))
INFLECTIONS = frozenset({"", "s", "es", "ed", "d", "ing", "er", "ers", "ly", "ies", "ied", "y"})
ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
SENTENCE_OPENS = re.compile(r"[.!?:;\"“”‘’…]\s*$")  # what comes before a capital that opens a sentence


class Change(NamedTuple):
    old: list[Word]  # the earlier copy's words
    new: list[Word]  # the later copy's words
    before: str  # the earlier copy's text (Word offsets index it)
    after: str
    # where the change sits in each text: from the end of the word before it to the start of the word after it
    old_gap: tuple[int, int] = (0, 0)
    new_gap: tuple[int, int] = (0, 0)
    # where a quoted fragment starts in each text: a quote of several fragments is their words joined
    old_joins: tuple[int, ...] = ()
    new_joins: tuple[int, ...] = ()
    # at either end of the stretch both cover, with more words on one side than on the other there: one copy
    # begins or ends inside the other's sentence
    uneven_edge: bool = False


def fragment_starts(spans: list[dict]) -> tuple[int, ...]:
    """Where each fragment after the first starts in a quote's text (its fragments joined by a space)."""
    starts, offset = [], 0
    for span in spans[:-1]:
        offset += span["end"] - span["start"] + 1
        starts.append(offset)
    return tuple(starts)


def _gap(words: list[Word], start: int, end: int, text: str) -> tuple[int, int]:
    return (words[start - 1].end if start > 0 else 0, words[end].start if end < len(words) else len(text))


def changes_between(before: str, after: str, before_joins: tuple[int, ...] = (),
                    after_joins: tuple[int, ...] = ()) -> list[Change]:
    """The differences inside the stretch both copies cover (desk/words.py aligns them; a cut at either end
    is none). `before_joins`, `after_joins`: where each copy's quoted fragments meet (fragment_starts)."""
    old, new = split_words(before), split_words(after)
    (old_tokens, old_owner), (new_tokens, new_owner) = _tokens(old), _tokens(new)
    opcodes = aligned_opcodes(old_tokens, new_tokens)
    if opcodes is None:
        return [Change(old, new, before, after, (0, len(before)), (0, len(after)), before_joins, after_joins)]
    raw = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes()
    uneven = {index for index in (0, len(raw) - 1) if raw[index][0] != "equal"
              and raw[index][2] - raw[index][1] != raw[index][4] - raw[index][3]}
    edges = {(raw[index][2], raw[index][4]) if index == 0 else (raw[index][1], raw[index][3]) for index in uneven}
    merged = []  # in words; a word whose tokens two opcodes share ("we've" of "we" kept, "have" changed) joins them
    for index, (tag, t1, t2, u1, u2) in enumerate(opcodes):
        (i1, i2), (j1, j2) = _word_range(old_owner, len(old), t1, t2), _word_range(new_owner, len(new), u1, u2)
        overlap = min(i2 - i1, j2 - j1)  # a cut at either end keeps as many words as the shorter side has there
        if tag != "equal" and index == 0:
            i1, j1 = i2 - overlap, j2 - overlap
        if tag != "equal" and index == len(opcodes) - 1:
            i2, j2 = i1 + overlap, j1 + overlap
        edge = tag != "equal" and ((t2, u2) in edges or (t1, u1) in edges)
        if merged and (merged[-1][2] > i1 or merged[-1][4] > j1):
            _, p1, _, q1, _, was_edge = merged.pop()
            tag, i1, j1, edge = "replace", p1, q1, edge or was_edge
        merged.append((tag, i1, i2, j1, j2, edge))
    found = []
    for tag, i1, i2, j1, j2, edge in merged:
        if tag != "equal":
            ranges = [(i1, i2, j1, j2)]
        else:  # the same words, one copy contracting what the other spells out ("will not" / "won't")
            ranges = [(i1 + a1, i1 + a2, j1 + b1, j1 + b2) for kind, a1, a2, b1, b2 in difflib.SequenceMatcher(
                None, _normal(old[i1:i2]), _normal(new[j1:j2]), autojunk=False).get_opcodes() if kind != "equal"]
        found += [Change(old[a1:a2], new[b1:b2], before, after, _gap(old, a1, a2, before), _gap(new, b1, b2, after),
                         before_joins, after_joins, edge) for a1, a2, b1, b2 in ranges]
    return found


def _tokens(words: list[Word]) -> tuple[list[str], list[int]]:
    """The words as the alignment compares them, contractions expanded ("we've" is "we have": a copy that
    expands it lines up with the other word for word, whatever stands before it), and the word each came from."""
    tokens, owner = [], []
    for index, word in enumerate(words):
        pieces = expanded([word.normal]) if not _possessive(word.normal) else [word.normal]
        tokens += pieces
        owner += [index] * len(pieces)
    return tokens, owner


def _possessive(word: str) -> bool:
    """A word ending in "'s" that is no contraction of "is" listed as one ("Trump's", not "it's")."""
    return word.endswith("'s") and word not in IRREGULAR_CONTRACTIONS


def _word_range(owner: list[int], words: int, start: int, end: int) -> tuple[int, int]:
    """The words whose tokens `start:end` are (an empty range stays empty, before the word at `start`)."""
    first = owner[start] if start < len(owner) else words
    return (first, owner[end - 1] + 1) if end > start else (first, first)


def _normal(words: list[Word]) -> list[str]:
    return [word.normal for word in words]


# ---- the strategies, each a test of one change ---------------------------------------------------------------

def _spelled(word: str) -> str:
    """A word with its spelling variants folded: possessives, -our/-or, -ise/-ize, -yse/-yze, -re/-er, -ll-/-l-."""
    word = re.sub(r"'s?$", "", word).replace("'", "")
    word = re.sub(r"our(s?)$", r"or\1", word)
    word = re.sub(r"is(e|es|ed|ing|ation)$", r"iz\1", word)
    word = re.sub(r"ys(e|es|ed|ing)$", r"yz\1", word)
    word = re.sub(r"tre(s?)$", r"ter\1", word)
    word = re.sub(r"ll(ed|ing|er)$", r"l\1", word)
    return word


def is_style(change: Change) -> bool:
    """One word spelled two ways ("ISIS's" / "ISIS'", "honour" / "honor", "e-mail" / "email")."""
    old, new = "".join(_normal(change.old)), "".join(_normal(change.new))
    return bool(old and new) and _spelled(old) == _spelled(new)


def _bracketed(words: list[Word], text: str) -> bool:
    """Every word sits between square brackets in its text."""
    return bool(words) and all(text.rfind("[", 0, word.start) > text.rfind("]", 0, word.start)
                               and "]" in text[word.end:] for word in words)


def is_editorial(change: Change) -> bool:
    """An editor's words in brackets: "[Clinton]" for "she", or inserted, with an article before them ("what the
    [censored] is going on")."""

    def editorial(words: list[Word], text: str) -> bool:
        return _bracketed([word for word in words if word.normal not in ARTICLES], text)

    return editorial(change.new, change.after) or editorial(change.old, change.before)


def _sentences_left_out(kept: list[Word], kept_text: str, dropped: list[Word], full_text: str) -> bool:
    """Whole sentences of the full copy dropped where the other marks an ellipsis."""
    if kept or not dropped:
        return False
    first, last = dropped[0], dropped[-1]
    opens = not full_text[:first.start].strip() or SENTENCE_END.search(full_text[:first.start].rstrip()) is not None
    closes = not full_text[last.end:].strip() or re.match(r"[.!?]", full_text[last.end:]) is not None
    return opens and closes


def is_marked_cut(change: Change) -> bool:
    """An ellipsis in one copy where the other has whole sentences: a cut the copy says it made."""
    if ELLIPSIS.search(change.after) and _sentences_left_out(change.new, change.after, change.old, change.before):
        return True
    return bool(ELLIPSIS.search(change.before)) and _sentences_left_out(change.old, change.before, change.new,
                                                                         change.after)


def is_between_fragments(change: Change) -> bool:
    """A change where one copy's quoted fragments meet ("a “hater of Donald Trump” who had “railroaded” him"):
    the words between its fragments are not quoted, so they are cut, not changed."""
    return (any(change.old_gap[0] < join <= change.old_gap[1] for join in change.old_joins) or
            any(change.new_gap[0] < join <= change.new_gap[1] for join in change.new_joins))


def is_boundary(change: Change) -> bool:
    """One copy begins or ends inside the other's sentence, its first or last words opposite words it never
    quoted (“cannot come into this country” beside “... waiting to come into this country”): a cut, unless the
    words are one word's inflections ("laws. But" / "law.") or a content word swapped for a close one ("benefit
    our two countries" beside "... profit our two nations and ...")."""
    return change.uneven_edge and not is_inflection(change) and not _reworded(change)


def _reworded(change: Change) -> bool:
    """A content word of one side has a close word on the other ("benefit" / "profit"): a swap at the edge."""
    vectors = load_vectors()
    if vectors is None:
        return False
    common = stopwords()
    old = [word for word in _normal(change.old) if word not in common]
    new = [word for word in _normal(change.new) if word not in common]
    return any(vectors.similarity(a, b) >= SYNONYM_COSINE for a in old for b in new)


def expanded(words: list[str]) -> list[str]:
    found = []
    for word in words:
        if word in IRREGULAR_CONTRACTIONS:
            found += IRREGULAR_CONTRACTIONS[word]
            continue
        ending = next((end for end in CONTRACTIONS if word.endswith(end) and len(word) > len(end)), None)
        if ending:
            stem = word[:-len(ending)]
            found += [stem if ending != "n't" else {"ca": "can", "wo": "will", "sha": "shall"}.get(stem, stem),
                      *CONTRACTIONS[ending]]
        elif word.endswith("'s") and len(word) > 2:
            found += [word[:-2], "is"]
        else:
            found.append(word)
    return found


def is_contraction(change: Change) -> bool:
    """"will not" / "won't", "we are" / "we're": the same words, one pair contracted."""
    return expanded(_normal(change.old)) == expanded(_normal(change.new))


def is_negation(change: Change) -> bool:
    def negations(words: list[str]) -> int:
        return sum(word in NEGATIONS or word.endswith("n't") for word in words) + words.count("cannot")

    return negations(_normal(change.old)) != negations(_normal(change.new))


def _numbers(words: list[str]) -> list[str]:
    return [word for word in words if word in NUMBER_WORDS or any(c.isdigit() for c in word)]


def is_number_or_date(change: Change) -> bool:
    old, new = _normal(change.old), _normal(change.new)
    return (_numbers(old) != _numbers(new) or
            [w for w in old if w in DATE_WORDS] != [w for w in new if w in DATE_WORDS])


def _names(words: list[Word], text: str) -> set[str]:
    """Capitalised words that do not open a sentence (nor are "I"): names."""
    found = set()
    for word in words:
        opens = not text[:word.start].strip() or SENTENCE_OPENS.search(text[:word.start]) is not None
        if word.written[:1].isupper() and word.normal != "i" and not opens:
            found.add(word.normal)
    return found


def is_name(change: Change) -> bool:
    """One name for another ("Clinton" / "Obama"), or a name added or dropped; a name's other form ("China's" /
    "Chinese") is none."""
    old, new = _names(change.old, change.before), _names(change.new, change.after)

    def unmatched(names: set[str], others: set[str]) -> bool:
        return any(not any(name[:4] == other[:4] for other in others) for name in names)

    return unmatched(old, new) or unmatched(new, old)


def is_tense(change: Change) -> bool:
    old, new = _normal(change.old), _normal(change.new)
    return len(old) == len(new) == 1 and old != new and any(old[0] in tense and new[0] in tense for tense in TENSES)


def _without_fillers(words: list[str]) -> list[str]:
    kept, index = [], 0
    while index < len(words):
        if tuple(words[index:index + 2]) in FILLER_PHRASES:
            index += 2
            continue
        if words[index] in FILLERS:
            index += 1
            continue
        kept.append(words[index])
        index += 1
    return kept


def is_article_or_filler(change: Change) -> bool:
    """Only articles or fillers ("you know", "uh") differ."""
    old, new = _normal(change.old), _normal(change.new)
    return ([w for w in _without_fillers(old) if w not in ARTICLES] ==
            [w for w in _without_fillers(new) if w not in ARTICLES])


def _same_stem(first: str, second: str) -> bool:
    if first == second:
        return True
    stem = len(next((p for p in (first[:n] for n in range(min(len(first), len(second)), 0, -1))
                     if second.startswith(p)), ""))
    endings = {first[stem:], second[stem:]}
    # a plural or a third person: "laws" / "law"; longer endings need a longer stem ("stresses" / "stress")
    return endings <= INFLECTIONS and (stem >= 4 or (stem >= 3 and endings <= {"", "s", "es"}))


def is_inflection(change: Change) -> bool:
    """The same words in another inflection: "stresses" / "stress", "helped" / "helps"."""
    old, new = _normal(change.old), _normal(change.new)
    return len(old) == len(new) and all(_same_stem(a, b) for a, b in zip(old, new))


# in order: the first that claims a change gives its class; what none claims is `wording`
CHANGE_RULES: tuple[tuple[Callable[[Change], bool], str], ...] = (
    (is_style, "style"),
    (is_editorial, "editorial"),
    (is_marked_cut, "cut"),
    (is_between_fragments, "cut"),
    (is_contraction, "minor"),
    (is_boundary, "cut"),
    (is_negation, "meaning"),
    (is_number_or_date, "meaning"),
    (is_tense, "meaning"),
    (is_name, "meaning"),
    (is_article_or_filler, "minor"),
    (is_inflection, "minor"),
)


def classify(change: Change) -> str:
    return next((name for rule, name in CHANGE_RULES if rule(change)), "wording")


def most_severe(classes) -> str | None:
    found = [name for name in classes if name in CLASSES]
    return max(found, key=CLASSES.index) if found else None


def change_class(before: str, after: str) -> str | None:
    """The class of the most severe change between two copies of one statement; None when their words agree."""
    return most_severe(classify(change) for change in changes_between(before, after))


def raises_alert(name: str | None) -> bool:
    return name in ALERTING


def severity_at_least(minimum: str) -> tuple[str, ...]:
    """The alerting classes from `minimum` up."""
    return CLASSES[CLASSES.index(minimum):]
