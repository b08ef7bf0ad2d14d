"""Stage: resolve every record's speaker, in text order, and attach what the article says of them.

Pronouns need the speakers before them, so records are resolved in the order they appear:
"he" goes to the latest compatible speaker or subject, short names to the fullest form, and the
affiliation and role found anywhere for that person come along.
"""
from __future__ import annotations

from dataclasses import replace

from quotes import affiliations
from quotes.article import Article, Attribution, Mention
from quotes.speakers import NameIndex, normalise, resolve_generic_organization, resolve_pronoun


def resolve_mention(article: Article, mention: Mention | None, previous: list[Mention],
                    index: NameIndex) -> Mention | None:
    if mention is not None and mention.type == "pronoun":
        mention = resolve_pronoun(article, mention, previous, index)
    if mention is None:
        return None
    mention = resolve_generic_organization(mention, index)
    return affiliations.attach(article, normalise(article, mention, index), index)


def resolve_speakers(article: Article) -> list[Attribution]:
    """The article's records, in text order, with resolved speakers."""
    index = NameIndex(article)
    resolved: list[Attribution] = []
    previous_quote: Attribution | None = None
    for attribution in sorted(article.attributions, key=lambda a: a.start):
        if attribution.method == "continued" and previous_quote is not None:
            mention = previous_quote.mention
        else:
            previous = [a.mention for a in resolved if a.mention is not None]
            mention = resolve_mention(article, attribution.mention, previous, index)
        attribution = replace(attribution, mention=mention)
        resolved.append(attribution)
        if attribution.pieces:
            previous_quote = attribution
    return resolved
