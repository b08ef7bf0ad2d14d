"""Stage: group quoted pieces into quotations and link each to its cue and speaker phrase.

READS words, pieces, paragraphs, cues; WRITES attributions (speaker phrases not yet resolved).

A quotation's cue, patterns, most reliable first:
- the quote lies inside the cue's clause: "Wang said the U.S. should stop “putting forward” ..."
  (walk up the parse from the quote to a cue verb);
- the cue hangs off the quote: "“...,” stated Jessica Chen Weiss" / "“...,” Mr. Hass added";
- the nearest cue in the quote's sentence or the sentence right after it;
- a quote with no cue of its own that follows a quote of the same paragraph continues it.
The speaker phrase of the cue comes from quotes.speaker.phrase.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from quotes.article import Article, Attribution, Cue, QuotedPiece
from quotes.english import lexicons
from quotes.english.grammar import (
    ANCESTOR_STEPS,
    TRAILING_CUE_PUNCTUATION,
    effective_subject,
    is_main_clause,
    subjects_of,
)
from quotes.english.quoting import (
    QUOTE_INTRODUCERS,
    QUOTE_MARK_TOKENS,
    SENTENCE_END,
    after_title_marker,
    closing_punctuation,
    colon_paragraph_before,
    opens_paragraph,
)
from quotes.english.tags import PHRASE_WORD_TAGS, RELATIVE_PRONOUNS, SPEAKER_TAGS
from quotes.speaker.phrase import credit_line, reporting_speaker, speaker_mention

# lower-case words a title keeps among its capitalised ones: “This Week with George Stephanopoulos”
READS = ("words", "pieces", "paragraphs", "cues")
WRITES = ("attributions",)

TITLE_FUNCTION_WORDS = frozenset({"with", "from", "over", "into", "upon", "about", "after", "under", "without"})
MIN_SENTENCE_WORDS = 4  # a quoted whole sentence is a statement, never a scare quote
MAX_NAME_WORDS = 6  # a title-case quote this short may end with a period and still be a name
MIN_STATEMENT_WORDS = 10  # a fragment with no cue this long that ends a sentence is a statement
MAX_SPLIT_GAP = 120  # chars of attribution between the two halves of a split quote
MAX_CUE_DISTANCE = 160  # chars between a quote and a cue that is not linked to it by the parse
TRAILING_REACH = 8  # words after a closing mark where its cue may stand ("Foreign Ministry spokesman Wang told")


# ---- grouping ------------------------------------------------------------------------------
def _splits_around_cue(article: Article, group: list[QuotedPiece], right: QuotedPiece) -> bool:
    """“A,” he added, “and B.” — the gap holds a cue and no sentence end. A colon after a fragment of
    the writer's sentence opens a new quote: 'described him as “a liar”, adding: “We know it.”'."""
    left = group[-1]
    if left.close_mark is None or left.paragraph != right.paragraph:
        return False
    gap = article.text[left.close_mark + 1:right.open_mark]
    if len(gap) > MAX_SPLIT_GAP or not gap.rstrip().endswith((",", ":")):
        return False
    if gap.rstrip().endswith(":") and quote_kind(article, group) == "mixed":
        return False
    # “A,” Clinton wrote. Still, she added, “B.” — a sentence begins in the gap: two quotes
    between = article.words_between(left.close_mark + 1, right.open_mark)
    if any(article.sentence_of(i)[0] == i for i in between[1:]):
        return False
    before_close = article.text[left.start:left.close_mark].rstrip()
    if not (before_close.endswith(",") or gap.lstrip().startswith(",")):
        return False
    # one cue splits one quote; a second introduces another: “A,” Ryan said, though he said, “B.”
    return sum(left.close_mark < cue.start < right.open_mark for cue in article.cues) == 1


def group_pieces(article: Article) -> list[list[QuotedPiece]]:
    """Quotations as lists of pieces: paragraph continuations and split quotes joined."""
    groups: list[list[QuotedPiece]] = []
    for piece in article.pieces:
        if groups and (groups[-1][-1].continues or _splits_around_cue(article, groups[-1], piece)):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


