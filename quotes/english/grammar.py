"""Clause and phrase grammar over a parsed article: the subject of a verb (climbing through clauses
that share it), noun phrases from a head, what follows a cue, datelines.

The small parser attaches long phrases loosely and sometimes hangs a subject on the wrong verb:
these helpers read the arcs the engine can trust and check them against the words around.
"""
from __future__ import annotations

import re

from quotes.article import Article, Cue, Word
from quotes.english import lexicons
from quotes.english.names import (
    DATE_WORDS,
    NAME_CONNECTORS,
    POSSESSIVE_MARKS,
    capitalized_runs,
    is_name_word,
    title_words,
)
from quotes.english.quoting import CLOSING_QUOTES
from quotes.english.tags import (
    CLAUSE_HEAD_TAGS,
    COMPLEMENT_DEPRELS,
    PARTICIPLE_TAGS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPRELS,
)

# Children that stay inside a speaker's noun phrase (textacy's expand_noun, widened to names).
NOUN_PHRASE_DEPRELS = frozenset({"det", "amod", "compound", "flat", "flat:name", "nmod:poss",
                                 "nummod", "det:poss", "compound:prt"})

# prepositions that also open clauses: "after Clinton argued" is no prepositional phrase
CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "until", "till", "as", "like", "than", "because"})

# what follows the place of a dateline: a date, an agency, a dash ("BEIJING — ", "WASHINGTON, June 10
# (UPI) — ", "Washington (AFP) – "); in mixed case the agency must be there: a name before a dash
# alone opens an aside ("Murphy — after a knock-on-wood gesture — told me")
DATELINE_DATE = r"(\s*,[^,()\n—–―]{1,25})?"

DATELINE_AGENCY = r"\s*\([^()\n]{1,30}\)"

DATELINE_UPPER_END = re.compile(DATELINE_DATE + f"({DATELINE_AGENCY})?" + r"\s*[—–―-]\s")

DATELINE_END = re.compile(DATELINE_DATE + DATELINE_AGENCY + r"\s*[—–―-]\s")


def has_preposition(article: Article, word: int) -> bool:
    """Whether the phrase headed by `word` is a preposition's object, whatever arc the parser gave it.

    "… in a phone call with Blinken urged …": the small parser made the object of "with" the
    subject of the verb after it; a subject never takes a preposition. A word that also opens
    clauses ("after Clinton argued") is that clause's mark, misread.
    """
    return any(article.words[c].deprel == "case" and c < word
               and article.words[c].text.lower() not in CLAUSE_PREPOSITIONS for c in article.children[word])


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
    return _whole_words(article, a, b + 1, first, last)


def _whole_words(article: Article, a: int, b: int, first: int, last: int) -> tuple[int, int]:
    """words[a:b] widened to whole hyphenated words: "a high-profile athlete", not "profile athlete";
    "al-Megrahi", not "al"."""
    words = article.words
    while a > first and words[a - 1].end == words[a].start and "-" in (words[a - 1].text, words[a].text):
        a -= 1
    while b < last and words[b].start == words[b - 1].end and "-" in (words[b - 1].text, words[b].text):
        b += 1
    return a, b


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
            or is_name_word(words[i]) or words[i].text.lower() in NAME_CONNECTORS and i > first
            or words[i].text in POSSESSIVE_MARKS and i > first) \
            and not (i > first and words[i].text.lower() in DATE_WORDS):
        i += 1
        if words[i - 1].upos == "PRON":
            break
    # an adjective after the head opens what follows it: "a source close [to the campaign]"
    while i > first and (words[i - 1].text.lower() in NAME_CONNECTORS or words[i - 1].text in POSSESSIVE_MARKS
                         or words[i - 1].upos == "ADJ" and not is_name_word(words[i - 1])
                         and any(words[j].upos in ("NOUN", "PROPN") for j in range(first, i - 1))):
        i -= 1
    if i == first:
        return None
    return first, i, i - 1


def is_dateline(article: Article, start: int, end: int) -> bool:
    """text[start:end] is a dateline: capitals before a dash, maybe after a date and an agency
    ("BEIJING —", "WASHINGTON, June 10 (UPI) —"), or the place opening a paragraph before an agency
    and a dash ("Washington (AFP) – Democrat Hillary Clinton")."""
    text = article.text[start:end]
    if text.isupper() and len(text) > 3 and DATELINE_UPPER_END.match(article.text, end) is not None:
        return True
    paragraph_start = article.paragraphs[article.paragraph_of(start)][0]
    return not article.text[paragraph_start:start].strip() and DATELINE_END.match(article.text, end) is not None


