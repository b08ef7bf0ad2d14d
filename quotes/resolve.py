"""Stage: resolve every record's speaker, in text order, and attach what the article says of them.

Pronouns need the speakers before them, so records are resolved in the order they appear:
"he" goes to the speaker it continues or the learned pronoun ranker's choice (quotes.speakers), short
names to the fullest form, and the
affiliation and role found anywhere for that person come along. For a quotation, the speaker
ranking model (quotes.ranking) then chooses among that phrase, the previous quote's speaker and
the people and organisations named around it.
"""
from __future__ import annotations

from dataclasses import replace

from quotes import affiliations, lexicons, ranking
from quotes.article import Article, Attribution, Mention
from quotes.candidates import with_type
from quotes.speakers import ANTECEDENT_TYPES, NameIndex, normalise, resolve_generic_organization, resolve_pronoun


def resolve_mention(article: Article, mention: Mention | None, previous: list[Mention],
                    index: NameIndex) -> Mention | None:
    if mention is not None and mention.type == "pronoun":
        mention = resolve_pronoun(article, mention, previous, index)
    if mention is None:
        return None
    return finish(article, resolve_generic_organization(mention, index), index)


def finish(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """The canonical name, type, affiliation and role of a chosen speaker."""
    return affiliations.attach(article, with_type(article, normalise(article, mention, index)), index)


def antecedent_at(chosen: Mention, pronoun: Mention | None) -> Mention:
    """The model's choice, at the cue's pronoun when the choice is what the pronoun can mean.

    "…,” he said": the model chose whom "he" means; the mention that names the speaker at this
    quote is still "he", not the name paragraphs earlier.
    """
    if pronoun is None or chosen.start >= pronoun.start:
        return chosen
    wanted = lexicons.table(lexicons.PRONOUNS)[pronoun.name.lower()][0]
    if chosen.type not in ANTECEDENT_TYPES[wanted]:
        return chosen
    return replace(chosen, start=pronoun.start, end=pronoun.end, head=pronoun.head)


def resolve_speakers(article: Article, collect: list | None = None) -> list[Attribution]:
    """The article's records, in text order, with resolved speakers.

    `collect` (training): a list that receives (attribution, scored candidates) for every
    quotation, whose speaker then stays the attribution stage's own choice.
    """
    index = NameIndex(article)
    ranker = ranking.load() if collect is None else None
    resolved: list[Attribution] = []
    previous_quote: Attribution | None = None
    for attribution in sorted(article.attributions, key=lambda a: a.start):
        if attribution.method == "continued" and previous_quote is not None:
            mention = previous_quote.mention
        else:
            previous = [a.mention for a in resolved if a.mention is not None]
            mention = resolve_mention(article, attribution.mention, previous, index)
        if attribution.pieces and (ranker is not None or collect is not None):
            pronoun = attribution.mention if attribution.mention is not None and \
                attribution.mention.type == "pronoun" else None
            before = previous_quote.mention if previous_quote is not None else None
            options = ranking.scored(article, attribution, mention, before, pronoun, index)
            if collect is not None:
                collect.append((attribution, options))
            else:
                chosen = ranking.choose(ranker, options)
                if chosen is not None and chosen is not mention:
                    chosen = antecedent_at(finish(article, chosen, index), pronoun)
                mention = chosen
        attribution = replace(attribution, mention=mention)
        resolved.append(attribution)
        if attribution.pieces:
            previous_quote = attribution
    return resolved
