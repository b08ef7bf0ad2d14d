"""Stage: reported speech — the clause a speech cue reports.

READS words, pieces, cues, attributions; WRITES attributions (quotes with their clauses, and indirect
records). Tap "indirect_candidate" (record, features): every indirect record offered to the filter.

"Wang said the U.S. should stop “putting forward” the “China threat theory”": the clause after
"said" is the content of both mixed quotes, each fragment a record of its own (words of the writer
stand between them). "Analysts say it will take much more": a clause with no quote marks is an
`indirect` record. Beliefs, plans and polls ("officials believe", "a poll shows") are not speech: only
the cue lexicon's verbs report.

The clause comes from the parse: the cue's complement ("said [that] X"), the clause the cue hangs
off ("X, officials said"), the clause an "according to" phrase sources, or the rest of the sentence
after a "that", or a subject and its finite verb, the parser left unattached. Without a clause, a cue may report a noun phrase
("questioned [Mr. Trump's veracity]"): which cues do is learned from PolNeAR. The indirect-speech
model, learned too, decides which of the clauses and phrases offered become records.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from quotes.article import Article, Attribution, Cue, QuotedPiece
from quotes.english import lexicons
from quotes.english.grammar import is_inverted, is_to_infinitive, subjects_of, subtree
from quotes.english.quoting import after_title_marker, closing_punctuation
from quotes.english.tags import CLAUSE_HEAD_TAGS, COMPLEMENT_DEPRELS, PHRASE_START_TAGS
from quotes.learned import LinearModel
from quotes.speaker.phrase import speaker_mention

# A cue attached to the clause it reports, after it: "The talks failed, officials said."
READS = ("words", "pieces", "cues", "attributions")
WRITES = ("attributions",)

REPORTING_DEPRELS = frozenset({"parataxis", "advcl", "conj"})
# The cue's objects ("told [reporters]") and the clauses a parser may hang off them instead of
# the cue: "told reporters that the wall would be built" parsed with "built" as a relative clause
# of "reporters". A relative clause has no subordinating mark ("that" is its pronoun), so a clause
# under the object that opens with one is the cue's complement.
OBJECT_DEPRELS = frozenset({"obj", "iobj"})
NOUN_CLAUSE_DEPRELS = frozenset({"acl", "acl:relcl"})
CLAUSE_DEPRELS = frozenset({"nsubj", "nsubj:pass", "cop", "csubj"})
CLAUSE_OPENERS = frozenset({"that", "whether", "if"})  # "said that ...", "asked whether ..."
MIN_CLAUSE_WORDS = 3
OBJECT_PREDICATES = frozenset({"as", "of", "for"})  # what a cue says of its object: "accused him of lying"
# A bare clause after a cue: its subject opens like a noun phrase (PHRASE_START_TAGS) and ends with one
# of these, at most MAX_BARE_SUBJECT_WORDS words before the finite verb.
SUBJECT_END_TAGS = frozenset({"PRON", "PROPN", "NOUN", "NUM"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_BARE_SUBJECT_WORDS = 6
BARE_SUBJECT_BREAKS = frozenset({"ADP", "PUNCT", "VERB", "SCONJ"})  # what ends a subject before its verb ...
BARE_SUBJECT_JOINERS = frozenset({"and", "of"})  # ... but these ("state and local authorities", "members of Congress")
MIN_OBJECT_WORDS = 2  # "praised [Obama]" names whom, not what was said
SETTING_OFF = frozenset({",", "—", "–", ";"})  # what sets a post-posed "officials said" apart
EDGE_PUNCTUATION = frozenset(',.;:!?—–-()[]“”"‘’\'')


def _longest_run(article: Article, words: set[int]) -> tuple[int, int] | None:
    """The longest stretch of consecutive words in `words`, punctuation trimmed at both ends."""
    best: tuple[int, int] | None = None
    for i in sorted(words):
        if i - 1 in words:
            continue
        j = i
        while j + 1 in words:
            j += 1
        while i <= j and article.words[i].text in EDGE_PUNCTUATION:
            i += 1
        while j >= i and article.words[j].text in EDGE_PUNCTUATION:
            j -= 1
        if i <= j and (best is None or j - i > best[1] - best[0]):
            best = (i, j)
    return best


def _is_clause(article: Article, head: int) -> bool:
    """The word heads a clause, not a noun phrase ("Hope Hicks, a spokeswoman, said")."""
    return article.words[head].upos in CLAUSE_HEAD_TAGS or any(
        article.words[c].deprel in CLAUSE_DEPRELS for c in article.children[head])


def _clause_opener(article: Article, cue: int, start: int) -> int:
    """Where a clause after its cue starts: at a "that" between the two, which the small parser may
    hang on a word deep inside ("insisted [that] Republicans who refused ... were “nuts”")."""
    return next((i for i in range(cue + 1, start) if article.words[i].upos == "SCONJ"
                 and article.words[i].text.lower() in CLAUSE_OPENERS), start)


def _subject_start(article: Article, cue: int) -> int:
    """Index of the first word of the cue's subject, or the cue's own index without one."""
    subjects = subjects_of(article, cue)
    return min(subtree(article, subjects[0])) if subjects else cue


def _reports_back(article: Article, cue: Cue) -> bool:
    """The cue reports the clause before it — "The talks failed, officials said." — not a clause of its
    own that hangs there: "went after Bush, calling him ...", "tweeted as Obama spoke". A reporting
    cue has its own subject and stands apart from the clause, after a comma or a dash."""
    children = [article.words[c] for c in article.children[cue.word]]
    start = _subject_start(article, cue.word)
    return article.words[cue.word].xpos != "VBG" and (is_inverted(article, cue) or any(
        c.deprel in CLAUSE_DEPRELS for c in children) and start > 0 and article.words[start - 1].text in SETTING_OFF)


def _complements(article: Article, cue: int) -> list[int]:
    """Heads of the clauses the cue takes as its complement, misattached ones under its object included."""
    words, children = article.words, article.children
    complements = [c for c in children[cue] if words[c].deprel in COMPLEMENT_DEPRELS or _infinitive_after(article, cue, c)]
    for obj in (c for c in children[cue] if words[c].deprel in OBJECT_DEPRELS):
        complements += [clause for clause in children[obj] if words[clause].deprel in NOUN_CLAUSE_DEPRELS
                        and any(words[m].deprel == "mark" and words[m].upos == "SCONJ" for m in children[clause])]
    return complements


def _infinitive_after(article: Article, cue: int, child: int) -> bool:
    """An infinitive after the cue the small parser took for an adverbial clause: "urged Silicon
    Valley [to find a compromise]" is what was urged (an xcomp), not why."""
    return child > cue and article.words[child].deprel == "advcl" and not article.in_quote(article.words[child].start) \
        and is_to_infinitive(article, child)


