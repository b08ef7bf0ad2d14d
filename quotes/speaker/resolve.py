"""Who said each record, in text order, with what the article says of them.

Pronouns need the speakers before them, so records are resolved in the order they appear:
"he" goes to the speaker it continues or the learned pronoun ranker's choice (quotes.speaker.pronouns),
short names to the fullest form, and the affiliation and role found anywhere for that person come
along (quotes.speaker.affiliations). For a quotation, the speaker ranking model
(quotes.speaker.ranking) then chooses among that phrase, the previous quote's speaker and the people
and organisations named around it (quotes.speaker.candidates).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from quotes.article import Article, Attribution, Mention, Word
from quotes.english import lexicons
from quotes.english.quoting import colon_paragraph_before
from quotes.learned import LinearModel
from quotes.speaker import affiliations, ranking
from quotes.speaker.candidates import reported_clause, with_type
from quotes.speaker.people import NameIndex, resolve_generic_organization, with_canonical_name
from quotes.speaker.pronouns import ANTECEDENT_TYPES, resolve_pronoun

# The pronouns that may stand for a chosen person nearer the quote than their name ("he was blunt. “…”").
RELOCATING_PRONOUNS = frozenset({"he", "she"})


def resolve_mention(article: Article, mention: Mention | None, previous: list[Mention], index: NameIndex,
                    pronoun_ranker: LinearModel | None) -> Mention | None:
    if mention is not None and mention.type == "pronoun":
        resolved = resolve_pronoun(article, mention, previous, index, pronoun_ranker)
        if resolved is None:  # nothing in the text resolves it ("“Nobody saw it coming,” she admitted."):
            # the pronoun itself is who the text says, as what it can stand for (she: a person; they: a group)
            return replace(mention, type=lexicons.table(lexicons.PRONOUNS)[mention.name.lower()][0])
        mention = resolved
    if mention is None:
        return None
    return finish(article, resolve_description(article, resolve_generic_organization(mention, index), index), index)


def resolve_description(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """A definite description of someone named before: by age or origin ("the 34-year-old", "the
    Norwegian": the person named last before it), or by title (resolve_title_description)."""
    if _describes_by_age_or_origin(article, mention):
        return _person_described(article, mention, index) or mention
    return resolve_title_description(article, mention, index)


# "the 34-year-old": an age is what news calls a person it has just named
AGE = re.compile(r"\d+-year-old")
# how far back (paragraphs) the person an age or origin describes is named
DESCRIBED_REACH = 1


def _describes_by_age_or_origin(article: Article, mention: Mention) -> bool:
    """"the 34-year-old", "the Norwegian": "the" and an age, or "the" and a nationality (by its entity tag)."""
    text = article.text[mention.start:mention.end]
    first = article.word_at(mention.start)
    if text.lower().startswith("the "):
        text = text[4:]
    elif not first or article.words[first - 1].text.lower() != "the":
        return False
    if AGE.fullmatch(text.lower()):
        return True
    words = [article.words[i] for i in article.words_between(mention.end - len(text), mention.end)]
    return len(words) == 1 and words[0].ner.endswith("NORP")  # not "the U.S." (a place)


def _person_described(article: Article, mention: Mention, index: NameIndex) -> Mention | None:
    paragraph = article.paragraph_of(mention.start)
    people = [o for o in index.occurrences if o.end <= mention.start and not o.in_quote and index.is_person(o)
              and article.paragraph_of(o.start) >= paragraph - DESCRIBED_REACH]
    if not people:
        return None
    # the person the article was talking about: the latest subject ("Tom Hart, the club's captain, has
    # signed ... The 34-year-old joined from Norwich City"), else the latest named
    named = ([o for o in people if o.is_subject] or people)[-1]
    return replace(mention, name=index.canonical(named.text, named.start), type="person")


def resolve_title_description(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """"the senator" or "the veteran lawmaker" after "Sen. Tom Price": the person named before it whose
    title it may mean (quotes.speaker.affiliations.may_mean), the most named one when there are several (then
    the latest).

    A definite description by title names nobody new: news introduces a person once by name and
    title, then goes on with "the senator", "the mayor", and means its main figure when two share
    the title ("The senator paused" in a profile of one senator that quotes another). A description
    by no title ("the veteran") stays as written.
    """
    if mention.type != "person" or mention.role is None or mention.name[:1].isupper() or \
            not article.text[mention.start:mention.end].lower().startswith("the "):
        return mention
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for occurrence in index.occurrences:
        if occurrence.start >= mention.start or occurrence.in_quote or not index.is_person(occurrence):
            continue
        name = index.canonical(occurrence.text, occurrence.start)
        counts[name] = counts.get(name, 0) + 1
        latest[name] = occurrence.start
    for name in sorted(counts, key=lambda n: (counts[n], latest[n]), reverse=True):
        if affiliations.may_mean(mention.role, affiliations.known_of(article, name, index)[1]):
            return replace(mention, name=name, role=None)  # the person's own title, from where they are named
    return mention


def finish(article: Article, mention: Mention, index: NameIndex) -> Mention:
    """The canonical name, type, affiliation and role of a chosen speaker."""
    return affiliations.attach(article, with_type(article, with_canonical_name(article, mention, index)), index)


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


def _pronoun_before_quote(article: Article, attribution: Attribution) -> Word | None:
    """The last "he"/"she" outside quotes between the quote's opening mark and the start of its
    paragraph (or the quote before it there), or else in the paragraph before, when that one ends
    with a colon and the quote opens its own."""
    first = attribution.pieces[0]
    start = max([article.paragraphs[first.paragraph][0]] + [(p.close_mark or p.end) for p in article.pieces
                 if p.paragraph == first.paragraph and (p.close_mark or p.end) < first.open_mark])
    before = colon_paragraph_before(article, first)
    regions = ([before] if before else []) + [(start, first.open_mark)]
    pronouns = [article.words[i] for a, b in regions for i in article.words_between(a, b)
                if article.words[i].text.lower() in RELOCATING_PRONOUNS and not article.in_quote(article.words[i].start)]
    return pronouns[-1] if pronouns else None


def nearest_mention(article: Article, attribution: Attribution, chosen: Mention, previous: list[Mention],
                    index: NameIndex, pronoun_ranker: LinearModel | None) -> Mention:
    """The chosen person at the nearest "he"/"she" before the quote, when it means them.

    The model chooses a person, and a person is one candidate at the mention nearest the quote
    among their names (quotes.speaker.candidates); a pronoun nearer still ("On the steps he was blunt. “…”",
    "…,” she said in December. “…") is where the article gives this quote to them, and where
    PolNeAR's annotators mark the source.
    """
    word = _pronoun_before_quote(article, attribution)
    if word is None or word.start <= chosen.start:
        return chosen
    pronoun = Mention(word.start, word.end, word.index, word.text, "pronoun")
    resolved = resolve_pronoun(article, pronoun, previous, index, pronoun_ranker)
    if resolved is None or with_canonical_name(article, resolved, index).name != chosen.name:
        return chosen
    return replace(chosen, start=word.start, end=word.end, head=word.index)


def _reports(attribution: Attribution, offset: int) -> bool:
    """The quotation's cue reports a clause after it that holds char `offset` (not a mixed quote's fallback
    content, its sentence up to the quote, which may hold another quote's speaker)."""
    clause = reported_clause(attribution, None) if attribution.pieces else None
    return clause is not None and clause[0] <= offset < clause[1]


# What the speaker ranker weighed for one quotation: its candidates with their features.
Options = list[tuple[ranking.Candidate, dict[str, float]]]


def resolve_speakers(article: Article, speaker_ranker: LinearModel | None, pronoun_ranker: LinearModel | None,
                     on_options: Callable[[Attribution, Options], None] | None = None) -> list[Attribution]:
    """The article's records, in text order, with resolved speakers.

    Without a `speaker_ranker` a quotation keeps the speaker phrase of its cue. `on_options`
    (training) is shown every quotation with its scored candidates.
    """
    index = NameIndex(article)
    resolved: list[Attribution] = []
    previous_quote: Attribution | None = None
    for attribution in sorted(article.attributions, key=lambda a: a.start):
        previous = [a.mention for a in resolved if a.mention is not None]
        if attribution.method == "continued" and previous_quote is not None:
            mention = previous_quote.mention
        elif attribution.mention is not None and (article.in_quote(attribution.mention.start) or any(
                _reports(other, attribution.mention.start) for other in article.attributions if other is not attribution)):
            # quoted words ("thought of him as “a mass murderer”") are what is said, not who said it; so is a name
            # in the clause another quote's cue reports ("his belief that al-Megrahi “should never ...” and said ...")
            mention = None
        else:
            mention = resolve_mention(article, attribution.mention, previous, index, pronoun_ranker)
        if attribution.pieces and (speaker_ranker is not None or on_options is not None):
            pronoun = attribution.mention if attribution.mention is not None and \
                attribution.mention.type == "pronoun" else None
            before = previous_quote.mention if previous_quote is not None else None
            options = ranking.scored(article, attribution, mention, before, pronoun, index)
            if on_options is not None:
                on_options(attribution, options)
            if speaker_ranker is not None:
                chosen = ranking.choose(speaker_ranker, options)
                if chosen is not None and chosen is not mention:
                    chosen = antecedent_at(finish(article, chosen, index), pronoun)
                    if chosen.type == "person":
                        chosen = nearest_mention(article, attribution, chosen, previous, index, pronoun_ranker)
                mention = chosen
        attribution = replace(attribution, mention=mention)
        resolved.append(attribution)
        if attribution.pieces:
            previous_quote = attribution
    return resolved
