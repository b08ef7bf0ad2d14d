"""Which English words report speech: the cue vocabulary (hand and learned lexicons) and the tests a
word must pass to be a reporting cue, from its tags and the words around it.

The words stage parses only the sentences that hold a candidate (`is_candidate`); the cues stage
(quotes.stages.cues) keeps the candidates these tests confirm.
"""
from __future__ import annotations

from functools import cache

from quotes.article import Article, Word
from quotes.english import lexicons
from quotes.english.quoting import CLOSING_QUOTES, QUOTE_INTRODUCERS

# Tags a cue verb may carry: the small model sometimes tags "stated" or "added" ADJ/NOUN.
VERB_TAGS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
# Nouns that look like cue verbs but are not ("a post", "the call").
NOMINAL_DEPRELS = frozenset({"nsubj", "obj", "iobj", "obl", "nmod", "compound", "nsubj:pass", "appos"})
SIGNATURE_DASHES = frozenset({"―", "—", "–"})
# “…,” he continued. — what may stand between a quote and a verb that reports it, and after the verb
SUBJECT_TAGS = frozenset({"PRON", "PROPN", "DET", "NOUN", "ADJ"})
MAX_SUBJECT_WORDS = 4
QUOTE_END_PUNCTUATION = frozenset({",", "?", "!"})
MAX_WORDS_BEFORE_COLON = 8
CLAUSE_ENDS = frozenset({".", ",", ";", ":", "!", "?"})
# spoken fillers that follow a quotation inside a longer one: “I'd like 10,000 rounds,” you know,
FILLER_VERBS = frozenset({"know", "mean", "guess"})
MAX_SIGNATURE_WORDS = 12
RESULT_MARKERS = frozenset({"so", "such"})  # "so daunting that ...": a result, not what was said
STRONG_CUE_SHARE = 0.8  # a learned verb that is a cue this often in PolNeAR train counts everywhere
# A cue verb used as a modifier reports nothing: "the so-called “guardrails”", "the said agreement".
MODIFIER_DEPRELS = frozenset({"amod"})


def cue_lemma(word: Word) -> str:
    """The word's lemma as the cue lexicon knows it. The small lemmatizer is not consistent: it
    may leave a form as it was ("labeling": the lexicon has "label") or lemmatize a form the
    lexicon learned as it was ("chanted" → "chant"); the written form and its base forms count too."""
    lemma, text = word.lemma.lower(), word.text.lower()
    if lemma in _cue_lemmas():
        return lemma
    return next((form for form in (text, *lexicons.base_forms(text)) if form in _cue_lemmas()), lemma)


def _may_be_cue_verb(word: Word) -> bool:
    """A cue verb by lemma and tags alone (the parse is not needed to rule these out)."""
    if word.upos not in VERB_TAGS or cue_lemma(word) not in _cue_lemmas():
        return False
    return word.upos == "VERB" or not word.xpos.startswith("NN") or word.text.lower().endswith("ed")


@cache
def _cue_lemmas() -> frozenset[str]:
    """Speech verbs learned from annotated cues (`./run train`), and by hand what the data lacks."""
    return lexicons.words(lexicons.CUE_VERBS) | lexicons.words(lexicons.COMPLEMENT_CUES) \
        | frozenset(lexicons.learned(lexicons.LEARNED_CUE_VERBS))


@cache
def _cue_pairs() -> frozenset[tuple[str, ...]]:
    """Verb + next word that report speech together ("made clear", "fired back")."""
    learned = (tuple(pair.split()) for pair in lexicons.learned(lexicons.LEARNED_CUE_PHRASES))
    return frozenset(lexicons.phrases(lexicons.CUE_PHRASES)) | frozenset(learned)


def clear() -> None:
    """Forget the cue lists read so far (training rewrites the learned ones)."""
    _cue_lemmas.cache_clear()
    _cue_pairs.cache_clear()
    _learned_only.cache_clear()


def is_cue_verb(word: Word) -> bool:
    if not _may_be_cue_verb(word) or word.deprel in MODIFIER_DEPRELS:
        return False
    return word.upos == "VERB" or word.deprel not in NOMINAL_DEPRELS


def according_to(article: Article, word: Word) -> bool:
    following = article.words[word.index + 1] if word.index + 1 < len(article.words) else None
    return word.text.lower() == "according" and following is not None and following.text.lower() == "to"


def _after_quote(article: Article, word: Word) -> bool:
    """“…,” he continued: any verb right after a quotation's closing mark (set off by a comma, "?"
    or "!") and a short subject, ending its clause, reports that quotation — whether the lexicon
    knows it or not ("continued", "recalled", "quipped")."""
    if word.upos != "VERB" or word.lemma.lower() in FILLER_VERBS or word.index + 1 >= len(article.words) \
            or article.words[word.index + 1].text not in CLAUSE_ENDS:
        return False
    mark = word.index - 1  # the closing mark, before the subject's words
    while mark >= 0 and word.index - mark <= MAX_SUBJECT_WORDS and article.words[mark].upos in SUBJECT_TAGS:
        mark -= 1
    subject_words = word.index - 1 - mark
    return 1 <= subject_words <= MAX_SUBJECT_WORDS and mark > 0 and article.words[mark].text in CLOSING_QUOTES \
        and article.words[mark - 1].text in QUOTE_END_PUNCTUATION


