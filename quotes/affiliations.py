"""Affiliation and role of a speaker, from wherever the article introduces them.

"Ryan Hass, a senior fellow at the Brookings Institution, said" (apposition), "a Cornell
University professor" (compound inside it), "Foreign Ministry spokesman Wang Wenbin"
(pre-nominal title). Once found, they stay with the speaker for all their quotes.
"""
from __future__ import annotations

from dataclasses import replace

from quotes import lexicons
from quotes.article import Article, Mention
from quotes.mentions import best_organization, find_title
from quotes.speakers import NameIndex, _same_person, name_tokens

# Words that end an apposition: a relative clause or the next clause starts there.
APPOSITION_ENDS = frozenset({",", ".", ";", ":", "who", "which", "that", "whose", "—", "–", "(", ")", "“", "”", '"'})
PRENOMINAL_REACH = 6  # words before a name that may hold its title ("Foreign Ministry spokesman")


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


def _describe_person(article: Article, start: int, end: int) -> tuple[tuple[str, int, int] | None, str | None]:
    organization, role = None, None
    for window in (_prenominal(article, start), _apposition(article, end)):
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
    return replace(mention, affiliation=organization, role=role)


def known_of(article: Article, name: str, index: NameIndex, organization: tuple[str, int, int] | None = None,
             role: str | None = None) -> tuple[tuple[str, int, int] | None, str | None]:
    """The affiliation and role the article gives the person `name` where it names them (the first
    found, in text order), unless already known."""
    tokens = name_tokens(name)
    occurrences = sorted((o for o in index.occurrences if _same_person(o.tokens, tokens)), key=lambda o: o.start)
    for occurrence in occurrences:
        if organization and role:
            break
        found_organization, found_role = _describe_person(article, occurrence.start, occurrence.end)
        organization = organization or found_organization
        role = role or found_role
    return organization, role


def may_mean(description: str | None, title: str | None) -> bool:
    """A description by the title `description` may mean a person with the title `title`: the same
    title, short forms spelt out ("sen." is "senator"), or an office that covers it ("lawmaker")."""
    forms = lexicons.table(lexicons.TITLE_FORMS)
    description, title = (forms.get(t, (t,))[0] if t else None for t in (description, title))
    return description is not None and title is not None and (
        description == title or title in lexicons.table(lexicons.TITLE_KINDS).get(description, ()))
