"""Articles built by hand, for rule tests that must not depend on what a parser happens to output.

    article = make_article(
        "“ We will win , ” said Ana Ruiz .",
        upos="PUNCT PRON AUX VERB PUNCT PUNCT VERB PROPN PROPN PUNCT",
        heads="4 4 4 7 4 4 0 7 8 7",
        deprels="punct nsubj aux ccomp punct punct root nsubj flat punct")

Tokens are separated by spaces, as are the tags, the heads (1-based, 0 for the root, as in
CoNLL-U) and the relations; each may also be given as a list. The text joins the tokens as news
copy sets them (no space after an opening mark, none before a closing mark or punctuation), and the
marks stage finds the quoted pieces in it, as it does for a real article. Several sentences: pass
`sentences`, the number of tokens of each. Lemmas default to the lower-cased token, except a
verb's lemma, which must be given where a rule reads it ("said" is "say").
"""
from __future__ import annotations

from quotes.article import UNPARSED, Article, Word
from quotes.stages import Context, marks

NO_SPACE_AFTER = frozenset("“‘([")
NO_SPACE_BEFORE = frozenset(",.;:!?”’)]")
XPOS_OF = {"PROPN": "NNP", "NOUN": "NN", "PRON": "PRP", "DET": "DT", "ADJ": "JJ", "ADV": "RB", "ADP": "IN",
           "AUX": "VBZ", "VERB": "VBD", "PUNCT": ".", "CCONJ": "CC", "SCONJ": "IN", "PART": "RP", "NUM": "CD"}


def _split(values, count: int, name: str) -> list[str]:
    values = values.split() if isinstance(values, str) else list(values)
    if len(values) != count:
        raise ValueError(f"{name}: {len(values)} values for {count} tokens")
    return values


def _text_and_offsets(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, offsets = "", []
    for n, token in enumerate(tokens):
        if n and tokens[n - 1][-1] not in NO_SPACE_AFTER and token[0] not in NO_SPACE_BEFORE:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    return text, offsets


def make_article(tokens, upos, heads=None, deprels=None, *, lemmas=None, xpos=None, ner=None,
                 sentences: list[int] | None = None) -> Article:
    """An Article with the given words, tags and arcs, its quoted pieces found by the marks stage.

    Without `heads` and `deprels` the words are unparsed (deprel UNPARSED, no head), as the words of
    a sentence with no possible cue are.
    """
    tokens = tokens.split() if isinstance(tokens, str) else list(tokens)
    count = len(tokens)
    upos = _split(upos, count, "upos")
    heads = [int(h) for h in _split(heads, count, "heads")] if heads is not None else [None] * count
    deprels = _split(deprels, count, "deprels") if deprels is not None else [UNPARSED] * count
    lemmas = _split(lemmas, count, "lemmas") if lemmas is not None else [t.lower() for t in tokens]
    xpos = _split(xpos, count, "xpos") if xpos is not None else [XPOS_OF.get(tag, "") for tag in upos]
    ner = _split(ner, count, "ner") if ner is not None else ["O"] * count
    sizes = sentences or [count]
    if sum(sizes) != count:
        raise ValueError(f"sentences: {sum(sizes)} tokens for {count}")
    text, offsets = _text_and_offsets(tokens)
    article = Article(text)
    marks.run(article, Context())
    first = 0
    for number, size in enumerate(sizes):
        article.sentences.append((first, first + size))
        for i in range(first, first + size):
            head = heads[i]
            article.words.append(Word(
                index=i, sentence=number, text=tokens[i], lemma=lemmas[i], upos=upos[i], xpos=xpos[i],
                deprel=deprels[i], head=(first + head - 1) if head else None,
                start=offsets[i][0], end=offsets[i][1], ner=ner[i]))
        first += size
    return article