# ---- kind ----------------------------------------------------------------------------------
def _char_before(text: str, offset: int, floor: int) -> str:
    i = offset - 1
    while i >= floor and text[i].isspace():
        i -= 1
    return text[i] if i >= floor else ""


def quote_kind(article: Article, group: list[QuotedPiece]) -> str:
    """`direct` for a quoted statement, `mixed` for a fragment inside reported speech."""
    first = group[0]
    paragraph_start = article.paragraphs[first.paragraph][0]
    before = _char_before(article.text, first.open_mark, paragraph_start)
    opens_capitalized = article.text[first.start:first.start + 1].isupper()
    if before in ("", ":") or before in SENTENCE_END or before in "”\"":
        return "direct"
    previous = article.word_at(first.open_mark - 1)
    previous_word = article.words[previous - 1] if previous else None
    if opens_capitalized and (before == "," or previous_word is not None
                              and any(c.word == previous_word.index for c in article.cues)):
        return "direct"
    # a whole sentence, unless a reported clause opens it ("and that “I think ...”"): "When Trump
    # wrapped up — “I will fight for you!” —"
    last = group[-1]
    sentence = " ".join(article.text[p.start:p.end] for p in group)
    word_before = article.text[paragraph_start:first.open_mark].split()[-1:]
    if opens_capitalized and len(sentence.split()) >= MIN_SENTENCE_WORDS and word_before != ["that"] \
            and article.text[last.start:last.end].rstrip()[-1:] in SENTENCE_END:
        return "direct"
    return "mixed"


def is_name_not_quote(article: Article, group: list[QuotedPiece]) -> bool:
    """Titles and scare quotes: “Saturday Night Live”, so-called “guardrails”."""
    piece = group[0]
    content = article.text[piece.start:piece.end]
    if after_title_marker(article, piece):
        return True
    # every long word capitalised, no sentence end: a title or a name, not speech. A period inside
    # the closing mark of a short one is American punctuation, not a sentence end: on CNN's “New Day.”
    # A longer one is the title of a work or a project ("Bubble Trapping and Ullage Formation in an
    # Acoustic Field"), never with a sentence end.
    words = content.split()
    long_words = [w for w in words if len(w) > 3 and w not in TITLE_FUNCTION_WORDS]
    ending = content.rstrip()[-1:]
    short = len(words) <= MAX_NAME_WORDS
    return len(group) == 1 and bool(long_words) and all(w[0].isupper() for w in long_words) \
        and (ending not in SENTENCE_END or short and ending == "." and len(words) > 1)


def is_unattributed_statement(article: Article, group: list[QuotedPiece]) -> bool:
    """A fragment with no cue that is long and ends a sentence is quoted from someone the article does
    not name (a ruling, a released document): 'subjected to interviews, “as part of a new strategy
    designed by an expert interviewer, who had no other task.”' A scare quote or a term is short; a
    title ends with no sentence end. (Of such fragments of ten words or more in PolNeAR train, 38 of 41
    are annotated quotations, in news-train 6 of 8; from six words, 56 of 63 and 8 of 10, but with no
    speaker to give, the shorter ones cost PolNeAR dev's speaker figure more than they add.)"""
    content = " ".join(article.text[p.start:p.end] for p in group)
    last = group[-1]
    # the stop inside the closing mark (American) or right after it (British: ...in his interviews'.)
    after = article.text[last.close_mark + 1:last.close_mark + 2] if last.close_mark is not None else ""
    ends_sentence = content.rstrip()[-1:] in SENTENCE_END or after in SENTENCE_END
    return len(content.split()) >= MIN_STATEMENT_WORDS and ends_sentence


# ---- cues ----------------------------------------------------------------------------------
def _quote_words(article: Article, group: list[QuotedPiece]) -> list[int]:
    return [i for piece in group for i in article.words_between(piece.start, piece.end)]


