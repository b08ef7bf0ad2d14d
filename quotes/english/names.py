"""Names and titles in English news copy: which capitalised words belong to a name, runs of them,
organisations, titles ("Foreign Ministry spokesman"), first names and their likely gender.
"""
from __future__ import annotations

import functools
import re

from quotes.article import Article, Word
from quotes.english import lexicons

# Tags of capitalised words that never belong to a name ("Neither Blinken", "He", "I").
FUNCTION_TAGS = frozenset({"DET", "PRON", "CCONJ", "SCONJ", "ADP", "AUX", "PART", "INTJ", "ADV", "PUNCT", "SYM"})

# Words that may join the capitalised words of one name ("Ministry of Foreign Affairs").
NAME_CONNECTORS = frozenset({"of", "for", "on", "the", "de", "&"})

POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})

PLACE_ENTITIES = frozenset({"GPE", "LOC"})  # OntoNotes entity types of places

# Dates are capitalised but never part of a name ("Antony Blinken on Sunday"); "May" can be a surname.
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december "
    # abbreviated months ("on Aug. 4"); "Jan" and "Jun" stand alone as first names
    "jan. feb feb. mar. apr. jun. jul. aug aug. sep. sept sept. oct oct. nov nov. dec dec.".split())


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


def _is_full_name(article: Article, a: int, b: int) -> bool:
    """words[a:b] are a person's first name and surname: "Linette Boisvert" of "Linette Boisvert of NASA" is
    one run, "of NASA" what she is of (not "Bank of America")."""
    return b - a >= 2 and _is_first_name(article.words[a].text) and not organization_strength(article, a, b)


def _hyphenated_part(article: Article, j: int, end: int) -> int | None:
    """Where the rest of a hyphenated name that goes on at word j ends: "-Sabale" after "Patil", "al-Megrahi"
    after "Abdelbaset", "-jin" after "Song" (the words touching, no space between); None if none does."""
    words = article.words
    k = j + 1 if words[j].text.isalpha() and words[j].text.islower() else j  # a particle: "al", "bin", "el"
    if not (k + 1 < end and words[k].text == "-" and words[k].start == words[k - 1].end
            and words[k + 1].start == words[k].end and words[k + 1].text.isalpha()):
        return None
    if k > j and not words[k + 1].text[:1].isupper():
        return None  # "well-known", "long-time": a hyphenated word, not a name's particle
    return k + 2


def _and_inside_organization(article: Article, i: int, j: int, end: int) -> int | None:
    """Where an organisation's name that goes on with "and" at word j ends: "the South Korean Sport and Olympic
    Committee" (the name words after "and" end with an organisation word, those before it have none; not
    "Nelson and Moriyama", not "Intel and Compaq")."""
    words = article.words
    if words[j].text.lower() != "and" or organization_strength(article, i, j):
        return None
    k = j + 1
    while k < end and _name_word_at(article, k) and not _line_break_before(article, k):
        k += 1
    return k if k > j + 1 and organization_strength(article, k - 1, k) else None


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
            hyphenated = _hyphenated_part(article, j, end)
            if hyphenated is not None:  # "Patil-Sabale", "al-Megrahi", "Song-jin"
                j = hyphenated
                continue
            and_joins = _and_inside_organization(article, i, j, end)
            if and_joins is not None:  # "Sport and Olympic Committee"
                j = and_joins
                continue
            k = j
            while k < end and k - j < 2 and article.words[k].text.lower() in NAME_CONNECTORS:
                k += 1
            # "Ministry of Foreign Affairs"; two connectors only inside an organisation's name
            # ("German Marshall Fund of the United States", not "Ryan Hass of the Brookings")
            joins = k < end and _name_word_at(article, k) and not _line_break_before(article, k) and (
                k - j == 1 or organization_strength(article, i, j) > 0) and not _is_full_name(article, i, j)
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


def named_span(article: Article, a: int, b: int) -> tuple[str, int, int]:
    """(text, start, end) of the words[a:b]: how an affiliation is given, with the offsets it came from."""
    return span_text(article, a, b), article.words[a].start, article.words[b - 1].end


