"""How a learned logistic regression is committed: its weights as small, sorted JSON.

The engine scores with a dot product over these weights (quotes.learned), so it
never imports scikit-learn; sorted keys and rounded numbers make a retrain byte-identical.
"""
from __future__ import annotations

import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def write(path: Path, vectorizer: DictVectorizer, model: LogisticRegression, training: dict,
          threshold: float | None = None) -> None:
    """Write the model's weights, bias, decision threshold (if it has one) and training card to `path`."""
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])}
    payload = {"weights": weights, "bias": round(float(model.intercept_[0]), 4), "training": training}
    if threshold is not None:
        payload["threshold"] = threshold
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