def _window(article: Article, group: list[QuotedPiece]) -> tuple[int, int]:
    """Chars where the quote's cue may stand: its sentences and the sentence after it."""
    first, last = group[0], group[-1]
    paragraph_start = article.paragraphs[first.paragraph][0]
    paragraph_end = article.paragraphs[last.paragraph][1]
    first_word = article.word_at(first.start)
    start = article.words[_sentence_start(article, first_word)].start if first_word is not None else first.open_mark
    after = article.word_at((last.close_mark or last.end) + 1)
    end = last.end
    if after is not None:
        end = article.words[article.sentence_of(after)[1] - 1].end
    return max(start, paragraph_start), min(end, paragraph_end)


def _sentence_start(article: Article, word: int) -> int:
    """First word of `word`'s sentence, joining sentences the tokenizer cut before a lowercase
    word ("Microsoft Corp. co-founder Bill Gates")."""
    first = article.sentence_of(word)[0]
    while first > 0 and article.words[first].text[:1].islower():
        first = article.sentence_of(first - 1)[0]
    return first


def _trailing_cue(search: _CueSearch) -> Cue | None:
    """The cue right after a piece's closing mark: “...,” said Daniel Kritenbrink / “...?” she asked."""
    article, group, cues_by_word = search.article, search.group, search.cues_by_word
    for piece in group:
        if piece.close_mark is None:
            continue
        # “...,” she said / “...?” he asked / “...”, said X — not “a fragment” and that he stressed
        around_mark = article.text[piece.end - 1:piece.close_mark + 3].replace(" ", "")
        if not any(mark in around_mark for mark in TRAILING_CUE_PUNCTUATION):
            continue
        following = article.word_at(piece.close_mark + 1)
        if following is None:
            continue
        sentence_end = article.sentence_of(following)[1]
        paragraph_end = article.paragraphs[piece.paragraph][1]
        for word in range(following, min(sentence_end, following + TRAILING_REACH)):
            text = article.words[word].text
            # a subordinate clause is no credit line: “Build the wall!” as Trump spoke
            if text in SENTENCE_END or text in QUOTE_MARK_TOKENS or article.words[word].start >= paragraph_end \
                    or article.words[word].deprel == "mark":
                break
            cue = cues_by_word.get(word)
            if cue is not None and not cue.complement_only:
                return cue
    return None


# A verb that credits the quote it follows ("“Mexico!” the audience screamed back", "“…,” read the
# email"): finite, past or present; its noun phrase stands on one side of it, nothing else but a particle.
CREDIT_VERB_TAGS = frozenset({"VBD", "VBZ"})
CREDIT_PHRASE_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"})
CREDIT_PARTICLE_TAGS = frozenset({"ADP", "ADV"})
MAX_CREDIT_CLAUSE_WORDS = 6


def _credit_clause_cue(search: _CueSearch) -> Cue | None:
    """The verb of a short clause right after a quote that ends in a comma, "!" or "?", whatever the
    verb: "“They stole the country,” the man shouted" and "“…,” read the email" are credit lines the
    cue lexicon may lack the verb of. The clause is a noun phrase and the verb (and a particle:
    "screamed back", "went on") in either order, up to the sentence's end or a comma."""
    article, group = search.article, search.group
    if search.trailing is not None:  # a cue of the lexicon credits the quote: this verb is no cue
        return None
    last, opening = group[-1], article.word_at(group[0].open_mark)
    if closing_punctuation(article, last) not in (",", "!", "?"):
        return None
    # the quote is a sentence of its own, not part of one ("said he would “protect our citizens,” the crowd applauded")
    if opening is None or any(article.words[i].upos != "PUNCT" for i in range(article.sentence_of(opening)[0], opening)):
        return None
    first = article.word_at(last.close_mark + 1)
    if first is None or article.paragraph_of(article.words[first].start) != last.paragraph:
        return None
    words = []
    for i in range(first, min(article.sentence_of(first)[1], first + MAX_CREDIT_CLAUSE_WORDS + 2)):
        if article.words[i].upos == "PUNCT":
            if article.words[i].text not in (",", ".", ";"):
                return None
            break
        words.append(article.words[i])
    else:
        return None  # no end in reach: a longer sentence goes on
    verbs = [n for n, w in enumerate(words) if w.upos == "VERB" and w.xpos in CREDIT_VERB_TAGS]
    if len(verbs) != 1 or not 2 <= len(words) <= MAX_CREDIT_CLAUSE_WORDS:
        return None
    verb = verbs[0]
    before, after = words[:verb], words[verb + 1:]
    if before:  # the man shouted (back)
        phrase, rest = before, after
    else:  # read the email
        rest = [w for w in after[:1] if w.upos in CREDIT_PARTICLE_TAGS and w.xpos == "RP"]
        phrase = after[len(rest):]
    if not phrase or not all(w.upos in CREDIT_PHRASE_TAGS for w in phrase) or phrase[0].upos == "PART" \
            or any(w.upos not in CREDIT_PARTICLE_TAGS for w in rest) or len(rest) > 1 \
            or not any(w.upos in SPEAKER_TAGS for w in phrase):
        return None
    word, end = words[verb], (rest[0] if rest else words[verb])
    lemma = " ".join([word.lemma.lower()] + [w.text.lower() for w in rest])  # "go on"
    return Cue(word.index, lemma, word.start, end.end, article.text[word.start:end.end])


