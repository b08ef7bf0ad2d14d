"""Stage: dependency arcs (and NER, when the package has it), only where the engine reads them.

READS words, pieces; WRITES the arcs and entity tags of words.

Arcs are only ever read around a reporting cue (its subject, its complement, the path from a quote
to it), so only the sentences holding a possible cue outside the quotes are parsed; the words of
the other sentences keep deprel UNPARSED and no head. All sentences of all articles of a batch go
through the parser together.
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import UNPARSED, Article
from quotes.english import cues
from quotes.nlp import inference_mode

READS = ("words", "pieces")
WRITES = ("words",)

# A longer "sentence" is a run-on the tokenizer could not split (a table, a list, scraped junk): the
# parser's cost grows with the square of its length, and its arcs there say nothing reliable.
MAX_PARSED_WORDS = 200

PARSE_PROCESSORS = ("depparse", "ner")


def needs_parse(article: Article, first: int, last: int) -> bool:
    """The sentence words[first:last] holds a possible reporting cue outside the quotes (and is not a run-on)."""
    return last - first <= MAX_PARSED_WORDS and any(
        cues.is_candidate(article, article.words[i]) for i in range(first, last))


def _sentences_to_parse(article: Article) -> list[tuple[int, int]]:
    return [(first, last) for first, last in article.sentences if needs_parse(article, first, last)]


def parse_selected(pipeline, articles: list[Article]) -> None:
    """Parse (and NER-tag) the sentences of `articles` that need it, in one batch, in place."""
    import stanza

    plans = [_sentences_to_parse(article) for article in articles]
    # pre-tagged words: Stanza's own tokens, tags and lemmas go in, arcs come out
    sentences = [[{"id": n + 1, "text": w.text, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos or None,
                   "feats": w.feats or None} for n, w in enumerate(article.words[first:last])]
                 for article, plan in zip(articles, plans) for first, last in plan]
    if not sentences:
        return
    with inference_mode():
        parsed = iter(pipeline(stanza.Document(sentences), processors=",".join(PARSE_PROCESSORS)).sentences)
    for article, plan in zip(articles, plans):
        words = article.words
        for (first, _), sentence in zip(plan, parsed):
            for index, word in enumerate(sentence.words, start=first):
                words[index] = replace(words[index], deprel=word.deprel or UNPARSED,
                                       head=first + word.head - 1 if word.head else None,
                                       ner=getattr(word.parent, "ner", None) or words[index].ner)


def run_batch(articles: list[Article], context) -> None:
    parse_selected(context.nlp, articles)
