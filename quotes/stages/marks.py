"""Stage: the quoted pieces of the raw text, from its quote marks (no NLP).

READS text; WRITES paragraphs, pieces.

Copy is sloppy: curly and straight marks mix, closing marks go missing, an opening mark is
typed where a closing one belongs, and news style leaves a quote open at the end of a paragraph
when the next paragraph reopens it. Single marks (‘ ’ ') are nested quotes or apostrophes
(don’t, China’s) and never open a quotation of their own.
"""
from __future__ import annotations

import re

from quotes.article import Article, QuotedPiece

READS = ("text",)
WRITES = ("paragraphs", "pieces")

OPENING_MARKS = frozenset("“„«")
CLOSING_MARKS = frozenset("”»")
STRAIGHT_MARK = '"'
ALL_MARKS = OPENING_MARKS | CLOSING_MARKS | {STRAIGHT_MARK}
# Typewriter pairs some wires and archives use for double marks: ``like this'' or ''like this''.
TWO_CHARACTER_MARKS = {"``": "“", "''": STRAIGHT_MARK}
# characters after which a mark opens rather than closes
OPENING_CONTEXT = frozenset(" \t\u00a0\u2009\u202f([{—–-/")
# characters after which a mistyped opening mark really closes
CLOSING_FOLLOWERS = frozenset(".,;:!?)]}—–-")
PARAGRAPH_BREAK = re.compile(r"\r?\n")
TRIMMED = " \t\u00a0\u2009\u202f\u200b\r\n,"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Char ranges of the non-empty lines of `text` (one paragraph per line)."""
    ranges, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if text[start:match.start()].strip():
            ranges.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return ranges


def _marks(text: str, start: int, end: int):
    """(offset, width, mark) of every double quote mark in text[start:end], typewriter pairs included."""
    i = start
    while i < end:
        pair = TWO_CHARACTER_MARKS.get(text[i:i + 2]) if i + 1 < end else None
        if pair:
            yield i, 2, pair
            i += 2
            continue
        if text[i] in ALL_MARKS:
            yield i, 1, text[i]
        i += 1


def _opens(text: str, i: int, width: int, mark: str, start: int, end: int, is_open: bool) -> bool | None:
    """Does the mark at `i` open (True), close (False), or mean nothing (None)?"""
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    left_flanking = (before in OPENING_CONTEXT or before.isspace()) and not after.isspace()
    if mark in OPENING_MARKS:
        if is_open and (after.isspace() or after in CLOSING_FOLLOWERS):
            return False  # an opening mark typed for a closing one
        return True
    if mark in CLOSING_MARKS:
        if is_open:
            return False
        return True if left_flanking else None  # a closing mark typed for an opening one
    if is_open:  # straight mark
        return False
    return True if not after.isspace() else None


def _piece(text: str, open_mark: int, width: int, close_mark: int | None, end: int,
           paragraph: int) -> QuotedPiece | None:
    start = open_mark + width
    while start < end and text[start] in TRIMMED:
        start += 1
    while end > start and text[end - 1] in TRIMMED:
        end -= 1
    if end <= start:
        return None
    return QuotedPiece(open_mark, close_mark, start, end, paragraph)


def scan_paragraph(text: str, start: int, end: int, paragraph: int) -> list[QuotedPiece]:
    """Quoted pieces of one paragraph; an unclosed quote runs to the paragraph's end.

    A piece's `close_mark` is the offset of the closing mark's last character.
    """
    pieces: list[QuotedPiece] = []
    open_at: tuple[int, int] | None = None  # offset and width of the open mark
    for i, width, mark in _marks(text, start, end):
        opens = _opens(text, i, width, mark, start, end, open_at is not None)
        if opens is None:
            continue
        if opens:
            if open_at is not None:  # reopened before closing: the first quote ends here
                pieces.append(_piece(text, *open_at, None, i, paragraph))
            open_at = (i, width)
        elif open_at is not None:
            pieces.append(_piece(text, *open_at, i + width - 1, i, paragraph))
            open_at = None
    if open_at is not None:
        pieces.append(_piece(text, *open_at, None, end, paragraph))
    return [piece for piece in pieces if piece is not None]


def _starts_with_quote(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (stripped[0] in OPENING_MARKS | {STRAIGHT_MARK} or stripped[:2] in TWO_CHARACTER_MARKS)


def scan(text: str, paragraph_ranges: list[tuple[int, int]]) -> list[QuotedPiece]:
    """All quoted pieces of the article, in order, with news-style continuations flagged."""
    pieces: list[QuotedPiece] = []
    for n, (start, end) in enumerate(paragraph_ranges):
        found = scan_paragraph(text, start, end, n)
        if found and found[-1].close_mark is None and n + 1 < len(paragraph_ranges):
            following = paragraph_ranges[n + 1]
            found[-1].continues = _starts_with_quote(text, *following)
        pieces.extend(found)
    return pieces


def run(article: Article, context) -> None:
    article.paragraphs = paragraphs(article.text)
    article.pieces = scan(article.text, article.paragraphs)