def _ancestor_cue(article: Article, group: list[QuotedPiece], cues_by_word: dict[int, Cue]) -> Cue | None:
    """A cue verb up the parse from the quote: the quote is (inside) what the cue reports."""
    inside = set(_quote_words(article, group))
    learned_only = set(lexicons.learned(lexicons.LEARNED_CUE_VERBS)) - lexicons.words(lexicons.CUE_VERBS)
    for word in sorted(inside):
        found = [cues_by_word[head] for head in _ancestors(article, word, inside) if head in cues_by_word]
        if found:
            # a learned cue that is no plain speech verb ("discuss") inside what a speech verb reports
            # ("Trump stated that Melania would discuss ... “in a few weeks”"): the speech verb's
            return next((c for c in found if c.lemma not in learned_only), found[0])
    return None


def _in_belief_clause(article: Article, group: list[QuotedPiece]) -> bool:
    """The fragment hangs, up the parse, from a verb of opinion ("believes the plan is “bonkers”")."""
    inside = set(_quote_words(article, group))
    beliefs = lexicons.words(lexicons.BELIEF_VERBS)
    return any(article.words[head].lemma.lower() in beliefs for word in inside for head in _ancestors(article, word, inside))


def _ancestors(article: Article, word: int, inside: set[int]):
    """The words up the parse from `word` (ANCESTOR_STEPS at most), those of the quote `inside` left out."""
    head, steps = article.words[word].head, 0
    while head is not None and steps < ANCESTOR_STEPS:
        if head not in inside:
            yield head
        head, steps = article.words[head].head, steps + 1


def _dependent_cue(search: _CueSearch) -> Cue | None:
    """A cue verb whose head is inside the quote: "“...,” he added" parsed as parataxis."""
    article, group, cues_by_word, window = search.article, search.group, search.cues_by_word, search.window
    inside = set(_quote_words(article, group))
    for word, cue in cues_by_word.items():
        if window[0] <= cue.start < window[1] and article.words[word].head in inside and not cue.complement_only:
            return cue
    return None


def _nearest_cue(search: _CueSearch) -> Cue | None:
    """The closest cue in the window that no other quotation stands in front of.

    A mixed fragment belongs to the reporting clause before it ("saying Mr. Blinken had a “frank
    discussion” and that he stressed ..."): a cue after it counts only when none stands before.
    """
    article, group, window, kind = search.article, search.group, search.window, search.kind
    first, last = group[0], group[-1]
    quote_start, quote_end = first.open_mark, (last.close_mark or last.end)
    best, best_distance = None, (MAX_CUE_DISTANCE, MAX_CUE_DISTANCE)
    for cue in article.cues:
        if cue.complement_only or not window[0] <= cue.start < window[1]:
            continue
        if quote_start <= cue.start <= quote_end and not any(
                (p.close_mark or p.end) < cue.start < q.open_mark for p, q in zip(group, group[1:])):
            continue
        before = cue.end <= quote_start
        low, high = (cue.start, quote_start) if before else (quote_end, cue.start)
        if any(low < piece.start < high for piece in article.pieces if piece not in group):
            continue  # another quotation stands between: the cue is that one's
        distance = max(0, high - low - (cue.end - cue.start if before else 0))
        if distance >= MAX_CUE_DISTANCE:
            continue
        rank = (0 if before or kind != "mixed" else 1, distance)
        if rank < best_distance:
            best, best_distance = cue, rank
    return best


