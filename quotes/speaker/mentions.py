"""Noun phrases that name speakers: expansion from a parse head, and what a phrase says.

The small parser attaches long phrases loosely, so the pieces that matter (names, titles,
organisations) are read off capitalisation and the lexicons inside a phrase, and the parse
only chooses the phrase head.
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.grammar import noun_phrase
from quotes.english.names import (
    DETERMINERS,
    POSSESSIVE_MARKS,
    best_organization,
    capitalized_runs,
    find_title,
    first_name_gender,
    is_name_word,
    is_role_noun,
    learned_type,
    named_span,
    names_organization,
    names_place,
    names_thing,
    organization_strength,
    person_name_tail,
    role_heads,
    span_text,
    spelt_out_acronym,
    title_words,
)


def _titled_name(article: Article, a: int, b: int) -> tuple[int, int, str] | None:
    """(where the title starts, where the name starts, the title) in the name run words[a:b] when an
    organisation or a place comes before a title and the title before the person's name: capitalised
    words that name no organisation ("FBI Director James Comey", "Breitbart News Chairman Stephen
    Bannon"). None otherwise."""
    name_start = person_name_tail(article, a, b)
    if not a < name_start < b or organization_strength(article, name_start, b) or \
            not all(w.text[:1].isupper() for w in article.words[name_start:b]):
        return None
    title_start = name_start
    while title_start > a and article.words[title_start - 1].text.lower() in title_words() | role_heads():
        title_start -= 1
    if not (a < title_start < name_start and article.words[title_start - 1].text[:1].isupper()):
        return None
    # the words between must be a title, not a name's words a title also uses ("... of National Intelligence")
    title = find_title([w.text.lower() for w in article.words[title_start:name_start]])
    if title is None and article.words[name_start - 1].text.lower() in role_heads():
        title = span_text(article, title_start, name_start).lower()
    return (title_start, name_start, title) if title else None


# What ties a document to whoever issued it: "a statement from the ministry", "a letter by Ann Cole".
ISSUER_PREPOSITIONS = frozenset({"from", "by", "of"})
PERSON_OF = frozenset({"of", "at"})  # "Shannon Curry of the University of Colorado Boulder"
ISSUER_TYPES = frozenset({"organization", "person", "group"})


def _acronym_organization(article: Article, a: int, b: int) -> tuple[str, int, int] | None:
    """An acronym in words[a:b] that names an organisation: "the WHO statement"."""
    for i in range(a, b):
        if names_organization(article, i, i + 1):
            return named_span(article, i, i + 1)
    return None


def _issuer(article: Article, head: int) -> Mention | None:
    """Who issued the document headed by word `head`: "a statement from the ministry" is the ministry's."""
    for child in article.children[head]:
        word = article.words[child]
        if word.deprel.startswith("nmod") and child > head and any(
                article.words[c].deprel == "case" and article.words[c].text.lower() in ISSUER_PREPOSITIONS
                for c in article.children[child]):
            issuer = mention_at(article, child)
            if issuer.type == "unknown" and word.text.lower() in lexicons.weighted(lexicons.ORGANIZATION_WORDS):
                return replace(issuer, type="organization")  # "the ministry", "the club"
            return issuer if issuer.type in ISSUER_TYPES else None
    return None


def _person_of_organization(article: Article, a: int, b: int) -> Mention | None:
    """A person's name, then "of" or "at" and an organisation: "Shannon Curry of the University of
    Colorado Boulder" is Shannon Curry, affiliated to the university (the capitalised words run on
    through "of" as in "Ministry of Foreign Affairs", so the name is read off the words before it)."""
    words = article.words
    for i in range(a + 1, b - 1):
        if words[i].text.lower() not in PERSON_OF:
            continue
        # lower-case role words may come first: "ice scientist Linette Boisvert of NASA’s Goddard ..."
        first = a
        while first < i and words[first].text.islower():
            first += 1
        if first > a and not _is_person_word(words[first - 1]):
            return None
        if not all(is_name_word(w) for w in words[first:i]):
            return None
        name_start = person_name_tail(article, first, i)
        # capitalised words before the name may be a title ("LRO Deputy Project Scientist Maria Banks of ...")
        titled = first < name_start and words[name_start - 1].text.lower() in title_words() | role_heads()
        if organization_strength(article, name_start if titled else first, i) \
                or names_place(article, name_start if titled else first, i):
            return None
        organization = best_organization(article, i + 1, b) or _employer_named_after(article, name_start, i, b)
        if i - name_start < 2 or organization is None:
            return None
        role = find_title([w.text.lower() for w in words[a:name_start]]) or \
            (" ".join(w.text if w.text.isupper() else w.text.lower() for w in words[first:name_start]) if titled else None)
        return Mention(words[name_start].start, words[i - 1].end, i - 1, span_text(article, name_start, i), "person",
                       role=role, affiliation=organization)
    return None


def _employer_named_after(article: Article, name_start: int, of: int, b: int) -> tuple[str, int, int] | None:
    """"Justin Pierel of STScI", "Connie Miller of Boeing": after a first name and a surname, "of" and one
    capitalised name that is no place is who the person works for, though no word says it is an
    organisation."""
    words = article.words
    if of - name_start != 2 or first_name_gender(words[name_start].text) is None:
        return None
    runs = capitalized_runs(article, of + 1, b)
    if len(runs) != 1 or runs[0] != (of + 1, b) or names_place(article, of + 1, b):
        return None
    return named_span(article, of + 1, b)


def describe(article: Article, a: int, b: int, head: int) -> Mention:
    """What the phrase words[a:b] says of its speaker: name, type, role, affiliation."""
    words = article.words
    lowered = [w.text.lower() for w in words[a:b]]
    head_word = words[head]
    start, end = words[a].start, words[b - 1].end

    pronoun_types = lexicons.table(lexicons.PRONOUNS)
    if b - a == 1 and lowered[0] in pronoun_types:
        return Mention(start, end, head, head_word.text, "pronoun")

    # a possessor before the head: "China's Ministry of Foreign Affairs", "the State Department's summary"
    possessive = next((i for i in range(a, b) if words[i].text in POSSESSIVE_MARKS and i < head), None)
    if head_word.lemma.lower() in lexicons.words(lexicons.DOCUMENT_NOUNS) or head_word.text.lower() in \
            lexicons.words(lexicons.DOCUMENT_NOUNS):
        if possessive is not None and possessive > a:
            return describe(article, a, possessive, possessive - 1)
        organization = best_organization(article, a, b) or _acronym_organization(article, a, b)
        if organization:
            return Mention(start, end, head, organization[0], "organization", affiliation=organization)
        issuer = _issuer(article, head)
        if issuer is not None:
            return replace(issuer, start=start, end=end, head=head)
        return Mention(start, end, head, span_text(article, a, b), "unknown")
    person = _person_of_organization(article, a, b)
    if person is not None:
        return person
    owner = None  # an organisation that owns the rest: "the World Health Organization's Lena Vogt"
    if possessive is not None:
        owner = best_organization(article, a, possessive) \
            or (named_span(article, a, possessive) if names_organization(article, a, possessive) else None)
        if owner is None and _is_organization_noun(head_word) and names_place(article, a, possessive):
            # "Malaysia's transport ministry", "Russia's health watchdog": a country's body, named by the phrase
            first = a + (words[a].text.lower() in DETERMINERS)
            name = span_text(article, first, b)
            return Mention(start, end, head, name, "organization", affiliation=(name, words[first].start, end))
        a = possessive + 1
        lowered = [w.text.lower() for w in words[a:b]]

    role = find_title(lowered)
    runs = capitalized_runs(article, a, b)
    head_run = next(((i, j) for i, j in runs if i <= head < j), None)
    organization = best_organization(article, a, b) or owner
    group_nouns = lexicons.words(lexicons.GROUP_NOUNS)

    if head_run and names_thing(article, *head_run):  # "Best Alternative Music Album": nobody speaks
        return Mention(start, end, head, span_text(article, *head_run), "unknown")
    titled = _titled_name(article, *head_run) if head_run else None
    if titled:  # "FBI Director James Comey": the organisation, the title, then the person
        title_start, name_start, title = titled
        prefix = named_span(article, head_run[0], title_start)
        return Mention(start, end, head, span_text(article, name_start, head_run[1]), "person", role=title,
                       affiliation=prefix if names_organization(article, head_run[0], title_start) else organization)
    if head_run and (organization_strength(article, *head_run) or _is_organization_acronym(article, *head_run)):
        name = span_text(article, *head_run)
        return Mention(start, end, head, name, "organization", affiliation=(name, words[head_run[0]].start,
                                                                              words[head_run[1] - 1].end))
    if head_word.text.lower() in group_nouns or (head_word.xpos == "NNS" and not head_word.is_capitalized):
        name_words = [i for i in range(a, b) if lowered[i - a] not in DETERMINERS]
        name = span_text(article, name_words[0], b) if name_words else head_word.text
        return Mention(start, end, head, name, "group", role=None, affiliation=organization)
    # a title noun followed by the name: "spokesman Wang Wenbin" (not a place after a preposition: "police in
    # downtown Leeds" are not Leeds)
    name_run = head_run or next(((i, j) for i, j in runs if i > head
                                 and not any(w.upos == "ADP" for w in words[head + 1:i])), None)
    if name_run:
        name_start = person_name_tail(article, *name_run)
        if name_start < name_run[1]:
            name = span_text(article, name_start, name_run[1])
            if name.lower() in lexicons.words(lexicons.PLACES):
                return Mention(start, end, head, name, "organization")
            return Mention(start, end, head, name, "person", role=role, affiliation=organization)
    if role:
        name_words = [i for i in range(a, b) if lowered[i - a] not in DETERMINERS]
        return Mention(start, end, head, span_text(article, name_words[0], b) if name_words else role,
                       "person", role=role, affiliation=organization)
    return Mention(start, end, head, span_text(article, a, b), "unknown", affiliation=organization)


def _is_organization_acronym(article: Article, a: int, b: int) -> bool:
    """One word in capitals that "the" stands before or that the article spells out as an organisation's name:
    "according to the RGS", "the WHO statement" (not "AOC said")."""
    if b - a != 1 or not names_organization(article, a, b):
        return False
    if a > 0 and article.words[a - 1].text.lower() == "the":
        return True
    spelt_out = spelt_out_acronym(article, article.words[a].text)
    if spelt_out is None:
        return False
    spelling = article.words_between(spelt_out[1], spelt_out[2])
    return len(spelling) > 0 and bool(organization_strength(article, spelling[0], spelling[-1] + 1))


def _is_organization_noun(word) -> bool:
    """A lower-case noun for a body: "ministry", "watchdog", "club" (the lexicon, or its GUM mentions)."""
    return word.text.islower() and (word.text in lexicons.weighted(lexicons.ORGANIZATION_WORDS)
                                    or learned_type(word) == "organization")


def _is_person_word(word) -> bool:
    """A lower-case word that can stand before a person's name: a title or role ("procurator fiscal"), or a
    noun for a person ("father", "neighbour")."""
    return word.text.islower() and (word.text in title_words() or is_role_noun(word) or learned_type(word) == "person")


def _name_after(article: Article, b: int) -> tuple[int, int] | None:
    """The person's name that a phrase ending before word `b` introduces, when the parse cut it off: after a
    noun for a person ("Aitchison's father Norrie"), or after title words ("North of Scotland procurator
    fiscal Liam Murphy")."""
    words = article.words
    last = article.sentence_of(b - 1)[1]
    k = b
    while k < last and _is_person_word(words[k]):
        k += 1
    if k == last or (k == b and not _is_person_word(words[b - 1])) or article.in_quote(words[k].start):
        return None
    run = next(((i, j) for i, j in capitalized_runs(article, k, last) if i == k), None)
    if run is None or organization_strength(article, *run) or person_name_tail(article, *run) != k:
        return None
    return run


def _apposition_after(article: Article, b: int) -> tuple[int, int] | None:
    """The words set off by a comma right after a phrase ending before word `b`, up to the next comma or
    the sentence end, outside quotes."""
    words = article.words
    last = article.sentence_of(b - 1)[1]
    if b + 1 >= last or words[b].text != "," or article.in_quote(words[b + 1].start):
        return None
    end = next((k for k in range(b + 1, last) if words[k].text in (",", ";") or words[k].upos == "PUNCT"
                and words[k].text in (".", "!", "?") or article.in_quote(words[k].start)), last)
    return (b + 1, end) if end > b + 1 else None


def _person_in_apposition(article: Article, b: int) -> Mention | None:
    """The person a comma sets off after a phrase ending before word `b`, the apposition all their name or
    their name "of" an organisation ("said one of them, Omar Saleh.", "said Ingenuity's project manager,
    Teddy Tzanetos of NASA JPL.")."""
    apposition = _apposition_after(article, b)
    if apposition is None:
        return None
    first, end = apposition
    person = _person_of_organization(article, first, end)
    if person is not None:
        return person
    if not (end - first >= 2 and all(w.text[:1].isupper() for w in article.words[first:end])) \
            or organization_strength(article, first, end) or person_name_tail(article, first, end) != first \
            or names_place(article, first, end):
        return None
    person = describe(article, first, end, end - 1)
    return person if person.type == "person" else None


def describe_speaker(article: Article, a: int, b: int, head: int) -> Mention:
    """describe() of the cue's speaker phrase words[a:b]; but a description whose apposition names a
    person ("said one of them, Omar Saleh.") is that person, with the description's role."""
    person = _person_in_apposition(article, b) if not article.words[head].is_capitalized else None
    if person is not None:
        description = describe(article, a, b, head)
        return replace(person, role=person.role or description.role,
                       affiliation=person.affiliation or description.affiliation)
    return describe(article, a, b, head)


def mention_at(article: Article, head: int) -> Mention:
    """The speaker mention whose phrase is headed by word `head` (through to the name it introduces, which
    then heads it; or the name set off after it, describe_speaker)."""
    a, b = noun_phrase(article, head)
    name = _name_after(article, b)
    if name is not None:
        return describe(article, a, name[1], name[1] - 1)
    return describe_speaker(article, a, b, head)
