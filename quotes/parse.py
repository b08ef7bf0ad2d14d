"""Stage 2: run Stanza — the cheap stages everywhere, the parser only where its arcs are read.

Tokens, tags and lemmas come for every sentence: names, pronouns and cue words are read from
them. Dependency arcs are only ever read around a reporting cue (its subject, its complement,
the path from a quote to it), so only the sentences holding a possible cue outside the quotes
are parsed (with NER, when the package has it). The words of the other sentences carry deprel
UNPARSED and no head.

All sentences of all articles go through each Stanza stage together (one batch per stage).
"""
from __future__ import annotations

from dataclasses import replace

from quotes import cues, lexicons
from quotes.article import UNPARSED, Article, Word

CHEAP_PROCESSORS = ("tokenize", "mwt", "pos", "lemma")
# A longer "sentence" is a run-on the tokenizer could not split (a table, a list, scraped junk): the
# parser's cost grows with the square of its length, and its arcs there say nothing reliable.
MAX_PARSED_WORDS = 200
PARSE_PROCESSORS = ("depparse", "ner")


def _inference():
    """torch without autograd bookkeeping at all (Stanza's own no_grad still tracks versions): a few % faster."""
    import torch

    return torch.inference_mode()


def tag(pipeline, texts: list[str]) -> list:
    """Stanza documents of `texts` with tokens, multi-word tokens, tags and lemmas (no parse)."""
    import stanza

    if not texts:
        return []
    with _inference():
        return pipeline([stanza.Document([], text=text) for text in texts], processors=",".join(CHEAP_PROCESSORS))


def words_of(document) -> tuple[list[Word], list[tuple[int, int]]]:
    """The article's words and sentences (word ranges) from a Stanza document, parsed or not."""
    words: list[Word] = []
    sentences: list[tuple[int, int]] = []
    for sentence in document.sentences:
        first = len(words)
        for token in sentence.tokens:
            ner = getattr(token, "ner", None) or "O"
            for word in token.words:
                # words of a multi-word token ("don't") may lack offsets: use the token's
                start = word.start_char if word.start_char is not None else token.start_char
                end = word.end_char if word.end_char is not None else token.end_char
                words.append(Word(
                    index=len(words),
                    sentence=len(sentences),
                    text=word.text,
                    lemma=(word.lemma or word.text),
                    upos=word.upos or "X",
                    xpos=word.xpos or "",
                    deprel=word.deprel or UNPARSED,
                    head=(first + word.head - 1) if word.head else None,
                    start=start,
                    end=end,
                    ner=ner,
                    feats=word.feats or "",
                ))
        sentences.append((first, len(words)))
    return words, sentences


def fill_words(article: Article, document) -> Article:
    """Copy a Stanza document of `article.text` into the article."""
    article.words, article.sentences = join_title_splits(*words_of(document))
    return article


def title_abbreviations() -> frozenset[str]:
    """The titles and honorifics that end with a period ("Sen.", "Gov."): a sentence ending on one goes on."""
    return frozenset(entry for entry in lexicons.words(lexicons.TITLES) | lexicons.words(lexicons.HONORIFICS)
                     if entry.endswith("."))


def join_title_splits(words: list[Word], sentences: list[tuple[int, int]]) -> tuple[list[Word], list[tuple[int, int]]]:
    """Sentences the tokenizer ended at a title's period ("then-Sen." | "Barack Obama was ...") joined
    again: the name and the rest of the clause belong to the sentence of the title."""
    abbreviations = title_abbreviations()
    joined: list[tuple[int, int]] = []
    for first, last in sentences:
        if joined and _ends_with_title(words, *joined[-1], abbreviations) and words[first].text[:1].isupper():
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((first, last))
    if len(joined) == len(sentences):
        return words, sentences
    renumbered = [replace(words[i], sentence=n) for n, (first, last) in enumerate(joined) for i in range(first, last)]
    return renumbered, joined


def _ends_with_title(words: list[Word], first: int, last: int, abbreviations: frozenset[str]) -> bool:
    text = words[last - 1].text.lower()
    if last - first >= 2 and text == "." and words[last - 2].end == words[last - 1].start:
        text = words[last - 2].text.lower() + "."
    # the title may close a hyphenated word: "then-Sen."
    return text in abbreviations or text.rsplit("-", 1)[-1] in abbreviations


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
    with _inference():
        parsed = iter(pipeline(stanza.Document(sentences), processors=",".join(PARSE_PROCESSORS)).sentences)
    for article, plan in zip(articles, plans):
        words = article.words
        for (first, _), sentence in zip(plan, parsed):
            for index, word in enumerate(sentence.words, start=first):
                words[index] = replace(words[index], deprel=word.deprel or UNPARSED,
                                       head=first + word.head - 1 if word.head else None,
                                       ner=getattr(word.parent, "ner", None) or words[index].ner)
