"""Which stored quotes are the same statement as a new one.

Same statement means the same speaker's same utterance: the same desk speaker (where a side has no speaker,
only a long, near-identical stretch links), the same occasion (a line repeated on another day is not a copy:
the days between the articles and the words around the quote tell), and words specific enough to identify it
(a word pair many speakers are quoted saying is a stock phrase; a quote of three words or fewer never links
on its own). A small logistic regression learned from judged pairs (training/desk_links.py, weights in
desk/link_model.json, a dot product here) weighs these; a few rules come first (DECISION_RULES).

Candidates come from an index, never a scan: each quote is filed under hashes of its word pairs
(shingles), so a rewrite that keeps any two neighbouring words together finds the original.
"""
from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from desk.alarms import expanded
from desk.similarity import alignment
from desk.vectors import WordVectors
from desk.words import normal_words, stopwords
from quotes import learned
from quotes.learned import LinearModel

# kinds whose words sit inside quote marks: reported speech without marks has no words to compare
QUOTED_KINDS = ("direct", "mixed")
CONTEXT_WORDS = 15  # words of the article on each side of a quote that travel with it
MODEL_PATH = Path(__file__).parent / "link_model.json"
FRAGMENT_WORDS = 3  # a quote this short never links on its own: only with the same speaker on both sides
# a word pair at least this many speakers are quoted saying is a stock phrase ("rigged economy")
STOCK_SPEAKERS = 3
# where a side has no speaker, or the two speakers differ (misattribution), only a stretch this long and this
# close links: the words alone must identify the statement
LONG_STRETCH_WORDS = 8
NEAR_IDENTICAL = 0.9
# where a side's speaker is only described, resolved or guessed, a stretch this long goes to the learned decision
UNSURE_RUN = 5
MANY_SHARED_KEYS = 3  # word pairs a long stretch shares at the least (not counting pairs of function words)
CONFIDENT = 0.9  # the engine's confidence (its highest) in both speakers that a misattribution alert needs
# below this confidence the engine guessed the speaker: two such speakers that differ may be one
GUESSED = 0.5


def shingle(words: tuple[str, ...] | list[str]) -> int:
    """A signed 64-bit key (a BIGINT on every database) for a word pair."""
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def index_keys(words: list[str]) -> set[int]:
    """The candidate-index keys of a quote: its word pairs, less those of two function words."""
    return set(_index_keys(tuple(words)))


@functools.lru_cache(maxsize=4096)  # a stored quote is a candidate of many new ones
def _index_keys(words: tuple[str, ...]) -> frozenset[int]:
    if len(words) == 1:
        return frozenset({shingle(words)})
    common = stopwords()
    return frozenset(shingle(pair) for pair in pairwise(words) if not (pair[0] in common and pair[1] in common))


def min_shared_keys(keys: set[int]) -> int:
    """Shingles a stored quote must share with a new one to be compared in full: one for a short quote (a
    spun fragment may keep a single pair: "our two"), two for a longer one."""
    return 1 if len(keys) < 6 else 2


def context_words(text: str, start: int, end: int) -> list[str]:
    """The words just before `start` and just after `end` (the article around a quote)."""
    before = normal_words(text[max(0, start - 20 * CONTEXT_WORDS):start])[-CONTEXT_WORDS:]
    after = normal_words(text[end:end + 20 * CONTEXT_WORDS])[:CONTEXT_WORDS]
    return before + after


def speaker_evidence(speaker: dict | None) -> str | None:
    """How an article names a quote's speaker (the engine's speaker object): "name" when the mention holds a
    word of the name ("Mr. Trump", "Donald Trump"), "reference" when a pronoun or a description was resolved to
    a name ("he", "the president"), "description" when no name was found ("a spokesman", "officials")."""
    if not speaker:
        return None
    if not speaker.get("named", True):
        return "description"
    name, mention = set(normal_words(speaker.get("name") or "")), set(normal_words(speaker.get("mention") or ""))
    return "name" if name & mention else "reference"


