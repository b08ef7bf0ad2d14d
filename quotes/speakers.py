"""Speaker resolution within one article: one canonical name per person, pronouns to antecedents."""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from quotes import lexicons
from quotes.article import Article, Mention
from quotes.mentions import (capitalized_runs, first_name_table, learned_type, organization_strength, person_name_tail,
                             span_text)

# How far back (in paragraphs) "he said" may look for the person it means.
PRONOUN_REACH = 4
# The learned pronoun ranker (training/pronouns.py); without it the hand rule decides.
PRONOUN_MODEL_PATH = Path(__file__).parent / "models" / "pronoun_ranker.json"
# "him"/"her": the subject of their own clause is not who they mean ("Webb told him")
OBJECT_PRONOUNS = frozenset({"him", "her"})


SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:pass"})
SKIPPED_BEFORE_VERB = frozenset({"ADV", "PART"})  # "Hass also argues", "Hass never said"
# What a pronoun can stand for, by the kind it wants ("he": a person; "they": a group or an organisation).
ANTECEDENT_TYPES = {"person": ("person",), "organization": ("organization",), "group": ("group", "organization")}
# gender-guesser's answers, folded to the genders pronouns carry
GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@dataclass(frozen=True)
class NameOccurrence:
    start: int
    end: int
    tokens: tuple[str, ...]  # lower-cased, honorifics dropped
    text: str
    is_subject: bool  # the name is the subject of its clause: a likely antecedent for "he"
    in_quote: bool


def name_tokens(name: str) -> tuple[str, ...]:
    honorifics = lexicons.words(lexicons.HONORIFICS)
    return tuple(t for t in name.lower().replace("’s", "").split() if t not in honorifics)


def first_name_gender(name: str) -> str | None:
    """"male", "female" or None (unknown) from the first full word of a person's name."""
    first = next((t for t in name.split() if len(t.strip(".")) > 1), None)
    return GENDERS.get(first_name_table().get_gender(first)) if first else None


def is_subject_name(article: Article, a: int, b: int) -> bool:
    """The name words[a:b] is its clause's subject: by the parse, or, in a sentence left unparsed,
    by the verb right after it ("Hass argues", "Hass also argued")."""
    if article.words[a].is_parsed:
        return any(w.deprel in SUBJECT_DEPRELS for w in article.words[a:b])
    last = article.sentence_of(a)[1]
    following = next((w for w in article.words[b:last] if w.upos not in SKIPPED_BEFORE_VERB), None)
    return following is not None and following.upos in ("VERB", "AUX")


class NameIndex:
    """Every person-like name run of the article, for surname → full name lookups."""

    def __init__(self, article: Article):
        self.article = article
        self._persons: dict[tuple[str, ...], bool] = {}
        self._namesakes: dict[tuple[str, ...], list[NameOccurrence]] = {}

    @cached_property
    def _runs(self) -> list[tuple[int, int]]:
        """Every name run of the article (quotes.mentions.capitalized_runs, sentence by sentence)."""
        return [run for first, last in self.article.sentences for run in capitalized_runs(self.article, first, last)]

    @cached_property
    def occurrences(self) -> list[NameOccurrence]:
        article, places = self.article, lexicons.words(lexicons.PLACES)
        found = []
        for a, b in self._runs:
            if organization_strength(article, a, b):
                continue
            start = person_name_tail(article, a, b)
            if start >= b:
                continue
            text = span_text(article, start, b)
            tokens = name_tokens(text)
            if tokens and text.lower() not in places:
                is_subject = is_subject_name(article, start, b)
                found.append(NameOccurrence(article.words[start].start, article.words[b - 1].end, tokens, text,
                                            is_subject, article.in_quote(article.words[start].start)))
        return found

    @cached_property
    def organizations(self) -> list[tuple[int, int, str]]:
        """(start, end, name) of every organisation name run, outside quotes, in text order."""
        article = self.article
        return [(article.words[a].start, article.words[b - 1].end, span_text(article, a, b)) for a, b in self._runs
                if organization_strength(article, a, b) and not article.in_quote(article.words[a].start)]

    @cached_property
    def full_names(self) -> list[tuple[str, ...]]:
        """Names given with at least two words: the people (and few places) of the article."""
        return [o.tokens for o in self.occurrences if len(o.tokens) > 1]

    def is_person(self, occurrence: NameOccurrence) -> bool:
        """The name is a person's: written in full, or a short form of a full name."""
        tokens = occurrence.tokens
        if tokens not in self._persons:
            self._persons[tokens] = any(_same_person(tokens, full) for full in self.full_names)
        return self._persons[tokens]

    def namesakes(self, tokens: tuple[str, ...]) -> list[NameOccurrence]:
        """The occurrences `tokens` may be a form of ("Hass": "Ryan Hass", "Mr. Hass", "Hass")."""
        if tokens not in self._namesakes:
            self._namesakes[tokens] = [o for o in self.occurrences if _same_person(tokens, o.tokens)]
        return self._namesakes[tokens]

    def canonical(self, name: str, offset: int) -> str:
        """The fullest form of `name` the article gives ("Hass" → "Ryan Hass", "Xi" → "Xi Jinping")."""
        tokens = name_tokens(name)
        if not tokens:
            return name
        candidates = self.namesakes(tokens)
        # a surname beats a first word: "Trump" is "Donald Trump", not "Trump Tower Grill" ("Xi" is "Xi Jinping")
        if any(len(o.tokens) > len(tokens) and o.tokens[-1] == tokens[-1] for o in candidates):
            candidates = [o for o in candidates if o.tokens[-1] == tokens[-1]]
        if not candidates:
            return name
        before = [o for o in candidates if o.start <= offset]
        # the nearest earlier mention decides who is meant ("Wang" after "Wang Wenbin")
        chosen = max(before, key=lambda o: o.start) if before else min(candidates, key=lambda o: o.start)
        fuller = [o for o in candidates if _same_person(chosen.tokens, o.tokens)]
        best = max(fuller, key=lambda o: (len(o.tokens), -o.start))
        return best.text if len(best.tokens) >= len(tokens) else name

