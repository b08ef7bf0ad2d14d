"""Stage: who said each record — pronouns, canonical names, the speaker ranker, affiliations and roles.

READS words, pieces, paragraphs, cues, attributions; WRITES attributions (speakers resolved).
Tap "speaker_options" (attribution, scored candidates): every quotation with what the ranker weighed.
The decisions are quotes.speaker's (quotes.speaker.resolve); this stage applies them.
"""
from __future__ import annotations

from quotes.article import Article
from quotes.speaker.resolve import resolve_speakers

READS = ("words", "pieces", "paragraphs", "cues", "attributions")
WRITES = ("attributions",)


def run(article: Article, context) -> None:
    article.attributions = resolve_speakers(article, context.models.speaker_ranker, context.models.pronoun_ranker,
                                            context.taps.get("speaker_options"))
