"""Affiliation and role of a speaker, from wherever the article introduces them.

"Ryan Hass, a senior fellow at the Brookings Institution, said" (apposition), "a Cornell
University professor" (compound inside it), "Foreign Ministry spokesman Wang Wenbin"
(pre-nominal title), "Priya Natarajan of Yale University" (what the person is of, at, with, or from
an organisation), "Ruth Calder is a hydrologist at ..." (what the person is said to be), and, where
none of those stands beside any of their names, "the company's chief executive, Maria Lindqvist" or
"As head of the Yuanhua Group, Lai" (set off before the name), or, where neither does, the article's one
research team for "a co-author of the study": DESCRIPTION_PLACES. Once found, they
stay with the speaker for all their quotes (quotes.stages.profiles).

A role is a job title of the lexicon, or else the words before a person's name or at the start of
an apposition that end with a noun for a job (quotes.english.names.is_role_noun: "principal
investigator", "hydrologist"; not "father"). An affiliation is the strongest organisation named there
(not what a role is for: "lead for PACE"), or else the name right after such a role and "at", "of" or
"with" ("principal investigator at Marshall"), the organisation right before it ("NASA Administrator
Bill Nelson"), the one named before that the words describe by kind ("the institute's director"), a team
named before a position in it ("Bianchi's Marussia team mate"), or an organisation by its short name where
an employer stands ("an intern at Goddard"); among equally strong names, where the person works ("PACE
project scientist at NASA Goddard") before a bare acronym, which may be a project. A speaker that is an
organisation, a team or a group: speaks_as_organization, team_affiliation (quotes.stages.profiles).
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.names import (
    POSSESSIVE_MARKS,
    PURPOSE_WORDS,
    best_organization,
    capitalized_runs,
    find_title,
    first_name_gender,
    is_role_noun,
    learned_type,
    name_tokens,
    named_span,
    names_organization,
    names_place,
    organization_strength,
    role_heads,
    same_person,
    span_text,
    title_words,
)
from quotes.speaker.people import NameIndex, NameOccurrence

# Words that end an apposition: a relative clause or the next clause starts there.
APPOSITION_ENDS = frozenset({",", ".", ";", ":", "who", "which", "that", "whose", "—", "–", "(", ")", "“", "”", '"'})
PRENOMINAL_REACH = 6  # words before a name that may hold its title ("Foreign Ministry spokesman")
TITLE_PHRASE_TAGS = frozenset({"DET", "NOUN", "PROPN", "ADJ", "PART"})  # "the company's chief executive"
# What ties a person to the organisation named after it: "a researcher at Brown University".
AFFILIATING_PREPOSITIONS = frozenset({"at", "of", "with"})  # not "from": where one comes from
ROLE_MODIFIER_TAGS = frozenset({"NOUN", "ADJ", "PROPN"})  # "planetary scientist", "HyTEC lead"


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
    if first is None:
        return None
    # "Shahra Lambert, NASA senior advisor for engagement": a name may open it when a role follows
    if first.text.lower() not in ("a", "an", "the") and first.upos not in ("DET", "NOUN", "ADJ") and not any(
            _is_role_word(article, k) for k in range(i + 1, j)):
        return None  # not a descriptive apposition ("Blinken, Qin and officials")
    return i + 1, _units_after(article, j, sentence_end)


# What may follow a unit named after a comma in an apposition, up to the next break: where it is ("Science
# Mission Directorate at NASA Headquarters", "Technology Demonstration Missions within NASA's Space Technology
# Mission Directorate"), whose it is ("NASA's Jet Propulsion Laboratory in Southern California").
UNIT_LINKS = frozenset({"at", "in", "within", "of"}) | POSSESSIVE_MARKS


def _units_after(article: Article, j: int, sentence_end: int) -> int:
    """The end of an apposition that goes on to name its units after commas: "director, Earth Science
    Division, Science Mission Directorate, at NASA Headquarters", "associate administrator, Science Mission
    Directorate at NASA Headquarters in Washington"."""
    words = article.words
    while j + 1 < sentence_end and words[j].text == ",":
        k = j + 1 + (words[j + 1].text.lower() in AFFILIATING_PREPOSITIONS)
        runs = [r for r in capitalized_runs(article, k, sentence_end) if r[0] == k]
        if not runs or not names_organization(article, *runs[0]):
            break
        end = runs[0][1]
        if end < sentence_end and words[end].text.lower() in UNIT_LINKS:
            while end < sentence_end and words[end].text.lower() not in APPOSITION_ENDS:
                end += 1
        elif end < sentence_end and words[end].text not in (",", "."):
            break
        j = end
    return j