def _unattached_complement(article: Article, cue: int) -> set[int]:
    """The rest of the sentence after a cue the parser gave no complement arc, when a clause opens
    right after it (after its addressee: "told investors that"): "Devine argued that the distance ...
    was narrower" ("that", "whether", "if"), or a bare clause, a subject and its finite verb:
    "..., saying conservatives need to band together"."""
    last = article.sentence_of(cue)[1]
    i = cue + 1
    objects = {c for c in article.children[cue] if article.words[c].deprel in OBJECT_DEPRELS}
    while i < last and (article.words[i].upos == "ADV" or any(i in subtree(article, o) for o in objects)):
        i += 1
    if i >= last:
        return set()
    word = article.words[i]
    if word.upos == "SCONJ" and word.text.lower() in CLAUSE_OPENERS:
        return set(range(i + 1, last))
    return set(range(i, last)) if _opens_bare_clause(article, i, last) else set()


def _opens_bare_clause(article: Article, first: int, last: int) -> bool:
    """words[first:] open with a subject and its finite verb ("conservatives need", "he didn't want",
    "state and local authorities ... are"), read off the tags: the parse is what failed here."""
    words = article.words
    if words[first].upos not in PHRASE_START_TAGS:
        return False
    for i in range(first + 1, min(last, first + MAX_BARE_SUBJECT_WORDS + 1)):
        if words[i].xpos in FINITE_VERB_TAGS:
            return words[i - 1].upos in SUBJECT_END_TAGS
        if words[i].upos in BARE_SUBJECT_BREAKS and words[i].text not in BARE_SUBJECT_JOINERS:
            return False
    return False


