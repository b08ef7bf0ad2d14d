"""The speaker ranking model: which candidate said the quote (trained by `./run train`).

A logistic regression over quotes.candidates.features, stored as its weights in
quotes/models/speaker_ranker.json and read once per process: scoring a candidate is a dot
product, a few microseconds. Without the file the attribution stage's own choice stands.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from quotes.article import Article, Attribution, Mention
from quotes.candidates import Candidate, candidates, features
from quotes.speakers import NameIndex

MODEL_PATH = Path(__file__).parent / "models" / "speaker_ranker.json"


class Ranker:
    def __init__(self, weights: dict[str, float], bias: float, threshold: float):
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def probability(self, feature_values: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feature_values.items())
        return 1 / (1 + math.exp(-z))


@functools.cache
def load(path: Path = MODEL_PATH) -> Ranker | None:
    if not path.is_file():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return Ranker(model["weights"], model["bias"], model["threshold"])


def scored(article: Article, attribution: Attribution, rule: Mention | None, previous: Mention | None,
           pronoun: Mention | None, index: NameIndex) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate of the quote with its features."""
    return [(c, features(article, attribution, c, pronoun, previous, index))
            for c in candidates(article, attribution, rule, previous, index)]


def choose(ranker: Ranker, options: list[tuple[Candidate, dict[str, float]]]) -> Mention | None:
    """The most probable candidate, or None when none is likely enough."""
    if not options:
        return None
    probability, best = max(((ranker.probability(f), c) for c, f in options), key=lambda pair: pair[0])
    return best.mention if probability >= ranker.threshold else None
