"""Speaker resolution within one article: one canonical name per person, pronouns to antecedents."""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from functools import cached_property

from quotes import lexicons
from quotes.article import Article, Mention
from quotes.mentions import capitalized_runs, organization_strength, person_name_tail, span_text

# How far back (in paragraphs) "he said" may look for the person it means.
PRONOUN_REACH = 4


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


@functools.cache
def _gender_detector():
    import gender_guesser.detector  # a first-name table: loaded once, on the first pronoun

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str | None:
    """"male", "female" or None (unknown) from the first full word of a person's name."""
    first = next((t for t in name.split() if len(t.strip(".")) > 1), None)
    return GENDERS.get(_gender_detector().get_gender(first)) if first else None


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

    @cached_property
    def occurrences(self) -> list[NameOccurrence]:
        article, places = self.article, lexicons.words(lexicons.PLACES)
        found = []
        for first, last in article.sentences:
            for a, b in capitalized_runs(article, first, last):
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
        article, found = self.article, []
        for first, last in article.sentences:
            for a, b in capitalized_runs(article, first, last):
                if organization_strength(article, a, b) and not article.in_quote(article.words[a].start):
                    found.append((article.words[a].start, article.words[b - 1].end, span_text(article, a, b)))
        return found

    @cached_property
    def full_names(self) -> list[tuple[str, ...]]:
        """Names given with at least two words: the people (and few places) of the article."""
        return [o.tokens for o in self.occurrences if len(o.tokens) > 1]

    def is_person(self, occurrence: NameOccurrence) -> bool:
        """The name is a person's: written in full, or a short form of a full name."""
        return any(_same_person(occurrence.tokens, full) for full in self.full_names)

    def canonical(self, name: str, offset: int) -> str:
        """The fullest form of `name` the article gives ("Hass" → "Ryan Hass", "Xi" → "Xi Jinping")."""
        tokens = name_tokens(name)
        if not tokens:
            return name
        candidates = [o for o in self.occurrences if _same_person(tokens, o.tokens)]
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


def resolve_pronoun(article: Article, mention: Mention, previous: list[Mention], index: NameIndex) -> Mention | None:
    """The antecedent of "he"/"it"/"they": the latest compatible speaker or subject name before it."""
    wanted, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    accepted = ANTECEDENT_TYPES[wanted]
    candidates = [m for m in previous if m.type in accepted and m.start < mention.start]
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

    best = max(candidates, key=salience)
    return replace(best, start=mention.start, end=mention.end, head=mention.head)


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


def normalise(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """A person's mention carries the canonical name of the person."""
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    return replace(mention, name=index.canonical(mention.name, mention.start))
