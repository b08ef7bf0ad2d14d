"""Stage: the reporting cues of the article (speech verbs, "according to", cue phrases, signature dashes).

READS words, pieces; WRITES cues. Which words may be cues is language knowledge (quotes.english.cues);
this stage applies it to every word outside the quoted pieces.
"""
from __future__ import annotations

from quotes.article import Article, Cue
from quotes.english import cues as english_cues
from quotes.english import lexicons

READS = ("words", "pieces")
WRITES = ("cues",)


def find_cues(article: Article) -> list[Cue]:
    """Every cue word of the article that lies outside the quoted pieces."""
    found = []
    complement_only = lexicons.words(lexicons.COMPLEMENT_CUES)
    for word in article.words:
        if article.in_quote(word.start):
            continue
        if english_cues.according_to(article, word):
            end = article.words[word.index + 1].end
            found.append(Cue(word.index, "according to", word.start, end, article.text[word.start:end]))
        elif phrase := english_cues.cue_phrase(article, word):
            end = article.words[word.index + 1].end
            found.append(Cue(word.index, phrase, word.start, end, article.text[word.start:end]))
        elif english_cues.signature_dash(article, word):
            found.append(Cue(word.index, "—", word.start, word.end, word.text))
        elif english_cues.is_cue_verb(word) and english_cues.may_be_cue(article, word):
            lemma = english_cues.cue_lemma(word)
            found.append(Cue(word.index, lemma, word.start, word.end, word.text,
                             complement_only=lemma in complement_only))
        elif english_cues.placed_cue(article, word):
            found.append(Cue(word.index, word.lemma.lower(), word.start, word.end, word.text))
    return found


def run(article: Article, context) -> None:
    article.cues = find_cues(article)