def _singular(word: str) -> str:
    """A plural organisation word's singular: "institutes", "laboratories" (not "times", "news")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def organization_strength(article: Article, a: int, b: int) -> int:
    """2 for an institution, 1 for a unit of one, 0 when the words name no organisation."""
    org_words = lexicons.weighted(lexicons.ORGANIZATION_WORDS)
    lowered = [w.text.lower() for w in article.words[a:b]]

    def strength(k: int, word: str) -> int:
        weight = org_words.get(word, 0)
        if weight:
            return int(weight)
        # a plural counts too ("Institutes", "Services"), but not as a surname after a first name ("Maria
        # Banks"): the first name is looked up only for a plural of an organisation word
        plural = org_words.get(_singular(word), 0)
        return int(plural) if plural and (k == 0 or first_name_gender(article.words[a + k - 1].text) is None) else 0

    strengths = [strength(k, w) for k, w in enumerate(lowered)]
    strengths += [int(org_words.get(f"{x} {y}", 0)) for x, y in zip(lowered, lowered[1:])]
    return max(strengths, default=0)


def names_organization(article: Article, a: int, b: int) -> bool:
    """The capitalised words[a:b] before a title name an organisation: an organisation word, or an
    acronym that is no place or nationality ("NASA Administrator", not "U.S. Sen.")."""
    if organization_strength(article, a, b):
        return True
    text = span_text(article, a, b)
    # a title written in capitals is a role, not who the person works for ("Compaq CEO Michael Capellas")
    return b - a == 1 and len(text) >= 2 and text.isupper() and text.isalpha() \
        and text.lower() not in lexicons.words(lexicons.PLACES) | lexicons.words(lexicons.NATIONALITIES) | title_words()


def names_thing(article: Article, a: int, b: int) -> bool:
    """The capitalised words[a:b] name a thing, never a speaker: an award, a work, an event, a law
    (lexicon/thing_words.txt: "Best Alternative Music Album", "Artemis Accords")."""
    return b > a and article.words[b - 1].text.lower() in lexicons.words(lexicons.THING_WORDS)


def names_place(article: Article, a: int, b: int) -> bool:
    """The words[a:b] name a place: the places lexicon, or the parse's entity tags (GPE, LOC)."""
    return span_text(article, a, b).lower() in lexicons.words(lexicons.PLACES) \
        or any(w.ner[2:] in PLACE_ENTITIES for w in article.words[a:b])


# Words after which a name is what someone works for or on, not where: "principal investigator for Lunar Node".
PURPOSE_WORDS = frozenset({"for"})


def _before_title(article: Article, i: int, j: int) -> int:
    """The end of the organisation's name in the run words[i:j], before a title that ends it or comes before a
    person's name: "Carl Sandifer Program" of "... Program Manager", "NASA Johnson" of "NASA Johnson Director
    Vanessa Wyche" (not "Office of the Director of National Intelligence")."""
    organization_words = lexicons.weighted(lexicons.ORGANIZATION_WORDS)
    for k in range(i + 1, j):
        word = article.words[k].text.lower()
        if word in role_heads() and word not in organization_words and (
                k == j - 1 or _is_first_name(article.words[k + 1].text)):
            return k
    return j


def _after_at(article: Article, i: int, a: int) -> bool:
    """The name starting at word i follows "at" (or "at the") inside words[a:...]: where someone works."""
    k = i - 1 - (i - 1 > a and article.words[i - 1].text.lower() in DETERMINERS)
    return k >= a and article.words[k].text.lower() == "at"


def best_organization(article: Article, a: int, b: int) -> tuple[str, int, int] | None:
    """The strongest organisation name in words[a:b]; among equals, one that an organisation word or "at" says
    is an organisation before a bare acronym, which may be a project ("PACE project scientist at NASA Goddard",
    "who helps lead RISE program technologies at GE Aerospace"), then the first."""
    best, best_rank = None, (0, False)
    for i, j in capitalized_runs(article, a, b):
        if i > a and article.words[i - 1].text.lower() in PURPOSE_WORDS:
            continue  # what a role is for is a project, not an employer ("lead for PACE")
        j = _before_title(article, i, j)
        # an acronym counts as a unit's name, also leading one ("NASA Headquarters", "NASA JPL")
        named_by_word = organization_strength(article, i, j)
        strength = named_by_word or int(names_organization(article, i, i + 1))
        rank = (strength, bool(named_by_word) or _after_at(article, i, a))
        if strength and rank > best_rank:
            best, best_rank = named_span(article, i, j), rank
    return best


# Small words a name spelt out before its acronym may hold, without a letter in it ("American Foundation for
# Children with AIDS (AFCA)", "Health and Human Services (HHS)").
SPELLING_CONNECTORS = NAME_CONNECTORS | {"with", "and", "in", "to"}
SPELLING_REACH = 12  # words before the parenthesis


def _spelt_out_before_parenthesis(article: Article, letters: str) -> tuple[str, int, int] | None:
    """The capitalised words right before "(ACRONYM)" whose initials are its letters, small words between
    them left out."""
    words = article.words
    for i, word in enumerate(words[1:-1], start=1):
        if word.text != letters or words[i - 1].text != "(" or words[i + 1].text != ")":
            continue
        initials, k = "", i - 1
        while k > max(0, i - 1 - SPELLING_REACH) and len(initials) < len(letters):
            k -= 1
            if words[k].is_capitalized and words[k].text.isalpha():
                initials = words[k].text[0] + initials
            elif words[k].text.lower() not in SPELLING_CONNECTORS:
                break
        if initials == letters and words[k].is_capitalized and not article.in_quote(words[k].start):
            return named_span(article, k, i - 1)
    return None


