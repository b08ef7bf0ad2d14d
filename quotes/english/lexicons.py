"""Word lists the engine reads: data files under quotes/english/lexicon/, loaded once."""
from __future__ import annotations

from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicon"


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """A one-column list as a set of lower-cased entries."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def weighted(name: str) -> dict[str, str]:
    """A two-column list (`entry value`) as a dict."""
    return dict(line.lower().rsplit(None, 1) for line in _lines(name))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A list of `entry column column...` rows, keyed by the lower-cased entry."""
    return {row[0]: tuple(row[1:]) for row in (line.lower().split() for line in _lines(name))}


@cache
def learned(name: str) -> dict[str, tuple[str, ...]]:
    """A tab-separated list written by `./run train` (`entry<TAB>value...`), keyed by the lower-cased entry."""
    return {row[0].lower(): tuple(row[1:]) for row in (line.split("\t") for line in _lines(name))}


@cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as token tuples, longest first, for longest-match lookups."""
    return tuple(sorted((tuple(line.lower().split()) for line in _lines(name)), key=len, reverse=True))


# Endings the small lemmatizer sometimes leaves on a verb ("labeling", "hailed"), and what replaces them.
INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("es", ""), ("ed", "e"), ("ed", ""),
               ("s", ""), ("d", ""))


def base_forms(word: str) -> list[str]:
    """The forms a lower-cased inflected verb may come from: "labeling" → "labele", "label", ...;
    "admitted" → "admitt", "admit"."""
    forms = [word[:-len(end)] + replacement for end, replacement in INFLECTIONS if word.endswith(end)]
    return forms + [f[:-1] for f in forms if len(f) > 2 and f[-1] == f[-2]]


CUE_VERBS = "cue_verbs"
CUE_PHRASES = "cue_phrases"
COMPLEMENT_CUES = "complement_cues"
HONORIFICS = "honorifics"
TITLES = "titles"
ORGANIZATION_WORDS = "organization_words"
DOCUMENT_NOUNS = "document_nouns"
GROUP_NOUNS = "group_nouns"
TEAM_NOUNS = "team_nouns"
PLACES = "places"
PRONOUNS = "pronouns"
NATIONALITIES = "nationalities"
TITLE_QUOTE_MARKERS = "title_quotes"
TIME_WORDS = "time_words"
NOMINAL_CUES = "nominal_cues"
TITLE_FORMS = "title_forms"
TITLE_KINDS = "title_kinds"
ADDRESSEE_CUES = "addressee_cues"
CONTROL_VERBS = "control_verbs"
BELIEF_VERBS = "belief_verbs"
NON_ROLE_PERSON_NOUNS = "non_role_person_nouns"
THING_WORDS = "thing_words"
ELISIONS = "elisions"
# learned by `./run train` (training/)
LEARNED_CUE_VERBS = "learned_cue_verbs"
LEARNED_CUE_PHRASES = "learned_cue_phrases"
MENTION_TYPES = "mention_types"
LEARNED_REPORTED_OBJECTS = "learned_reported_objects"
LEARNED_ROLE_WORDS = "learned_role_words"


def clear() -> None:
    """Forget every list read so far (training rewrites the learned ones)."""
    for reader in (words, weighted, table, learned, phrases):
        reader.cache_clear()
