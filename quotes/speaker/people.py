"""The people and organisations of one article: every name occurrence, one canonical name per person
(the fullest form the article gives), and whether a mention names its speaker at all."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.names import (
    DETERMINERS,
    capitalized_runs,
    first_name_gender,
    name_tokens,
    names_thing,
    nicknamed,
    organization_strength,
    person_name_tail,
    role_heads,
    same_person,
    span_text,
    spelt_out_acronym,
    title_words,
)
from quotes.english.tags import NOMINAL_SUBJECT_DEPRELS

SKIPPED_BEFORE_VERB = frozenset({"ADV", "PART"})  # "Hass also argues", "Hass never said"
APPOSITION_REACH = 16  # words an apposition between a subject name and its verb may take


@dataclass(frozen=True)
class NameOccurrence:
    start: int
    end: int
    tokens: tuple[str, ...]  # lower-cased, honorifics dropped
    text: str
    is_subject: bool  # the name is the subject of its clause: a likely antecedent for "he"
    in_quote: bool
    titled: bool = False  # a title stands before it ("Captain Moreau"): a person's name, even one word


def is_subject_name(article: Article, a: int, b: int) -> bool:
    """The name words[a:b] is its clause's subject: by the parse, or, in a sentence left unparsed,
    by the verb right after it ("Hass argues", "Hass also argued")."""
    if article.words[a].is_parsed:
        return any(w.deprel in NOMINAL_SUBJECT_DEPRELS for w in article.words[a:b])
    last = article.sentence_of(a)[1]
    # past an apposition: "Jim Swire, father of another victim, believes"
    if b < last and article.words[b].text == ",":
        closing = next((k for k in range(b + 1, min(last, b + APPOSITION_REACH)) if article.words[k].text == ","), None)
        if closing is not None:
            b = closing + 1
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
        """Every name run of the article (quotes.english.names.capitalized_runs, sentence by sentence)."""
        return [run for first, last in self.article.sentences for run in capitalized_runs(self.article, first, last)]

    @cached_property
    def occurrences(self) -> list[NameOccurrence]:
        article, places = self.article, lexicons.words(lexicons.PLACES)
        found = []
        for a, b in self._runs:
            if names_thing(article, a, b):
                continue
            start = person_name_tail(article, a, b)
            # an organisation's run holds a person only after a title: "Foreign Office Minister Ivan Lewis"
            if organization_strength(article, a, b) and not (
                    a < start < b and not organization_strength(article, start, b)
                    and article.words[start - 1].text.lower() in title_words() | role_heads()):
                continue
            if start >= b:
                continue
            text = span_text(article, start, b)
            tokens = name_tokens(text)
            if tokens and text.lower() not in places:
                is_subject = is_subject_name(article, start, b)
                found.append(NameOccurrence(article.words[start].start, article.words[b - 1].end, tokens, text,
                                            is_subject, article.in_quote(article.words[start].start),
                                            titled=start > a))
        # "Charles “Chuck” McClain": the marks part the runs, but the person is named in full there
        for match in self._nicknamed:
            surname = article.word_at(match.start(3))
            if surname is None:
                continue
            text = f"{match.group(1)} {match.group(3)}"
            found.append(NameOccurrence(match.start(1), match.end(3), name_tokens(text), text,
                                        is_subject_name(article, surname, surname + 1), article.in_quote(match.start(1))))
        return sorted(found, key=lambda o: o.start)

    @cached_property
    def _nicknamed(self) -> list:
        """Where the article gives a first name with the name the person goes by (quotes.english.names.nicknamed)."""
        return nicknamed(self.article.text)

    @cached_property
    def _formal_first_names(self) -> dict[tuple[str, str], str]:
        """(nickname, surname) → the first name the article gives with it ("chuck", "mcclain" → "Charles")."""
        return {(m.group(2).lower(), m.group(3).lower()): m.group(1) for m in self._nicknamed}

    def _formal(self, name: str) -> str:
        """"Chuck McClain" → "Charles McClain" when the article wrote "Charles “Chuck” McClain"."""
        words = name.split()
        formal = self._formal_first_names.get((words[0].lower(), words[-1].lower())) if len(words) > 1 else None
        return " ".join([formal] + words[1:]) if formal else name

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
        """The name is a person's: written in full, a short form of a full name, or after a title."""
        tokens = occurrence.tokens
        # a title before it, or one name that is a first name and a subject ("Adele stopped, swore")
        # (capitalised inside a sentence somewhere: not "Storm" of the headline "Storm closes the coast road")
        if occurrence.titled or len(tokens) == 1 and occurrence.is_subject and first_name_gender(occurrence.text) \
                and occurrence.text.lower() in self.article.capitalized_mid_sentence:
            return True
        return self.names_person(tokens)

    def names_person(self, tokens: tuple[str, ...]) -> bool:
        """The name is a person's the article gives in full, or a short form of one."""
        if tokens not in self._persons:
            self._persons[tokens] = any(same_person(tokens, full) for full in self.full_names)
        return self._persons[tokens]

    def namesakes(self, tokens: tuple[str, ...]) -> list[NameOccurrence]:
        """The occurrences `tokens` may be a form of ("Hass": "Ryan Hass", "Mr. Hass", "Hass")."""
        if tokens not in self._namesakes:
            self._namesakes[tokens] = [o for o in self.occurrences if same_person(tokens, o.tokens)]
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
        people = {o.tokens: o for o in sorted(candidates, key=lambda o: -o.start) if len(o.tokens) > len(tokens)}
        if len(people) > 1:
            # several people share the name (a mother and daughter): the one the article spoke of last before
            # `offset`, by any of their names ("Eva, 19, spent the night ... Kowalski said")
            def last_spoken_of(full: tuple[str, ...]) -> int:
                return max((o.start for o in self.occurrences if o.start <= offset and o.tokens != tokens
                            and same_person(o.tokens, full)), default=-1)
            chosen = max(people, key=lambda full: (last_spoken_of(full), len(full)))
            return self._formal(people[chosen].text)
        before = [o for o in candidates if o.start <= offset]
        # the nearest earlier mention decides who is meant ("Wang" after "Wang Wenbin")
        chosen = max(before, key=lambda o: o.start) if before else min(candidates, key=lambda o: o.start)
        fuller = [o for o in candidates if same_person(chosen.tokens, o.tokens)]
        best = max(fuller, key=lambda o: (len(o.tokens), -o.start))
        return self._formal(best.text if len(best.tokens) >= len(tokens) else name)


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


PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})


def is_named(mention: Mention) -> bool:
    """Whether the article says who the speaker is.

    "Antony Blinken", "the White House", "the Trump campaign" and "Democrats" name their speaker;
    "top U.S. officials" and "a State Department spokesman" describe an unnamed source: a name
    word may modify the phrase, but its head is a common noun. An organisation is named by any
    name word in it ("the Clinton campaign").
    """
    words = [w.strip(".,;:'’\"") for w in mention.name.split()]
    words = [w for w in words if w and w.lower() not in DETERMINERS]  # "The ministry" names nobody
    if not words:
        return False
    if mention.type == "organization":
        # a place after the head says where, not who: "police in downtown Leeds" names nobody
        cut = next((i for i, w in enumerate(words) if w in PLACE_PREPOSITIONS), len(words))
        return any(w[:1].isupper() for w in words[:cut])
    return words[-1].rsplit("-", 1)[-1][:1].isupper()  # "al-Rashid" too


def with_canonical_name(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """A person's mention carries the canonical name of the person; an organisation's written as an
    acronym, the name the article spells it out as ("WHO": "World Health Organization")."""
    if mention.type == "organization":
        spelt_out = spelt_out_acronym(article, mention.name)
        return replace(mention, name=spelt_out[0]) if spelt_out else mention
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    name = index.canonical(mention.name, mention.start)
    # the fullest form may show an organisation: "Manchester City" is "Manchester City Football Club"
    organization = next((o[2] for o in index.organizations if o[2].startswith(name + " ")), None)
    if organization is not None:
        return replace(mention, name=organization, type="organization")
    return replace(mention, name=name)
