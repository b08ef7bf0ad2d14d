"""Affiliation and role of a speaker, from wherever the article introduces them.

"Ryan Hass, a senior fellow at the Brookings Institution, said" (apposition), "a Cornell
University professor" (compound inside it), "Foreign Ministry spokesman Wang Wenbin"
(pre-nominal title), "the company's chief executive, Maria Lindqvist" (a title set off before
the name). Once found, they stay with the speaker for all their quotes.
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.names import POSSESSIVE_MARKS, best_organization, find_title, name_tokens, same_person, title_words
from quotes.speaker.people import NameIndex

# Words that end an apposition: a relative clause or the next clause starts there.
APPOSITION_ENDS = frozenset({",", ".", ";", ":", "who", "which", "that", "whose", "—", "–", "(", ")", "“", "”", '"'})
PRENOMINAL_REACH = 6  # words before a name that may hold its title ("Foreign Ministry spokesman")
TITLE_PHRASE_TAGS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "PART"})  # "the company's chief executive"


def _apposition(article: Article, end: int) -> tuple[int, int] | None:
    """Word range of the apposition that follows the name ending at char `end`, if any."""
    i = article.word_at(end)
    if i is None or article.words[i].text != "," or article.in_quote(article.words[i].start):
        return None
    sentence_end = article.sentence_of(i)[1]
    cue_lemmas = lexicons.words(lexicons.CUE_VERBS)
    first = article.words[i + 1] if i + 1 < sentence_end else None
    # "Tom Price, who leads the Finance Committee,": the relative clause describes the person too
    start = i + 2 if first is not None and first.text.lower() == "who" else i + 1
    j = start
    while j < sentence_end and article.words[j].text.lower() not in APPOSITION_ENDS \
            and not (article.words[j].upos == "VERB" and article.words[j].lemma.lower() in cue_lemmas):
        j += 1
    if start == i + 2:
        return start, j
    if first is None or first.text.lower() not in ("a", "an", "the") and first.upos not in ("DET", "NOUN", "ADJ"):
        return None  # not a descriptive apposition ("Blinken, Qin and officials")
    return i + 1, j


def _prenominal(article: Article, start: int) -> tuple[int, int] | None:
    """Word range of the title words right before the name starting at char `start`."""
    i = article.word_at(start)
    if i is None:
        return None
    first = article.sentence_of(i)[0]
    a = i
    while a > max(first, i - PRENOMINAL_REACH) and article.words[a - 1].upos in ("PROPN", "NOUN", "ADJ", "PART") \
            and article.words[a - 1].text not in (",",):
        a -= 1
    return (a, i) if a < i else None


def _title_before(article: Article, start: int) -> tuple[int, int] | None:
    """Word range of the noun phrase set off by a comma before the name starting at char `start`,
    when a title ends it: "the company's chief executive, Maria Lindqvist"."""
    i = article.word_at(start)
    if i is None or i < 2 or article.words[i - 1].text != "," or article.words[i - 2].text.lower() not in title_words():
        return None
    first = article.sentence_of(i)[0]
    a = i - 2
    while a > first and (article.words[a - 1].upos in TITLE_PHRASE_TAGS or article.words[a - 1].text in POSSESSIVE_MARKS):
        a -= 1
    return a, i - 1


def _describe_person(article: Article, windows: list[tuple[int, int] | None]) -> tuple[tuple[str, int, int] | None, str | None]:
    organization, role = None, None
    for window in windows:
        if window is None:
            continue
        a, b = window
        organization = organization or best_organization(article, a, b)
        role = role or find_title([w.text.lower() for w in article.words[a:b]])
    return organization, role


def attach(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """The mention with the affiliation and role the article gives its speaker anywhere."""
    if mention.type == "organization":
        return mention
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    organization, role = known_of(article, mention.name, index, mention.affiliation, mention.role)
    return replace(mention, affiliation=organization, role=spelt_out(role))


def known_of(article: Article, name: str, index: NameIndex, organization: tuple[str, int, int] | None = None,
             role: str | None = None) -> tuple[tuple[str, int, int] | None, str | None]:
    """The affiliation and role the article gives the person `name` where it names them (the first
    found, in text order), unless already known."""
    tokens = name_tokens(name)
    occurrences = sorted((o for o in index.occurrences if same_person(o.tokens, tokens)), key=lambda o: o.start)
    # a title set off before a name counts only where no title stands beside one
    for set_off_before in (False, True):
        for occurrence in occurrences:
            if organization and role:
                return organization, role
            windows = [_title_before(article, occurrence.start)] if set_off_before else \
                [_prenominal(article, occurrence.start), _apposition(article, occurrence.end)]
            found_organization, found_role = _describe_person(article, windows)
            organization = organization or found_organization
            role = role or found_role
    return organization, role


def spelt_out(title: str | None) -> str | None:
    """The title with its short form spelt out ("sen." is "senator")."""
    return lexicons.table(lexicons.TITLE_FORMS).get(title, (title,))[0] if title else title


def may_mean(description: str | None, title: str | None) -> bool:
    """A description by the title `description` may mean a person with the title `title`: the same
    title, short forms spelt out, or an office that covers it ("lawmaker" covers "senator")."""
    description, title = spelt_out(description), spelt_out(title)
    return description is not None and title is not None and (
        description == title or title in lexicons.table(lexicons.TITLE_KINDS).get(description, ()))