def spelt_out_acronym(article: Article, acronym: str) -> tuple[str, int, int] | None:
    """The name the article spells the acronym out as ("Supreme Council of Antiquities" for "SCA"): the words
    before it in parentheses (_spelt_out_before_parenthesis), or else the first capitalised run whose words'
    initials, connectors left out, are its letters."""
    letters = acronym.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return None
    before = _spelt_out_before_parenthesis(article, letters)
    if before is not None:
        return before
    for first, last in article.sentences:
        for a, b in capitalized_runs(article, first, last):
            words = [w.text for w in article.words[a:b] if w.text.lower() not in NAME_CONNECTORS]
            if len(words) == len(letters) and all(w[:1].upper() == c for w, c in zip(words, letters)) \
                    and not article.in_quote(article.words[a].start):
                return named_span(article, a, b)
    return None


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
def role_heads() -> frozenset[str]:
    """The nouns that head a person's role: the head of every job title (its last word, or the word
    before "of": "secretary" of "secretary of state"), and the role heads learned from news-train
    ("scientist", "investigator", "lead"; lexicon/learned_role_words.txt)."""
    heads = {title[title.index("of") - 1] if "of" in title[1:] else title[-1]
             for title in lexicons.phrases(lexicons.TITLES)}
    return frozenset(heads | set(lexicons.learned(lexicons.LEARNED_ROLE_WORDS)))


# Endings of nouns for people by their work or field ("hydrologist", "oceanographer", "technician").
PROFESSION_ENDINGS = ("ologist", "ographer", "onomer", "ician", "ist")


def is_role_noun(word: Word) -> bool:
    """The noun names a job or position: a role head (role_heads), a noun GUM's mentions type as a person
    that is no relation or bystander (lexicon/non_role_person_nouns.txt: "father", "passenger"), or a
    profession by its ending ("hydrologist", not "checklist")."""
    lowered = word.text.lower()
    if word.upos not in ("NOUN", "PROPN") or lowered in lexicons.words(lexicons.NON_ROLE_PERSON_NOUNS):
        return False
    if lowered in role_heads() or learned_type(word) == "person" and word.xpos != "NNS":
        return True
    return len(lowered) >= 7 and lowered.endswith(PROFESSION_ENDINGS) and not lowered.endswith("list")


@functools.cache
def _title_tokens() -> frozenset[str]:
    """Words a person's name never starts with: title words and role heads, nationalities, honorifics,
    organisation words."""
    return frozenset(title_words() | role_heads() | lexicons.words(lexicons.NATIONALITIES)
                     | lexicons.words(lexicons.HONORIFICS) | set(lexicons.weighted(lexicons.ORGANIZATION_WORDS)))


def person_name_tail(article: Article, a: int, b: int) -> int:
    """Where the person's name starts in the name run words[a:b]: titles before it are dropped."""
    stop = _title_tokens()
    i = b
    while i > a and article.words[i - 1].text.lower() not in stop:
        i -= 1
    return i


# gender-guesser's answers, folded to the genders pronouns carry
GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


def name_tokens(name: str) -> tuple[str, ...]:
    honorifics = lexicons.words(lexicons.HONORIFICS)
    return tuple(t for t in name.lower().replace("’s", "").split() if t not in honorifics)


# "Charles “Chuck” McClain", "Margaret (Maggie) Persinger": a first name, the name they go by in quotation
# marks or brackets, the surname
NICKNAME = re.compile(r"\b([A-Z][a-z]+)\s+[“\"‘'(]([A-Z][a-z]+)[”\"’')]\s+([A-Z][\w’'-]*[a-z])")


def nicknamed(text: str) -> list[re.Match]:
    """Where the text gives a person's first name with the name they go by (NICKNAME): groups 1, 2, 3 are
    the first name, the nickname and the surname."""
    return list(NICKNAME.finditer(text))


def first_name_gender(name: str) -> str | None:
    """"male", "female" or None (unknown) from the first full word of a person's name."""
    first = next((t for t in name.split() if len(t.strip(".")) > 1), None)
    return GENDERS.get(first_name_table().get_gender(first)) if first else None


def same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`short` names the same person as `full`: its words in order, ending on the surname."""
    if len(short) > len(full):
        return False
    # a hyphenated surname goes by its last part too: "Megrahi" for "Abdelbaset al-Megrahi"
    surnames = {full[-1], full[-1].rsplit("-", 1)[-1]}
    if len(short) == 1:
        return short[0] == full[0] or short[0] in surnames
    if short[-1] not in surnames and short[0] != full[0]:
        return False
    remaining = iter(full)
    return all(token in remaining for token in short)
