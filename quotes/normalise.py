"""Text as Stanza should see it, character for character the same length as the submitted text.

Pasted copy carries NUL bytes, other control characters, byte-order marks, zero-width and
bidirectional marks, and (through JSON's \\ud800 escapes) lone surrogates. Stanza does not fail on
them, but glues them to the next word ("\\x00back", "\\ufeff“"), so the parse and the lemma
lookups see words that are not there. Replacing each such character with one character keeps every
Stanza offset an offset into the submitted text, and the engine slices quotes, speakers and cues
from that submitted text.
"""
from __future__ import annotations

import regex

# Controls other than tab and line breaks (NUL, ESC, DEL, C1 such as NEL) and format characters
# (zero-width space and joiners, BOM, soft hyphen, LRM/RLM, bidi embeddings and isolates, tags).
INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}--[\t\n\r]]", flags=regex.VERSION1)
# Halves of a UTF-16 pair on their own: no encoding can write them out.
LONE_SURROGATE = regex.compile(r"\p{Cs}")
REPLACEMENT_CHARACTER = "\ufffd"
# Longer than any English word or name.
MAX_RUN = 64
LONG_RUN = regex.compile(r"\S{%d,}" % (MAX_RUN + 1))


def normalise(text: str) -> str:
    """`text` with invisible characters and overlong runs as spaces, lone surrogates as U+FFFD: same length."""
    cleaned = LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, INVISIBLE.sub(" ", text))
    return LONG_RUN.sub(lambda run: " " * len(run.group()), cleaned)