def reported_clause(article: Article, cue: Cue) -> tuple[int, int] | None:
    """Char range of the clause `cue` reports, or None when the parse shows none."""
    verb = article.words[cue.word]
    sentence = set(range(*article.sentence_of(cue.word)))
    if cue.lemma == "according to":
        source = verb.head  # "according to X": the phrase hangs off the clause it sources
        clause = article.words[source].head if source is not None else None
        words = subtree(article, clause) - subtree(article, source) if clause is not None else set()
    else:
        complements = _complements(article, cue.word)
        if is_inverted(article, cue):  # "..., said Steve Grubbs, an Iowa operative [working for ...]"
            complements = [c for c in complements if c < cue.word]
        if complements:
            # every complement (the small parser splits "said she thinks [America is strongest]"), on
            # the complement's side of the cue (it drags in the speaker: "Hester, ..., said parents want")
            after = any(c > cue.word for c in complements)  # a complement before the cue is often a misparse
            if after and cue.lemma not in lexicons.words(lexicons.ADDRESSEE_CUES):
                first_complement = min(c for c in complements if c > cue.word)
                complements += [c for c in article.children[cue.word]
                                if article.words[c].deprel == "obj" and cue.word < c < first_complement]
            if not after:  # a fronted clause's subject the parser gave the cue: "[The trend] ..., Kantrowitz said"
                complements += [c for c in subjects_of(article, cue.word)[1:] if c < min(complements)]
            words = {w for c in complements for w in subtree(article, c) if (w > cue.word) == after}
            # "said Steve Grubbs, an Iowa operative": an inverted speaker the parser hung in the complement
            words -= {w for s in subjects_of(article, cue.word) if s > cue.word for w in subtree(article, s)}
            if not after and words and min(words) > _subject_start(article, cue.word):
                words = set()  # "Benford, who lives outside Minneapolis, says": the speaker's, not the content
        elif verb.deprel in REPORTING_DEPRELS and verb.head is not None and verb.head < cue.word \
                and _is_clause(article, verb.head) and _reports_back(article, cue):
            words = subtree(article, verb.head) - subtree(article, cue.word)
        else:
            words = _unattached_complement(article, cue.word)
    run = _longest_run(article, words & sentence)
    if run is None or run[1] - run[0] + 1 < MIN_CLAUSE_WORDS:
        return None
    # the small parser cuts long clauses short: a clause after its cue runs to the sentence's end
    # ("said Democrats are the ones [trying to pressure the moderators]"), one before it from the start
    first, last = min(sentence), max(sentence)
    if run[0] > cue.word:
        run = (_clause_opener(article, cue.word, run[0]), run[1])
    run = _longest_run(article, set(range(run[0], last + 1)) if run[0] > cue.word
                       else set(range(first, run[1] + 1)) - (subtree(article, cue.word) - words))
    if run is None or not any(article.words[i].upos in CLAUSE_HEAD_TAGS for i in range(run[0], run[1] + 1)):
        return None
    return article.words[run[0]].start, article.words[run[1]].end


