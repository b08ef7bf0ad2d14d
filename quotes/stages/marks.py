"""Stage: the quoted pieces of the raw text, from its quote marks (no NLP).

READS text; WRITES text (in double quotation marks), paragraphs, pieces.

Copy is sloppy: curly and straight marks mix, closing marks go missing, an opening mark is
typed where a closing one belongs, and news style leaves a quote open at the end of a paragraph
when the next paragraph reopens it.

House styles: most of the English-speaking press sets quotations in single marks (‘…’ or '…') and
quotes inside them in double marks; the rest the other way round. Which style an article uses is
read from the article: the style whose marks give more quotations that stand outside the other
style's quotations. In the single style, a single mark is a quotation mark or an apostrophe (it’s,
the Joneses’ house, rock ’n’ roll, ’90s, O’Brien): a logistic regression over the characters around
the mark decides (learned from the news-train articles set in both styles and from PolNeAR train
reset in single marks; `./run train`, quotes/models/single_marks.json). Such an article's `text` is
reset one character for one in double marks (`as_double_style`; `submitted_text` keeps it as it
came), so every later stage reads one style and every offset stays the same; in double style,
single marks are nested quotes or apostrophes and never open a quotation of their own.
"""
from __future__ import annotations

import re

from quotes import learned
from quotes.article import Article, QuotedPiece
from quotes.english import lexicons

READS = ("text",)
WRITES = ("text", "paragraphs", "pieces")

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


# ---- house style: single quotation marks ---------------------------------------------------
SINGLE_MARKS = frozenset("‘’'")
TWO_APOSTROPHES = "''"  # a quote closed by two apostrophes: ‘We won,'' she said.
AS_DOUBLE = {"‘": "“", "’": "”", "'": STRAIGHT_MARK, STRAIGHT_MARK: STRAIGHT_MARK}
AS_SINGLE = {"“": "‘", "”": "’", STRAIGHT_MARK: "'"}

CLOSE_FLOOR = 0.1  # the least likely mark that may still close an open quotation
DECADE = re.compile(r"\d\ds\b")
# the kinds of character around a mark the model reads
CHARACTER_KINDS = (("space", str.isspace), ("lower", str.islower), ("upper", str.isupper), ("digit", str.isdigit),
                   ("stop", ".,;:!?".__contains__), ("dash", "—–-/".__contains__), ("open", "([{".__contains__),
                   ("close", ")]}".__contains__), ("double", "“”\"„«»".__contains__),
                   ("single", SINGLE_MARKS.__contains__))


def _kind(character: str) -> str:
    return next((name for name, test in CHARACTER_KINDS if test(character)), "other")


def single_marks(text: str, start: int, end: int):
    """(offset, width) of every single mark in text[start:end]; two apostrophes are one (closing) mark."""
    i = start
    while i < end:
        if text[i] in SINGLE_MARKS:
            width = 2 if text[i:i + 2] == TWO_APOSTROPHES and i + 1 < end else 1
            yield i, width
            i += width
        else:
            i += 1


def _word_after(text: str, i: int) -> str:
    match = re.match(r"[^\W\d_]+", text[i:i + 12])
    return match.group(0).lower() if match else ""


def _word_before(text: str, i: int) -> str:
    match = re.search(r"[^\W\d_]+$", text[max(0, i - 12):i])
    return match.group(0).lower() if match else ""


def is_elision(text: str, i: int, width: int) -> bool:
    """The mark stands for dropped letters: 'n' (both marks), 'em, 'til, '90s."""
    after, before = _word_after(text, i + width), _word_before(text, i)
    elisions = lexicons.words(lexicons.ELISIONS)
    return (width == 1 and (after in elisions and not text[i + 1 + len(after):i + 2 + len(after)].isalpha()
                            or DECADE.match(text, i + 1) is not None
                            or before == "n" and _kind(text[i - 2:i - 1] or " ") in ("space", "single")))