# What links a name to what the person is: "is a", "works as a", "serves as the" (what they were is not what
# they are: "Twine was a graduate assistant coach").
PREDICATES = (("is",), ("works", "as"), ("serves", "as"))


def _predicate(article: Article, end: int) -> tuple[int, int] | None:
    """Word range of what the person is said to be right after the name ending at char `end`: "Helen Varga is
    a hydrologist at the Northern Rivers Institute", "Adomas Valantinas currently works as a researcher at
    Brown University", up to the clause's next break."""
    i = article.word_at(end)
    if i is None or article.in_quote(article.words[i].start):
        return None
    while i < len(article.words) and article.words[i].upos == "ADV":
        i += 1
    lowered = [w.text.lower() for w in article.words[i:i + 3]]
    link = next((p for p in PREDICATES if tuple(lowered[:len(p)]) == p), None)
    if link is None or len(lowered) <= len(link) or lowered[len(link)] not in ("a", "an", "the"):
        return None
    i += len(link) - 1
    sentence_end = article.sentence_of(i)[1]
    j = i + 1
    while j < sentence_end and article.words[j].text.lower() not in APPOSITION_ENDS:
        j += 1
    return i + 1, j


def _prenominal(article: Article, start: int) -> tuple[int, int] | None:
    """Word range of the title words right before the name starting at char `start` (an honorific between:
    "ERC Program Manager Dr. Todd Ensign")."""
    i = article.word_at(start)
    if i is None:
        return None
    first = article.sentence_of(i)[0]
    honorifics = lexicons.words(lexicons.HONORIFICS)
    while i > first and article.words[i - 1].text.lower().rstrip(".") in honorifics | {"."}:
        i -= 1
    a = i
    while a > max(first, i - PRENOMINAL_REACH) and article.words[a - 1].upos in ("PROPN", "NOUN", "ADJ", "PART") \
            and article.words[a - 1].text not in (",",):
        a -= 1
    return (a, i) if a < i else None


def _acronym_before(article: Article, start: int) -> tuple[int, int] | None:
    """Word range of the acronym of an organisation beside a parenthesis before the name starting at char
    `start`, or before its title words: "(MEXT) Masahito Moriyama" (the acronym inside), "JAXA (Japan Aerospace
    Exploration Agency) President Hiroshi Yamakawa" (the acronym the parenthesis spells out)."""
    before = _prenominal(article, start)
    i = before[0] if before else article.word_at(start)
    if i is None or i < 3 or article.words[i - 1].text != ")":
        return None
    opening = next((k for k in range(i - 2, article.sentence_of(i)[0] - 1, -1) if article.words[k].text == "("), None)
    if opening is None:
        return None
    inside, outside = opening + 1, opening - 1
    if inside == i - 2 and names_organization(article, inside, inside + 1):
        return inside, inside + 1
    if outside >= 0 and names_organization(article, outside, outside + 1) and article.words[outside].text.isupper():
        return outside, outside + 1
    return None


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


AS_REACH = 12  # words of a fronted "As head of the Yuanhua Group," before the name


def _fronted_as(article: Article, start: int) -> tuple[int, int] | None:
    """Word range of what a sentence opening with "As" says the person after it is: "As head of the Yuanhua
    Group, Lai smuggled ...", "As the club's captain, Hart ..."."""
    i = article.word_at(start)
    if i is None or i < 3 or article.words[i - 1].text != ",":
        return None
    first = article.sentence_of(i)[0]
    if i - first > AS_REACH or article.words[first].text.lower() != "as" or any(
            w.text == "," or w.upos in ("VERB", "AUX") for w in article.words[first + 1:i - 1]):
        return None
    return first + 1, i - 1


