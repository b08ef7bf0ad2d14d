"""The article object that every engine stage reads and extends, and its value types.

The stages (quotes.stages, in the order quotes.pipeline.STAGES declares) each fill some fields of
one `Article`: the quoted pieces, the words, the cues, the attributions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

# The deprel of a word whose sentence was not parsed (see quotes.stages.parse).
UNPARSED = "_"
# Marks after which a word takes a capital whatever it is: “Understated ..., : Absent ...
CAPITALISING_MARKS = frozenset({"“", '"', "‘", "'", ":", "—", "–", "(", "["})
# A title-case heading: every word of four letters or more after the first is capitalised.
HEADING_WORD = re.compile(r"[^\W\d_][\w’'-]*")
MAX_HEADING_WORDS = 25


@dataclass(frozen=True)
class Word:
    """One syntactic word of the Stanza parse, with offsets into the submitted text."""

    index: int  # position in Article.words
    sentence: int
    text: str
    lemma: str
    upos: str
    xpos: str
    deprel: str
    head: int | None  # index into Article.words; None for the root
    start: int
    end: int
    ner: str = "O"
    feats: str = ""

    @property
    def is_parsed(self) -> bool:
        return self.deprel != UNPARSED

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class QuotedPiece:
    """The text between one opening and one closing quote mark (marks excluded)."""

    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when the copy never closed it
    start: int  # content start
    end: int  # content end
    paragraph: int
    continues: bool = False  # the quote goes on in the next paragraph (news style)


@dataclass(frozen=True)
class Cue:
    """A reporting cue: a speech verb ("said", "told"), or "according to"."""

    word: int  # index of the cue word
    lemma: str
    start: int
    end: int
    text: str
    complement_only: bool = False  # counts only when the content is its complement ("agreed that")


@dataclass
class Mention:
    """A noun phrase that names (or points to) a speaker."""

    start: int
    end: int
    head: int | None  # word index of the phrase head
    name: str  # the name as written, titles and honorifics stripped
    type: str  # person | organization | group | unknown | pronoun
    role: str | None = None
    affiliation: tuple[str, int, int] | None = None  # (name, start, end)


@dataclass
class Attribution:
    """One output record before serialisation: quoted pieces, cue, speaker mention."""

    pieces: list[QuotedPiece]
    kind: str  # direct | mixed | indirect
    cue: Cue | None = None
    mention: Mention | None = None
    method: str = "none"  # how the speaker was found: confidence comes from it
    content: tuple[int, int] | None = None  # char range of the reported clause (indirect and mixed)

    @property
    def start(self) -> int:
        return self.pieces[0].start if self.pieces else self.content[0]

    @property
    def content_spans(self) -> list[tuple[int, int]]:
        """What the record reports: the quoted pieces, or the clause of indirect speech."""
        return [(p.start, p.end) for p in self.pieces] if self.pieces else [self.content]


@dataclass
class Article:
    text: str
    words: list[Word] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # word index ranges [a, b)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # char ranges
    pieces: list[QuotedPiece] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    # The text as submitted. The marks stage resets `text` in double quotation marks when the article
    # sets its quotations in single ones (one character for one: offsets hold in both); records quote this.
    submitted_text: str = ""

    def __post_init__(self) -> None:
        self.submitted_text = self.submitted_text or self.text

    @cached_property
    def children(self) -> list[list[int]]:
        kids: list[list[int]] = [[] for _ in self.words]
        for word in self.words:
            if word.head is not None:
                kids[word.head].append(word.index)
        return kids

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    def word_at(self, offset: int) -> int | None:
        """Index of the word covering `offset`, or the next word after it."""
        i = bisect.bisect_right(self._word_starts, offset) - 1
        if i >= 0 and self.words[i].end > offset:
            return i
        return i + 1 if i + 1 < len(self.words) else None

    def words_between(self, start: int, end: int) -> range:
        """Indices of the words lying inside the char range [start, end)."""
        a = bisect.bisect_left(self._word_starts, start)
        b = bisect.bisect_left(self._word_starts, end)
        return range(a, b)

    @cached_property
    def _quoted_ranges(self) -> list[tuple[int, int]]:
        # marks included, so that the marks themselves count as inside
        return sorted((p.open_mark, (p.close_mark + 1) if p.close_mark is not None else p.end)
                      for p in self.pieces)

    def in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_ranges, (offset, float("inf"))) - 1
        return i >= 0 and self._quoted_ranges[i][0] <= offset < self._quoted_ranges[i][1]

    def paragraph_of(self, offset: int) -> int:
        starts = [a for a, _ in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def sentence_of(self, word: int) -> tuple[int, int]:
        return self.sentences[self.words[word].sentence]

    def opens_sentence(self, word: int) -> bool:
        """The word opens its sentence or follows an opening mark: it is capitalised whatever it is."""
        return word == self.sentence_of(word)[0] or self.words[word - 1].text in CAPITALISING_MARKS

    @cached_property
    def heading_end(self) -> int:
        """End offset of the article's title-case heading, its first paragraph ("Pence Endorses Paul
        Ryan With Trump’s Blessing."), or 0 when the article opens otherwise."""
        if not self.paragraphs:
            return 0
        start, end = self.paragraphs[0]
        words = HEADING_WORD.findall(self.text[start:end])
        long_words = [w for w in words[1:] if len(w) >= 4]
        title_case = len(long_words) >= 2 and all(w[:1].isupper() for w in long_words) \
            and not all(w.isupper() for w in long_words)
        return end if title_case and len(words) <= MAX_HEADING_WORDS else 0

    @cached_property
    def capitalized_mid_sentence(self) -> frozenset[str]:
        """Words (lower-cased) the article capitalises where nothing but the word calls for it: inside a
        sentence, outside the heading. Evidence that a word is a name ("Perez" but not "Understated")."""
        return frozenset(w.text.lower() for w in self.words
                         if w.is_capitalized and w.start >= self.heading_end and not self.opens_sentence(w.index))
