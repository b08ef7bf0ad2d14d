"""The speaker phrase of a cue: its subject, the name set off after it ("“…,” stated Jessica Chen Weiss"),
the words between a closing mark and the cue ("“…,” Foreign Ministry spokesman Wang Wenbin told"),
the source of "according to", a credit line after a quote with no cue, and the reporting speaker a
cue's pronoun may mean.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from quotes.article import Article, Cue, Mention, QuotedPiece
from quotes.english import lexicons
from quotes.english.grammar import (
    ANCESTOR_STEPS,
    SKIPPED_BEFORE_CUE,
    effective_subject,
    is_time_word,
    phrase_after_cue,
    set_off_after_clause,
)
from quotes.english.names import first_name_gender, is_name_word
from quotes.english.quoting import SENTENCE_END
from quotes.english.tags import COMPLEMENT_DEPRELS, PARTICIPLE_TAGS, PHRASE_START_TAGS, RELATIVE_PRONOUNS, SPEAKER_TAGS
from quotes.speaker.mentions import describe, describe_speaker, mention_at
from quotes.speaker.pronouns import ANTECEDENT_TYPES

NAME_LIKE_TAGS = frozenset({"ADJ", "ADV", "X"})

MAX_BETWEEN_WORDS = 20


def _according_to_source(article: Article, cue: Cue) -> int | None:
    """Head noun of the phrase after "according to"."""
    head = article.words[cue.word].head
    if head is not None and head > cue.word + 1 and not article.in_quote(article.words[head].start):
        return head
    for i in range(cue.word + 2, min(cue.word + 12, len(article.words))):
        if article.words[i].upos in ("NOUN", "PROPN") and (i + 1 == len(article.words)
                                                            or article.words[i + 1].upos not in ("NOUN", "PROPN")):
            return i
    return None


@dataclass
class _CueSpeaker:
    """What the strategies of speaker_mention read: the cue, the quote it attributes (None for a
    reported clause), the content it reports, and the parse around the cue, found once."""

    article: Article
    cue: Cue
    group: list[QuotedPiece] | None
    content: tuple[int, int] | None

    @cached_property
    def closing(self) -> int | None:
        """The last closing mark of the quote before the cue."""
        return next((p.close_mark for p in reversed(self.group or []) if p.close_mark is not None
                     and p.close_mark < self.cue.start), None)

    @cached_property
    def subject(self) -> int | None:
        return effective_subject(self.article, self.cue.word, self.content)

    @cached_property
    def after(self) -> tuple[int, int, int] | None:
        return phrase_after_cue(self.article, self.cue)

    @cached_property
    def between(self) -> range:
        return self.article.words_between(self.closing + 1, self.cue.start)

    @cached_property
    def words_between(self) -> list[int]:
        """The words, not punctuation, between the quote's closing mark and the cue."""
        return [i for i in self.between if self.article.words[i].upos != "PUNCT"]


def _inverted_after_clause(search: _CueSpeaker) -> Mention | None:
    """"The race is over, say some Democrats": a reported clause's cue set off after it, speaker after."""
    if search.group is None and search.after is not None and set_off_after_clause(search.article, search.cue):
        return describe_speaker(search.article, *search.after)
    return None


def _inverted_opening_sentence(search: _CueSpeaker) -> Mention | None:
    """A cue that opens its sentence is followed by its speaker: "Said Ms. Park: “...”", "Stated Stone:"."""
    article, cue = search.article, search.cue
    if search.subject is None and cue.word == article.sentence_of(cue.word)[0] and search.after is not None:
        return describe_speaker(article, *search.after)
    return None


def _inverted_after_quote(search: _CueSpeaker) -> Mention | None:
    """“...,” stated Jessica Chen Weiss, a Cornell University professor. A participle is not inverted
    (“fantastic,” telling reporters): what follows it is whom it was told."""
    if search.closing is None or search.words_between or search.after is None \
            or search.article.words[search.cue.word].xpos in PARTICIPLE_TAGS:
        return None
    return describe_speaker(search.article, *search.after)


def _between_quote_and_cue(search: _CueSpeaker) -> Mention | None:
    """“...,” Foreign Ministry spokesman Wang Wenbin told: trust the words, not the arcs. The speaker
    ends at the first comma ("Ali Wyne, a senior analyst with Eurasia Group"); ", and" joins another
    clause ("“attacked” Clinton, and said" has no speaker between; "“...,” Smith and Jones said" has)."""
    if search.closing is None:
        return None
    article, content = search.article, search.words_between
    if not content or len(content) > MAX_BETWEEN_WORDS or any(
            article.in_quote(article.words[i].start) or _is_finite_verb(article.words[i])
            or article.words[i].upos == "CCONJ" and article.words[i - 1].text == "," for i in content):
        return None
    comma = next((i for i in search.between if article.words[i].text == "," and i > content[0]), None)
    phrase = [i for i in content if comma is None or i < comma]
    # a subject the parse finds in the speaker's own words decides; one past the comma is a
    # misparse ("... with Eurasia Group focusing on U.S.-China [relations] wrote")
    subject = search.subject
    parsed_between = subject is not None and search.closing < article.words[subject].start < search.cue.start \
        and (comma is None or subject < comma or not is_name_word(article.words[phrase[0]]))
    # a noun phrase, not a preposition's or a participle's ("“...” with classified information described")
    if not parsed_between and article.words[phrase[0]].upos in PHRASE_START_TAGS \
            and any(article.words[i].upos in SPEAKER_TAGS for i in phrase):
        return describe(article, phrase[0], phrase[-1] + 1, phrase[-1])
    return None


