"""The speaker ranking model: which candidate said the quote (trained by `./run train`).

A logistic regression over quotes.speaker.candidates.features (quotes.learned.SPEAKER_RANKER).
Without it the speaker phrase of the quote's cue stands.
"""
from __future__ import annotations

from quotes.article import Article, Attribution, Mention
from quotes.learned import LinearModel
from quotes.speaker.candidates import Candidate, candidates, features
from quotes.speaker.people import NameIndex


def scored(article: Article, attribution: Attribution, rule: Mention | None, previous: Mention | None,
           pronoun: Mention | None, index: NameIndex) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate of the quote with its features."""
    return [(c, features(article, attribution, c, pronoun, previous, index))
            for c in candidates(article, attribution, rule, previous, index)]


def choose(ranker: LinearModel, options: list[tuple[Candidate, dict[str, float]]]) -> Mention | None:
    """The most probable candidate, or None when none is likely enough."""
    if not options:
        return None
    probability, best = max(((ranker.probability(f), c) for c, f in options), key=lambda pair: pair[0])
    return best.mention if probability >= ranker.threshold else None