def _affiliated_to(article: Article, end: int) -> tuple[int, int] | None:
    """Word range of "of Yale University" right after the name ending at char `end`: what the
    person is of, at or from, up to the clause's next break."""
    i = article.word_at(end)
    if i is None or article.words[i].start > end + 1 or article.in_quote(article.words[i].start):
        return None
    sentence_end = article.sentence_of(i)[1]
    if article.words[i].text.lower() == "from":  # "from the University of Arizona", not "from Texas"
        runs = capitalized_runs(article, i + 1, sentence_end)
        if not runs or runs[0][0] > i + 2 or not organization_strength(article, *runs[0]):
            return None
    elif article.words[i].text.lower() not in AFFILIATING_PREPOSITIONS:
        return None
    j = i + 1
    while j < sentence_end and article.words[j].text.lower() not in APPOSITION_ENDS:
        j += 1
    return (i, j) if j > i + 1 else None


def _is_role_word(article: Article, i: int) -> bool:
    """is_role_noun, or a role's head noun the tagger took for an adjective, with no noun after it ("PACE
    program executive at NASA Headquarters")."""
    word = article.words[i]
    if is_role_noun(word):
        return True
    following = article.words[i + 1] if i + 1 < len(article.words) else None
    return word.upos == "ADJ" and word.text.lower() in role_heads() and (
        following is None or following.upos not in ROLE_MODIFIER_TAGS)


def _role_words(article: Article, a: int, b: int) -> tuple[int, int] | None:
    """Word range of the role that the words[a:b] of a window open with ("principal investigator at
    Marshall") or end with ("Leeds United manager"): words that end with a role's head noun."""
    words = article.words
    # an apposition opens with its role: the words up to a preposition or a break
    start = a + (words[a].upos == "DET" if a < b else 0)
    stop = next((i for i in range(start, b) if words[i].upos in ("ADP", "PUNCT", "CCONJ", "SCONJ")), b)
    # after its possessor: "the mission’s principal investigator", "the club's captain"
    start = max([start] + [i + 1 for i in range(start, stop) if words[i].text in POSSESSIVE_MARKS])
    # after the organisation it is a role of: "NASA senior advisor", "Transport Ministry undersecretary", "Home
    # office crime prevention minister"
    start = max([start] + [k for k in range(start + 1, stop) if names_organization(article, start, k)
                           and all(w.text[:1].isupper() for w in words[start:k])
                           or _name_then_organization_word(article, start, k)])
    if start < stop and _is_role_word(article, stop - 1) \
            and all(w.upos in ROLE_MODIFIER_TAGS for w in words[start:stop]):
        return start, stop
    # words before a name end with it: back from the end while the words are lower case or title words
    if a < b and _is_role_word(article, b - 1):
        first = b - 1
        while first > a and words[first - 1].upos in ("NOUN", "ADJ") and not words[first - 1].is_capitalized:
            first -= 1
        return first, b
    return None


def _what_they_lead(article: Article, a: int, b: int) -> str | None:
    """The role of a relative clause that says what the person leads, when it is named: "(who) leads HyTEC at
    NASA's Glenn Research Center" is "HyTEC lead", "helps lead RISE program technologies" is "RISE program
    technologies lead"; not "leads multimedia efforts" (what they do, no named post)."""
    words = article.words
    i = a + (a < b and words[a].lemma.lower() == "help")
    if i >= b or words[i].text.lower() not in ("lead", "leads", "co-leads"):
        return None
    start = i + 1 + (i + 1 < b and words[i + 1].upos == "DET")
    stop = next((k for k in range(start, b) if words[k].upos in ("ADP", "PUNCT", "CCONJ", "SCONJ")), b)
    if start >= stop or not words[start].is_capitalized:
        return None
    return f"{span_text(article, start, stop)} {words[i].text.lower().removesuffix('s')}"


