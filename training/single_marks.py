"""The single-mark model: in an article set in single quotation marks, which single marks are
quotation marks and which are apostrophes (quotes.stages.marks.single_mark_features).

Labels come free from articles set in both styles: the news-train articles
(../shared/corpus/news-train) exist as published (double marks) and again in single marks, one
character for one, so a single mark of the single-style copy is a quotation mark exactly where the
double-style scanner (quotes.stages.marks.scan) opens or closes a quotation in the original. PolNeAR train
(fold 0/6 held out) is reset in single marks the same way; its paragraphs whose own single marks may
open a quotation (a nested quote or a headline's) are left out, since the reset cannot tell those
from apostrophes. Both are also learned with the curly marks straightened (' for ‘ and ’), as in
copy typed on a keyboard. C and the threshold are chosen by 5-fold cross-validation over articles;
the news development set (../shared/corpus/news) is never read.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from quotes import learned
from quotes.stages import marks
from training import weights
from training.corpus import CORPUS

NEWS_TRAIN = CORPUS / "news-train" / "articles"
FOLDS = 5
C_VALUES = (0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))
STRAIGHTENED = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
AS_SINGLE = str.maketrans({"“": "‘", "”": "’", '"': "'"})
# a single mark of a double-style article that may open a quotation of its own
OPENING_SINGLE = re.compile(r"(?:^|[\s(\[—–-])[‘'](?=\S)")


def _quote_marks(original: str) -> set[int]:
    """Offsets of the quotation marks the double-style scanner reads in `original` (both characters
    of a typewriter pair)."""
    offsets = set()
    for piece in marks.scan(original, marks.paragraphs(original)):
        offsets.update(range(piece.open_mark, piece.start))
        if piece.close_mark is not None:
            offsets.update(o for o in (piece.close_mark - 1, piece.close_mark) if original[o] in marks.ALL_MARKS
                           or original[o:o + 2] in marks.TWO_CHARACTER_MARKS)
    return offsets


def examples(original: str, single: str, skip_opening_singles: bool = False) -> list[tuple[dict, bool]]:
    """(features, is a quotation mark) of every single mark of `single`, the single-style copy of `original`."""
    quote_marks = _quote_marks(original)
    rows = []
    for start, end in marks.paragraphs(single):
        if skip_opening_singles and OPENING_SINGLE.search(original[start:end]):
            continue
        for text in (single, single.translate(STRAIGHTENED)):
            for i, width in marks.single_marks(text, start, end):
                rows.append((marks.single_mark_features(text, i, width), i in quote_marks))
    return rows


def collect(documents: list[dict]) -> tuple[list[dict], list[bool], list[int]]:
    rows, labels, groups = [], [], []
    pairs = [(path.read_text(encoding="utf-8"), path.with_name(path.stem + "-british.txt").read_text(encoding="utf-8"),
              False) for path in sorted(NEWS_TRAIN.glob("*.txt")) if not path.stem.endswith("-british")]
    pairs += [(d["text"], d["text"].translate(AS_SINGLE), True) for d in documents]
    for number, (original, single, skip) in enumerate(pairs):
        for features, label in examples(original, single, skip):
            rows.append(features)
            labels.append(label)
            groups.append(number)
    return rows, labels, groups


def _accuracy(labels: np.ndarray, probabilities: np.ndarray, threshold: float) -> float:
    return float(((probabilities >= threshold) == labels).mean())


def train(documents: list[dict], path: Path = learned.SINGLE_MARKS) -> dict:
    """Learn the model from news-train and `documents` (PolNeAR train), write it to `path`; its training card."""
    rows, labels, groups = collect(documents)
    vectorizer = DictVectorizer()
    matrix, labels, groups = vectorizer.fit_transform(rows), np.array(labels), np.array(groups)
    held_out = {c: np.zeros(len(labels)) for c in C_VALUES}
    for fit, test in GroupKFold(n_splits=FOLDS).split(matrix, labels, groups):
        for c in C_VALUES:
            model = LogisticRegression(C=c, max_iter=2000).fit(matrix[fit], labels[fit])
            held_out[c][test] = model.predict_proba(matrix[test])[:, 1]
    accuracy, c, threshold = max((_accuracy(labels, held_out[c], t), c, t) for c in C_VALUES for t in THRESHOLDS)
    model = LogisticRegression(C=c, max_iter=2000).fit(matrix, labels)
    card = {"marks": int(len(labels)), "quote_marks": int(labels.sum()), "articles": int(len(set(groups))),
            "C": c, "threshold": threshold, "cv_accuracy": round(accuracy, 4),
            "cv_accuracy_all_apostrophes": round(float((~labels).mean()), 4)}
    weights.write(path, vectorizer, model, card, threshold)
    learned.load.cache_clear()
    return card


if __name__ == "__main__":
    from training import corpus

    print(train(corpus.training_documents()))
