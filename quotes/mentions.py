"""Noun phrases that name speakers: expansion from a parse head, and what a phrase says.

The small parser attaches long phrases loosely, so the pieces that matter (names, titles,
organisations) are read off capitalisation and the lexicons inside a phrase, and the parse
only chooses the phrase head.
"""
from __future__ import annotations

import functools
import re

from quotes import lexicons
from quotes.article import Article, Mention, Word

# Children that stay inside a speaker's noun phrase (textacy's expand_noun, widened to names).
NOUN_PHRASE_DEPRELS = frozenset({"det", "amod", "compound", "flat", "flat:name", "nmod:poss",
                                 "nummod", "det:poss", "compound:prt"})
# Tags of capitalised words that never belong to a name ("Neither Blinken", "He", "I").
FUNCTION_TAGS = frozenset({"DET", "PRON", "CCONJ", "SCONJ", "ADP", "AUX", "PART", "INTJ", "ADV", "PUNCT", "SYM"})
# Words that may join the capitalised words of one name ("Ministry of Foreign Affairs").
NAME_CONNECTORS = frozenset({"of", "for", "on", "the", "de", "&"})
# prepositions that also open clauses: "after Clinton argued" is no prepositional phrase
CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "until", "till", "as", "like", "than", "because"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Dates are capitalised but never part of a name ("Antony Blinken on Sunday"); "May" can be a surname.
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december "
    # abbreviated months ("on Aug. 4"); "Jan" and "Jun" stand alone as first names
    "jan. feb feb. mar. apr. jun. jul. aug aug. sep. sept sept. oct oct. nov nov. dec dec.".split())
# what follows the place of a dateline: a date, an agency, a dash ("BEIJING — ", "WASHINGTON, June 10
# (UPI) — ", "Washington (AFP) – "); in mixed case the agency must be there: a name before a dash
# alone opens an aside ("Murphy — after a knock-on-wood gesture — told me")
DATELINE_DATE = r"(\s*,[^,()\n—–―]{1,25})?"
DATELINE_AGENCY = r"\s*\([^()\n]{1,30}\)"
DATELINE_UPPER_END = re.compile(DATELINE_DATE + f"({DATELINE_AGENCY})?" + r"\s*[—–―-]\s")
DATELINE_END = re.compile(DATELINE_DATE + DATELINE_AGENCY + r"\s*[—–―-]\s")


def is_name_word(word: Word) -> bool:
    """A capitalised word that can be part of a name ("U.S.", "J.", "Indo-Pacific"); not a speech
    verb of a title-case headline ("Glenn Beck Says Trump ...")."""
    return (word.is_capitalized and word.upos not in FUNCTION_TAGS and word.text not in POSSESSIVE_MARKS
            and word.text.lower() not in DATE_WORDS
            and not (word.upos == "VERB" and word.lemma.lower() in lexicons.words(lexicons.CUE_VERBS)))


@functools.cache
def first_name_table():
    import gender_guesser.detector  # a first-name table: loaded once, on first use

    return gender_guesser.detector.Detector(case_sensitive=False)


def _capital_confirmed(article: Article, i: int) -> bool:
    """Something besides where it stands says the capital of word i is a name's: the article
    capitalises the word inside a sentence elsewhere, or it is an acronym, a title, an organisation
    word or a place. Where a capital proves nothing, in a title-case heading ("Ben Carson Slams
    Hillary Over Benghazi Lies"), only such words belong to names."""
    text = article.words[i].text
    lowered = text.lower()
    return (lowered in article.capitalized_mid_sentence or (len(text) > 1 and text.isupper())
            or lowered in _title_tokens() or lowered in lexicons.words(lexicons.PLACES))


def _opening_name_word(article: Article, i: int) -> bool:
    """Word i, capitalised because it opens a sentence, begins the name after it: a proper noun to
    the tagger, a first name or a confirmed capital ("Tashfeen Malik", not "Absent Sanders")."""
    word = article.words[i]
    return word.upos == "PROPN" or _is_first_name(word.text) or _capital_confirmed(article, i)


