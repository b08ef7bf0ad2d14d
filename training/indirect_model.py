"""The indirect-speech model: which clauses and noun phrases a cue reports are worth a record.

The parse offers more reported clauses than PolNeAR annotates: "asked about the Florida
Standards", a headline's "says praise from Putin helps", a question. Every indirect record the
engine makes in a training article (with the model off) is labelled right when it lies inside a
gold content, the evaluator's precision test, and a logistic regression (scikit-learn) learns
from quotes.stages.reported.indirect_features which to keep. The regularisation and the threshold are
chosen by 5-fold cross-validation over articles: the most right records kept at a held-out
precision of TARGET_PRECISION.
"""
from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from quotes import pipeline
from quotes.article import Article
from quotes.evaluate import inside
from quotes.learned import INDIRECT_FILTER, Models
from training import weights
from training.corpus import fresh

SEED = 11
FOLDS = 5
C_VALUES = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.01 * i, 2) for i in range(0, 100))  # fine: the kept share moves fast near the target
BETA = 0.5
TARGET_PRECISION = 0.85  # of the records kept, held out: the precision the issue aims at


def collect(documents: list[dict], articles: list[Article]) -> tuple[list[dict], list[bool], list[int]]:
    """(features, right, article number) of every indirect record the engine offers."""
    rows, labels, groups = [], [], []
    for number, (document, parsed) in enumerate(zip(documents, articles)):
        offered: list = []
        # every clause offered is kept, none filtered: the model learns which to keep
        pipeline.analyse(fresh(parsed), until="reported", models=replace(Models.committed(), indirect_filter=None),
                         taps={"indirect_candidate": lambda record, values: offered.append((record, values))})
        contents = [tuple(f) for gold in document["quotes"] for f in gold["quote_fragments"]]
        for record, values in offered:
            rows.append(values)
            labels.append(inside(*record.content, contents))
            groups.append(number)
    return rows, labels, groups


def _f_beta(labels: np.ndarray, kept: np.ndarray) -> tuple[float, float, float]:
    right = float((labels & kept).sum())
    precision = right / kept.sum() if kept.sum() else 1.0
    recall = right / labels.sum() if labels.sum() else 1.0
    b2 = BETA * BETA
    score = (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0
    return score, precision, recall


def train(documents: list[dict], articles: list[Article]) -> dict:
    rows, labels, groups = collect(documents, articles)
    vectorizer = DictVectorizer(sparse=False)
    x, y = vectorizer.fit_transform(rows), np.array(labels)
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups=groups))
    results = {}
    for c in C_VALUES:
        held_out = np.zeros(len(y))
        for train_index, test_index in folds:
            model = LogisticRegression(C=c, max_iter=2000, random_state=SEED).fit(x[train_index], y[train_index])
            held_out[test_index] = model.predict_proba(x[test_index])[:, 1]
        for threshold in THRESHOLDS:
            results[(c, threshold)] = _f_beta(y, held_out >= threshold)
    # the most right records kept at the precision aimed at, else the best F0.5
    reaching = {key: value for key, value in results.items() if value[1] >= TARGET_PRECISION}
    (c, threshold), (score, precision, recall) = max(reaching.items(), key=lambda item: (item[1][2], -item[0][1])) \
        if reaching else max(results.items(), key=lambda item: (item[1][0], -item[0][1]))
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED).fit(x, y)
    card = {"records": len(y), "right": int(y.sum()), "articles": len(documents), "C": c, "threshold": threshold,
            "cv_precision": round(precision, 3), "cv_recall_of_right": round(recall, 3),
            "precision_without_model": round(float(y.mean()), 3)}
    weights.write(INDIRECT_FILTER, vectorizer, model, card, threshold)
    print("indirect model:", json.dumps(card))
    return card