def _organization_after_role(article: Article, role_words: tuple[int, int] | None, b: int) -> tuple[str, int, int] | None:
    """The name right after a role and "at", "of" or "with", or after what the role is for and "at":
    "principal investigator at Marshall", "project scientist for Perseverance at Caltech"; not a place ("the
    attorney general of Oklahoma")."""
    if role_words is None or role_words[1] >= b:
        return None
    link = role_words[1]
    if article.words[link].text.lower() in PURPOSE_WORDS:  # "project scientist for Perseverance at Caltech"
        link = next((k for k in range(link + 1, b) if article.words[k].text.lower() == "at"), link)
    if article.words[link].text.lower() not in AFFILIATING_PREPOSITIONS:
        return None
    after = link + 1
    runs = [(x, y) for x, y in capitalized_runs(article, after, b) if x <= after + 1]
    if not runs or runs[0][0] == after + 1 and article.words[after].upos != "DET":
        return None
    x, y = runs[0]
    words = article.words
    if y + 1 < len(words) and words[y].text in POSSESSIVE_MARKS and not words[y + 1].text[:1].isupper():
        return None  # "the senior investigator of Aitchison's murder": whose murder, not an employer
    # "at Marshall for Hi-C Flare": what follows "for" is the project, unless it is the organisation's own name
    cut = next((k for k in range(x + 1, y) if article.words[k].text.lower() == "for"), None)
    if cut is not None and not organization_strength(article, x, y):
        y = cut
    if names_place(article, x, y):
        return None
    return named_span(article, x, y)


def _describe_person(article: Article, windows: list[tuple[int, int] | None], index: NameIndex) \
        -> tuple[tuple[str, int, int] | None, str | None, str | None]:
    """The organisation, the job title of the lexicon and the role words (_role_words) the windows give."""
    organization, title, role = None, None, None
    for window in windows:
        if window is None:
            continue
        a, b = window
        role_words = _role_words(article, a, b)
        # the organisation before a role is not part of it: "Transport Ministry" of "Transport Ministry Undersecretary"
        before_role = role_words[0] if role_words and role_words[0] > a and role_words[1] == b else b
        organization = organization or best_organization(article, a, before_role) \
            or _organization_after_role(article, role_words, b) or _organization_before(article, a, role_words) \
            or _organization_described(article, a, b, index) or _team_of(article, a, b) \
            or _short_form_in(article, a, b, index) or _name_before_title(article, a, b, index)
        found_title = find_title([w.text.lower() for w in article.words[a:b]])
        words = span_text(article, *role_words) if role_words else _what_they_lead(article, a, b)
        if found_title and words and found_title in words.lower() and len(words) > len(found_title):
            found_title = words  # "chief pilot", not "chief"
        title = title or found_title
        role = role or words
    return organization, title, role


def _name_before_title(article: Article, a: int, b: int, index: NameIndex) -> tuple[str, int, int] | None:
    """The name right before the lower-case title that ends words[a:b], though no word says it is an
    organisation: "Greenpeace director", "Acme chief executive" (not a place, a nationality or a party, a
    person, or title words: "US President", "Republican senator", "Trump adviser", "Prime Minister")."""
    words = article.words
    if b - a < 2 or not words[b - 1].text.islower() or words[b - 1].text not in title_words() | role_heads():
        return None
    k = b - 1
    while k > a and words[k - 1].text.islower():
        k -= 1
    runs = [run for run in capitalized_runs(article, a, k) if run[1] == k]
    if not runs:
        return None
    i, j = runs[-1]
    lowered = {w.text.lower() for w in words[i:j]}
    if names_place(article, i, j) or any(w.ner.endswith(("NORP", "PERSON")) for w in words[i:j]) \
            or lowered & (title_words() | role_heads() | lexicons.words(lexicons.NATIONALITIES)) \
            or first_name_gender(words[i].text) is not None \
            or index.names_person(name_tokens(span_text(article, i, j))):
        return None
    return named_span(article, i, j)