@cache
def _nominal_cues() -> dict[str, frozenset[str]]:
    """Cue lemma → the words that introduce the noun phrase it reports ("obj": a direct object): by
    hand, and learned from PolNeAR train by `./run train` (training/reported_objects.py)."""
    found: dict[str, set[str]] = {}
    learned = (tuple(entry.rsplit(None, 1)) for entry in lexicons.learned(lexicons.LEARNED_REPORTED_OBJECTS))
    for lemma, introducer in (*lexicons.phrases(lexicons.NOMINAL_CUES), *learned):
        found.setdefault(lemma, set()).add(introducer)
    return {lemma: frozenset(words) for lemma, words in found.items()}


def clear() -> None:
    """Forget the noun-phrase cues read so far (training rewrites the learned ones)."""
    _nominal_cues.cache_clear()


def object_phrases(article: Article, cue: Cue) -> list[tuple[str, tuple[int, int]]]:
    """(introducer, char range) of every noun phrase the cue governs: its direct object ("obj") and
    its prepositional phrases by their preposition ("for": called for [a moratorium])."""
    found = []
    sentence = set(range(*article.sentence_of(cue.word)))
    for child in article.children[cue.word]:
        word = article.words[child]
        case = [c for c in article.children[child] if article.words[c].deprel == "case"]
        if word.deprel == "obj":
            # with what the cue says of it, and all after that: described [the country as beset by
            # illegal immigrants], accused [China of hacking computers], blasted [Shuster for
            # “cavorting” with a lobbyist]
            later = [other for other in article.children[cue.word] if other > child]
            says_of = any(article.words[m].deprel in ("case", "mark") and article.words[m].text.lower() in OBJECT_PREDICATES
                          for other in later for m in article.children[other])
            introducer, words = "obj", subtree(article, child).union(*(subtree(article, o) for o in later if says_of))
        elif word.deprel.startswith("obl") and case:
            introducer, words = article.words[case[0]].text.lower(), subtree(article, child) - {case[0]}
        else:
            continue
        # the parser hangs quote marks and commas anywhere: they do not break the phrase
        words |= {i for i in range(min(words), max(words)) if article.words[i].upos == "PUNCT"}
        run = _longest_run(article, words & sentence)
        if run is not None and run[1] - run[0] + 1 >= MIN_OBJECT_WORDS:
            found.append((introducer, (article.words[run[0]].start, article.words[run[1]].end)))
    return found


def reported_object(article: Article, cue: Cue) -> tuple[int, int] | None:
    """Char range of the noun phrase a cue reports: called for [a moratorium], demanded [an apology]."""
    introducers = _nominal_cues().get(cue.lemma)
    if not introducers:
        return None
    return next((span for introducer, span in object_phrases(article, cue) if introducer in introducers), None)


def predicate(article: Article, cue: Cue) -> tuple[int, int] | None:
    """Char range of what follows a characterising cue in its phrase: called [him “a liar”]."""
    if cue.lemma == "according to":
        return None
    sentence = set(range(*article.sentence_of(cue.word)))
    after = {i for i in subtree(article, cue.word) if i > cue.word} & sentence
    run = _longest_run(article, after)
    return (article.words[run[0]].start, article.words[run[1]].end) if run else None


def sentence_after(article: Article, cue: Cue, opening: int) -> tuple[int, int] | None:
    """Char range of the rest of the sentence after a cue, when the mixed quote at char `opening`
    stands in it: "they said the language was an untenable “poison pill.”", whose clause the small
    parser hung on the verb before "said". It starts after a "that" before the quote ("telling
    ABC's This Week that there is “a weird deal going on”")."""
    last = article.sentence_of(cue.word)[1]
    quote_word = article.word_at(opening)
    if quote_word is None or not cue.word < quote_word < last:
        return None
    opener = _clause_opener(article, cue.word, quote_word)
    run = _longest_run(article, set(range(opener + 1 if opener < quote_word else cue.word + 1, last)))
    return (article.words[run[0]].start, article.words[run[1]].end) if run else None


