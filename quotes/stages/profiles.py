"""Stage: every speaker's profile — one affiliation and role per speaker, on all their quotes.

READS attributions, words; WRITES attributions (the affiliation and role of each speaker).

The speakers stage reads a speaker's affiliation and role around each of their mentions
(quotes.speaker.affiliations); a profile gathers them per speaker, in text order, so that every quote
of one person carries what the article says of them wherever it says it, with the offsets of the
words it came from. An organisation that speaks is its own affiliation (not a place standing for a
government: "Beijing said"), and an affiliation written as an acronym the article spells out
elsewhere is given in full ("SCA": "Supreme Council of Antiquities").
"""
from __future__ import annotations

from dataclasses import replace

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.names import spelt_out_acronym

READS = ("attributions", "words")
WRITES = ("attributions",)


def _own_affiliation(article: Article, mention: Mention) -> tuple[str, int, int] | None:
    """What the mention says its speaker is of, in full; an organisation's own name when it speaks."""
    affiliation = mention.affiliation
    if affiliation is None and mention.type == "organization" \
            and mention.name.lower() not in lexicons.words(lexicons.PLACES):
        affiliation = mention.name, mention.start, mention.end
    return (spelt_out_acronym(article, affiliation[0]) or affiliation) if affiliation else None


def run(article: Article, context) -> None:
    described = {n: replace(a.mention, affiliation=_own_affiliation(article, a.mention))
                 for n, a in enumerate(article.attributions) if a.mention is not None}
    # a description ("a spokesman") may be another person each time: only names make a profile
    affiliations: dict[tuple[str, str], tuple[str, int, int]] = {}
    roles: dict[tuple[str, str], str] = {}
    for mention in sorted(described.values(), key=lambda m: m.start):
        if mention.name[:1].isupper():
            if mention.affiliation:
                affiliations.setdefault((mention.type, mention.name), mention.affiliation)
            if mention.role:
                roles.setdefault((mention.type, mention.name), mention.role)
    for n, mention in described.items():
        key = (mention.type, mention.name)
        article.attributions[n] = replace(article.attributions[n], mention=replace(
            mention, affiliation=mention.affiliation or affiliations.get(key), role=mention.role or roles.get(key)))