def _organization_described(article: Article, a: int, b: int, index: NameIndex) -> tuple[str, int, int] | None:
    """The organisation named before that words[a:b] describe by kind as an owner: "the institute's new
    director" after "the Northern Rivers Institute" (the latest organisation named with that word)."""
    org_words = lexicons.weighted(lexicons.ORGANIZATION_WORDS)
    for i in range(a + 1, b):
        owner = article.words[i - 1].text
        if article.words[i].text in POSSESSIVE_MARKS and owner.islower() and owner in org_words:
            earlier = [o for o in index.organizations if o[1] <= article.words[a].start and owner in o[2].lower().split()]
            if earlier:
                start, end, name = earlier[-1]
                return name, start, end
    return None


TEAM_MODIFIER_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def _team_of(article: Article, a: int, b: int) -> tuple[str, int, int] | None:
    """The team that words[a:b] place the person in, named (a capital among its modifiers) before a position
    in it: "the North Korean women's football team coach", "Bianchi's Marussia team mate" (a player or coach
    belongs to their team; a possessor that is a name is whose team-mate they are, not the team)."""
    words = article.words
    teams = [k for k in range(a + 1, b - 1) if words[k].text.lower() in lexicons.words(lexicons.TEAM_NOUNS)
             and words[k + 1].upos == "NOUN"]
    if not teams:
        return None
    k = teams[-1]
    first = k
    while first > a and (words[first - 1].upos in TEAM_MODIFIER_TAGS or words[first - 1].text in POSSESSIVE_MARKS
                         and not words[first - 2].is_capitalized):
        first -= 1
    if not any(w.is_capitalized for w in words[first:k]):
        return None  # "inclusive innovation team lead": what the person does, no team by name
    return named_span(article, first, k + 1)


def _short_form(article: Article, x: int, y: int, index: NameIndex) -> tuple[str, int, int] | None:
    """The organisation the article names in full that the capitalised words[x:y] are a short form of:
    "Goddard" of "Goddard Space Flight Center" (not a place, a person's name or the words of a title:
    "Secretary of State" is no short form of "State Department")."""
    tokens = [w.text.lower() for w in article.words[x:y]]
    if set(tokens) <= title_words() or names_place(article, x, y) \
            or any(o.tokens[-1] == tokens[-1] for o in index.occurrences if index.is_person(o)):
        return None
    for start, end, name in index.organizations:
        full = name.lower().replace("’s", "").replace("'s", "").split()
        if len(full) > len(tokens) and any(full[k:k + len(tokens)] == tokens for k in range(len(full))):
            return name, start, end
    return None


def _short_form_in(article: Article, a: int, b: int, index: NameIndex) -> tuple[str, int, int] | None:
    """The first capitalised name in words[a:b] where an employer stands, after "at" or "from" or as an owner,
    that is the short form of an organisation named in full: "an intern at Goddard", "Goddard's Michelle
    Thaller" (not "Republican nominee")."""
    words = article.words
    for x, y in capitalized_runs(article, a, b):
        employer = x > 0 and words[x - 1].text.lower() in ("at", "from") \
            or y < len(words) and words[y].text in POSSESSIVE_MARKS
        found = _short_form(article, x, y, index) if employer else None
        if found:
            return found
    return None


def _organization_before(article: Article, a: int, role_words: tuple[int, int] | None) -> tuple[str, int, int] | None:
    """The capitalised words right before a role in its window: "NASA Administrator Bill Nelson"."""
    if role_words is None or role_words[0] <= a:
        return None
    runs = capitalized_runs(article, a, role_words[0])
    if not runs:
        return None
    x, y = runs[-1]
    if _name_then_organization_word(article, x, role_words[0]):
        return named_span(article, x, role_words[0])
    if y != role_words[0] or not names_organization(article, x, y):
        return None
    return named_span(article, x, y)


