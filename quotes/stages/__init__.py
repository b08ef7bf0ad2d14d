"""The engine's stages: one module each, in the order quotes.pipeline.STAGES declares.

Every stage module declares the `Article` fields it READS and WRITES and fills them with
`run(article, context)`, or `run_batch(articles, context)` where Stanza sees a whole batch at once.
No stage imports another: what two stages share lives below them (quotes.english, quotes.speaker).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from quotes.learned import Models


@dataclass(frozen=True)
class Context:
    """What the stages of one run share besides the article."""

    models: Models = field(default_factory=Models)
    # Observers by name (training): a stage shows each one what it weighed, e.g. "speaker_options".
    taps: Mapping[str, Callable] = field(default_factory=dict)
    nlp: Any = None  # the Stanza pipeline, for the stages that run it (tokens, parse)