def sentence_before(article: Article, cue: Cue, quote: Attribution) -> tuple[int, int] | None:
    """Char range of the sentence up to the end of a mixed quote's first piece, when its cue
    follows the quote: "Bill Clinton has been “very worked up about it,” said a source close to the
    campaign", whose clause the parser did not hang on "said"; the quote may run on into more
    sentences before the cue ("Murphy's support is “really an amorphous position. ...,” Grayson said")."""
    quote_start, piece_end = article.word_at(quote.pieces[0].open_mark), article.word_at(quote.pieces[0].end)
    # the pieces before the cue: a quote split around its cue goes on after it ("“...,” she says, “but ...”")
    ends = [article.word_at(p.end) for p in quote.pieces]
    quote_end = max((end for end in ends if end is not None and end <= cue.word), default=None)
    if quote_start is None or piece_end is None or quote_end is None or not quote_start < quote_end:
        return None
    if article.words[quote_end].sentence != article.words[cue.word].sentence:
        return None  # the quote must end in the cue's sentence
    run = _longest_run(article, set(range(article.sentence_of(quote_start)[0], piece_end)))
    return (article.words[run[0]].start, article.words[run[1]].end) if run else None


def _words_outside(article: Article, span: tuple[int, int], pieces: list[QuotedPiece]) -> bool:
    """Whether a word of `span` lies outside the quoted `pieces` (quote marks and punctuation aside)."""
    return any(article.words[i].upos != "PUNCT" and not any(p.start <= article.words[i].start < p.end for p in pieces)
               for i in article.words_between(*span))


def _in_clause(article: Article, clause: tuple[int, int], piece: QuotedPiece, cue: Cue) -> bool:
    """The quote is part of the clause, not a sentence of its own inside it: reported words stand
    before its opening mark, with no punctuation announcing it and not right after the cue or whom it
    addresses ("saying “Hey, vote for me.”", not "boomed: “Let’s defeat her”" or "told the crowd “If
    ...”"), or after its closing mark, with no comma, sentence end or "and" between ("“We are
    frustrated and horrified” by the shooting", not "“...,” Jane Doe, a spokeswoman")."""
    lead = article.text[clause[0]:piece.open_mark].rstrip()
    mark = article.word_at(piece.open_mark)
    before = article.words[mark - 1] if mark else None
    if lead and lead[-1] not in ":,.;!?" and before is not None and \
            cue.word not in (before.index, before.head) and \
            _words_outside(article, (clause[0], piece.open_mark), [piece]):
        return True
    if piece.close_mark is None or closing_punctuation(article, piece) in tuple(",.!?;:—–-"):
        return False
    tail = article.text[piece.close_mark + 1:clause[1]]
    after = article.word_at(piece.close_mark + 1 + len(tail) - len(tail.lstrip()))
    return not tail.lstrip().startswith(",") and (after is None or article.words[after].upos != "CCONJ") and \
        _words_outside(article, (piece.close_mark + 1, clause[1]), [piece])


def _contains(outer: tuple[int, int], start: int, end: int) -> bool:
    """[start, end) lies mostly inside `outer` (a quoted "true." ends past a clause trimmed of its period)."""
    return (min(end, outer[1]) - max(start, outer[0])) * 2 > end - start


def _object_share(cue: Cue) -> float:
    """How often PolNeAR annotates what this cue's noun phrase says (1 for the hand-listed ones)."""
    learned = lexicons.learned(lexicons.LEARNED_REPORTED_OBJECTS)
    shares = [float(row[1]) for entry, row in learned.items() if entry.rsplit(None, 1)[0] == cue.lemma]
    return max(shares, default=1.0)