def _name_word_at(article: Article, i: int) -> bool:
    """is_name_word; in the article's title-case heading, only with a confirmed capital, or as a
    first name before one ("Carly Fiorina Endorses Ted Cruz": Carly Fiorina, Ted Cruz)."""
    if not is_name_word(article.words[i]):
        return False
    if article.words[i].start >= article.heading_end or _capital_confirmed(article, i):
        return True
    following = i + 1 < len(article.words) and article.words[i + 1].start < article.heading_end
    return following and _is_first_name(article.words[i].text) and _capital_confirmed(article, i + 1)


def _line_break_before(article: Article, j: int) -> bool:
    """A line ends between word j - 1 and word j: a name never runs over it ("Fault\nTed Cruz")."""
    return "\n" in article.text[article.words[j - 1].end:article.words[j].start]


def _is_first_name(text: str) -> bool:
    return first_name_table().get_gender(text) != "unknown"


def has_preposition(article: Article, word: int) -> bool:
    """Whether the phrase headed by `word` is a preposition's object, whatever arc the parser gave it.

    "… in a phone call with Blinken urged …": the small parser made the object of "with" the
    subject of the verb after it; a subject never takes a preposition. A word that also opens
    clauses ("after Clinton argued") is that clause's mark, misread.
    """
    return any(article.words[c].deprel == "case" and c < word
               and article.words[c].text.lower() not in CLAUSE_PREPOSITIONS for c in article.children[word])


