"""The engine: a declared sequence of stages over one Article per submitted text.

    STAGES = marks, tokens, parse, cues, quotations, reported, speakers, profiles

`parse_texts` runs the stages up to `parse` over a batch of texts (Stanza sees the whole batch at
once); `analyse` runs the rest over one parsed article. The service (`extract_many`) and
`./run train` both go through these two, so the stage order is written here only.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from quotes import records
from quotes.article import Article
from quotes.learned import Models
from quotes.nlp import load_pipeline, model_info
from quotes.stages import Context, cues, marks, parse, profiles, quotations, reported, speakers, tokens

STAGES = (marks, tokens, parse, cues, quotations, reported, speakers, profiles)
PARSING = STAGES[:STAGES.index(parse) + 1]  # text to parsed article: the costly part, cached by training
ANALYSIS = STAGES[len(PARSING):]


class DeadlineExceeded(RuntimeError):
    """The work did not finish before the caller's deadline (checked between stages)."""


def check_deadline(deadline: float | None) -> None:
    """Raise DeadlineExceeded once `time.monotonic()` has passed `deadline` (None: no deadline)."""
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded("the extraction did not finish within the time allowed")


def stage_name(stage) -> str:
    return stage.__name__.rsplit(".", 1)[-1]


def _stages_until(stages: tuple, until: str | None) -> tuple:
    names = [stage_name(s) for s in stages]
    if until is None:
        return stages
    return stages[:names.index(until) + 1]


def run_stages(stages: tuple, articles: list[Article], context: Context, deadline: float | None = None) -> None:
    for stage in stages:
        if hasattr(stage, "run_batch"):
            stage.run_batch(articles, context)
        else:
            for article in articles:
                stage.run(article, context)
        check_deadline(deadline)


def parse_texts(texts: list[str], until: str | None = None, nlp=None, deadline: float | None = None) -> list[Article]:
    """Articles of `texts` through the parsing stages (up to and including `until`, a stage's name)."""
    articles = [Article(text) for text in texts]
    context = Context(nlp=nlp if nlp is not None else load_pipeline())
    run_stages(_stages_until(PARSING, until), articles, context, deadline)
    return articles


def from_document(text: str, document) -> Article:
    """The article of `text` from a Stanza document of it parsed in full, every sentence (a baseline for
    the parse stage, which parses only where arcs are read)."""
    article = Article(text)
    marks.run(article, Context())
    return tokens.fill_words(article, document)


def finish_parsing(articles: list[Article], after: str, nlp=None) -> list[Article]:
    """Run the parsing stages after the one named `after` over articles that went through it (training
    caches the tagged articles, and parses them again when the cue lexicon changes)."""
    names = [stage_name(s) for s in PARSING]
    context = Context(nlp=nlp if nlp is not None else load_pipeline())
    run_stages(PARSING[names.index(after) + 1:], articles, context)
    return articles


def analyse(article: Article, until: str | None = None, models: Models | None = None,
            taps: Mapping[str, Callable] | None = None) -> Article:
    """Run the stages after parsing over a parsed article, up to and including `until` (a stage's name).

    `models`: the learned models to apply (default: the committed ones); `taps`: observers by name
    (see each stage's docstring), for training.
    """
    context = Context(models=models if models is not None else Models.committed(), taps=taps or {})
    run_stages(_stages_until(ANALYSIS, until), [article], context)
    return article


def extract_many(texts: list[str], doc_ids: list | None = None, deadline: float | None = None) -> list[dict]:
    """Extract the quotes of several articles; each Stanza stage sees all of them as one batch.

    `deadline` is a `time.monotonic()` instant; past it, DeadlineExceeded is raised between stages.
    """
    doc_ids = list(doc_ids) if doc_ids is not None else [None] * len(texts)
    started = time.perf_counter()
    nlp = load_pipeline()
    check_deadline(deadline)
    articles = parse_texts(texts, nlp=nlp, deadline=deadline)
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