SETTING_OFF_PUNCTUATION = frozenset({",", ";", ":", "—", "–", "(", ")"})

ABSOLUTE_MARKERS = frozenset({"with", "without"})

CLAUSE_BREAKS = frozenset({":", ";"})

INFINITIVE_DEPRELS = frozenset({"xcomp", "advcl"})


# Clauses that share the subject of the verb they hang from ("is heard to say", "..., saying").
SUBJECT_SHARING_DEPRELS = frozenset({"xcomp", "conj", "advcl", "acl", "parataxis"})

# Words that may stand between a speaker and its cue: "Wang also said", "officials have said".
SKIPPED_BEFORE_CUE = frozenset({"ADV", "AUX", "PART"})


TRAILING_CUE_PUNCTUATION = (",", "?", "!", "—", "–", "―")

MIN_REPORTED_WORDS = 3  # words before an inverted cue ("The race is over, say some Democrats")  # a longer stretch between a quote and its cue is a clause, not a speaker

# How a main clause hangs in its sentence: the root, or joined to another main clause.
MAIN_CLAUSE_DEPRELS = frozenset({"root", "conj", "parataxis"})


def is_main_clause(article: Article, word: Word) -> bool:
    """The verb heads a main clause: no clause it hangs from is reported ("said Curiel was from Mexico:")
    or relative ("a phrase that could have come from Trump himself:")."""
    while word.head is not None:
        if word.deprel not in MAIN_CLAUSE_DEPRELS:
            return False
        word = article.words[word.head]
    return word.deprel in MAIN_CLAUSE_DEPRELS


# ---- speakers ------------------------------------------------------------------------------
def is_time_word(word: Word) -> bool:
    return word.lemma.lower() in lexicons.words(lexicons.TIME_WORDS)


def subjects_of(article: Article, verb: int) -> list[int]:
    """The verb's subjects, its own first. The small parser also hangs the subject of a fronted
    clause off the cue ("The trend has been to shift costs, Kantrowitz said": "trend" and
    "Kantrowitz" both nsubj, "shift" a ccomp): a subject before such a complement is the clause's.
    Beside another subject, a relative pronoun is the object it relates to ("bodies, which he
    called “a cartel”"), and a subject a colon or semicolon parts from the verb belongs to a clause
    before it ("Even people who endorsed the plan sounded equivocal: Jane Harman called it ..."),
    as does one a comma parts from a subject nearer the verb ("Holding banners, the students
    chanted"): they come last."""
    children = article.children[verb]
    subjects = [c for c in children if article.words[c].deprel in SUBJECT_DEPRELS]
    fronted = max((c for c in children if article.words[c].deprel == "ccomp" and c < verb), default=-1)
    return sorted(subjects, key=lambda c: (c < fronted, len(subjects) > 1 and (
        article.words[c].text.lower() in RELATIVE_PRONOUNS or _closed_off(article, c, verb, subjects))))


def _closed_off(article: Article, subject: int, verb: int, subjects: list[int]) -> bool:
    """A colon or semicolon parts `subject` from the verb, or a comma from another subject nearer
    the verb ("Holding banners outside the hall, the students chanted"); not one an appositive the
    parser made a subject follows ("Kurt Campbell, the top Asia official, stated")."""
    if any(article.words[i].text in CLAUSE_BREAKS for i in range(subject + 1, verb)):
        return True
    return any(subject < other < verb and _comma_between(article, subject, other)
               and not _comma_between(article, other, verb) for other in subjects)


def _comma_between(article: Article, first: int, last: int) -> bool:
    return any(article.words[i].text == "," for i in range(first + 1, last))