def capitalized_runs(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of name words in words[start:end], joined by connectors like "of"."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _name_word_at(article, i):
            i += 1
            continue
        j = i + 1
        while j < end and not _line_break_before(article, j):
            if _name_word_at(article, j):
                j += 1
                continue
            k = j
            while k < end and k - j < 2 and article.words[k].text.lower() in NAME_CONNECTORS:
                k += 1
            # "Ministry of Foreign Affairs"; two connectors only inside an organisation's name
            # ("German Marshall Fund of the United States", not "Ryan Hass of the Brookings")
            joins = k < end and _name_word_at(article, k) and not _line_break_before(article, k) and (
                k - j == 1 or organization_strength(article, i, j) > 0)
            if k == j or not joins:
                break
            j = k + 1
        a = i + 1 if article.words[i].text.lower() in DETERMINERS else i
        # a word capitalised only because it opens the sentence is no part of the person's name
        # after it ("Absent Sanders, ...", "Attorneys for Clinton ..."; but "United Gun Group")
        if j - a > 1 and article.opens_sentence(a) and not _opening_name_word(article, a) \
                and not organization_strength(article, a, j):
            a += 1
            while a < j and article.words[a].text.lower() in NAME_CONNECTORS:
                a += 1
        if a < j:
            runs.append((a, j))
        i = j
    return runs


def span_text(article: Article, a: int, b: int) -> str:
    return article.text[article.words[a].start:article.words[b - 1].end]


def organization_strength(article: Article, a: int, b: int) -> int:
    """2 for an institution, 1 for a unit of one, 0 when the words name no organisation."""
    org_words = lexicons.weighted(lexicons.ORGANIZATION_WORDS)
    lowered = [w.text.lower() for w in article.words[a:b]]
    strengths = [int(org_words.get(w, 0)) for w in lowered]
    strengths += [int(org_words.get(f"{x} {y}", 0)) for x, y in zip(lowered, lowered[1:])]
    return max(strengths, default=0)


def best_organization(article: Article, a: int, b: int) -> tuple[str, int, int] | None:
    """The strongest organisation name in words[a:b] (the first among equals)."""
    best, best_strength = None, 0
    for i, j in capitalized_runs(article, a, b):
        strength = organization_strength(article, i, j)
        if strength > best_strength:
            best, best_strength = (span_text(article, i, j), article.words[i].start, article.words[j - 1].end), strength
    return best


def learned_type(word: Word) -> str | None:
    """The type GUM's mentions headed by this common noun have (person, organization, place, other;
    lexicon/mention_types.txt, learned by `./run train`), None for a noun it never heads."""
    row = lexicons.learned(lexicons.MENTION_TYPES).get(word.lemma.lower())
    return row[0] if row else None


@functools.cache
def _titles_by_first_word() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """The job titles under their first word, each with its rank in the lexicon (longest first)."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for rank, title in enumerate(lexicons.phrases(lexicons.TITLES)):
        index.setdefault(title[0], []).append((rank, title))
    return index


def find_title(tokens: list[str]) -> str | None:
    """The longest job title found in a sequence of lower-cased tokens (among equals, the lexicon's first, then the earliest)."""
    titles = _titles_by_first_word()
    matches = [(-len(title), rank, i) for i, token in enumerate(tokens) for rank, title in titles.get(token, ())
               if tuple(tokens[i:i + len(title)]) == title]
    if not matches:
        return None
    length, _, i = min(matches)
    return " ".join(tokens[i:i - length])


@functools.cache
def title_words() -> frozenset[str]:
    """Every word of the job titles ("spokesman", "secretary", "vice", "general", "counsel")."""
    return frozenset(t for title in lexicons.phrases(lexicons.TITLES) for t in title)


@functools.cache
def _title_tokens() -> frozenset[str]:
    """Words a person's name never starts with: title words, nationalities, honorifics, organisation words."""
    return frozenset(title_words() | lexicons.words(lexicons.NATIONALITIES) | lexicons.words(lexicons.HONORIFICS)
                     | set(lexicons.weighted(lexicons.ORGANIZATION_WORDS)))


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
    while title_start > a and article.words[title_start - 1].text.lower() in title_words():
        title_start -= 1
    if not (a < title_start < name_start and article.words[title_start - 1].text[:1].isupper()):
        return None
    # the words between must be a title, not a name's words a title also uses ("... of National Intelligence")
    title = find_title([w.text.lower() for w in article.words[title_start:name_start]])
    return (title_start, name_start, title) if title else None


def person_name_tail(article: Article, a: int, b: int) -> int:
    """Where the person's name starts in the name run words[a:b]: titles before it are dropped."""
    stop = _title_tokens()
    i = b
    while i > a and article.words[i - 1].text.lower() not in stop:
        i -= 1
    return i


def noun_phrase(article: Article, head: int) -> tuple[int, int]:
    """The contiguous word range of the noun phrase headed by `head`."""
    members = {head}
    frontier = [head]
    while frontier:
        for child in article.children[frontier.pop()]:
            word = article.words[child]
            # a preposition stays only inside the phrase ("Ministry of Foreign Affairs"), not before it
            keep = word.deprel in NOUN_PHRASE_DEPRELS or (word.deprel == "case" and (child > head or word.text in POSSESSIVE_MARKS)) or (
                word.deprel in ("appos", "nmod") and is_name_word(word) and child > head
                and not any(article.words[k].text == "," for k in range(head, child)))
            if keep and child not in members:
                members.add(child)
                frontier.append(child)
    a = b = head
    while a - 1 in members:
        a -= 1
    while b + 1 in members:
        b += 1
    # names run on where the parse cut them ("Secretary of State Antony J. Blinken" as three arcs)
    first, last = article.sentence_of(head)
    for i, j in capitalized_runs(article, first, last):
        if i <= b and j > a and not article.in_quote(article.words[i].start):
            a, b = min(a, i), max(b, j - 1)
    # a title noun followed by the name it belongs to: "Foreign Ministry spokesman Wang Wenbin"
    if article.words[b].text.lower() in title_words() and b + 1 < last and is_name_word(article.words[b + 1]):
        run = next(((i, j) for i, j in capitalized_runs(article, b + 1, last) if i == b + 1), None)
        if run:
            b = run[1] - 1
    return a, b + 1


def phrase_after(article: Article, first: int) -> tuple[int, int, int] | None:
    """The noun phrase that starts at word `first` (inverted "said Ryan Hass, a fellow"): (a, b, head)."""
    words = article.words
    sentence = words[first].sentence if first < len(words) else -1
    # "said Friday", "said on Monday", "added later": the speaker comes after the time
    while first < len(words) and words[first].sentence == sentence and (
            words[first].text.lower() in DATE_WORDS or words[first].upos in ("ADV", "ADP")):
        first += 1
    i = first
    # a day or month after the name is when it was said: "said Gov. Ana Ruiz (on) Tuesday"
    while i < len(words) and words[i].sentence == sentence and (
            words[i].upos in ("DET", "ADJ", "PROPN", "NOUN", "NUM", "PRON")
            or is_name_word(words[i]) or words[i].text.lower() in NAME_CONNECTORS and i > first) \
            and not (i > first and words[i].text.lower() in DATE_WORDS):
        i += 1
        if words[i - 1].upos == "PRON":
            break
    # an adjective after the head opens what follows it: "a source close [to the campaign]"
    while i > first and (words[i - 1].text.lower() in NAME_CONNECTORS
                         or words[i - 1].upos == "ADJ" and not is_name_word(words[i - 1])
                         and any(words[j].upos in ("NOUN", "PROPN") for j in range(first, i - 1))):
        i -= 1
    if i == first:
        return None
    return first, i, i - 1


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
        organization = best_organization(article, a, b)
        if organization:
            return Mention(start, end, head, organization[0], "organization", affiliation=organization)
        return Mention(start, end, head, span_text(article, a, b), "unknown")
    if possessive is not None:
        a = possessive + 1
        lowered = [w.text.lower() for w in words[a:b]]

    role = find_title(lowered)
    runs = capitalized_runs(article, a, b)
    head_run = next(((i, j) for i, j in runs if i <= head < j), None)
    organization = best_organization(article, a, b)
    group_nouns = lexicons.words(lexicons.GROUP_NOUNS)

    titled = _titled_name(article, *head_run) if head_run else None
    if titled:  # "FBI Director James Comey": the organisation, the title, then the person
        title_start, name_start, title = titled
        prefix = (span_text(article, head_run[0], title_start), words[head_run[0]].start, words[title_start - 1].end)
        return Mention(start, end, head, span_text(article, name_start, head_run[1]), "person", role=title,
                       affiliation=prefix if organization_strength(article, head_run[0], title_start) else organization)
    if head_run and organization_strength(article, *head_run):
        name = span_text(article, *head_run)
        return Mention(start, end, head, name, "organization", affiliation=(name, words[head_run[0]].start,
                                                                              words[head_run[1] - 1].end))
    if head_word.text.lower() in group_nouns or (head_word.xpos == "NNS" and not head_word.is_capitalized):
        name_words = [i for i in range(a, b) if lowered[i - a] not in DETERMINERS]
        name = span_text(article, name_words[0], b) if name_words else head_word.text
        return Mention(start, end, head, name, "group", role=None, affiliation=organization)
    # a title noun followed by the name: "spokesman Wang Wenbin"
    name_run = head_run or next(((i, j) for i, j in runs if i > head), None)
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


def mention_at(article: Article, head: int) -> Mention:
    """The speaker mention whose phrase is headed by word `head`."""
    a, b = noun_phrase(article, head)
    return describe(article, a, b, head)


def is_dateline(article: Article, start: int, end: int) -> bool:
    """text[start:end] is a dateline: capitals before a dash, maybe after a date and an agency
    ("BEIJING —", "WASHINGTON, June 10 (UPI) —"), or the place opening a paragraph before an agency
    and a dash ("Washington (AFP) – Democrat Hillary Clinton")."""
    text = article.text[start:end]
    if text.isupper() and len(text) > 3 and DATELINE_UPPER_END.match(article.text, end) is not None:
        return True
    paragraph_start = article.paragraphs[article.paragraph_of(start)][0]
    return not article.text[paragraph_start:start].strip() and DATELINE_END.match(article.text, end) is not None