def single_mark_features(text: str, i: int, width: int) -> dict[str, float]:
    """What the single-mark model reads about the mark at `i`: its glyph, the kinds of the characters
    on either side (and the next ones out), a short word after it ('s, 't, 're), an 's' before it."""
    glyph = "pair" if width == 2 else {"‘": "left", "’": "right", "'": "straight"}[text[i]]
    before, after = _kind(text[i - 1] if i > 0 else " "), _kind(text[i + width] if i + width < len(text) else " ")
    before2 = _kind(text[i - 2] if i > 1 else " ")
    after2 = _kind(text[i + width + 1] if i + width + 1 < len(text) else " ")
    word = _word_after(text, i + width)
    features = {f"glyph={glyph}": 1.0, f"before={before}": 1.0, f"after={after}": 1.0,
                f"around={before}_{after}": 1.0, f"glyph_around={glyph}_{before}_{after}": 1.0,
                f"wide_before={before2}_{before}": 1.0, f"wide_after={after}_{after2}": 1.0,
                f"glyph_before={glyph}_{before}": 1.0, f"glyph_after={glyph}_{after}": 1.0}
    if 0 < len(word) <= 3 and before in ("lower", "upper"):
        features[f"clitic={word}"] = 1.0
    if before == "lower" and text[i - 1] == "s":
        features[f"plural_possessive_then={after}"] = 1.0
    return features


def quote_mark_probability(model: learned.LinearModel, text: str, i: int, width: int) -> float:
    """How likely the single mark at `i` is a quotation mark (an elision never is)."""
    return 0.0 if is_elision(text, i, width) else model.probability(single_mark_features(text, i, width))


