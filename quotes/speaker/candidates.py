"""The speaker candidates of one quote, and what the ranking model reads of each.

Candidates: the phrase the attribution stage linked to the quote's cue (resolved), the speaker
of the quote before, and the people and organisations named around the quote (its paragraph
and the ones before it). Features say where each stands (before or after the quote, how far,
in which paragraph), how it is written (a name, a pronoun's antecedent, its type learned from
GUM, its NER label), what it is in its clause (subject, object, ...), how salient it is (mentions
so far, the last person mentioned), and what surrounds the quote (a colon before it, a cue, the
quote opening its paragraph).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from quotes.article import Article, Attribution, Mention
from quotes.english import lexicons
from quotes.english.grammar import is_dateline
from quotes.english.names import first_name_gender, learned_type, name_tokens, role_heads, same_person, title_words
from quotes.english.quoting import colon_paragraph_before, opens_paragraph
from quotes.speaker.people import NameIndex

PARAGRAPHS_BACK = 3  # named people and organisations this many paragraphs before the quote count

TYPES = ("person", "organization", "group", "unknown")
LEARNED_TYPES = ("person", "organization", "place", "other")
NER_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place", "LOC": "place",
             "FAC": "place"}


@dataclass
class Candidate:
    mention: Mention
    sources: set[str] = field(default_factory=set)  # rule | previous | name | organization


def _key(mention: Mention) -> str:
    return " ".join(name_tokens(mention.name)) or mention.name.lower()


def _quote_end(attribution: Attribution) -> int:
    last = attribution.pieces[-1]
    return (last.close_mark + 1) if last.close_mark is not None else last.end


def _open_mark(attribution: Attribution) -> int:
    return attribution.pieces[0].open_mark


def candidates(article: Article, attribution: Attribution, rule: Mention | None, previous: Mention | None,
               index: NameIndex) -> list[Candidate]:
    """Every speaker the quote may have, one per name (the nearest mention of it)."""
    found: dict[str, Candidate] = {}
    quote_start, quote_end = _open_mark(attribution), _quote_end(attribution)
    paragraph = article.paragraph_of(quote_start)
    first_paragraph = article.paragraphs[max(0, paragraph - PARAGRAPHS_BACK)][0]
    last_paragraph = article.paragraphs[article.paragraph_of(quote_end)][1]
    reported = reported_clause(attribution, rule)

    def add(mention: Mention, source: str) -> None:
        # a name in the clause the quote's cue reports is what was said about, not who said it
        if source != "rule" and reported is not None and reported[0] <= mention.start < reported[1]:
            return
        key = _key(mention)
        known = found.get(key)
        if known is None:
            found[key] = Candidate(mention, {source})
            return
        known.sources.add(source)
        if source == "rule" or "rule" not in known.sources and \
                _distance(mention, quote_start, quote_end) < _distance(known.mention, quote_start, quote_end):
            known.mention = mention

    if rule is not None and not is_junk(article, rule):
        add(rule, "rule")
    if previous is not None:
        add(previous, "previous")
    for o in index.occurrences:
        if first_paragraph <= o.start < last_paragraph and not o.in_quote and index.is_person(o):
            add(Mention(o.start, o.end, article.word_at(o.start), index.canonical(o.text, o.start), "person"), "name")
    # "Ali Wyne, a senior analyst with Eurasia Group": the organisation a person speaks for is
    # their affiliation, not another speaker
    employer = rule.affiliation[0].lower() if rule is not None and rule.type == "person" and rule.affiliation else None
    for start, end, name in index.organizations:
        if first_paragraph <= start < last_paragraph and name.lower() != employer \
                and not _qualifies_a_title(article, end):
            add(Mention(start, end, article.word_at(start), name, "organization", affiliation=(name, start, end)),
                "organization")
    return list(found.values())


def _qualifies_a_title(article: Article, end: int) -> bool:
    """The organisation name ending at char `end` qualifies the title after it ("Hal Maring, NASA Earth Science
    Division scientist"): it says whom a person works for, it is not a speaker of its own."""
    following = article.word_at(end + 1)
    if following is None or article.words[following].start > end + 1:
        return False
    word = article.words[following]
    return word.text.islower() and word.text in role_heads() | title_words()


def reported_clause(attribution: Attribution, rule: Mention | None) -> tuple[int, int] | None:
    """The clause the cue reports, when it follows the cue ("Grassley said it's the same thing as
    Sotomayor ..."), or when it comes before a cue that names its own speaker after it ("In private, Bill
    Clinton has been “very worked up about it,” said a source"); otherwise a mixed quote's fallback
    content, its sentence up to the quote, holds the speaker ("Trump hailed the vote as “fantastic”")."""
    cue, content = attribution.cue, attribution.content
    if cue is None or content is None:
        return None
    if content[0] >= cue.end or content[1] <= cue.start and rule is not None and rule.start >= cue.start:
        return content
    return None


# Words the parser may make a cue's subject that never name a speaker.
NOT_SPEAKERS = frozenset({"who", "that", "which", "what", "whom", "this", "these", "those",
                          "something", "anything", "nothing", "everything"})


# What a noun phrase never opens: "carrying signs", "Amid responses" name no speaker.
NOT_PHRASE_OPENERS = frozenset({"VERB", "AUX", "ADP", "SCONJ"})


def is_junk(article: Article, mention: Mention) -> bool:
    """A relative pronoun ("who", "that") left unresolved, a day or another time ("Thursday"), a
    phrase that is no noun phrase ("carrying signs"), or a dateline ("BEIJING —"): never a speaker.
    "who" resolved to the name it relates to ("Mike Pence, who called him") is that name, at "who"."""
    # (in capitals, "WHO" is the World Health Organization)
    if mention.name.lower() in NOT_SPEAKERS and not mention.name.isupper() or \
            mention.name.lower() in lexicons.words(lexicons.TIME_WORDS):
        return True
    words = [article.words[i] for i in article.words_between(mention.start, mention.end)]
    # one word is a name the tagger misread ("Trump" as a verb); after a hyphen, the phrase began
    # before the mention ("the conservative-[leaning newspaper]")
    if len(words) > 1 and words[0].upos in NOT_PHRASE_OPENERS and not any(w.upos == "PROPN" for w in words) \
            and not article.text[:mention.start].endswith("-"):
        return True
    return is_dateline(article, mention.start, mention.end)


def _distance(mention: Mention, quote_start: int, quote_end: int) -> int:
    if mention.end <= quote_start:
        return quote_start - mention.end
    return max(0, mention.start - quote_end)


def _head_word(article: Article, mention: Mention):
    head = mention.head if mention.head is not None else article.word_at(mention.start)
    return article.words[head] if head is not None and head < len(article.words) else None


def _learned_type(article: Article, mention: Mention) -> str | None:
    word = _head_word(article, mention)
    if word is None or word.upos == "PROPN":
        return None
    return learned_type(word)


def mention_type(article: Article, mention: Mention) -> str:
    """person / organization / group / unknown of a mention, from the head noun's type learned on GUM,
    the NER label of a name, and the phrase's own reading (quotes.speaker.mentions.describe)."""
    learned = _learned_type(article, mention)
    if learned == "person":
        word = _head_word(article, mention)
        return "group" if word is not None and word.xpos == "NNS" else "person"
    if learned == "organization":
        return "organization"
    if mention.type in ("person", "organization", "group"):
        return mention.type
    word = _head_word(article, mention)
    if word is not None and word.text.lower() in lexicons.weighted(lexicons.ORGANIZATION_WORDS):
        return "organization"  # "according to the club", "the ministry said"
    word = _head_word(article, mention)
    ner = NER_TYPES.get(word.ner.split("-")[-1]) if word is not None else None
    return {"person": "person", "organization": "organization", "group": "group"}.get(ner, mention.type)


def _ner(article: Article, mention: Mention) -> str:
    labels = {NER_TYPES.get(w.ner.split("-")[-1], "other") for w in
              (article.words[i] for i in article.words_between(mention.start, mention.end)) if w.ner != "O"}
    for label in ("person", "organization", "group", "place", "other"):
        if label in labels:
            return label
    return "none"


# What a mention's head word does in its clause, by dependency relation: a subject speaks far
# more often than an object, a possessor or a preposition's object ("treasurer for Ronald Reagan's campaign").
GRAMMATICAL_ROLES = {"nsubj": "subject", "nsubj:pass": "subject", "csubj": "subject", "obj": "object",
                     "iobj": "object", "nmod:poss": "possessor", "appos": "apposition", "obl": "oblique",
                     "nmod": "oblique"}


def grammatical_role(article: Article, mention: Mention) -> str:
    """What the mention is in its clause (GRAMMATICAL_ROLES): read off its first word whose head lies outside it."""
    inside = article.words_between(mention.start, mention.end)
    span = set(inside)
    head = next((article.words[i] for i in inside if article.words[i].head not in span), None)
    if head is None or not head.is_parsed:
        return "unparsed"
    return GRAMMATICAL_ROLES.get(head.deprel, GRAMMATICAL_ROLES.get(head.deprel.split(":")[0], "other"))


def features(article: Article, attribution: Attribution, candidate: Candidate, pronoun: Mention | None,
             previous: Mention | None, index: NameIndex) -> dict[str, float]:
    """What the model reads of one candidate of one quote."""
    mention, sources = candidate.mention, candidate.sources
    quote_start, quote_end = _open_mark(attribution), _quote_end(attribution)
    paragraph = article.paragraph_of(quote_start)
    before = mention.end <= quote_start
    distance = _distance(mention, quote_start, quote_end)
    paragraph_gap = paragraph - article.paragraph_of(mention.start) if before else 0
    paragraph_start = article.paragraphs[paragraph][0]
    colon_before = article.text[max(paragraph_start, quote_start - 3):quote_start].strip().endswith(":")
    kind = mention_type(article, mention)
    learned = _learned_type(article, mention) or "none"
    tokens = name_tokens(mention.name)
    earlier = [o for o in index.occurrences if o.end <= quote_start and not o.in_quote]
    mentions_before = sum(1 for o in earlier if tokens and same_person(o.tokens, tokens))
    last_person = next((o for o in reversed(earlier) if index.is_person(o)), None)
    f: dict[str, float] = {
        "rule": "rule" in sources,
        "previous": "previous" in sources,
        "named_nearby": "name" in sources or "organization" in sources,
        "before": before,
        "inside_quote_span": quote_start <= mention.start < quote_end,
        "log_distance": math.log1p(distance) / 5,
        "same_paragraph": paragraph_gap == 0 and article.paragraph_of(mention.start) == paragraph,
        "paragraph_gap": min(paragraph_gap, 3) / 3,
        "opens_paragraph": opens_paragraph(article, attribution.pieces[0]),
        "colon_before": colon_before,
        "colon_paragraph_before": colon_paragraph_before(article, attribution.pieces[0]) is not None,
        "has_cue": attribution.cue is not None,
        "mixed": attribution.kind == "mixed",
        "log_mentions_before": math.log1p(mentions_before),
        "last_person_mentioned": last_person is not None and bool(tokens) and same_person(last_person.tokens, tokens),
        "name_words": min(len(tokens), 4) / 4,
        "capitalized": mention.name[:1].isupper(),
        f"ner_{_ner(article, mention)}": 1.0,
        f"type_{kind}": 1.0,
        f"learned_{learned}": 1.0,
        f"grammar_{grammatical_role(article, mention)}": 1.0,
    }
    if "rule" in sources:
        f[f"method_{attribution.method}"] = 1.0
    if "previous" in sources and previous is not None:
        f["previous_same_paragraph"] = article.paragraph_of(previous.start) >= paragraph - 1
    if attribution.cue is not None:
        cue = attribution.cue
        f["after_cue"] = mention.start >= cue.end
        f["cue_log_distance"] = math.log1p(min(abs(mention.start - cue.end), abs(cue.start - mention.end))) / 5
        f["cue_same_sentence"] = (mention.head is not None and mention.head < len(article.words)
                                  and article.words[mention.head].sentence == article.words[cue.word].sentence)
    if pronoun is not None:  # the cue's subject is a pronoun: its gender and number must fit
        wanted, gender = lexicons.table(lexicons.PRONOUNS)[pronoun.name.lower()]
        candidate_gender = first_name_gender(mention.name) if kind == "person" else None
        f["pronoun"] = 1.0
        f["pronoun_number_agrees"] = (wanted == "person") == (kind == "person")
        f["pronoun_gender_agrees"] = candidate_gender is not None and candidate_gender == gender
        f["pronoun_gender_clashes"] = candidate_gender is not None and candidate_gender != gender
    return {k: float(v) for k, v in f.items() if v}


def with_type(article: Article, mention: Mention) -> Mention:
    """The mention with its type from mention_type."""
    kind = mention_type(article, mention)
    return mention if kind == mention.type else replace(mention, type=kind)
