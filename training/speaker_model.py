"""The speaker ranking model, learned from PolNeAR train's source spans and news-train's speakers.

For every quotation the engine finds in a training article that matches a gold direct/mixed
attribution, each speaker candidate (quotes.speaker.candidates) is labelled right when it overlaps the
gold source span or its name holds the source's last word, the evaluator's own test; in news-train
(NASA releases and features, written unlike PolNeAR's political news: a person introduced with their
centre and project, "said Linette Boisvert of NASA’s Goddard Space Flight Center"), when its name
agrees with the gold speaker's as the news sets compare names. A logistic
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
from quotes.evaluate import DIRECT_KINDS, covers, names_agree, speaker_matches
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


def _news_gold_of(record, lines: list[dict]) -> dict | None:
    """The gold line whose anchor the record's quoted words hold."""
    for line in lines:
        if line["kind"] in DIRECT_KINDS and any(
                p.start <= line["anchor_start"] < p.end for p in record.pieces):
            return line
    return None


def collect_news(documents: list[dict], articles: list[Article], first_number: int) -> list[Quote]:
    """The quotations of news-format articles (corpus.news_train_documents), numbered from `first_number`."""
    quotes = []
    for number, (document, parsed) in enumerate(zip(documents, articles), start=first_number):
        collected: list = []
        pipeline.analyse(fresh(parsed), models=replace(Models.committed(), speaker_ranker=None),
                         taps={"speaker_options": lambda record, options: collected.append((record, options))})
        for record, options in collected:
            gold = _news_gold_of(record, document["gold"])
            if gold is None:
                continue
            has_source = bool(gold["speaker"])
            quotes.append(Quote(number, has_source, [
                (f, has_source and c.mention is not None and names_agree(c.mention.name, gold["speaker"]),
                 "rule" in c.sources and c.mention is not None) for c, f in options]))
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


def train(documents: list[dict], articles: list[Article], news_documents: list[dict] = (),
          news_articles: list[Article] = ()) -> dict:
    quotes = collect(documents, articles)
    polnear = len(quotes)
    quotes += collect_news(list(news_documents), list(news_articles), first_number=len(documents))
    vectorizer = DictVectorizer(sparse=False)
    vectorizer.fit([f for q in quotes for f, _, _ in q.options])
    groups = [q.document for q in quotes]
    folds = list(GroupKFold(n_splits=FOLDS).split(quotes, groups=groups))
    results, news_results = {}, {}
    for c in C_VALUES:
        held_out_quotes, held_out_scores = [], []
        for train_index, test_index in folds:
            model = _fit(vectorizer, [quotes[i] for i in train_index], c)
            test = [quotes[i] for i in test_index]
            held_out_quotes += test
            held_out_scores += _scores(vectorizer, model, test)
        news = [(q, s) for q, s in zip(held_out_quotes, held_out_scores) if q.document >= len(documents)]
        for threshold in THRESHOLDS:
            results[(c, threshold)] = _accuracy(held_out_quotes, held_out_scores, threshold)
            news_results[(c, threshold)] = _accuracy([q for q, _ in news], [s for _, s in news], threshold) \
                if news else None
    (c, threshold), accuracy = max(results.items(), key=lambda item: (item[1], -item[0][1]))
    rule = _rule_accuracy(quotes)
    model = _fit(vectorizer, quotes, c)
    card = {"quotes": len(quotes), "polnear_quotes": polnear, "news_train_quotes": len(quotes) - polnear,
            "candidates": sum(len(q.options) for q in quotes),
            "articles": len(documents) + len(news_documents), "C": c, "threshold": threshold,
            "cv_accuracy": round(accuracy, 3), "attribution_stage_accuracy": round(rule, 3)}
    if news_results[(c, threshold)] is not None:
        card["cv_accuracy_news_train"] = round(news_results[(c, threshold)], 3)
    weights.write(SPEAKER_RANKER, vectorizer, model, card, threshold)
    print("speaker model:", json.dumps(card))
    return card
