"""How English news sets quotations around its own words: quote-mark tokens, what introduces a quote
(a comma or a colon), the punctuation a quote ends with, names and scare quotes announced by a word
("so-called"), and quotes that open their paragraph after one ending with a colon.
"""
from __future__ import annotations

from quotes.article import Article, QuotedPiece
from quotes.english import lexicons

SENTENCE_END = frozenset(".!?")

QUOTE_MARK_TOKENS = frozenset('“”"„«»')


def after_title_marker(article: Article, piece: QuotedPiece) -> bool:
    """A word that announces a name or a scare quote stands before the mark: so-called “guardrails”."""
    before = article.text[max(0, piece.open_mark - 30):piece.open_mark].lower().split()
    return bool(before) and before[-1].strip(",") in lexicons.words(lexicons.TITLE_QUOTE_MARKERS)


def closing_punctuation(article: Article, piece: QuotedPiece) -> str:
    """The punctuation mark the quoted words end with inside the closing mark ("“…,”" gives ","), or ""."""
    if piece.close_mark is None:
        return ""
    last = article.text[piece.start:piece.close_mark].rstrip(" '’\"”")[-1:]
    return last if not last.isalnum() else ""


def colon_paragraph_before(article: Article, piece: QuotedPiece) -> tuple[int, int] | None:
    """The paragraph before the piece's, when the piece opens its own and that one ends with a colon
    ("Helen Park, a hydrologist at the State Water Board, said:")."""
    if piece.paragraph == 0 or not opens_paragraph(article, piece):
        return None
    start, end = article.paragraphs[piece.paragraph - 1]
    return (start, end) if article.text[start:end].rstrip().endswith(":") else None


def opens_paragraph(article: Article, piece: QuotedPiece) -> bool:
    """Nothing but spaces stands before the piece's opening mark in its paragraph."""
    return not article.text[article.paragraphs[piece.paragraph][0]:piece.open_mark].strip()

CLOSING_QUOTES = ("”", '"', "''")

QUOTE_INTRODUCERS = frozenset({",", ":"})