def _before_quote(article: Article, word: Word) -> bool:
    """He continued, “…”: any verb after a short subject that opens the sentence, set off from a
    quotation's opening mark by a comma or colon, reports that quotation ("He continued, “…”",
    "Trump mused: “…”"); before a colon, a few more words may follow the verb ("He also played up
    his strength in a general election: “…”"). Adverbs beside the subject do not count."""
    if word.upos != "VERB" or word.lemma.lower() in FILLER_VERBS:
        return False
    first, last = article.sentence_of(word.index)
    introducer = word.index + 1
    while introducer < min(last, word.index + 1 + MAX_WORDS_BEFORE_COLON) \
            and article.words[introducer].text not in QUOTE_INTRODUCERS:
        introducer += 1
    if introducer + 1 >= len(article.words) or article.words[introducer].text not in QUOTE_INTRODUCERS \
            or introducer > word.index + 1 and article.words[introducer].text != ":" \
            or not any(piece.open_mark == article.words[introducer + 1].start for piece in article.pieces):
        return False
    subject = [i for i in range(first, word.index) if article.words[i].upos != "ADV"]  # "He also played up"
    return 1 <= len(subject) <= MAX_SUBJECT_WORDS and all(article.words[i].upos in SUBJECT_TAGS for i in subject)


def _that_quote(article: Article, word: Word) -> bool:
    """Hoover estimated that there are “somewhere between 23 and 28 people ...”: any verb whose
    "that" clause quotes words reports them, whether the lexicon knows the verb or not; not a
    participle after "so" ("are so daunting that “...”"), whose clause is a result."""
    following = word.index + 1
    if word.upos != "VERB" or following >= len(article.words) or article.words[following].text.lower() != "that" \
            or article.words[following].upos != "SCONJ" \
            or word.index > 0 and article.words[word.index - 1].text.lower() in RESULT_MARKERS:
        return False
    last = article.sentence_of(word.index)[1]
    end = article.words[last - 1].end
    return any(article.words[following].end <= piece.open_mark < end for piece in article.pieces)


def placed_cue(article: Article, word: Word) -> bool:
    """A verb no lexicon needs to know that reports a quotation by where it stands: right after it,
    right before it, or opening a "that" clause that quotes it."""
    return _after_quote(article, word) or _before_quote(article, word) or _that_quote(article, word)


def signature_dash(article: Article, word: Word) -> bool:
    """“...” ― Pamela Padilla: a dash after a closing mark, then a short name to the paragraph's end."""
    if word.text not in SIGNATURE_DASHES or not article.text[:word.start].rstrip().endswith(CLOSING_QUOTES):
        return False
    paragraph_end = article.paragraphs[article.paragraph_of(word.start)][1]
    following = article.words_between(word.end, paragraph_end)
    return 0 < len(following) <= MAX_SIGNATURE_WORDS and article.words[following[0]].is_capitalized


def cue_phrase(article: Article, word: Word) -> str | None:
    """"made clear": a verb and the word after it that together report speech."""
    following = article.words[word.index + 1] if word.index + 1 < len(article.words) else None
    if word.upos != "VERB" or following is None:
        return None
    pair = (word.lemma.lower(), following.text.lower())
    return " ".join(pair) if pair in _cue_pairs() else None


@cache
def _learned_only() -> frozenset[str]:
    """Cue verbs only the data gave that are no cue in a fifth or more of their uses ("discuss",
    "expect"): weaker than the plain speech verbs ("insisted" and "praised" are cues 9 times in 10)."""
    learned = lexicons.learned(lexicons.LEARNED_CUE_VERBS)
    return frozenset(lemma for lemma, (_, share) in learned.items() if float(share) < STRONG_CUE_SHARE) \
        - lexicons.words(lexicons.CUE_VERBS) - lexicons.words(lexicons.COMPLEMENT_CUES)


def _quoted_paragraph(article: Article, word: Word) -> bool:
    paragraph = article.paragraph_of(word.start)
    return any(piece.paragraph == paragraph for piece in article.pieces)


def may_be_cue(article: Article, word: Word) -> bool:
    """A cue verb by tags; a weak learned verb (see _learned_only) counts beside a quotation only (it
    reports speech far less often than "say": alone, its clauses cost parsing and precision)."""
    return _may_be_cue_verb(word) and (cue_lemma(word) not in _learned_only() or _quoted_paragraph(article, word))


def is_candidate(article: Article, word: Word) -> bool:
    """Whether `word` may be a cue, judged from its tags alone: every cue find_cues returns passes.

    The parser runs only on the sentences that hold a candidate (quotes.stages.parse).
    """
    return (may_be_cue(article, word) or according_to(article, word) or cue_phrase(article, word) is not None
            or signature_dash(article, word) or placed_cue(article, word)) \
        and not article.in_quote(word.start)