def _left_flanking(text: str, i: int, width: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    return (before in OPENING_CONTEXT or before.isspace() or before in AS_SINGLE) and not after.isspace()


def scan_single_paragraph(text: str, start: int, end: int, paragraph: int,
                          model: learned.LinearModel) -> list[QuotedPiece]:
    """Quoted pieces of one paragraph set in single marks; an unclosed quote runs to the paragraph's end.

    A quote opens at a mark the model takes for a quotation mark with a word right after it; it closes at
    the likeliest quotation mark before the next one that opens, so that a plural possessive inside it
    (‘the Joneses’ house was empty,’ she said) gives way to the real closing mark, and a quoted word
    before one (the ‘brownouts’ required a redesign) still closes. Copy that mixes the styles in one
    quotation ("Our study shows…,’ he added) has straight double marks that open a quotation where none
    is open, and close one when no nested quotation of double marks is left open inside it.
    """
    found = [(i, width, quote_mark_probability(model, text, i, width)) for i, width in single_marks(text, start, end)]
    found += [(i, 1, model.threshold) for i in range(start, end) if text[i] == STRAIGHT_MARK]
    found.sort()
    flanking = [_left_flanking(text, i, width, start, end) for i, width, _ in found]
    reopens = [text[i] != STRAIGHT_MARK and width == 1 and p >= model.threshold and left
               for (i, width, p), left in zip(found, flanking)]
    pieces: list[QuotedPiece] = []
    n = 0
    while n < len(found):
        if not (reopens[n] or flanking[n] and text[found[n][0]] == STRAIGHT_MARK):
            n += 1
            continue
        open_at, open_width, _ = found[n]
        following = next((m for m in range(n + 1, len(found)) if reopens[m]), len(found))
        closing = max((m for m in range(n + 1, following) if _may_close(text, found, flanking, n, m)),
                      key=lambda m: found[m][2], default=None)
        if closing is not None and found[closing][2] >= CLOSE_FLOOR:
            i, width, _ = found[closing]
            pieces.append(_piece(text, open_at, open_width, i + width - 1, i, paragraph))
            n = closing + 1
        else:
            stop = found[following][0] if following < len(found) else end
            pieces.append(_piece(text, open_at, open_width, None, stop, paragraph))
            n = following
    return [piece for piece in pieces if piece is not None]


def _may_close(text: str, found: list[tuple[int, int, float]], flanking: list[bool], opened: int, m: int) -> bool:
    """Mark `m` may close the quotation opened at mark `opened`: a single mark, or a straight double mark
    that opens nothing and leaves no nested quotation of double marks open."""
    if text[found[m][0]] != STRAIGHT_MARK:
        return True
    nested = sum(text[found[k][0]] == STRAIGHT_MARK for k in range(opened + 1, m))
    return not flanking[m] and nested % 2 == 0


def scan_single(text: str, paragraph_ranges: list[tuple[int, int]]) -> list[QuotedPiece]:
    """The quoted pieces of an article read as set in single marks (none without the model)."""
    model = learned.load(learned.SINGLE_MARKS)
    if model is None:
        return []
    return [piece for n, (start, end) in enumerate(paragraph_ranges)
            for piece in scan_single_paragraph(text, start, end, n, model)]


def _outermost(pieces: list[QuotedPiece], others: list[QuotedPiece]) -> list[QuotedPiece]:
    """The pieces that lie inside none of `others`."""
    return [p for p in pieces if not any(o.open_mark < p.open_mark and p.end <= o.end for o in others)]


def _opens_single(text: str, paragraph_ranges: list[tuple[int, int]]) -> bool:
    """Some single mark stands where a quotation may open (most double-style copy has none: no model run)."""
    return any(width == 1 and _left_flanking(text, i, width, start, end)
               for start, end in paragraph_ranges for i, width in single_marks(text, start, end))


def _single_style_pieces(text: str, paragraph_ranges: list[tuple[int, int]],
                         double: list[QuotedPiece]) -> list[QuotedPiece] | None:
    """The article's quotations read in single marks when it sets them so, else None: when those opened by
    a single mark outnumber the double-mark quotations, outermost each (a straight double mark the
    single reading lets open a quote is no evidence for single marks)."""
    if not _opens_single(text, paragraph_ranges):
        return None
    single = scan_single(text, paragraph_ranges)
    opened_single = [piece for piece in single if text[piece.open_mark] in SINGLE_MARKS]
    return single if len(_outermost(opened_single, double)) > len(_outermost(double, opened_single)) else None


def _reset(text: str, single: list[QuotedPiece]) -> str:
    """`text` with the marks of its quotations `single` set as double marks and the double marks inside
    them as single ones, one character for one (an offset means the same character in both)."""
    characters = list(text)
    for piece in single:
        characters[piece.open_mark] = AS_DOUBLE[text[piece.open_mark]]
        inner_end = piece.end if piece.close_mark is None else piece.close_mark
        for i in range(piece.start, inner_end):
            characters[i] = AS_SINGLE.get(text[i], text[i])
        if piece.close_mark is not None and text[piece.close_mark - 1:piece.close_mark + 1] != TWO_APOSTROPHES:
            characters[piece.close_mark] = AS_DOUBLE[text[piece.close_mark]]
    return "".join(characters)


def house_style(text: str, paragraph_ranges: list[tuple[int, int]]) -> str:
    """"single" when the article's quotations are set in single marks, else "double"."""
    single = _single_style_pieces(text, paragraph_ranges, scan(text, paragraph_ranges))
    return "double" if single is None else "single"


def as_double_style(text: str) -> str:
    """The article as the later stages read it: one set in single marks reset in double marks, one
    character for one; any other article as it is."""
    paragraph_ranges = paragraphs(text)
    single = _single_style_pieces(text, paragraph_ranges, scan(text, paragraph_ranges))
    return text if single is None else _reset(text, single)


def run(article: Article, context) -> None:
    article.paragraphs = paragraphs(article.text)
    article.pieces = scan(article.text, article.paragraphs)
    single = _single_style_pieces(article.text, article.paragraphs, article.pieces)
    if single is not None:
        article.text = _reset(article.text, single)
        article.pieces = scan(article.text, article.paragraphs)