def _name_then_organization_word(article: Article, x: int, end: int) -> bool:
    """words[x:end] are a name, then nouns in lower case that end with an organisation word: "Home office",
    "Clinton campaign" (before "spokesman")."""
    words = article.words
    names = next((y for i, y in capitalized_runs(article, x, end) if i == x), None)
    return names is not None and x < names < end and all(
        w.upos == "NOUN" and not w.is_capitalized for w in words[names:end]) \
        and words[end - 1].text.lower() in lexicons.weighted(lexicons.ORGANIZATION_WORDS)


def _description_head(article: Article, mention: Mention) -> tuple[int, int] | None:
    """The words of a speaker's phrase up to its head noun, the last word before a preposition: "the office" of
    "the office of the Maldives President", "Gateway executives"."""
    inside = article.words_between(mention.start, mention.end)
    if not inside:
        return None
    stop = next((i for i in inside if i > inside[0] and article.words[i].upos == "ADP"), inside[-1] + 1)
    return inside[0], stop


def speaks_as_organization(article: Article, mention: Mention) -> bool:
    """The speaker is an organisation, by its type or its head word ("the office of the Maldives President",
    "Russia's health watchdog"), not a team of people ("the team carrying out the research") nor a place
    standing for a government ("Beijing said")."""
    phrase = _description_head(article, mention)
    if phrase is None or mention.name.lower() in lexicons.words(lexicons.PLACES):
        return False
    head = article.words[phrase[1] - 1]
    if head.text.lower() in lexicons.words(lexicons.TEAM_NOUNS):
        return False
    return mention.type == "organization" or not head.is_capitalized and head.upos == "NOUN" \
        and head.text.lower() in lexicons.weighted(lexicons.ORGANIZATION_WORDS)


def team_affiliation(article: Article, mention: Mention) -> tuple[str, int, int] | None:
    """The organisation a team or a group that speaks is named after: "the FIA panel", "Gateway executives";
    not a nationality or a place ("Taiwanese fans")."""
    phrase = _description_head(article, mention)
    if phrase is None:
        return None
    head = article.words[phrase[1] - 1]
    if mention.type != "group" and head.text.lower() not in lexicons.words(lexicons.TEAM_NOUNS):
        return None
    nationalities = lexicons.words(lexicons.NATIONALITIES)
    runs = [(a, b) for a, b in capitalized_runs(article, phrase[0], phrase[1] - 1)
            if not names_place(article, a, b) and article.words[b - 1].text.lower() not in nationalities]
    return named_span(article, *runs[-1]) if runs else None