def _colon_cue(search: _CueSearch) -> Cue | None:
    """"Helen Park, a hydrologist at the State Water Board, said:" and the quote in the next paragraph:
    the last cue of a paragraph that ends with a colon introduces a quote that opens the next one."""
    article = search.article
    before = colon_paragraph_before(article, search.group[0])
    if before is None:
        return None
    return next((c for c in reversed(article.cues) if before[0] <= c.start < before[1] and not c.complement_only), None)


def _introducing_cue(search: _CueSearch) -> Cue | None:
    """The cue right before the quote's opening mark and a comma or colon: "..., though he said, “I hope to.”"."""
    article, group, cues_by_word = search.article, search.group, search.cues_by_word
    mark = article.word_at(group[0].open_mark)
    if mark is None or mark < 2 or article.words[mark - 1].text not in QUOTE_INTRODUCERS:
        return None
    cue = cues_by_word.get(mark - 2)
    return cue if cue is not None and not cue.complement_only else None


def _lead_in_cue(search: _CueSearch) -> Cue | None:
    """The verb of the main clause that leads into the quote with a colon, when it is no cue and has a
    subject of its own: "Reid said both are “non-entities,” but he gave the Texan a back-handed
    compliment: “You never have to guess where he is.”" The clause says who speaks as a cue would:
    its verb stands in for the cue, whichever cue the sentence holds before it."""
    article, group, cues_by_word = search.article, search.group, search.cues_by_word
    mark = article.word_at(group[0].open_mark)
    if mark is None or mark < 2 or article.words[mark - 1].text != ":":
        return None
    first, word = article.sentence_of(mark - 1)[0], article.words[mark - 2]
    for _ in range(ANCESTOR_STEPS):
        if word.upos == "VERB" or word.head is None or word.head < first:
            break
        word = article.words[word.head]
    # a cue between the verb and the colon is nearer the quote: the quote is that cue's to attribute
    if word.upos != "VERB" or any(i in cues_by_word for i in range(word.index, mark)) or not word.is_parsed \
            or not is_main_clause(article, word) or effective_subject(article, word.index) is None:
        return None
    subjects = subjects_of(article, word.index)
    # "a message from her adviser, Ann O'Leary, that read:": a relative clause the parser made a main one
    if not subjects or article.words[subjects[0]].text.lower() in RELATIVE_PRONOUNS:
        return None
    return Cue(word.index, word.lemma.lower(), word.start, word.end, word.text)


def _trailing_unless_document(search: _CueSearch) -> Cue | None:
    """The cue after the quote; but "“putting forward,” according to the official reading" names the
    document, not the speaker: the clause the fragment sits in decides, when there is one."""
    trailing = search.trailing
    return trailing if trailing and (trailing.lemma != "according to" or search.ancestor is None) else None


def _ancestor_in_window(search: _CueSearch) -> Cue | None:
    return search.ancestor


@dataclass
class _CueSearch:
    """What the cue strategies read of one quotation, each found once."""

    article: Article
    group: list[QuotedPiece]
    kind: str

    @cached_property
    def cues_by_word(self) -> dict[int, Cue]:
        return {cue.word: cue for cue in self.article.cues}

    @cached_property
    def window(self) -> tuple[int, int]:
        return _window(self.article, self.group)

    @cached_property
    def trailing(self) -> Cue | None:
        return _trailing_cue(self)

    @cached_property
    def ancestor(self) -> Cue | None:
        """The cue up the parse from the quote (_ancestor_cue), when it stands in the quote's window."""
        ancestor = _ancestor_cue(self.article, self.group, self.cues_by_word)
        return ancestor if ancestor and self.window[0] <= ancestor.start < self.window[1] else None


