"""Stage 2: run Stanza and turn its document into the Article's words and sentences."""
from __future__ import annotations

from quotes.article import Article, Word


def _words_of(document, offset: int = 0) -> tuple[list[Word], list[tuple[int, int]]]:
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
                    deprel=word.deprel or "dep",
                    head=(first + word.head - 1) if word.head else None,
                    start=start + offset,
                    end=end + offset,
                    ner=ner,
                    feats=word.feats or "",
                ))
        sentences.append((first, len(words)))
    return words, sentences


def fill_words(article: Article, document) -> Article:
    """Copy a Stanza document of `article.text` into the article."""
    article.words, article.sentences = _words_of(document)
    return article
