"""Stage: the words of every sentence — Stanza's tokens, multi-word tokens, tags and lemmas.

READS text; WRITES words (no arcs yet: deprel UNPARSED, no head), sentences.

Names, pronouns and cue words are read from the tags; the parse stage then parses only the
sentences where its arcs are read. All articles of a batch go through Stanza together.
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import UNPARSED, Article, Word
from quotes.english import lexicons
from quotes.nlp import inference_mode
from quotes.normalise import normalise

READS = ("text",)
WRITES = ("words", "sentences")

CHEAP_PROCESSORS = ("tokenize", "mwt", "pos", "lemma")


def tag(pipeline, texts: list[str]) -> list:
    """Stanza documents of `texts` with tokens, multi-word tokens, tags and lemmas (no parse)."""
    import stanza

    if not texts:
        return []
    with inference_mode():
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
    article.words, article.sentences = join_false_splits(article.text, *words_of(document))
    return article


def title_abbreviations() -> frozenset[str]:
    """The titles and honorifics that end with a period ("Sen.", "Gov."): a sentence ending on one goes on."""
    return frozenset(entry for entry in lexicons.words(lexicons.TITLES) | lexicons.words(lexicons.HONORIFICS)
                     if entry.endswith("."))


def join_false_splits(text: str, words: list[Word],
                      sentences: list[tuple[int, int]]) -> tuple[list[Word], list[tuple[int, int]]]:
    """Sentences the tokenizer ended where no sentence ends, joined again: at a title's period
    ("then-Sen." | "Barack Obama was ..."), and inside a name ("British Prime Minister Theresa" | "May
    said ...", "Hewlett-Packard CEO" | "Carly Fiorina named ..."). The name and the rest of the clause
    belong to the sentence before."""
    abbreviations = title_abbreviations()
    joined: list[tuple[int, int]] = []
    for first, last in sentences:
        if joined and (_ends_with_title(words, *joined[-1], abbreviations) and words[first].text[:1].isupper()
                       or _splits_name(text, words[joined[-1][1] - 1], words[first])):
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


def _splits_name(text: str, before: Word, after: Word) -> bool:
    """Two proper nouns on one line with only spaces between them, the first without a period: no
    sentence ends there, whatever the tokenizer says."""
    gap = text[before.end:after.start]
    return before.upos == after.upos == "PROPN" and before.text[-1:].isalnum() and after.text[:1].isupper() \
        and gap.strip(" ") == ""


def run_batch(articles: list[Article], context) -> None:
    """Tag the articles' texts in one Stanza batch and fill their words."""
    for article, document in zip(articles, tag(context.nlp, [normalise(a.text) for a in articles])):
        fill_words(article, document)