def indirect_features(article: Article, record: Attribution, is_object: bool) -> dict[str, float]:
    """What the indirect-speech model reads of one record: its cue (how often the data saw that
    verb as a cue, its form and place in the sentence), what it reports (a clause or a noun phrase,
    before or after the cue, how long) and who (a name, a pronoun, nobody)."""
    cue, (start, end) = record.cue, record.content
    verb = article.words[cue.word]
    learned = lexicons.learned(lexicons.LEARNED_CUE_VERBS).get(cue.lemma)
    sentence_first, sentence_last = article.sentence_of(cue.word)
    sentence_text = article.text[article.words[sentence_first].start:article.words[sentence_last - 1].end]
    content_words = len(article.words_between(start, end))
    mention = record.mention
    f: dict[str, float] = {
        "hand_listed": cue.lemma in lexicons.words(lexicons.CUE_VERBS) or cue.lemma == "according to",
        "learned_share": float(learned[1]) if learned else 0.0,
        "noun_phrase_share": _object_share(cue) if is_object else 0.0,
        "before_cue": end <= cue.start,
        "log_words": math.log1p(content_words) / 4,
        f"tag_{verb.xpos or verb.upos}": 1.0,
        f"deprel_{verb.deprel.split(':')[0] if verb.deprel else 'none'}": 1.0,
        f"speaker_{mention.type if mention is not None else 'none'}": 1.0,
        "question": "?" in sentence_text,
        "no_sentence_end": not sentence_text.rstrip("”\"' ").endswith((".", "!", "?")),
        "opens_with_that": article.text[start:start + 5].lower() == "that ",
        "quoted_paragraph": any(p.paragraph == article.paragraph_of(cue.start) for p in article.pieces),
    }
    return {name: float(value) for name, value in f.items() if value}


def _before_other_quotes(article: Article, clause: tuple[int, int], cue: Cue,
                         quotes: list[Attribution]) -> tuple[int, int] | None:
    """The clause cut before a quotation another cue reports inside it: "DeSantis said [he has
    supported legislation that would target accreditation bodies], which he called “a cartel”";
    None where the cut would leave no clause."""
    inner = [a.cue for a in quotes if a.cue is not None and a.cue != cue and a.pieces
             and clause[0] < a.pieces[0].open_mark < clause[1]]
    if not inner:
        return clause
    cut = min(min(w for w in subtree(article, other.word) if article.words[w].upos != "PUNCT") for other in inner)
    # only a clause set off after what was said ("..., which he called"); a quote inside the
    # reported clause itself ("China said Qin urged the U.S. to respect “…”") keeps it whole
    if cut == 0 or article.words[cut - 1].text not in SETTING_OFF:
        return None
    run = _longest_run(article, set(article.words_between(clause[0], article.words[cut].start)))
    if run is None or run[1] - run[0] + 1 < MIN_CLAUSE_WORDS:
        return None
    return article.words[run[0]].start, article.words[run[1]].end


def _own_clause_after(article: Article, cue: Cue, last_piece: QuotedPiece) -> bool:
    """The quote ends before the cue, and the cue's own subject stands before the quote."""
    subjects = [s for s in subjects_of(article, cue.word) if s < cue.word]
    return last_piece.end < cue.start and bool(subjects) and min(subtree(article, subjects[0])) < article.word_at(
        last_piece.open_mark)


