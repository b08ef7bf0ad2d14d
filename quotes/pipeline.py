"""The engine: a short sequence of stages over one Article."""
from __future__ import annotations

import time

from quotes import attribution, cues, marks, records, reported, resolve
from quotes.article import Article
from quotes.nlp import load_pipeline, model_info
from quotes.normalise import normalise
from quotes.parse import fill_words


class DeadlineExceeded(RuntimeError):
    """The work did not finish before the caller's deadline (checked between stages)."""


def check_deadline(deadline: float | None) -> None:
    """Raise DeadlineExceeded once `time.monotonic()` has passed `deadline` (None: no deadline)."""
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded("the extraction did not finish within the time allowed")


def analyse(text: str, document) -> Article:
    """Run every stage after parsing on `text` and its Stanza `document`."""
    article = Article(text)
    article.paragraphs = marks.paragraphs(text)
    article.pieces = marks.scan(text, article.paragraphs)
    fill_words(article, document)
    article.cues = cues.find_cues(article)
    article.attributions = attribution.attribute(article)
    article.attributions = reported.add_reported_speech(article)
    article.attributions = resolve.resolve_speakers(article)
    return article


def extract_many(texts: list[str], doc_ids: list | None = None, deadline: float | None = None) -> list[dict]:
    """Extract the quotes of several articles; Stanza sees them as one batch.

    `deadline` is a `time.monotonic()` instant; past it, DeadlineExceeded is raised between stages.
    """
    import stanza

    doc_ids = list(doc_ids) if doc_ids is not None else [None] * len(texts)
    started = time.perf_counter()
    pipeline = load_pipeline()
    check_deadline(deadline)
    documents = pipeline([stanza.Document([], text=normalise(text)) for text in texts]) if texts else []
    check_deadline(deadline)
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(1, len(texts))
    meta = {"models": model_info()}
    results = []
    for text, doc_id, document in zip(texts, doc_ids, documents):
        article = analyse(text, document)
        results.append(records.build(article, doc_id, {**meta, "elapsed_ms": round(elapsed_ms, 1)}))
        check_deadline(deadline)
    return results


def extract(text: str, doc_id: str | None = None, deadline: float | None = None) -> dict:
    """Extract every quotation of one article, with speaker, affiliation, cue and offsets."""
    return extract_many([text], [doc_id], deadline)[0]
