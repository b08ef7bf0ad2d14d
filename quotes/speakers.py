"""Speaker resolution within one article: one canonical name per person, pronouns to antecedents."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from quotes import lexicons
from quotes.article import Article, Mention
from quotes.mentions import capitalized_runs, organization_strength, person_name_tail, span_text

# How far back (in paragraphs) "he said" may look for the person it means.
PRONOUN_REACH = 4


@dataclass(frozen=True)
class NameOccurrence:
    start: int
    end: int
    tokens: tuple[str, ...]  # lower-cased, honorifics dropped
    text: str


def name_tokens(name: str) -> tuple[str, ...]:
    honorifics = lexicons.words(lexicons.HONORIFICS)
    return tuple(t for t in name.lower().replace("’s", "").split() if t not in honorifics)


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
                    found.append(NameOccurrence(article.words[start].start, article.words[b - 1].end, tokens, text))
        return found

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
    """The antecedent of "he"/"it"/"they": the latest compatible speaker, else the latest name."""
    wanted = lexicons.weighted(lexicons.PRONOUNS).get(mention.name.lower())
    paragraph = article.paragraph_of(mention.start)
    accepted = {"person": ("person",), "organization": ("organization",), "group": ("group", "organization")}[wanted]
    for earlier in reversed(previous):
        if article.paragraph_of(earlier.start) < paragraph - PRONOUN_REACH:
            break
        if earlier.type in accepted and earlier.start < mention.start:
            return replace(earlier, start=mention.start, end=mention.end, head=mention.head)
    if wanted == "person":
        earlier_names = [o for o in index.occurrences if o.end <= mention.start]
        if earlier_names:
            latest = earlier_names[-1]
            return Mention(mention.start, mention.end, mention.head, index.canonical(latest.text, latest.start),
                           "person")
    return None


def normalise(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """A person's mention carries the canonical name of the person."""
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    return replace(mention, name=index.canonical(mention.name, mention.start))