def _same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`short` names the same person as `full`: its words in order, ending on the surname."""
    if len(short) > len(full):
        return False
    if len(short) == 1:
        return short[0] in (full[0], full[-1])
    if short[-1] != full[-1] and short[0] != full[0]:
        return False
    remaining = iter(full)
    return all(token in remaining for token in short)


@dataclass(frozen=True)
class Antecedent:
    """Someone "he"/"she" may mean: a person named before the pronoun, or an earlier speaker."""
    mention: Mention  # its span where the article names (or quotes) them, its canonical name
    is_subject: bool  # subject of its clause: the topic a following pronoun usually continues
    spoke: bool  # a quotation's resolved speaker before the pronoun


def pronoun_candidates(article: Article, mention: Mention, previous: list[Mention],
                       index: NameIndex) -> list[Antecedent]:
    """Everyone a person pronoun may mean, in text order: person names outside quotes and earlier
    speakers, from PRONOUN_REACH paragraphs before it. A name that a quotation's speaker phrase holds
    is one candidate that spoke. Gender is left to the ranker: a first name's gender is a guess, and
    a clash is a strong feature rather than a filter."""
    said = [m for m in previous if m.type == "person" and m.start < mention.start]

    def spoke(start: int) -> bool:
        return any(m.start <= start < m.end for m in said)
    names = [Antecedent(Mention(o.start, o.end, None, index.canonical(o.text, o.start), "person"), o.is_subject,
                        spoke(o.start))
             for o in index.occurrences if o.end <= mention.start and not o.in_quote and index.is_person(o)]
    # speakers named otherwise: an earlier "he said" resolved to its person, "the spokesman"
    found = names + [Antecedent(m, _is_subject_span(article, m), True) for m in said
                     if not any(m.start <= a.mention.start < m.end for a in names)]
    paragraph = article.paragraph_of(mention.start)
    found = [a for a in found if article.paragraph_of(a.mention.start) >= paragraph - PRONOUN_REACH]
    return sorted(found, key=lambda a: a.mention.start)


def _is_subject_span(article: Article, mention: Mention) -> bool:
    words = article.words_between(mention.start, mention.end)
    return len(words) > 0 and is_subject_name(article, words[0], words[-1] + 1)


def pronoun_features(article: Article, mention: Mention, candidates: list[Antecedent]) -> list[dict[str, float]]:
    """The ranker's view of each candidate of one pronoun (training and run time share it).

    Recency counts in sentences, paragraphs and rank among the candidates; the person's rank among
    the people named (who was *mentioned* last, not only who spoke last); subject-ness; agreement of
    the first name's gender with the pronoun's; how often the person was named so far."""
    _, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    pronoun_word = article.word_at(mention.start)
    sentence, paragraph = article.words[pronoun_word].sentence, article.paragraph_of(mention.start)
    object_pronoun = mention.name.lower() in OBJECT_PRONOUNS
    # people by their latest mention before the pronoun: rank 0 is the person mentioned last
    latest: dict[str, int] = {}
    counts: dict[str, int] = {}
    for candidate in candidates:
        latest[candidate.mention.name] = candidate.mention.start
        counts[candidate.mention.name] = counts.get(candidate.mention.name, 0) + 1
    person_rank = {name: rank for rank, name in enumerate(sorted(latest, key=latest.get, reverse=True))}
    subjects = [c.mention.start for c in candidates if c.is_subject]
    rows = []
    for rank, candidate in enumerate(reversed(candidates)):
        m = candidate.mention
        word = article.word_at(m.start)
        sentence_gap = sentence - article.words[word].sentence
        paragraph_gap = paragraph - article.paragraph_of(m.start)
        guessed = first_name_gender(m.name)
        rows.append({
            "sentence_gap": math.log1p(max(0, sentence_gap)),
            "paragraph_gap": float(paragraph_gap),
            "same_sentence": float(sentence_gap == 0),
            "same_sentence_object": float(sentence_gap == 0 and object_pronoun and candidate.is_subject),
            "same_paragraph": float(paragraph_gap == 0),
            "recency_rank": math.log1p(rank),
            "latest_candidate": float(rank == 0),
            "person_rank": math.log1p(person_rank[m.name]),
            "last_person_mentioned": float(person_rank[m.name] == 0),
            "latest_of_person": float(latest[m.name] == m.start),
            "subject": float(candidate.is_subject),
            "latest_subject": float(candidate.is_subject and m.start == max(subjects)),
            "opens_sentence": float(word == article.sentence_of(word)[0]),
            "gender_agrees": float(guessed is not None and guessed == gender),
            "gender_clashes": float(guessed is not None and gender is not None and guessed != gender),
            "log_mentions": math.log1p(counts[m.name]),
            "name_words": float(min(3, len(name_tokens(m.name)))),
            "spoke": float(candidate.spoke),
            "spoke_recently": float(candidate.spoke and paragraph_gap <= 1),
        })
    rows.reverse()
    return rows


@dataclass(frozen=True)
class PronounRanker:
    weights: dict[str, float]
    bias: float

    def score(self, feature_values: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feature_values.items())


@functools.cache
def pronoun_ranker(path: Path = PRONOUN_MODEL_PATH) -> PronounRanker | None:
    """The learned ranker (training/pronouns.py), read once per process; None without its file."""
    if not path.is_file():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return PronounRanker(model["weights"], model["bias"])


def continued_speaker(article: Article, mention: Mention, previous: list[Mention],
                      candidates: list[Antecedent]) -> Mention | None:
    """The speaker a pronoun goes on quoting: the latest speaker of the pronoun's paragraph or the one
    before, of a compatible gender, when no person is named in a later paragraph than theirs
    ("...,” Biden said. / “...,” he said.). GUM, which the ranker learns from, has no runs of
    quotations to teach this; a paragraph that introduces someone after the speaker ends it."""
    _, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    paragraph = article.paragraph_of(mention.start)
    recent = [m for m in previous if m.type == "person" and m.start < mention.start
              and article.paragraph_of(m.start) >= paragraph - 1]
    if not recent:
        return None
    last = max(recent, key=lambda m: m.start)
    if first_name_gender(last.name) not in (None, gender):
        return None
    speaker_paragraph = article.paragraph_of(last.start)
    introduced_after = any(article.paragraph_of(c.mention.start) > speaker_paragraph and c.mention.name != last.name
                           for c in candidates)
    return None if introduced_after else last


def ranked_antecedent(article: Article, mention: Mention, previous: list[Mention], index: NameIndex,
                      ranker: PronounRanker) -> Mention | None:
    """The person pronoun's antecedent: the speaker it continues, else the ranker's best candidate
    (None when nobody is named before it)."""
    candidates = pronoun_candidates(article, mention, previous, index)
    if not candidates:
        return None
    speaker = continued_speaker(article, mention, previous, candidates)
    if speaker is not None:
        return speaker
    scores = [ranker.score(f) for f in pronoun_features(article, mention, candidates)]
    # ties go to the later candidate, as recency would have it
    best = max(range(len(candidates)), key=lambda i: (scores[i], i))
    return candidates[best].mention


def _is_document(article: Article, mention: Mention) -> bool:
    """A speaking thing "it" may mean: a mention of no known type headed by a document noun ("the
    report") or a noun whose GUM mentions are things ("the ad", "the video"), not a quantity."""
    if mention.type != "unknown" or mention.head is None or mention.head >= len(article.words):
        return False
    first = article.word_at(mention.start)
    if first is not None and article.words[first].upos == "NUM":  # "58 percent" said nothing
        return False
    head = article.words[mention.head]
    return head.lemma.lower() in lexicons.words(lexicons.DOCUMENT_NOUNS) or learned_type(head) == "other"


def rule_antecedent(article: Article, mention: Mention, previous: list[Mention], index: NameIndex) -> Mention | None:
    """The hand rule: the latest compatible speaker or subject name before the pronoun."""
    wanted, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    accepted = ANTECEDENT_TYPES[wanted]
    candidates = [m for m in previous if (m.type in accepted or wanted == "organization" and _is_document(article, m))
                  and m.start < mention.start]
    if wanted == "person":
        names = [o for o in index.occurrences if o.end <= mention.start and not o.in_quote and index.is_person(o)]
        subjects = [o for o in names if o.is_subject] or names[-1:]
        candidates += [Mention(o.start, o.end, None, index.canonical(o.text, o.start), "person") for o in subjects]
        candidates = [m for m in candidates if first_name_gender(m.name) in (None, gender)]
    paragraph = article.paragraph_of(mention.start)
    candidates = [m for m in candidates if article.paragraph_of(m.start) >= paragraph - PRONOUN_REACH]
    if not candidates:
        return None
    sentence = article.sentence_of(article.word_at(mention.start))
    speakers = {id(m) for m in previous}

    def salience(candidate: Mention) -> tuple[bool, bool, int]:
        # a subject earlier in the same sentence, then the speaker of a quote just before, then recency
        in_sentence = article.sentence_of(article.word_at(candidate.start)) == sentence
        recent_speaker = id(candidate) in speakers and article.paragraph_of(candidate.start) >= paragraph - 1
        return in_sentence, recent_speaker, candidate.start

    return max(candidates, key=salience)


def resolve_pronoun(article: Article, mention: Mention, previous: list[Mention], index: NameIndex,
                    ranker: PronounRanker | None = None) -> Mention | None:
    """The antecedent of "he"/"it"/"they", as a mention at the pronoun's place.

    "he"/"she" go to the learned ranker's choice when its model file is there (`ranker`, by default
    the committed one); "it"/"they" and a missing model keep the hand rule."""
    ranker = ranker if ranker is not None else pronoun_ranker()
    if ranker is not None and lexicons.table(lexicons.PRONOUNS)[mention.name.lower()][0] == "person":
        best = ranked_antecedent(article, mention, previous, index, ranker)
    else:
        best = rule_antecedent(article, mention, previous, index)
    return None if best is None else replace(best, start=mention.start, end=mention.end, head=mention.head)


def resolve_generic_organization(mention: Mention, index: NameIndex) -> Mention:
    """"the department said" → the latest organisation named before it ("State Department")."""
    words = mention.name.split()
    if mention.type not in ("unknown", "organization") or not words or words[-1].lower() not in \
            lexicons.weighted(lexicons.ORGANIZATION_WORDS) or any(w[:1].isupper() for w in words[1:]) \
            or words[0][:1].isupper() and words[0].lower() != "the":
        return mention
    earlier = [o for o in index.organizations if o[1] <= mention.start]
    if not earlier:
        return mention
    same_kind = [o for o in earlier if words[-1].lower() in o[2].lower().split()]
    start, end, name = (same_kind or earlier)[-1]
    return replace(mention, name=name, type="organization", affiliation=(name, start, end))


def is_named(mention: Mention) -> bool:
    """Whether the article says who the speaker is.

    "Antony Blinken", "the White House", "the Trump campaign" and "Democrats" name their speaker;
    "top U.S. officials" and "a State Department spokesman" describe an unnamed source: a name
    word may modify the phrase, but its head is a common noun. An organisation is named by any
    name word in it ("the Clinton campaign").
    """
    words = [w.strip(".,;:'’\"") for w in mention.name.split()]
    words = [w for w in words if w]
    if not words:
        return False
    if mention.type == "organization":
        return any(w[:1].isupper() for w in words)
    return words[-1][:1].isupper()


def normalise(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """A person's mention carries the canonical name of the person."""
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    return replace(mention, name=index.canonical(mention.name, mention.start))
