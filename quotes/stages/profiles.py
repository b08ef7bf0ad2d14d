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
from quotes.english.names import spelt_out_acronym
from quotes.speaker.affiliations import speaks_as_organization, team_affiliation

READS = ("attributions", "words")
WRITES = ("attributions",)


def _own_profile(article: Article, mention: Mention) -> Mention:
    """The mention with what it says its speaker is of, in full: an organisation that speaks is its own
    affiliation and has no role, a team belongs to the organisation named in it."""
    affiliation, role = mention.affiliation, mention.role
    if speaks_as_organization(article, mention):
        affiliation, role = affiliation or (mention.name, mention.start, mention.end), None
    affiliation = affiliation or team_affiliation(article, mention)
    if affiliation:
        affiliation = spelt_out_acronym(article, affiliation[0]) or affiliation
    return replace(mention, affiliation=affiliation, role=role)


def run(article: Article, context) -> None:
    described = {n: _own_profile(article, a.mention)
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
            mention, affiliation=affiliations.get(key, mention.affiliation), role=roles.get(key, mention.role)))
