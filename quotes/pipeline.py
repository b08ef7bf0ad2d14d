"""The engine: a short sequence of stages over one Article per submitted text."""
from __future__ import annotations

import time

from quotes import attribution, cues, marks, parse, records, reported, resolve
from quotes.article import Article
from quotes.nlp import load_pipeline, model_info
from quotes.normalise import normalise


class DeadlineExceeded(RuntimeError):
    """The work did not finish before the caller's deadline (checked between stages)."""


def check_deadline(deadline: float | None) -> None:
    """Raise DeadlineExceeded once `time.monotonic()` has passed `deadline` (None: no deadline)."""
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded("the extraction did not finish within the time allowed")


def prepare(text: str, document) -> Article:
    """The article's paragraphs, quoted pieces and words (from a Stanza document of `text`)."""
    article = Article(text)
    article.paragraphs = marks.paragraphs(text)
    article.pieces = marks.scan(text, article.paragraphs)
    return parse.fill_words(article, document)


def analyse(article: Article) -> Article:
    """Every stage after parsing: cues, quotes to cues and speakers, reported speech, resolution."""
    article.cues = cues.find_cues(article)
    article.attributions = attribution.attribute(article)
    article.attributions = reported.add_reported_speech(article)
    article.attributions = resolve.resolve_speakers(article)
    return article


def extract_many(texts: list[str], doc_ids: list | None = None, deadline: float | None = None) -> list[dict]:
    """Extract the quotes of several articles; each Stanza stage sees all of them as one batch.

    `deadline` is a `time.monotonic()` instant; past it, DeadlineExceeded is raised between stages.
    """
    doc_ids = list(doc_ids) if doc_ids is not None else [None] * len(texts)
    started = time.perf_counter()
    pipeline = load_pipeline()
    check_deadline(deadline)
    documents = parse.tag(pipeline, [normalise(text) for text in texts])
    check_deadline(deadline)
    articles = [prepare(text, document) for text, document in zip(texts, documents)]
    parse.parse_selected(pipeline, articles)
    check_deadline(deadline)
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(1, len(texts))
    meta = {"models": model_info()}
    results = []
    for article, doc_id in zip(articles, doc_ids):
        results.append(records.build(analyse(article), doc_id, {**meta, "elapsed_ms": round(elapsed_ms, 1)}))
        check_deadline(deadline)
    return results


def extract(text: str, doc_id: str | None = None, deadline: float | None = None) -> dict:
    """Extract every quotation of one article, with speaker, affiliation, cue and offsets."""
    return extract_many([text], [doc_id], deadline)[0]