def effective_subject(article: Article, verb: int, content: tuple[int, int] | None = None) -> int | None:
    """The subject of `verb`, climbing through clauses that share their head's subject.

    A time noun the parser took for a subject ("Several weeks ago, Trump stated") is passed over,
    and so is a dateline ("Washington (AFP) – Democrat Hillary Clinton has taken a swipe").
    So is a preposition's object ("Qin had in a phone call with Blinken urged"): the subject is
    then the one before that phrase.
    """
    for _ in range(4):
        complement_after = max((c for c in article.children[verb] if article.words[c].deprel in COMPLEMENT_DEPRELS
                                and c > verb), default=-1)
        for child in subjects_of(article, verb):
            subject = article.words[child]
            if verb < child < complement_after and not any(
                    article.words[i].text in SETTING_OFF_PUNCTUATION for i in range(child, complement_after)):
                # the subject of what is said: "Fallin said [presumptive nominee Donald Trump] is “trying”";
                # not an inverted speaker: "said Vice President Joe Biden, urging those ..."
                continue
            if is_time_word(subject) and (named := _named_after_time(article, child)) is not None:
                return named
            if subject.deprel not in SUBJECT_DEPRELS or article.in_quote(subject.start) or subject.upos == "PUNCT" \
                    or is_time_word(subject) or content is not None and content[0] <= subject.start < content[1] \
                    or is_dateline(article, subject.start, subject.end):
                continue
            if has_preposition(article, child) and not _absolute_subject(article, verb, child):
                return _subject_left_of(article, child)
            # "Sanders was asked by host Bill Maher, “...”": the subject is whom it was said to
            agent = _passive_agent(article, verb) if subject.deprel == "nsubj:pass" else None
            return agent if agent is not None else child
        controller = _controlling_object(article, verb)
        if controller is not None:
            return controller
        if article.words[verb].deprel == "parataxis" and (named := _name_right_before(article, verb)) is not None:
            return named
        verb = _subject_sharing_head(article, verb)
        if verb is None:
            return None
    return None


def _name_right_before(article: Article, verb: int) -> int | None:
    """A name right before a cue the parser made a clause of the sentence before it ("He fled ...; the
    following year, Premier Anna Berg said"): the cue's own subject, not the other clause's."""
    before = verb - 1
    word = article.words[before] if before >= 0 else None
    if word is None or word.sentence != article.words[verb].sentence or word.upos != "PROPN" \
            or not word.is_capitalized or article.in_quote(word.start):
        return None
    return before


def _named_after_time(article: Article, time: int) -> int | None:
    """The name the parser hung off a time phrase it took for the subject: "the following year, Premier
    Zhu Rongji said" (Zhu Rongji an apposition of "year")."""
    return next((c for c in article.children[time] if c > time and article.words[c].deprel == "appos"
                 and article.words[c].upos == "PROPN" and article.words[c].is_capitalized), None)


def _passive_agent(article: Article, verb: int) -> int | None:
    """The "by" phrase of a passive cue that takes whom it addresses: "was asked by [moderator Gerard
    Baker]". (Of other cues the subject stays: "The email was sent by Jeremy Bash ... “...,” it reads.")"""
    if article.words[verb].lemma.lower() not in lexicons.words(lexicons.ADDRESSEE_CUES):
        return None
    return next((c for c in article.children[verb] if article.words[c].deprel == "obl:agent"), None)


def _controlling_object(article: Article, verb: int) -> int | None:
    """The object of a verb that gets someone to do something is the subject of what they do
    ("leading Clinton advisers like Gene Sperling to counter that ...": the advisers counter)."""
    word = article.words[verb]
    if word.head is None or word.deprel not in INFINITIVE_DEPRELS \
            or article.words[word.head].lemma.lower() not in lexicons.words(lexicons.CONTROL_VERBS) \
            or not is_to_infinitive(article, verb):
        return None
    return next((c for c in article.children[word.head] if article.words[c].deprel == "obj"
                 and word.head < c < verb and article.words[c].upos in ("NOUN", "PROPN")), None)


def is_to_infinitive(article: Article, verb: int) -> bool:
    """The verb is marked by "to": "urged Silicon Valley [to find] a compromise"."""
    return any(article.words[m].deprel == "mark" and article.words[m].text.lower() == "to"
               for m in article.children[verb])


def _set_off_by_comma(article: Article, word: int) -> bool:
    """A comma stands before `word`, or before the closing mark before it ("values,” stating")."""
    before = word - 1
    while before >= 0 and article.words[before].text in CLOSING_QUOTES:
        before -= 1
    return before >= 0 and article.words[before].text == ","