@dataclass(frozen=True)
class Side:
    """One quote as the link decision sees it."""

    words: list[str]
    context: list[str]
    speaker_id: int | None
    confidence: float | None  # the engine's; None in a quote stored before the desk kept it
    said_at: datetime
    kind: str
    evidence: str | None = "name"  # speaker_evidence; a quote stored before it was kept counts as named


@dataclass(frozen=True)
class Match:
    similarity: float
    linked: bool
    misattributed: bool = False
    probability: float = 0.0
    # the two are surely one speaker's: an alarm says words someone said were changed, so a link whose speakers
    # are only described or resolved (speaker_relation "unsure") shows its changes but raises no alarm
    sure_speaker: bool = True


def by_name(side: Side) -> bool:
    """The article names the speaker at the quote and the engine did not guess."""
    return side.evidence in ("name", None) and (side.confidence is None or side.confidence >= GUESSED)


def speaker_relation(first: Side, second: Side) -> str:
    """"same" (one desk speaker), "different" (two speakers named at their quotes), "unsure" (a side whose
    speaker is only described, which the desk keeps as no speaker, or resolved from a pronoun or a description, or guessed: "the
    president" may be the named speaker of the other side, and two "officials" may be two people), "none" (one
    side has no speaker) or "neither"."""
    if first.evidence == "description" or second.evidence == "description":
        return "unsure"
    if first.speaker_id is None or second.speaker_id is None:
        return "none" if first.speaker_id != second.speaker_id else "neither"
    if first.speaker_id == second.speaker_id:
        return "same"
    return "different" if by_name(first) and by_name(second) else "unsure"


def longest_run(first: list[str], second: list[str]) -> int:
    """The most consecutive words the two quotes share (the runs are followed only where words match: most
    candidate pairs share a few words, and this runs for every one)."""
    places: dict[str, list[int]] = {}
    for index, word in enumerate(second):
        places.setdefault(word, []).append(index)
    best, previous = 0, {}
    for word in first:
        current = {index: previous.get(index - 1, 0) + 1 for index in places.get(word, ())}
        if current:
            best = max(best, *current.values())
        previous = current
    return best


def features(new: Side, old: Side, speakers_of_key: dict[int, int], vectors: WordVectors | None) -> dict[str, float]:
    """What the learned decision weighs (training/desk_links.py learns from these very values).

    `speakers_of_key`: for each of the new quote's shingles, how many speakers the archive has quoted saying it.
    """
    shared = index_keys(new.words) & index_keys(old.words)
    new_words, old_words = folded(new.words), folded(old.words)
    aligned = alignment(new_words, old_words, vectors)
    stock = sum(speakers_of_key.get(key, 0) >= STOCK_SPEAKERS for key in shared)
    relation = speaker_relation(new, old)
    short, long = sorted((len(new.words), len(old.words)))
    run = longest_run(new_words, old_words)
    return {
        "similarity": (aligned.coverage * aligned.density) ** 0.5,
        "coverage": aligned.coverage,
        "density": aligned.density,
        "log_run": math.log1p(run),
        "log_short_words": math.log1p(short),
        "log_long_words": math.log1p(long),
        "log_specific_pairs": math.log1p(len(shared) - stock),
        "stock_share": stock / len(shared) if shared else 1.0,
        # how many speakers say the rarest word pair the two share: a statement's own words have few
        "log_rarest_speakers": math.log1p(min((speakers_of_key.get(key, 0) for key in shared), default=99)),
        f"speaker_{relation}": 1.0,
        "log_days_apart": math.log1p(abs((new.said_at - old.said_at).total_seconds()) / 86400),
        "context": context_overlap(new.context, old.context, vectors),
        "mixed": float("mixed" in (new.kind, old.kind)),
        "fragment": float(short <= FRAGMENT_WORDS),
    }


