"""Stage 4: group quoted pieces into quotations and link each to its cue and speaker.

Patterns, most reliable first:
- the quote lies inside the cue's clause: "Wang said the U.S. should stop “putting forward” ..."
  (walk up the parse from the quote to a cue verb);
- the cue hangs off the quote: "“...,” stated Jessica Chen Weiss" / "“...,” Mr. Hass added";
- the nearest cue in the quote's sentence or the sentence right after it;
- a quote with no cue of its own that follows a quote of the same paragraph continues it.
"""
from __future__ import annotations

from dataclasses import replace

from quotes import lexicons
from quotes.article import Article, Attribution, Cue, Mention, QuotedPiece, Word
from quotes.cues import CLOSING_QUOTES, QUOTE_INTRODUCERS
from quotes.mentions import describe, has_preposition, is_dateline, is_name_word, mention_at, phrase_after
from quotes.speakers import ANTECEDENT_TYPES, first_name_gender

SUBJECT_DEPRELS = ("nsubj", "nsubj:pass", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
SETTING_OFF_PUNCTUATION = frozenset({",", ";", ":", "—", "–", "(", ")"})
ABSOLUTE_MARKERS = frozenset({"with", "without"})
CLAUSE_BREAKS = frozenset({":", ";"})
INFINITIVE_DEPRELS = frozenset({"xcomp", "advcl"})
# lower-case words a title keeps among its capitalised ones: “This Week with George Stephanopoulos”
TITLE_FUNCTION_WORDS = frozenset({"with", "from", "over", "into", "upon", "about", "after", "under", "without"})
PHRASE_WORD_TAGS = frozenset({"ADP", "DET", "NOUN", "PROPN", "PART", "ADJ"})  # what a title may follow
PHRASE_START_TAGS = frozenset({"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"})  # how a noun phrase opens
COMPLEMENT_DEPRELS = frozenset({"ccomp", "xcomp"})  # a cue's own dependents that hold what it reports
# Clauses that share the subject of the verb they hang from ("is heard to say", "..., saying").
SUBJECT_SHARING_DEPRELS = frozenset({"xcomp", "conj", "advcl", "acl", "parataxis"})
MIN_SENTENCE_WORDS = 4  # a quoted whole sentence is a statement, never a scare quote
MAX_SPLIT_GAP = 120  # chars of attribution between the two halves of a split quote
MAX_CUE_DISTANCE = 160  # chars between a quote and a cue that is not linked to it by the parse
ANCESTOR_STEPS = 6
SENTENCE_END = frozenset(".!?")
# Words that may stand between a speaker and its cue: "Wang also said", "officials have said".
SKIPPED_BEFORE_CUE = frozenset({"ADV", "AUX", "PART"})
SPEAKER_TAGS = frozenset({"NOUN", "PROPN", "PRON"})  # a speaker phrase holds one of these
NAME_LIKE_TAGS = frozenset({"ADJ", "ADV", "X"})
PARTICIPLE_TAGS = frozenset({"VBG"})
CLAUSE_HEAD_TAGS = frozenset({"VERB", "AUX"})
QUOTE_MARK_TOKENS = frozenset('“”"„«»')
TRAILING_CUE_PUNCTUATION = (",", "?", "!", "—", "–", "―")
TRAILING_REACH = 8  # words after a closing mark where its cue may stand ("Foreign Ministry spokesman Wang told")
MAX_BETWEEN_WORDS = 20
MIN_REPORTED_WORDS = 3  # words before an inverted cue ("The race is over, say some Democrats")  # a longer stretch between a quote and its cue is a clause, not a speaker


# ---- grouping ------------------------------------------------------------------------------
def _splits_around_cue(article: Article, left: QuotedPiece, right: QuotedPiece) -> bool:
    """“A,” he added, “and B.” — the gap holds a cue and no sentence end."""
    if left.close_mark is None or left.paragraph != right.paragraph:
        return False
    gap = article.text[left.close_mark + 1:right.open_mark]
    if len(gap) > MAX_SPLIT_GAP or not gap.rstrip().endswith((",", ":")):
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
        if groups and (groups[-1][-1].continues or _splits_around_cue(article, groups[-1][-1], piece)):
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


def after_title_marker(article: Article, piece: QuotedPiece) -> bool:
    """A word that announces a name or a scare quote stands before the mark: so-called “guardrails”."""
    before = article.text[max(0, piece.open_mark - 30):piece.open_mark].lower().split()
    return bool(before) and before[-1].strip(",") in lexicons.words(lexicons.TITLE_QUOTE_MARKERS)


def is_name_not_quote(article: Article, group: list[QuotedPiece]) -> bool:
    """Titles and scare quotes: “Saturday Night Live”, so-called “guardrails”."""
    piece = group[0]
    content = article.text[piece.start:piece.end]
    if after_title_marker(article, piece):
        return True
    # short, every long word capitalised, no sentence end: a title or a name, not speech. A period
    # inside the closing mark is American punctuation, not a sentence end: on CNN's “New Day.”
    words = content.split()
    long_words = [w for w in words if len(w) > 3 and w not in TITLE_FUNCTION_WORDS]
    ending = content.rstrip()[-1:]
    return len(group) == 1 and len(words) <= 6 and bool(long_words) and all(w[0].isupper() for w in long_words) \
        and (ending not in SENTENCE_END or ending == "." and len(words) > 1)


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


def _trailing_cue(article: Article, group: list[QuotedPiece], cues_by_word: dict[int, Cue]) -> Cue | None:
    """The cue right after a piece's closing mark: “...,” said Daniel Kritenbrink / “...?” she asked."""
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


def closing_punctuation(article: Article, piece: QuotedPiece) -> str:
    """The punctuation mark the quoted words end with inside the closing mark ("“…,”" gives ","), or ""."""
    if piece.close_mark is None:
        return ""
    last = article.text[piece.start:piece.close_mark].rstrip(" '’\"”")[-1:]
    return last if not last.isalnum() else ""


# A verb that credits the quote it follows ("“Mexico!” the audience screamed back", "“…,” read the
# email"): finite, past or present; its noun phrase stands on one side of it, nothing else but a particle.
CREDIT_VERB_TAGS = frozenset({"VBD", "VBZ"})
CREDIT_PHRASE_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"})
CREDIT_PARTICLE_TAGS = frozenset({"ADP", "ADV"})
MAX_CREDIT_CLAUSE_WORDS = 6


def _credit_clause_cue(article: Article, group: list[QuotedPiece]) -> Cue | None:
    """The verb of a short clause right after a quote that ends in a comma, "!" or "?", whatever the
    verb: "“They stole the country,” the man shouted" and "“…,” read the email" are credit lines the
    cue lexicon may lack the verb of. The clause is a noun phrase and the verb (and a particle:
    "screamed back", "went on") in either order, up to the sentence's end or a comma."""
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
        head, steps, found = article.words[word].head, 0, []
        while head is not None and steps < ANCESTOR_STEPS:
            if head not in inside and head in cues_by_word:
                found.append(cues_by_word[head])
            head, steps = article.words[head].head, steps + 1
        if found:
            # a learned cue that is no plain speech verb ("discuss") inside what a speech verb reports
            # ("Trump stated that Melania would discuss ... “in a few weeks”"): the speech verb's
            return next((c for c in found if c.lemma not in learned_only), found[0])
    return None


def _dependent_cue(article: Article, group: list[QuotedPiece], cues_by_word: dict[int, Cue],
                   window: tuple[int, int]) -> Cue | None:
    """A cue verb whose head is inside the quote: "“...,” he added" parsed as parataxis."""
    inside = set(_quote_words(article, group))
    for word, cue in cues_by_word.items():
        if window[0] <= cue.start < window[1] and article.words[word].head in inside and not cue.complement_only:
            return cue
    return None


def _nearest_cue(article: Article, group: list[QuotedPiece], window: tuple[int, int], kind: str) -> Cue | None:
    """The closest cue in the window that no other quotation stands in front of.

    A mixed fragment belongs to the reporting clause before it ("saying Mr. Blinken had a “frank
    discussion” and that he stressed ..."): a cue after it counts only when none stands before.
    """
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


def _colon_cue(article: Article, group: list[QuotedPiece]) -> Cue | None:
    """"Helen Park, a hydrologist at the State Water Board, said:" and the quote in the next paragraph:
    the last cue of a paragraph that ends with a colon introduces a quote that opens the next one."""
    before = colon_paragraph_before(article, group[0])
    if before is None:
        return None
    return next((c for c in reversed(article.cues) if before[0] <= c.start < before[1] and not c.complement_only), None)


def colon_paragraph_before(article: Article, piece: QuotedPiece) -> tuple[int, int] | None:
    """The paragraph before the piece's, when the piece opens its own and that one ends with a colon
    ("Helen Park, a hydrologist at the State Water Board, said:")."""
    if piece.paragraph == 0 or not opens_paragraph(article, piece):
        return None
    start, end = article.paragraphs[piece.paragraph - 1]
    return (start, end) if article.text[start:end].rstrip().endswith(":") else None


def _introducing_cue(article: Article, group: list[QuotedPiece], cues_by_word: dict[int, Cue]) -> Cue | None:
    """The cue right before the quote's opening mark and a comma or colon: "..., though he said, “I hope to.”"."""
    mark = article.word_at(group[0].open_mark)
    if mark is None or mark < 2 or article.words[mark - 1].text not in QUOTE_INTRODUCERS:
        return None
    cue = cues_by_word.get(mark - 2)
    return cue if cue is not None and not cue.complement_only else None


# How a main clause hangs in its sentence: the root, or joined to another main clause.
MAIN_CLAUSE_DEPRELS = frozenset({"root", "conj", "parataxis"})


def _main_clause(article: Article, word: Word) -> bool:
    """The verb heads a main clause: no clause it hangs from is reported ("said Curiel was from Mexico:")
    or relative ("a phrase that could have come from Trump himself:")."""
    while word.head is not None:
        if word.deprel not in MAIN_CLAUSE_DEPRELS:
            return False
        word = article.words[word.head]
    return word.deprel in MAIN_CLAUSE_DEPRELS


def _lead_in_cue(article: Article, group: list[QuotedPiece], cues_by_word: dict[int, Cue]) -> Cue | None:
    """The verb of the main clause that leads into the quote with a colon, when it is no cue and has a
    subject of its own: "Reid said both are “non-entities,” but he gave the Texan a back-handed
    compliment: “You never have to guess where he is.”" The clause says who speaks as a cue would:
    its verb stands in for the cue, whichever cue the sentence holds before it."""
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
            or not _main_clause(article, word) or _subject(article, word.index) is None:
        return None
    subjects = subjects_of(article, word.index)
    # "a message from her adviser, Ann O'Leary, that read:": a relative clause the parser made a main one
    if not subjects or article.words[subjects[0]].text.lower() in RELATIVE_PRONOUNS:
        return None
    return Cue(word.index, word.lemma.lower(), word.start, word.end, word.text)


def find_cue(article: Article, group: list[QuotedPiece], kind: str) -> tuple[Cue | None, str]:
    cues_by_word = {cue.word: cue for cue in article.cues}
    colon = _colon_cue(article, group) or _introducing_cue(article, group, cues_by_word)
    if colon is not None:
        return colon, "parse"
    window = _window(article, group)
    trailing = _trailing_cue(article, group, cues_by_word)
    ancestor = _ancestor_cue(article, group, cues_by_word)
    if ancestor and not window[0] <= ancestor.start < window[1]:
        ancestor = None
    # "“putting forward,” according to the official reading" names the document, not the speaker:
    # the clause the fragment sits in decides
    if trailing and (trailing.lemma != "according to" or ancestor is None):
        return trailing, "parse"
    credit = _credit_clause_cue(article, group) if trailing is None else None
    if credit:
        return credit, "parse"
    cue = _lead_in_cue(article, group, cues_by_word)
    if cue:
        return cue, "parse"
    if ancestor:
        return ancestor, "parse"
    cue = _dependent_cue(article, group, cues_by_word, window)
    if cue:
        return cue, "parse"
    cue = _nearest_cue(article, group, window, kind)
    return (cue, "nearby") if cue else (None, "none")


# ---- speakers ------------------------------------------------------------------------------
def _is_time(word: Word) -> bool:
    return word.lemma.lower() in lexicons.words(lexicons.TIME_WORDS)


def subjects_of(article: Article, verb: int) -> list[int]:
    """The verb's subjects, its own first. The small parser also hangs the subject of a fronted
    clause off the cue ("The trend has been to shift costs, Kantrowitz said": "trend" and
    "Kantrowitz" both nsubj, "shift" a ccomp): a subject before such a complement is the clause's.
    Beside another subject, a relative pronoun is the object it relates to ("bodies, which he
    called “a cartel”"), and a subject a colon or semicolon parts from the verb belongs to a clause
    before it ("Even people who endorsed the plan sounded equivocal: Jane Harman called it ..."),
    as does one a comma parts from a subject nearer the verb ("Holding banners, the students
    chanted"): they come last."""
    children = article.children[verb]
    subjects = [c for c in children if article.words[c].deprel in SUBJECT_DEPRELS]
    fronted = max((c for c in children if article.words[c].deprel == "ccomp" and c < verb), default=-1)
    return sorted(subjects, key=lambda c: (c < fronted, len(subjects) > 1 and (
        article.words[c].text.lower() in RELATIVE_PRONOUNS or _closed_off(article, c, verb, subjects))))


def _closed_off(article: Article, subject: int, verb: int, subjects: list[int]) -> bool:
    """A colon or semicolon parts `subject` from the verb, or a comma from another subject nearer
    the verb ("Holding banners outside the hall, the students chanted"); not one an appositive the
    parser made a subject follows ("Kurt Campbell, the top Asia official, stated")."""
    if any(article.words[i].text in CLAUSE_BREAKS for i in range(subject + 1, verb)):
        return True
    return any(subject < other < verb and _comma_between(article, subject, other)
               and not _comma_between(article, other, verb) for other in subjects)


def _comma_between(article: Article, first: int, last: int) -> bool:
    return any(article.words[i].text == "," for i in range(first + 1, last))


def _subject(article: Article, verb: int, content: tuple[int, int] | None = None) -> int | None:
    """The subject of `verb`, climbing through clauses that share their head's subject.

    A time noun the parser took for a subject ("Several weeks ago, Trump stated") is passed over,
    and so is a dateline ("Washington (AFP) – Democrat Hillary Clinton has taken a swipe").
    So is a preposition's object ("Qin had in a phone call with Blinken urged"): the subject is
    then the one before that phrase.
    """
    for _ in range(4):
        complement_after = max((c for c in article.children[verb] if article.words[c].deprel in COMPLEMENT_DEPRELS
                                and c > verb), default=-1)
        for child in subjects_of(article, verb):
            subject = article.words[child]
            if verb < child < complement_after and not any(
                    article.words[i].text in SETTING_OFF_PUNCTUATION for i in range(child, complement_after)):
                # the subject of what is said: "Fallin said [presumptive nominee Donald Trump] is “trying”";
                # not an inverted speaker: "said Vice President Joe Biden, urging those ..."
                continue
            if subject.deprel not in SUBJECT_DEPRELS or article.in_quote(subject.start) or subject.upos == "PUNCT" \
                    or _is_time(subject) or content is not None and content[0] <= subject.start < content[1] \
                    or is_dateline(article, subject.start, subject.end):
                continue
            if has_preposition(article, child) and not _absolute_subject(article, verb, child):
                return _subject_left_of(article, child)
            # "Sanders was asked by host Bill Maher, “...”": the subject is whom it was said to
            agent = _passive_agent(article, verb) if subject.deprel == "nsubj:pass" else None
            return agent if agent is not None else child
        controller = _controlling_object(article, verb)
        if controller is not None:
            return controller
        verb = _subject_sharing_head(article, verb)
        if verb is None:
            return None
    return None


def _passive_agent(article: Article, verb: int) -> int | None:
    """The "by" phrase of a passive cue that takes whom it addresses: "was asked by [moderator Gerard
    Baker]". (Of other cues the subject stays: "The email was sent by Jeremy Bash ... “...,” it reads.")"""
    if article.words[verb].lemma.lower() not in lexicons.words(lexicons.ADDRESSEE_CUES):
        return None
    return next((c for c in article.children[verb] if article.words[c].deprel == "obl:agent"), None)


def _controlling_object(article: Article, verb: int) -> int | None:
    """The object of a verb that gets someone to do something is the subject of what they do
    ("leading Clinton advisers like Gene Sperling to counter that ...": the advisers counter)."""
    word = article.words[verb]
    if word.head is None or word.deprel not in INFINITIVE_DEPRELS \
            or article.words[word.head].lemma.lower() not in lexicons.words(lexicons.CONTROL_VERBS) \
            or not is_to_infinitive(article, verb):
        return None
    return next((c for c in article.children[word.head] if article.words[c].deprel == "obj"
                 and word.head < c < verb and article.words[c].upos in ("NOUN", "PROPN")), None)


def is_to_infinitive(article: Article, verb: int) -> bool:
    """The verb is marked by "to": "urged Silicon Valley [to find] a compromise"."""
    return any(article.words[m].deprel == "mark" and article.words[m].text.lower() == "to"
               for m in article.children[verb])


def _set_off_by_comma(article: Article, word: int) -> bool:
    """A comma stands before `word`, or before the closing mark before it ("values,” stating")."""
    before = word - 1
    while before >= 0 and article.words[before].text in CLOSING_QUOTES:
        before -= 1
    return before >= 0 and article.words[before].text == ","


def _subject_sharing_head(article: Article, verb: int) -> int | None:
    """The verb whose subject `verb` shares, if any. A participle set off by a comma shares its
    cue's, also where the small parser made it what the cue says ("Cruz said that Trump represents
    “New York values,” stating during the debate ...": Cruz states, not Trump), and the subject of
    the clause of a noun the parser hung it on; a cue after ", and" shares the cue whose reported
    clause the parser joined it to."""
    word = article.words[verb]
    if word.head is None:
        return None
    head = article.words[word.head]
    cue_words = {cue.word for cue in article.cues}
    if word.xpos in PARTICIPLE_TAGS and word.deprel in COMPLEMENT_DEPRELS and word.head in cue_words \
            and _set_off_by_comma(article, verb):
        return word.head
    if word.deprel not in SUBJECT_SHARING_DEPRELS \
            or word.deprel == "parataxis" and article.in_quote(head.start):
        return None
    if word.xpos in PARTICIPLE_TAGS and word.deprel == "advcl" and head.deprel in COMPLEMENT_DEPRELS \
            and head.head in cue_words:
        return head.head
    # "Paul said Rubio's plan would give money to immigrants, and called him ...": a cue joined by
    # ", and" to what another cue reports is that cue's second verb, not the reported clause's
    if word.deprel == "conj" and verb in cue_words and head.deprel in COMPLEMENT_DEPRELS \
            and head.head in cue_words and _comma_and_before(article, verb):
        return head.head
    if word.xpos in PARTICIPLE_TAGS and word.deprel == "acl" and head.upos not in CLAUSE_HEAD_TAGS \
            and _set_off_by_comma(article, verb):
        return _clause_head(article, word.head)
    return word.head


def _comma_and_before(article: Article, verb: int) -> bool:
    """", and" stands right before the verb."""
    return verb >= 2 and article.words[verb - 1].upos == "CCONJ" and article.words[verb - 2].text == ","


def _clause_head(article: Article, word: int) -> int | None:
    """The head of the clause `word` belongs to: the nearest verb at or above it, or a predicate
    with a subject ("Obama has been on the sidelines")."""
    for _ in range(ANCESTOR_STEPS):
        if article.words[word].upos in CLAUSE_HEAD_TAGS or any(
                article.words[c].deprel in SUBJECT_DEPRELS for c in article.children[word]):
            return word
        word = article.words[word].head
        if word is None:
            return None
    return None


def _absolute_subject(article: Article, verb: int, subject: int) -> bool:
    """"..., with Sen. John McCain calling it “a Chinese menu”": "with" before a participle's own
    subject marks an absolute clause, not a preposition's object."""
    return article.words[verb].xpos in PARTICIPLE_TAGS and any(
        article.words[c].deprel == "case" and article.words[c].text.lower() in ABSOLUTE_MARKERS
        for c in article.children[subject])


def _subject_left_of(article: Article, word: int) -> int | None:
    """The nearest subject before `word` in its sentence."""
    first = article.sentence_of(word)[0]
    return next((i for i in range(word - 1, first - 1, -1) if article.words[i].deprel in SUBJECT_DEPRELS
                 and not article.in_quote(article.words[i].start) and not has_preposition(article, i)), None)


def is_inverted(article: Article, cue: Cue) -> bool:
    """"The race is over, say some Democrats": a cue set off after the clause it reports, with its
    speaker after it. What follows such a cue is the speaker, never what was said. A participle
    is no inverted cue: "..., saying conservatives need to band together" reports what follows."""
    return _set_off_after_clause(article, cue) and _phrase_after_cue(article, cue) is not None


def _set_off_after_clause(article: Article, cue: Cue) -> bool:
    """is_inverted, but for the phrase after the cue: the cue stands after a set-off clause and has no subject before it."""
    if article.words[cue.word].xpos in PARTICIPLE_TAGS:
        return False
    i = cue.word - 1
    while i >= 0 and article.words[i].upos in SKIPPED_BEFORE_CUE:
        i -= 1
    if i < article.sentence_of(cue.word)[0] + MIN_REPORTED_WORDS or article.words[i].text not in TRAILING_CUE_PUNCTUATION:
        return False
    # "Smith, a senator, said the plan ...": a subject before the cue is its speaker
    return not any(article.words[c].deprel in SUBJECT_DEPRELS and c < cue.word for c in article.children[cue.word])


def _phrase_after_cue(article: Article, cue: Cue) -> tuple[int, int, int] | None:
    """The noun phrase right after the cue's last word ("made clear" is two): an inverted speaker."""
    return phrase_after(article, article.words_between(cue.start, cue.end)[-1] + 1)


def _according_to_source(article: Article, cue: Cue) -> int | None:
    """Head noun of the phrase after "according to"."""
    head = article.words[cue.word].head
    if head is not None and head > cue.word + 1 and not article.in_quote(article.words[head].start):
        return head
    for i in range(cue.word + 2, min(cue.word + 12, len(article.words))):
        if article.words[i].upos in ("NOUN", "PROPN") and (i + 1 == len(article.words)
                                                            or article.words[i + 1].upos not in ("NOUN", "PROPN")):
            return i
    return None


def speaker_mention(article: Article, cue: Cue, group: list[QuotedPiece] | None,
                    content: tuple[int, int] | None = None) -> tuple[Mention | None, str]:
    """The speaker phrase of `cue`, from the parse or the local pattern around the quote; never a
    word of the `content` it reports ("..., saying conservatives need to band together")."""
    if cue.lemma == "according to":
        source = _according_to_source(article, cue)
        return (mention_at(article, source), "according") if source is not None else (None, "none")
    closing = None
    if group:
        closing = next((p.close_mark for p in reversed(group) if p.close_mark is not None and p.close_mark < cue.start),
                       None)
    subject = _subject(article, cue.word, content)
    after = _phrase_after_cue(article, cue)
    if group is None and after is not None and _set_off_after_clause(article, cue):
        return describe(article, *after), "inverted"
    # a cue that opens its sentence is followed by its speaker: "Said Ms. Park: “...”", "Stated Stone:"
    if subject is None and cue.word == article.sentence_of(cue.word)[0] and after is not None:
        return describe(article, *after), "inverted"
    if closing is not None:
        between = article.words_between(closing + 1, cue.start)
        content = [i for i in between if article.words[i].upos != "PUNCT"]
        # inverted: “...,” stated Jessica Chen Weiss, a Cornell University professor; a participle
        # is not (“fantastic,” telling reporters): what follows it is whom it was told
        if not content:
            if after is not None and article.words[cue.word].xpos not in PARTICIPLE_TAGS:
                return describe(article, *after), "inverted"
        elif len(content) <= MAX_BETWEEN_WORDS and not any(
                article.in_quote(article.words[i].start)
                or article.words[i].upos == "CCONJ" and article.words[i - 1].text == "," for i in content):
            # (", and" joins another clause: "“attacked” Clinton, and said" has no speaker between;
            # "“...,” Smith and Jones said" has)
            # “...,” Foreign Ministry spokesman Wang Wenbin told — trust the words, not the arcs;
            # the speaker ends at the first comma ("Ali Wyne, a senior analyst with Eurasia Group")
            comma = next((i for i in between if article.words[i].text == "," and i > content[0]), None)
            phrase = [i for i in content if comma is None or i < comma]
            # a subject the parse finds in the speaker's own words decides; one past the comma is a
            # misparse ("... with Eurasia Group focusing on U.S.-China [relations] wrote")
            parsed_between = subject is not None and closing < article.words[subject].start < cue.start \
                and (comma is None or subject < comma or not is_name_word(article.words[phrase[0]]))
            # a noun phrase, not a preposition's or a participle's ("“...” with classified information described")
            if not parsed_between and article.words[phrase[0]].upos in PHRASE_START_TAGS \
                    and any(article.words[i].upos in SPEAKER_TAGS for i in phrase):
                return describe(article, phrase[0], phrase[-1] + 1, phrase[-1]), "between"  # not “...” and said
    if subject is not None:
        return _subject_mention(article, subject), "subject"
    subject = _subject_before(article, cue.word)
    if subject is not None:
        return mention_at(article, subject), "before"
    return None, "none"


def _subject_mention(article: Article, subject: int) -> Mention:
    """The mention of a subject; "who" in "Marc Morial, who said" stands for the noun it relates to."""
    word = article.words[subject]
    clause = article.words[word.head] if word.head is not None else None
    if word.text.lower() in RELATIVE_PRONOUNS and clause is not None:
        # the noun the clause relates to; right before ", who" when the parser missed the relative
        # clause ("Mike Pence, who called him" parsed as two conjoined clauses)
        before = subject - 2 if subject >= 2 and article.words[subject - 1].text == "," else None
        related = clause.head if clause.deprel.startswith("acl") else before
        if related is not None and article.words[related].upos in SPEAKER_TAGS:
            return replace(mention_at(article, related), start=word.start, end=word.end, head=subject)
    named = _named_apposition(article, subject)
    return mention_at(article, named if named is not None else subject)


def _named_apposition(article: Article, subject: int) -> int | None:
    """The name in apposition to a description: "His deputy, Fire Chief Ana Ruiz, added" → Ana Ruiz."""
    if article.words[subject].upos in ("PROPN", "PRON"):  # a description (the tagger may call it ADJ)
        return None
    for child in article.children[subject]:
        word = article.words[child]
        if word.deprel == "appos" and child > subject and word.upos == "PROPN" and word.is_capitalized:
            return child
    return None


def _subject_before(article: Article, verb: int) -> int | None:
    """The noun right before a cue the parse left without a subject ("Wang, the official, said").

    An apposition set off by commas is stepped over: the speaker is the phrase before it.
    """
    first = article.sentence_of(verb)[0]
    i = verb - 1
    while i >= first and article.words[i].upos in SKIPPED_BEFORE_CUE and not _opens_with_name(article, i, first):
        i -= 1
    if i >= first and article.words[i].text == ",":
        opening = next((j for j in range(i - 1, first - 1, -1) if article.words[j].text == ","), None)
        if opening is None:
            return None
        # "His deputy, Fire Chief Ana Ruiz, added": a name set off after a description is the speaker
        if opening + 1 < i and all(is_name_word(w) for w in article.words[opening + 1:i]) \
                and not article.in_quote(article.words[opening + 1].start):
            return i - 1
        i = opening - 1
    if i < first or article.in_quote(article.words[i].start) or _is_time(article.words[i]):
        return None
    related = _relative_clause_head(article, i, first)
    if related is not None:
        return related
    return i if article.words[i].upos in SPEAKER_TAGS or _opens_with_name(article, i, first) else None


def _relative_clause_head(article: Article, last: int, first: int) -> int | None:
    """The noun a relative clause ending at word `last` relates to: "a White House official [who
    spoke anonymously to discuss internal strategy] said" — the official spoke, not the strategy."""
    word = article.words[last]
    for _ in range(ANCESTOR_STEPS):
        if word.head is None or not first <= word.head < last + 1:
            return None
        if word.deprel == "acl:relcl":
            return word.head if article.words[word.head].upos in SPEAKER_TAGS else None
        word = article.words[word.head]
    return None


def _opens_with_name(article: Article, i: int, first: int) -> bool:
    """"Jolly said": a surname the small tagger read as an adjective or adverb, opening the sentence."""
    return i == first and article.words[i].is_capitalized and article.words[i].upos in NAME_LIKE_TAGS


CREDIT_DASHES = frozenset("—–―-")
MAX_CREDIT_WORDS = 14


def _credit_line(article: Article, group: list[QuotedPiece]) -> Mention | None:
    """A credit line after a quote that has no cue: “...” Laura Chen, The Evening Ledger / “...” (new
    paragraph) — Mayor Ann Cole of Springfield, after the hearing. The name runs to the first comma."""
    last = group[-1]
    if last.close_mark is None:
        return None
    start, end = last.close_mark + 1, article.paragraphs[last.paragraph][1]
    if not article.text[start:end].strip():
        if last.paragraph + 1 >= len(article.paragraphs):
            return None
        start, end = article.paragraphs[last.paragraph + 1]
        if article.text[start:end].lstrip()[:1] not in CREDIT_DASHES:
            return None
    words = [i for i in article.words_between(start, end) if article.words[i].text not in CREDIT_DASHES]
    if not words or len(words) > MAX_CREDIT_WORDS or not is_name_word(article.words[words[0]]) \
            or any(article.words[i].upos in ("VERB", "AUX") or article.in_quote(article.words[i].start) for i in words):
        return None
    name = [i for i in words if i < next((j for j in words if article.words[j].text in (",", "(")), end)]
    name = name[:next((n for n, i in enumerate(name) if article.words[i].upos == "ADP"), len(name))]
    if not name or not all(is_name_word(article.words[i]) for i in name):
        return None
    return describe(article, name[0], name[-1] + 1, name[-1])


def _reporting_speaker(article: Article, cue: Cue, pronoun: Mention, group: list[QuotedPiece]) -> Mention:
    """The speaker who reports the cue's clause, when the cue's pronoun means them: "Tester said he voted
    against it because “they put some unnecessary stuff in that bill”" is Tester's, who says he did so
    (PolNeAR marks him). One who reports what another said keeps the other's words ("Sources said he
    said “…”": the pronoun cannot mean them)."""
    verb, word = article.words[cue.word], pronoun.head
    # the reporting cue, the pronoun and the cue, in this order, in one sentence (a capital "He" opens
    # another), before the quote ("“…,” he claimed" is the quote's own attribution)
    if verb.deprel not in COMPLEMENT_DEPRELS or verb.head is None or word is None \
            or not verb.head < word < cue.word or pronoun.start > group[0].open_mark or pronoun.name[:1].isupper() \
            or any(article.words[i].text in SENTENCE_END for i in range(verb.head, word)):
        return pronoun
    outer = next((c for c in article.cues if c.word == verb.head and not c.complement_only), None)
    subject = _subject(article, outer.word) if outer is not None else None
    if subject is None or subject > outer.word:
        return pronoun
    speaker = _subject_mention(article, subject)
    wanted, gender = lexicons.table(lexicons.PRONOUNS)[pronoun.name.lower()]
    if speaker.type == "pronoun" and speaker.name.lower() != pronoun.name.lower() \
            or speaker.type not in ANTECEDENT_TYPES[wanted] + ("unknown", "pronoun") \
            or speaker.type == "person" and first_name_gender(speaker.name) not in (None, gender):
        return pronoun
    return speaker


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


def opens_paragraph(article: Article, piece: QuotedPiece) -> bool:
    """Nothing but spaces stands before the piece's opening mark in its paragraph."""
    return not article.text[article.paragraphs[piece.paragraph][0]:piece.open_mark].strip()


def attribute(article: Article) -> list[Attribution]:
    """Quotations of the article with their cue and (unresolved) speaker mention, in text order.

    A quote that continues the one before it gets method "continued" and no mention of its own:
    speaker resolution gives it the previous quote's speaker.
    """
    found: list[Attribution] = []
    for group in group_pieces(article):
        kind = quote_kind(article, group)
        cue, method = find_cue(article, group, kind)
        if (cue is None or kind == "mixed" or _inside_noun_phrase(article, group[0])) \
                and is_name_not_quote(article, group):
            continue
        mention = None
        if cue is not None:
            mention, how = speaker_mention(article, cue, group)
            method = how if mention is not None else method
            if mention is not None and mention.type == "pronoun":
                mention = _reporting_speaker(article, cue, mention, group)
        elif kind == "direct" and (credit := _credit_line(article, group)) is not None:
            mention, method = credit, "credit"
        elif kind == "direct" and _continues_previous(article, group, found[-1] if found else None):
            cue, method = found[-1].cue, "continued"
        elif kind == "mixed":
            continue  # a quoted fragment nobody is said to have said: a scare quote
        found.append(Attribution(group, kind, cue, mention, method))
    return found