def attach(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """The mention with the affiliation and role the article gives its speaker anywhere."""
    if mention.type == "organization":
        return mention
    if mention.type != "person" or not mention.name[:1].isupper():
        return mention
    organization, role = known_of(article, mention.name, index, mention.affiliation, mention.role)
    return replace(mention, affiliation=organization, role=spelt_out(role))


def _beside_name(article: Article, occurrence: NameOccurrence) -> list[tuple[int, int] | None]:
    """The windows right around a name: an organisation's acronym beside a parenthesis before it, title words
    before it, an apposition and a relative clause after it, what it is of, a second apposition after that
    ("Dr. Daniel Cremons of NASA’s Goddard Space Flight Center, deputy principal investigator"), what the
    person is said to be ("is a hydrologist at")."""
    affiliated_to = _affiliated_to(article, occurrence.end)
    after_affiliation = _apposition(article, article.words[affiliated_to[1] - 1].end) if affiliated_to else None
    apposition = _apposition(article, occurrence.end)
    return [_acronym_before(article, occurrence.start), _prenominal(article, occurrence.start), apposition,
            _relative_clause_after(article, apposition), affiliated_to, after_affiliation,
            _predicate(article, occurrence.end)]


def _relative_clause_after(article: Article, apposition: tuple[int, int] | None) -> tuple[int, int] | None:
    """Word range of the relative clause that goes on from an apposition, up to the clause's next break: "a
    Juno co-investigator who leads planning for JunoCam at the Planetary Science Institute"."""
    if apposition is None or apposition[1] >= len(article.words) \
            or article.words[apposition[1]].text.lower() != "who":
        return None
    sentence_end = article.sentence_of(apposition[1])[1]
    j = apposition[1] + 1
    while j < sentence_end and article.words[j].text.lower() not in APPOSITION_ENDS:
        j += 1
    return (apposition[1] + 1, j) if j > apposition[1] + 1 else None


def _set_off_before(article: Article, occurrence: NameOccurrence) -> list[tuple[int, int] | None]:
    """The windows set off by a comma before a name: "the company's chief executive, Maria Lindqvist", "As
    head of the Yuanhua Group, Lai"."""
    return [_title_before(article, occurrence.start), _fronted_as(article, occurrence.start)]


# Words that make a person one of the article's research team: "a co-author of the study", "a member of the team".
TEAM_MEMBER_WORDS = frozenset({"author", "co-author", "coauthor", "member"})


def _team_origins(article: Article) -> list[tuple[int, int]]:
    """Word ranges that tie the article's research teams to where they come from: "A team of researchers from
    the University of Tennessee", "astronomers at the University of Florida" (outside quotes)."""
    words, origins = article.words, []
    for i in range(1, len(words) - 1):
        before = words[i - 1]
        if words[i].text.lower() not in ("from", "at") or article.in_quote(words[i].start) or not (
                before.text.lower() == "team" or before.xpos == "NNS" and learned_type(before) == "person"):
            continue
        end = article.sentence_of(i)[1]
        j = i + 1
        while j < end and words[j].text.lower() not in APPOSITION_ENDS:
            j += 1
        origins.append((i, j))
    return origins


def _research_team(article: Article, occurrence: NameOccurrence) -> list[tuple[int, int] | None]:
    """Where the article describes a person as an author of the study or a member of the team, and no more
    ("Ben Rozitis, a planetary scientist and a co-author of the study"), the words that tie its one research
    team to an organisation ("A team of researchers from the University of Tennessee")."""
    beside = [w for w in _beside_name(article, occurrence) if w]
    if not any(article.words[k].text.lower() in TEAM_MEMBER_WORDS for a, b in beside for k in range(a, b)):
        return []
    origins = _team_origins(article)
    named = {organization[0] for organization in (best_organization(article, a, b) for a, b in origins) if organization}
    return origins[:1] if len(named) == 1 else []  # several teams: which one is theirs is not said


# Where an article describes a person, in order: a description set off before a name counts only where none
# stands beside one, at any of their names; the research team they belong to, only where neither does.
DESCRIPTION_PLACES = (_beside_name, _set_off_before, _research_team)


def known_of(article: Article, name: str, index: NameIndex, organization: tuple[str, int, int] | None = None,
             role: str | None = None) -> tuple[tuple[str, int, int] | None, str | None]:
    """The affiliation and role the article gives the person `name` where it names them (the first
    found, in text order), unless already known."""
    tokens = name_tokens(name)
    occurrences = sorted((o for o in index.occurrences if same_person(o.tokens, tokens)), key=lambda o: o.start)
    described = None  # role words ("Egypt's pre-eminent archaeologist") count where no job title is found
    for windows_at in DESCRIPTION_PLACES:
        for occurrence in occurrences:
            if organization and role:
                return organization, role
            found_organization, found_title, found_role = _describe_person(
                article, windows_at(article, occurrence), index)
            organization = organization or found_organization
            role = role or found_title
            described = described or found_role
    return organization, role or described


def spelt_out(title: str | None) -> str | None:
    """The title with its short form spelt out ("sen." is "senator")."""
    return lexicons.table(lexicons.TITLE_FORMS).get(title, (title,))[0] if title else title


def may_mean(description: str | None, title: str | None) -> bool:
    """A description by the title `description` may mean a person with the title `title`: the same
    title, short forms spelt out, or an office that covers it ("lawmaker" covers "senator")."""
    description, title = spelt_out(description), spelt_out(title)
    return description is not None and title is not None and (
        description == title or title in lexicons.table(lexicons.TITLE_KINDS).get(description, ()))