# The ways a quotation finds its cue, most reliable first, each with the method it reports.
CUE_STRATEGIES = (
    ("parse", _colon_cue),
    ("parse", _introducing_cue),
    ("parse", _trailing_unless_document),
    ("parse", _credit_clause_cue),
    ("parse", _lead_in_cue),
    ("parse", _ancestor_in_window),
    ("parse", _dependent_cue),
    ("nearby", _nearest_cue),
)


def find_cue(article: Article, group: list[QuotedPiece], kind: str) -> tuple[Cue | None, str]:
    """The quotation's cue and how it was found, by the first of CUE_STRATEGIES that finds one."""
    search = _CueSearch(article, group, kind)
    for method, strategy in CUE_STRATEGIES:
        cue = strategy(search)
        if cue is not None:
            return cue, method
    return None, "none"


# ---- the stage -----------------------------------------------------------------------------
def _continues_previous(article: Article, group: list[QuotedPiece], previous: Attribution | None) -> bool:
    """A quote with no cue right after another attributed one: “...,” he said. “More.” In a new
    paragraph only when the quote opens it: after words of the reporter's own ("When Trump wrapped
    up — “I will fight for you!”") the quote is theirs to attribute, not the last speaker's."""
    if previous is None or previous.cue is None or previous.kind == "indirect":
        return False
    last = previous.pieces[-1]
    if group[0].start <= last.end or group[0].paragraph - last.paragraph > 1:
        return False
    return group[0].paragraph == last.paragraph or opens_paragraph(article, group[0])


def _inside_noun_phrase(article: Article, piece: QuotedPiece) -> bool:
    """The piece stands where a noun phrase goes on ("appeared on “Fox and Friends”", "CNN's “New
    Day.”") or names whom a cue addresses ("told “Fox and Friends”"), not after a comma, colon or
    verb that introduces a statement."""
    mark = article.word_at(piece.open_mark)
    if not mark:  # None, or the article's first word
        return False
    before = article.words[mark - 1]
    return before.sentence == article.words[mark].sentence and (
        before.upos in PHRASE_WORD_TAGS or before.lemma.lower() in lexicons.words(lexicons.ADDRESSEE_CUES))


def attribute(article: Article) -> list[Attribution]:
    """Quotations of the article with their cue and (unresolved) speaker mention, in text order.

    A quote that continues the one before it gets method "continued" and no mention of its own:
    speaker resolution gives it the previous quote's speaker. A fragment with no cue is a scare quote,
    unless it is a long statement (is_unattributed_statement): that one is kept with no speaker.
    """
    found: list[Attribution] = []
    for group in group_pieces(article):
        kind = quote_kind(article, group)
        cue, method = find_cue(article, group, kind)
        if (cue is None or kind == "mixed" or _inside_noun_phrase(article, group[0])) \
                and is_name_not_quote(article, group):
            continue
        if kind == "mixed" and method == "nearby" and _in_belief_clause(article, group):
            continue  # "think the bypass is a “vanity project”, though few have said so": an opinion's term
        mention = None
        if cue is not None:
            mention, how = speaker_mention(article, cue, group)
            method = how if mention is not None else method
            if mention is not None and mention.type == "pronoun":
                mention = reporting_speaker(article, cue, mention, group)
        elif kind == "direct" and (credit := credit_line(article, group)) is not None:
            mention, method = credit, "credit"
        elif kind == "direct" and _continues_previous(article, group, found[-1] if found else None):
            cue, method = found[-1].cue, "continued"
        elif kind == "mixed" and not is_unattributed_statement(article, group):
            continue  # a quoted fragment nobody is said to have said: a scare quote
        found.append(Attribution(group, kind, cue, mention, method))
    return found


def run(article: Article, context) -> None:
    article.attributions = attribute(article)
