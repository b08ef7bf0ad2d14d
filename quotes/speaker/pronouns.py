"""Pronouns to the people and organisations they mean: "he" by the learned ranker (or the hand rule),
"it" and "they" by the hand rule, and "he said" after a run of quotes to the speaker it continues."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from quotes.article import Article, Mention
from quotes.english import lexicons
from quotes.english.names import first_name_gender, learned_type, name_tokens
from quotes.learned import LinearModel
from quotes.speaker.people import NameIndex, is_subject_name

# How far back (in paragraphs) "he said" may look for the person it means.
PRONOUN_REACH = 4
# "him"/"her": the subject of their own clause is not who they mean ("Webb told him")
OBJECT_PRONOUNS = frozenset({"him", "her"})


# What a pronoun can stand for, by the kind it wants ("he": a person; "they": a group or an organisation).
ANTECEDENT_TYPES = {"person": ("person",), "organization": ("organization",), "group": ("group", "organization")}


@dataclass(frozen=True)
class Antecedent:
    """Someone "he"/"she" may mean: a person named before the pronoun, or an earlier speaker."""
    mention: Mention  # its span where the article names (or quotes) them, its canonical name
    is_subject: bool  # subject of its clause: the topic a following pronoun usually continues
    spoke: bool  # a quotation's resolved speaker before the pronoun


def pronoun_candidates(article: Article, mention: Mention, previous: list[Mention],
                       index: NameIndex) -> list[Antecedent]:
    """Everyone a person pronoun may mean, in text order: person names outside quotes and earlier
    speakers, from PRONOUN_REACH paragraphs before it. A name that a quotation's speaker phrase holds
    is one candidate that spoke. Gender is left to the ranker: a first name's gender is a guess, and
    a clash is a strong feature rather than a filter."""
    said = [m for m in previous if m.type == "person" and m.start < mention.start]

    def spoke(start: int) -> bool:
        return any(m.start <= start < m.end for m in said)
    names = [Antecedent(Mention(o.start, o.end, None, index.canonical(o.text, o.start), "person"), o.is_subject,
                        spoke(o.start))
             for o in index.occurrences if o.end <= mention.start and not o.in_quote and index.is_person(o)]
    # speakers named otherwise: an earlier "he said" resolved to its person, "the spokesman"
    found = names + [Antecedent(m, _is_subject_span(article, m), True) for m in said
                     if not any(m.start <= a.mention.start < m.end for a in names)]
    paragraph = article.paragraph_of(mention.start)
    found = [a for a in found if article.paragraph_of(a.mention.start) >= paragraph - PRONOUN_REACH]
    return sorted(found, key=lambda a: a.mention.start)


def _is_subject_span(article: Article, mention: Mention) -> bool:
    words = article.words_between(mention.start, mention.end)
    return len(words) > 0 and is_subject_name(article, words[0], words[-1] + 1)


def pronoun_features(article: Article, mention: Mention, candidates: list[Antecedent]) -> list[dict[str, float]]:
    """The ranker's view of each candidate of one pronoun (training and run time share it).

    Recency counts in sentences, paragraphs and rank among the candidates; the person's rank among
    the people named (who was *mentioned* last, not only who spoke last); subject-ness; agreement of
    the first name's gender with the pronoun's; how often the person was named so far."""
    _, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    pronoun_word = article.word_at(mention.start)
    sentence, paragraph = article.words[pronoun_word].sentence, article.paragraph_of(mention.start)
    object_pronoun = mention.name.lower() in OBJECT_PRONOUNS
    # people by their latest mention before the pronoun: rank 0 is the person mentioned last
    latest: dict[str, int] = {}
    counts: dict[str, int] = {}
    for candidate in candidates:
        latest[candidate.mention.name] = candidate.mention.start
        counts[candidate.mention.name] = counts.get(candidate.mention.name, 0) + 1
    person_rank = {name: rank for rank, name in enumerate(sorted(latest, key=latest.get, reverse=True))}
    subjects = [c.mention.start for c in candidates if c.is_subject]
    rows = []
    for rank, candidate in enumerate(reversed(candidates)):
        m = candidate.mention
        word = article.word_at(m.start)
        sentence_gap = sentence - article.words[word].sentence
        paragraph_gap = paragraph - article.paragraph_of(m.start)
        guessed = first_name_gender(m.name)
        rows.append({
            "sentence_gap": math.log1p(max(0, sentence_gap)),
            "paragraph_gap": float(paragraph_gap),
            "same_sentence": float(sentence_gap == 0),
            "same_sentence_object": float(sentence_gap == 0 and object_pronoun and candidate.is_subject),
            "same_paragraph": float(paragraph_gap == 0),
            "recency_rank": math.log1p(rank),
            "latest_candidate": float(rank == 0),
            "person_rank": math.log1p(person_rank[m.name]),
            "last_person_mentioned": float(person_rank[m.name] == 0),
            "latest_of_person": float(latest[m.name] == m.start),
            "subject": float(candidate.is_subject),
            "latest_subject": float(candidate.is_subject and m.start == max(subjects)),
            "opens_sentence": float(word == article.sentence_of(word)[0]),
            "gender_agrees": float(guessed is not None and guessed == gender),
            "gender_clashes": float(guessed is not None and gender is not None and guessed != gender),
            "log_mentions": math.log1p(counts[m.name]),
            "name_words": float(min(3, len(name_tokens(m.name)))),
            "spoke": float(candidate.spoke),
            "spoke_recently": float(candidate.spoke and paragraph_gap <= 1),
        })
    rows.reverse()
    return rows


def continued_speaker(article: Article, mention: Mention, previous: list[Mention],
                      candidates: list[Antecedent]) -> Mention | None:
    """The speaker a pronoun goes on quoting: the latest speaker of the pronoun's paragraph or the one
    before, of a compatible gender, when no person is named in a later paragraph than theirs
    ("...,” Biden said. / “...,” he said.). GUM, which the ranker learns from, has no runs of
    quotations to teach this; a paragraph that introduces someone after the speaker ends it."""
    _, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    paragraph = article.paragraph_of(mention.start)
    recent = [m for m in previous if m.type == "person" and m.start < mention.start
              and article.paragraph_of(m.start) >= paragraph - 1]
    if not recent:
        return None
    last = max(recent, key=lambda m: m.start)
    if first_name_gender(last.name) not in (None, gender):
        return None
    speaker_paragraph = article.paragraph_of(last.start)
    introduced_after = any(article.paragraph_of(c.mention.start) > speaker_paragraph and c.mention.name != last.name
                           for c in candidates)
    return None if introduced_after else last


def ranked_antecedent(article: Article, mention: Mention, previous: list[Mention], index: NameIndex,
                      ranker: LinearModel) -> Mention | None:
    """The person pronoun's antecedent: the speaker it continues, else the ranker's best candidate
    (None when nobody is named before it)."""
    candidates = pronoun_candidates(article, mention, previous, index)
    if not candidates:
        return None
    speaker = continued_speaker(article, mention, previous, candidates)
    if speaker is not None:
        return speaker
    scores = [ranker.score(f) for f in pronoun_features(article, mention, candidates)]
    # ties go to the later candidate, as recency would have it
    best = max(range(len(candidates)), key=lambda i: (scores[i], i))
    return candidates[best].mention


def _is_document(article: Article, mention: Mention) -> bool:
    """A speaking thing "it" may mean: a mention of no known type headed by a document noun ("the
    report") or a noun whose GUM mentions are things ("the ad", "the video"), not a quantity."""
    if mention.type != "unknown" or mention.head is None or mention.head >= len(article.words):
        return False
    first = article.word_at(mention.start)
    if first is not None and article.words[first].upos == "NUM":  # "58 percent" said nothing
        return False
    head = article.words[mention.head]
    return head.lemma.lower() in lexicons.words(lexicons.DOCUMENT_NOUNS) or learned_type(head) == "other"


def _in_whole_sentence(article: Article, offset: int) -> bool:
    """The sentence holding char `offset` ends as a sentence does: not a headline ("Storm closes the coast road")."""
    _, last = article.sentence_of(article.word_at(offset))
    return article.words[last - 1].text[-1:] in ".!?\"”’'"


def rule_antecedent(article: Article, mention: Mention, previous: list[Mention], index: NameIndex) -> Mention | None:
    """The hand rule: the latest compatible speaker or subject name before the pronoun."""
    wanted, gender = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()]
    accepted = ANTECEDENT_TYPES[wanted]
    candidates = [m for m in previous if (m.type in accepted or wanted == "organization" and _is_document(article, m))
                  and m.start < mention.start]
    if wanted == "person":
        names = [o for o in index.occurrences if o.end <= mention.start and not o.in_quote and index.is_person(o)]
        subjects = [o for o in names if o.is_subject] or names[-1:]
        candidates += [Mention(o.start, o.end, None, index.canonical(o.text, o.start), "person") for o in subjects]
        candidates = [m for m in candidates if first_name_gender(m.name) in (None, gender)]
    paragraph = article.paragraph_of(mention.start)
    candidates = [m for m in candidates if article.paragraph_of(m.start) >= paragraph - PRONOUN_REACH]
    if not candidates:
        return None
    sentence = article.sentence_of(article.word_at(mention.start))
    speakers = {id(m) for m in previous}

    def salience(candidate: Mention) -> tuple[bool, bool, int]:
        # a subject earlier in the same sentence, then the speaker of a quote just before, then recency
        in_sentence = article.sentence_of(article.word_at(candidate.start)) == sentence
        recent_speaker = id(candidate) in speakers and article.paragraph_of(candidate.start) >= paragraph - 1
        return in_sentence, recent_speaker, candidate.start

    return max(candidates, key=salience)


def resolve_pronoun(article: Article, mention: Mention, previous: list[Mention], index: NameIndex,
                    ranker: LinearModel | None) -> Mention | None:
    """The antecedent of "he"/"it"/"they", as a mention at the pronoun's place.

    "he"/"she" go to the learned `ranker`'s choice (quotes.learned.PRONOUN_RANKER); "it"/"they", and
    every pronoun without a ranker, to the hand rule."""
    wanted = lexicons.table(lexicons.PRONOUNS)[mention.name.lower()][0]
    if ranker is not None and wanted == "person":
        best = ranked_antecedent(article, mention, previous, index, ranker)
    else:
        best = rule_antecedent(article, mention, previous, index)
    if best is None and wanted == "person":
        best = lone_subject_name(article, mention, index)
    return None if best is None else replace(best, start=mention.start, end=mention.end, head=mention.head)


def lone_subject_name(article: Article, mention: Mention, index: NameIndex) -> Mention | None:
    """With no person named before "he"/"she", the latest one-word name that was a subject in its
    paragraph or the one before ("Marlow stood at the lectern. “We start tomorrow,” he said."): a
    name nothing else shows to be a person's, but the only one the pronoun can mean."""
    paragraph = article.paragraph_of(mention.start)
    subjects = [o for o in index.occurrences if o.end <= mention.start and not o.in_quote and o.is_subject
                and article.paragraph_of(o.start) >= paragraph - 1 and _in_whole_sentence(article, o.start)]
    if not subjects:
        return None
    latest = subjects[-1]
    return Mention(latest.start, latest.end, None, index.canonical(latest.text, latest.start), "person")