def add_reported_speech(article: Article, indirect_filter: LinearModel | None,
                        on_candidate: Callable[[Attribution, dict[str, float]], None] | None = None) -> list[Attribution]:
    """The article's quote records with their reported clauses, plus one record per indirect clause.

    Each mixed fragment of one clause is a record with that clause as content ("putting forward",
    "China threat theory"); a clause that holds no attributed quote becomes an `indirect` record when
    the `indirect_filter` (trained by `./run train`) finds it likely enough; without one, every such
    clause does. `on_candidate` (training) is shown every indirect record offered, with its features.
    """
    quotes = article.attributions
    clauses = {cue.word: reported_clause(article, cue) for cue in article.cues if not cue.complement_only}
    objects = {word for word, clause in clauses.items() if clause is None}
    clauses.update({cue.word: reported_object(article, cue) for cue in article.cues if cue.word in objects})
    records: list[Attribution] = []
    for attribution in quotes:
        if attribution.cue is None:
            records.append(attribution)
            continue
        # the clause the cue reports, else what the cue says of its object (“called it “a con””),
        # else the rest of the cue's sentence after the cue, or before it
        cue_clause, said_of = clauses.get(attribution.cue.word), predicate(article, attribution.cue)
        # what a cue says of its object runs on past the object: "criticized [the “quiet cruelty”] on display"
        first = (said_of, cue_clause) if attribution.cue.word in objects else (cue_clause, said_of)
        candidates = first + (sentence_after(article, attribution.cue, attribution.pieces[0].open_mark),
                              sentence_before(article, attribution.cue, attribution))
        holding = [c for c in candidates if c and _contains(c, attribution.pieces[0].start, attribution.pieces[0].end)]
        # a content that is only the quote itself says nothing more (“saying “of course” Clinton has ...”)
        clause = next((c for c in holding if _words_outside(article, c, attribution.pieces)), None)
        if attribution.kind == "direct":
            # a whole quoted sentence inside a clause the cue reports is mixed speech: "Kasich says if he
            # spent the day there he'd be yelling at people saying “Hey, vote for me.”"
            if clause is None or not _in_clause(article, clause, attribution.pieces[0], attribution.cue):
                records.append(attribution)
                continue
            attribution = replace(attribution, kind="mixed")
        clause = clause or (holding[0] if holding else None)
        records.append(attribution if clause is None else replace(attribution, content=clause))
    quoted = [(p.start, p.end) for a in quotes for p in a.pieces]
    # a cue reports its quotes, not a clause of its own; unless it only took a quote of an earlier
    # sentence as the nearest cue (“...” [new paragraph] DeSantis said he has supported legislation),
    # or a quote between its own subject and itself ("A representative for the brand - pitched as
    # “the ultimate destination” - noted that the company offers"): a clause after it is its own
    quoting_cues = {a.cue for a in quotes if a.cue is not None and a.pieces[-1].end > article.words[
        article.sentence_of(a.cue.word)[0]].start and not _own_clause_after(article, a.cue, a.pieces[-1])}
    for cue in article.cues:
        clause = clauses.get(cue.word)
        if clause is not None and cue not in quoting_cues:
            clause = _before_other_quotes(article, clause, cue, quotes)
        if clause is None or cue in quoting_cues or any(start < clause[1] and clause[0] < end
                                                         for start, end in quoted):
            continue
        mention, method = speaker_mention(article, cue, None, clause)
        record = Attribution([], "indirect", cue, mention, method, content=clause)
        values = indirect_features(article, record, cue.word in objects)
        if on_candidate is not None:
            on_candidate(record, values)
        if indirect_filter is None or indirect_filter.probability(values) >= indirect_filter.threshold:
            records.append(_with_quoted_words(article, record))
    return records


def _with_quoted_words(article: Article, record: Attribution) -> Attribution:
    """A reported clause that quotes some of its words is a mixed quote: "Zimmerman claimed that
    the “Smithsonian Museum” had expressed interest". Its quotes were left unattributed as names
    or titles when read alone; inside reported speech they are the speaker's words, unless a
    word marks them as a name or a scare quote ("mocked the so-called “guardrails”")."""
    start, end = record.content
    # a clause trimmed of its period still holds a quote that ends with it ("called Merkel “The Chancellor.”")
    pieces = [p for p in article.pieces if start <= p.open_mark and _contains((start, end), p.start, p.end)
              and not after_title_marker(article, p)]
    return replace(record, pieces=pieces, kind="mixed") if pieces else record


def run(article: Article, context) -> None:
    article.attributions = add_reported_speech(article, context.models.indirect_filter,
                                               context.taps.get("indirect_candidate"))
