"""The speaker ranking model, learned from PolNeAR train's source spans.

For every quotation the engine finds in a training article that matches a gold direct/mixed
attribution, each speaker candidate (quotes.speaker.candidates) is labelled right when it overlaps the
gold source span or its name holds the source's last word, the evaluator's own test. A logistic
regression (scikit-learn) learns to score candidates; the engine takes the best one when its
probability reaches a threshold (none otherwise: a quote nobody is said to have said). The
regularisation and the threshold are chosen by 5-fold cross-validation over articles; the
figures printed are held-out quote accuracies.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from quotes import pipeline
from quotes.article import Article, Mention
from quotes.evaluate import DIRECT_KINDS, covers, speaker_matches
from quotes.learned import SPEAKER_RANKER, Models
from training import weights
from training.corpus import fresh

SEED = 11
FOLDS = 5
C_VALUES = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 12))


@dataclass
class Quote:
    document: int
    has_source: bool
    options: list[tuple[dict[str, float], bool, bool]]  # features, right, is the attribution stage's choice


def _is_gold_speaker(mention: Mention, gold: dict) -> bool:
    """The evaluator's own test (quotes.evaluate.speaker_matches), on a candidate mention."""
    return speaker_matches({"start": mention.start, "end": mention.end, "name": mention.name}, gold)


def _gold_of(record, golds: list[dict]) -> dict | None:
    spans = [{"start": a, "end": b} for a, b in record.content_spans]
    if record.content:
        spans.append({"start": record.content[0], "end": record.content[1]})
    for gold in golds:
        a, b = max(gold["quote_fragments"], key=lambda f: f[1] - f[0])
        if any(covers(s, a, b) for s in spans):
            return gold
    return None


def collect(documents: list[dict], articles: list[Article]) -> list[Quote]:
    quotes = []
    for number, (document, parsed) in enumerate(zip(documents, articles)):
        collected: list = []
        # the speaker phrase of each quote's cue stands: the model learns to choose among the candidates
        pipeline.analyse(fresh(parsed), models=replace(Models.committed(), speaker_ranker=None),
                         taps={"speaker_options": lambda record, options: collected.append((record, options))})
        golds = [g for g in document["quotes"] if g["kind"] in DIRECT_KINDS]
        for record, options in collected:
            gold = _gold_of(record, golds)
            if gold is None:
                continue
            has_source = bool(gold["speaker_fragments"])
            quotes.append(Quote(number, has_source, [(f, has_source and _is_gold_speaker(c.mention, gold), "rule" in c.sources
                                                      and c.mention is not None) for c, f in options]))
    return quotes


def _accuracy(quotes: list[Quote], scores: list[np.ndarray], threshold: float) -> float:
    right = 0
    for quote, score in zip(quotes, scores):
        if len(score) == 0 or score.max() < threshold:
            right += not quote.has_source
        else:
            right += quote.options[int(score.argmax())][1]
    return right / len(quotes)


def _rule_accuracy(quotes: list[Quote]) -> float:
    right = 0
    for quote in quotes:
        chosen = next((o for o in quote.options if o[2]), None)
        right += chosen[1] if chosen else not quote.has_source
    return right / len(quotes)


def _fit(vectorizer: DictVectorizer, quotes: list[Quote], c: float) -> LogisticRegression:
    rows = [f for q in quotes for f, _, _ in q.options]
    labels = [right for q in quotes for _, right, _ in q.options]
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(vectorizer.transform(rows), labels)
    return model


def _scores(vectorizer: DictVectorizer, model: LogisticRegression, quotes: list[Quote]) -> list[np.ndarray]:
    return [model.predict_proba(vectorizer.transform([f for f, _, _ in q.options]))[:, 1] if q.options
            else np.zeros(0) for q in quotes]


def train(documents: list[dict], articles: list[Article]) -> dict:
    quotes = collect(documents, articles)
    vectorizer = DictVectorizer(sparse=False)
    vectorizer.fit([f for q in quotes for f, _, _ in q.options])
    groups = [q.document for q in quotes]
    folds = list(GroupKFold(n_splits=FOLDS).split(quotes, groups=groups))
    results = {}
    for c in C_VALUES:
        held_out_quotes, held_out_scores = [], []
        for train_index, test_index in folds:
            model = _fit(vectorizer, [quotes[i] for i in train_index], c)
            test = [quotes[i] for i in test_index]
            held_out_quotes += test
            held_out_scores += _scores(vectorizer, model, test)
        for threshold in THRESHOLDS:
            results[(c, threshold)] = _accuracy(held_out_quotes, held_out_scores, threshold)
    (c, threshold), accuracy = max(results.items(), key=lambda item: (item[1], -item[0][1]))
    rule = _rule_accuracy(quotes)
    model = _fit(vectorizer, quotes, c)
    card = {"quotes": len(quotes), "candidates": sum(len(q.options) for q in quotes),
            "articles": len(documents), "C": c, "threshold": threshold,
            "cv_accuracy": round(accuracy, 3), "attribution_stage_accuracy": round(rule, 3)}
    weights.write(SPEAKER_RANKER, vectorizer, model, card, threshold)
    print("speaker model:", json.dumps(card))
    return card
