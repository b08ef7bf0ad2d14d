"""The engine's learned models: their files (quotes/models/, written by `./run train`) and the linear
model every one of them is.

Each model is a logistic regression stored as its weights (JSON) and read once per process, so
scoring is a dot product: a few microseconds. A missing file means no model: the rule it refines
decides alone.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_DIR = Path(__file__).parent / "models"
SPEAKER_RANKER = MODEL_DIR / "speaker_ranker.json"  # which candidate said a quote (quotes.speaker.ranking)
INDIRECT_FILTER = MODEL_DIR / "indirect_filter.json"  # which reported clauses to keep (quotes.stages.reported)
PRONOUN_RANKER = MODEL_DIR / "pronoun_ranker.json"  # whom "he"/"she" means (quotes.speaker.pronouns)
SINGLE_MARKS = MODEL_DIR / "single_marks.json"  # quotation mark or apostrophe (quotes.stages.marks)


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    bias: float
    threshold: float | None = None  # the probability from which a yes/no model says yes

    def score(self, feature_values: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feature_values.items())

    def probability(self, feature_values: dict[str, float]) -> float:
        return 1 / (1 + math.exp(-self.score(feature_values)))


@functools.cache
def load(path: Path) -> LinearModel | None:
    """The model stored at `path`, read once per process; None without its file."""
    if not path.is_file():
        return None
    model = json.loads(path.read_text(encoding="utf-8"))
    return LinearModel(model["weights"], model["bias"], model.get("threshold"))


@dataclass(frozen=True)
class Models:
    """The learned models the stages apply. A model left out (None) is off: the rule it refines decides
    alone (training turns off the model it is learning, and those learned after it)."""

    speaker_ranker: LinearModel | None = None
    indirect_filter: LinearModel | None = None
    pronoun_ranker: LinearModel | None = None

    @classmethod
    def committed(cls) -> Models:
        """The models in quotes/models/, as `./run train` wrote them."""
        return cls(load(SPEAKER_RANKER), load(INDIRECT_FILTER), load(PRONOUN_RANKER))