# Tags of a verb that makes a clause: a speaker is a noun phrase, and holds none ("a “minimally burdensome”
# national approach to AI and has sought to limit more demanding ...")
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _is_finite_verb(word) -> bool:
    return word.upos == "AUX" or word.xpos in FINITE_VERB_TAGS


def _parsed_subject(search: _CueSpeaker) -> Mention | None:
    """The cue's subject by the parse (quotes.english.grammar.effective_subject)."""
    return _subject_mention(search.article, search.subject) if search.subject is not None else None


def _noun_before_cue(search: _CueSpeaker) -> Mention | None:
    """The noun right before a cue the parse left without a subject ("Wang, the official, said")."""
    before = _subject_before(search.article, search.cue.word)
    return mention_at(search.article, before) if before is not None else None


# The ways a cue names its speaker, most reliable first, each with the method it reports.
SPEAKER_STRATEGIES = (
    ("inverted", _inverted_after_clause),
    ("inverted", _inverted_opening_sentence),
    ("inverted", _inverted_after_quote),
    ("between", _between_quote_and_cue),
    ("subject", _parsed_subject),
    ("before", _noun_before_cue),
)


def speaker_mention(article: Article, cue: Cue, group: list[QuotedPiece] | None,
                    content: tuple[int, int] | None = None) -> tuple[Mention | None, str]:
    """The speaker phrase of `cue` and how it was found, by the first of SPEAKER_STRATEGIES that finds
    one; never a word of the `content` it reports ("..., saying conservatives need to band together").
    "according to" names its source after it, or nobody."""
    if cue.lemma == "according to":
        source = _according_to_source(article, cue)
        return (mention_at(article, source), "according") if source is not None else (None, "none")
    search = _CueSpeaker(article, cue, group, content)
    for method, strategy in SPEAKER_STRATEGIES:
        mention = strategy(search)
        if mention is not None:
            return mention, method
    return None, "none"


def _subject_mention(article: Article, subject: int) -> Mention:
    """The mention of a subject; "who" in "Marc Morial, who said" stands for the noun it relates to."""
    word = article.words[subject]
    clause = article.words[word.head] if word.head is not None else None
    if word.text.lower() in RELATIVE_PRONOUNS and clause is not None:
        # the noun the clause relates to; right before ", who" when the parser missed the relative
        # clause ("Mike Pence, who called him" parsed as two conjoined clauses)
        before = subject - 2 if subject >= 2 and article.words[subject - 1].text == "," else None
        related = clause.head if clause.deprel.startswith("acl") else before
        # quoted words the clause relates to ("as “a mass murderer” who") are what is said, not a speaker
        if related is not None and article.words[related].upos in SPEAKER_TAGS \
                and not article.in_quote(article.words[related].start):
            return replace(mention_at(article, related), start=word.start, end=word.end, head=subject)
    named = _named_apposition(article, subject)
    if named is not None:
        return mention_at(article, named)
    mention = mention_at(article, subject)
    return _named_before(article, mention, article.words[subject].head) or mention


def _named_apposition(article: Article, subject: int) -> int | None:
    """The name in apposition to a description: "His deputy, Fire Chief Ana Ruiz, added" → Ana Ruiz."""
    if article.words[subject].upos in ("PROPN", "PRON"):  # a description (the tagger may call it ADJ)
        return None
    for child in article.children[subject]:
        word = article.words[child]
        if word.deprel == "appos" and child > subject and word.upos == "PROPN" and word.is_capitalized:
            return child
    return None


def _named_before(article: Article, description: Mention, verb: int | None) -> Mention | None:
    """The person named right before a description set off by commas after them, which the parser
    made the subject: "Ben Rozitis, a planetary scientist at the University of Tennessee, told" → Ben
    Rozitis; not a place the sentence opens with ("In Chelsea, the mayor said")."""
    if description.type not in ("person", "unknown") or description.name[:1].isupper() or verb is None:
        return None
    first = article.word_at(description.start)
    if first is None or not any(article.words[i].text == "," for i in range(first, verb)):
        return None
    if first is None or first < 2 or article.words[first - 1].text != "," \
            or not is_name_word(article.words[first - 2]) or article.in_quote(article.words[first - 2].start):
        return None
    named = mention_at(article, first - 2)
    return named if named.type == "person" and named.end == article.words[first - 2].end else None