def folded(words: list[str]) -> list[str]:
    """Words as the alignment compares them: a possessive's form folded ("isis's" and "isis'" are one word, a
    style difference) and contractions expanded ("i'll" is "i will", a minor one)."""
    found = []
    for word in words:
        found += [word[:-2]] if word.endswith("'s") else expanded([word])
    return found


def load_model(path: Path = MODEL_PATH) -> LinearModel | None:
    """The learned decision, a logistic regression (quotes.learned); None before `./run train` wrote it:
    nothing links then."""
    return learned.load(path)


def is_long_near_identical(values: dict[str, float]) -> bool:
    return values["log_run"] >= math.log1p(LONG_STRETCH_WORDS) and values["similarity"] >= NEAR_IDENTICAL


def left_to_model(new: Side, old: Side, values: dict[str, float]) -> bool:
    """The rules before the learned decision: the same desk speaker on both sides; where a side's speaker is
    unsure, a shared stretch of UNSURE_RUN words; where a side has none, a long near-identical stretch; a
    fragment of three words or fewer only with the same speaker."""
    relation = speaker_relation(new, old)
    if relation == "same":
        return True
    if relation == "unsure":
        return values["fragment"] == 0.0 and values["log_run"] >= math.log1p(UNSURE_RUN)
    return relation != "different" and values["fragment"] == 0.0 and is_long_near_identical(values)


def worth_comparing(new: Side, old: Side, shared_keys: int) -> bool:
    """Whether a candidate sharing `shared_keys` word pairs is compared in full: unless the speaker is the same,
    a pair is decided on a shared stretch (UNSURE_RUN words, or LONG_STRETCH_WORDS), so it needs many shared
    pairs."""
    return shared_keys >= MANY_SHARED_KEYS or speaker_relation(new, old) == "same"


def may_be_misattributed(words: list[str], confidence: float | None) -> bool:
    """Whether a quote is long enough, and its speaker sure enough, to be found credited to someone else."""
    return len(words) >= LONG_STRETCH_WORDS and (confidence or 0.0) >= CONFIDENT


def misattributed(new: Side, old: Side, values: dict[str, float]) -> bool:
    """The same long stretch credited to two different speakers the engine is sure of."""
    return (speaker_relation(new, old) == "different" and min(new.confidence or 0.0, old.confidence or 0.0) >= CONFIDENT
            and is_long_near_identical(values))


def decidable(new: Side, old: Side) -> bool:
    """Whether the pair is worth the features: one desk speaker, or a shared stretch long enough for speakers
    that are not surely one."""
    relation = speaker_relation(new, old)
    return relation == "same" or longest_run(new.words, old.words) >= (UNSURE_RUN if relation == "unsure"
                                                                       else LONG_STRETCH_WORDS)


def compare(new: Side, old: Side, speakers_of_key: dict[int, int], vectors: WordVectors | None,
            model: LinearModel | None = None, sentences_holding=None) -> Match:
    """Whether two quotes of different articles are the same statement (or the same words credited to two
    speakers), and how alike their words are. `speakers_of_key` holds at least the keys the two share."""
    if not decidable(new, old):
        return Match(0.0, False)  # no shared stretch: nothing to decide for speakers that are not surely one
    values = features(new, old, speakers_of_key, vectors)
    similarity = round(values["similarity"], 3)
    if misattributed(new, old, values):
        return Match(similarity, False, misattributed=True)
    if not left_to_model(new, old, values):
        return Match(similarity, False)
    model = model or load_model()
    if model is None:
        return Match(similarity, False)
    probability = model.probability(values)
    return Match(similarity, probability >= model.threshold, probability=round(probability, 3),
                 sure_speaker=speaker_relation(new, old) != "unsure")


def context_overlap(first: list[str], second: list[str], vectors: WordVectors | None) -> float:
    """Weight of the words two contexts share over the weight of the smaller one."""
    weight = vectors.weight if vectors else (lambda word: 1.0)
    a, b = set(first), set(second)
    smaller = min(sum(map(weight, a)), sum(map(weight, b)))
    return sum(map(weight, a & b)) / smaller if smaller else 0.0
