"""Anchors a CMS can use: offsets as JavaScript counts them, W3C Web Annotation selectors, and offsets into
the submitted HTML.

The engine's offsets count code points of the text it read. A browser counts UTF-16 code units (an emoji
or another astral character is two), and a CMS holds HTML, not the extracted text. `anchor` adds to a
result, without changing what the engine gave:

- `start_utf16`/`end_utf16` on every span (quote spans, speaker, affiliation, cue, content, mentions);
- `selectors` on every quote: a TextPositionSelector and a TextQuoteSelector (32 characters of context);
- for HTML input, `html_start`/`html_end` on every span: the text content of `html[html_start:html_end]`
  (tags dropped, entities decoded) is the span's text, whitespace as HTML collapses it.
"""
from __future__ import annotations

import html as entities
import re
from html.parser import HTMLParser
from itertools import accumulate

CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector
UNREAD = frozenset({"script", "style", "template", "noscript", "title"})  # markup whose text is never article text
ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
SEARCH_REACH = 5000  # how far past the last anchored word a word that moved is looked for


def utf16_offsets(text: str) -> list[int]:
    """For each code point offset 0..len(text), the UTF-16 offset (an astral character counts two)."""
    return [0, *accumulate(2 if ord(char) > 0xFFFF else 1 for char in text)]


class SourceCharacters(HTMLParser):
    """The decoded characters of an HTML string's text, each with the source range it comes from."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", markup))]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.unread_depth = 0
        self.feed(markup)
        self.close()

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        self.unread_depth += tag in UNREAD

    def handle_endtag(self, tag):
        if tag in UNREAD and self.unread_depth:
            self.unread_depth -= 1

    def add(self, decoded: str, start: int, end: int) -> None:
        if self.unread_depth:
            return
        for char in decoded:
            if not char.isspace():
                self.chars.append(char)
                self.starts.append(start)
                self.ends.append(end)

    def handle_data(self, data):
        start = self.position()
        for number, char in enumerate(data):
            self.add(char, start + number, start + number + 1)

    def handle_reference(self):
        start = self.position()
        match = ENTITY.match(self.markup, start)
        end = match.end() if match else start + 1
        self.add(entities.unescape(self.markup[start:end]), start, end)

    def handle_entityref(self, name):
        self.handle_reference()

    def handle_charref(self, name):
        self.handle_reference()


def source_map(markup: str, text: str) -> list[tuple[int, int] | None]:
    """For each character of `text` (extracted from `markup`), the range of `markup` it comes from; None for
    whitespace and for what cannot be found. Each line of the text is found whole after the line before; a line
    the extractor changed is found word by word."""
    source = SourceCharacters(markup)
    squashed = "".join(source.chars)
    found: list[tuple[int, int] | None] = [None] * len(text)
    cursor = 0

    def place(piece_start: int, piece: str, at: int) -> None:
        index = at
        for offset, char in enumerate(piece):
            if not char.isspace():
                found[piece_start + offset] = (source.starts[index], source.ends[index])
                index += 1

    for line in re.finditer(r"[^\n]+", text):
        key = "".join(line[0].split())
        at = squashed.find(key, cursor) if key else -1
        if at >= 0:
            place(line.start(), line[0], at)
            cursor = at + len(key)
            continue
        for word in re.finditer(r"\S+", line[0]):
            at = squashed.find(word[0], cursor, cursor + SEARCH_REACH + len(word[0]))
            if at >= 0:
                place(line.start() + word.start(), word[0], at)
                cursor = at + len(word[0])
    return found


class Anchors:
    """The offsets of one text (and its HTML source) in every unit a client may count in."""

    def __init__(self, text: str, markup: str | None = None):
        self.text = text
        self.utf16 = utf16_offsets(text)
        self.sources = source_map(markup, text) if markup is not None else None

    def html_range(self, start: int, end: int) -> tuple[int | None, int | None]:
        placed = [place for place in self.sources[start:end] if place is not None]
        return (placed[0][0], placed[-1][1]) if placed else (None, None)

    def span(self, span: dict | None) -> dict | None:
        """The span with its UTF-16 offsets, and for HTML input its HTML offsets."""
        if span is None:
            return None
        start, end = span["start"], span["end"]
        anchored = {**span, "start_utf16": self.utf16[start], "end_utf16": self.utf16[end]}
        if self.sources is not None:
            anchored["html_start"], anchored["html_end"] = self.html_range(start, end)
        return anchored

    def selectors(self, quote: dict) -> list[dict]:
        """W3C Web Annotation selectors of the quote as it stands in the text, first word to last."""
        start, end = quote["spans"][0]["start"], quote["spans"][-1]["end"]
        return [{"type": "TextPositionSelector", "start": start, "end": end},
                {"type": "TextQuoteSelector", "exact": self.text[start:end],
                 "prefix": self.text[max(0, start - CONTEXT):start], "suffix": self.text[end:end + CONTEXT]}]

    def quote(self, quote: dict) -> dict:
        return {**quote, "spans": [self.span(span) for span in quote["spans"]],
                **{part: self.span(quote.get(part)) for part in ("speaker", "affiliation", "cue", "content")},
                "selectors": self.selectors(quote)}

    def speaker(self, speaker: dict) -> dict:
        return {**speaker, "mentions": [self.span(mention) for mention in speaker["mentions"]]}


def anchor(result: dict, text: str, markup: str | None = None) -> dict:
    """`result` (the engine's, for `text`) with every anchor; `markup` is the HTML `text` was read from."""
    anchors = Anchors(text, markup)
    return {**result, "quotes": [anchors.quote(quote) for quote in result["quotes"]],
            "speakers": [anchors.speaker(speaker) for speaker in result["speakers"]]}