def _subject_before(article: Article, verb: int) -> int | None:
    """The noun right before a cue the parse left without a subject ("Wang, the official, said").

    An apposition set off by commas is stepped over: the speaker is the phrase before it.
    """
    first = article.sentence_of(verb)[0]
    i = verb - 1
    while i >= first and article.words[i].upos in SKIPPED_BEFORE_CUE and not _opens_with_name(article, i, first):
        i -= 1
    if i >= first and article.words[i].text == ",":
        opening = next((j for j in range(i - 1, first - 1, -1) if article.words[j].text == ","), None)
        if opening is None:
            return None
        # "His deputy, Fire Chief Ana Ruiz, added": a name set off after a description is the speaker
        if opening + 1 < i and all(is_name_word(w) for w in article.words[opening + 1:i]) \
                and not article.in_quote(article.words[opening + 1].start):
            return i - 1
        i = opening - 1
    if i < first or article.in_quote(article.words[i].start) or is_time_word(article.words[i]):
        return None
    related = _relative_clause_head(article, i, first)
    if related is not None:
        return related
    return i if article.words[i].upos in SPEAKER_TAGS or _opens_with_name(article, i, first) else None


def _relative_clause_head(article: Article, last: int, first: int) -> int | None:
    """The noun a relative clause ending at word `last` relates to: "a White House official [who
    spoke anonymously to discuss internal strategy] said" — the official spoke, not the strategy."""
    word = article.words[last]
    for _ in range(ANCESTOR_STEPS):
        if word.head is None or not first <= word.head < last + 1:
            return None
        if word.deprel == "acl:relcl":
            return word.head if article.words[word.head].upos in SPEAKER_TAGS else None
        word = article.words[word.head]
    return None


def _opens_with_name(article: Article, i: int, first: int) -> bool:
    """"Jolly said": a surname the small tagger read as an adjective or adverb, opening the sentence."""
    return i == first and article.words[i].is_capitalized and article.words[i].upos in NAME_LIKE_TAGS

CREDIT_DASHES = frozenset("—–―-")

MAX_CREDIT_WORDS = 14


def credit_line(article: Article, group: list[QuotedPiece]) -> Mention | None:
    """A credit line after a quote that has no cue: “...” Laura Chen, The Evening Ledger / “...” (new
    paragraph) — Mayor Ann Cole of Springfield, after the hearing. The name runs to the first comma."""
    last = group[-1]
    if last.close_mark is None:
        return None
    start, end = last.close_mark + 1, article.paragraphs[last.paragraph][1]
    if not article.text[start:end].strip():
        if last.paragraph + 1 >= len(article.paragraphs):
            return None
        start, end = article.paragraphs[last.paragraph + 1]
        if article.text[start:end].lstrip()[:1] not in CREDIT_DASHES:
            return None
    words = [i for i in article.words_between(start, end) if article.words[i].text not in CREDIT_DASHES]
    if not words or len(words) > MAX_CREDIT_WORDS or not is_name_word(article.words[words[0]]) \
            or any(article.words[i].upos in ("VERB", "AUX") or article.in_quote(article.words[i].start) for i in words):
        return None
    name = [i for i in words if i < next((j for j in words if article.words[j].text in (",", "(")), end)]
    name = name[:next((n for n, i in enumerate(name) if article.words[i].upos == "ADP"), len(name))]
    if not name or not all(is_name_word(article.words[i]) for i in name):
        return None
    return describe(article, name[0], name[-1] + 1, name[-1])


def reporting_speaker(article: Article, cue: Cue, pronoun: Mention, group: list[QuotedPiece]) -> Mention:
    """The speaker who reports the cue's clause, when the cue's pronoun means them: "Tester said he voted
    against it because “they put some unnecessary stuff in that bill”" is Tester's, who says he did so
    (PolNeAR marks him). One who reports what another said keeps the other's words ("Sources said he
    said “…”": the pronoun cannot mean them)."""
    verb, word = article.words[cue.word], pronoun.head
    # the reporting cue, the pronoun and the cue, in this order, in one sentence (a capital "He" opens
    # another), before the quote ("“…,” he claimed" is the quote's own attribution)
    if verb.deprel not in COMPLEMENT_DEPRELS or verb.head is None or word is None \
            or not verb.head < word < cue.word or pronoun.start > group[0].open_mark or pronoun.name[:1].isupper() \
            or any(article.words[i].text in SENTENCE_END for i in range(verb.head, word)):
        return pronoun
    outer = next((c for c in article.cues if c.word == verb.head and not c.complement_only), None)
    subject = effective_subject(article, outer.word) if outer is not None else None
    if subject is None or subject > outer.word:
        return pronoun
    speaker = _subject_mention(article, subject)
    wanted, gender = lexicons.table(lexicons.PRONOUNS)[pronoun.name.lower()]
    if speaker.type == "pronoun" and speaker.name.lower() != pronoun.name.lower() \
            or speaker.type not in ANTECEDENT_TYPES[wanted] + ("unknown", "pronoun") \
            or speaker.type == "person" and first_name_gender(speaker.name) not in (None, gender):
        return pronoun
    return speaker