def _subject_sharing_head(article: Article, verb: int) -> int | None:
    """The verb whose subject `verb` shares, if any. A participle set off by a comma shares its
    cue's, also where the small parser made it what the cue says ("Cruz said that Trump represents
    “New York values,” stating during the debate ...": Cruz states, not Trump), and the subject of
    the clause of a noun the parser hung it on; a cue after ", and" shares the cue whose reported
    clause the parser joined it to."""
    word = article.words[verb]
    if word.head is None:
        return None
    head = article.words[word.head]
    cue_words = {cue.word for cue in article.cues}
    if word.xpos in PARTICIPLE_TAGS and word.deprel in COMPLEMENT_DEPRELS and word.head in cue_words \
            and _set_off_by_comma(article, verb):
        return word.head
    if word.deprel not in SUBJECT_SHARING_DEPRELS \
            or word.deprel == "parataxis" and article.in_quote(head.start):
        return None
    if word.xpos in PARTICIPLE_TAGS and word.deprel == "advcl" and head.deprel in COMPLEMENT_DEPRELS \
            and head.head in cue_words:
        return head.head
    # "Paul said Rubio's plan would give money to immigrants, and called him ...": a cue joined by
    # ", and" to what another cue reports is that cue's second verb, not the reported clause's
    if word.deprel == "conj" and verb in cue_words and head.deprel in COMPLEMENT_DEPRELS \
            and head.head in cue_words and _comma_and_before(article, verb):
        return head.head
    if word.xpos in PARTICIPLE_TAGS and word.deprel == "acl" and head.upos not in CLAUSE_HEAD_TAGS \
            and _set_off_by_comma(article, verb):
        return _clause_head(article, word.head)
    return word.head


def _comma_and_before(article: Article, verb: int) -> bool:
    """", and" stands right before the verb."""
    return verb >= 2 and article.words[verb - 1].upos == "CCONJ" and article.words[verb - 2].text == ","


def _clause_head(article: Article, word: int) -> int | None:
    """The head of the clause `word` belongs to: the nearest verb at or above it, or a predicate
    with a subject ("Obama has been on the sidelines")."""
    for _ in range(ANCESTOR_STEPS):
        if article.words[word].upos in CLAUSE_HEAD_TAGS or any(
                article.words[c].deprel in SUBJECT_DEPRELS for c in article.children[word]):
            return word
        word = article.words[word].head
        if word is None:
            return None
    return None


def _absolute_subject(article: Article, verb: int, subject: int) -> bool:
    """"..., with Sen. John McCain calling it “a Chinese menu”": "with" before a participle's own
    subject marks an absolute clause, not a preposition's object."""
    return article.words[verb].xpos in PARTICIPLE_TAGS and any(
        article.words[c].deprel == "case" and article.words[c].text.lower() in ABSOLUTE_MARKERS
        for c in article.children[subject])


def _subject_left_of(article: Article, word: int) -> int | None:
    """The nearest subject before `word` in its sentence."""
    first = article.sentence_of(word)[0]
    return next((i for i in range(word - 1, first - 1, -1) if article.words[i].deprel in SUBJECT_DEPRELS
                 and not article.in_quote(article.words[i].start) and not has_preposition(article, i)), None)


def is_inverted(article: Article, cue: Cue) -> bool:
    """"The race is over, say some Democrats": a cue set off after the clause it reports, with its
    speaker after it. What follows such a cue is the speaker, never what was said. A participle
    is no inverted cue: "..., saying conservatives need to band together" reports what follows."""
    return set_off_after_clause(article, cue) and phrase_after_cue(article, cue) is not None


def set_off_after_clause(article: Article, cue: Cue) -> bool:
    """is_inverted, but for the phrase after the cue: the cue stands after a set-off clause and has no subject before it."""
    if article.words[cue.word].xpos in PARTICIPLE_TAGS:
        return False
    i = cue.word - 1
    while i >= 0 and article.words[i].upos in SKIPPED_BEFORE_CUE:
        i -= 1
    if i < article.sentence_of(cue.word)[0] + MIN_REPORTED_WORDS or article.words[i].text not in TRAILING_CUE_PUNCTUATION:
        return False
    # "Smith, a senator, said the plan ...": a subject before the cue is its speaker
    return not any(article.words[c].deprel in SUBJECT_DEPRELS and c < cue.word for c in article.children[cue.word])


def phrase_after_cue(article: Article, cue: Cue) -> tuple[int, int, int] | None:
    """The noun phrase right after the cue's last word ("made clear" is two): an inverted speaker."""
    return phrase_after(article, article.words_between(cue.start, cue.end)[-1] + 1)


def subtree(article: Article, head: int) -> set[int]:
    members, frontier = {head}, [head]
    while frontier:
        for child in article.children[frontier.pop()]:
            if child not in members:
                members.add(child)
                frontier.append(child)
    return members

ANCESTOR_STEPS = 6
