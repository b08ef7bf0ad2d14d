"""One speaker across articles. Each article names its speakers in its own way: "Antony J. Blinken",
"Antony Blinken" and "Secretary of State Blinken" are one person; "Joe Biden" and "Hunter Biden" are two.

A person is matched by surname, then by given names: a given name (or initial) in common, or a side that has
none ("Blinken") joins the speaker of that surname. Titles and party labels before the name and what follows
it ("of New York") are no part of it; accents are no difference. Organisations and groups match by their whole
name.
"""
from __future__ import annotations

import unicodedata
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models import Quote, Speaker
from desk.words import normal_words
from quotes.english import lexicons


class Name(NamedTuple):
    key: str  # the unique key of a new speaker
    surname: str
    given: tuple[str, ...]  # a person's words before the surname ("donald", "j"); () for organisations


# words before a person's name that are no part of it ("Republican Donald Trump")
PARTY_WORDS = frozenset({"republican", "democrat", "democratic", "independent", "gop", "libertarian"})
# a person's name ends before these ("Obama on Climate", "Charles B. Rangel of New York")
NAME_ENDS = frozenset({"of", "on", "at", "for", "from", "in", "with", "and"})


def _folded(word: str) -> str:
    """A word without its accents: "josé" and "jose" are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def parse_name(name: str, kind: str) -> Name | None:
    words = [_folded(word) for word in normal_words(name)]
    if kind == "person":
        titles = lexicons.words(lexicons.HONORIFICS) | {word for phrase in lexicons.phrases(lexicons.TITLES)
                                                        for word in phrase} | {"of", "state"} | PARTY_WORDS
        while len(words) > 1 and words[0] in titles:
            words = words[1:]
        ends = [index for index, word in enumerate(words) if index > 0 and word in NAME_ENDS]
        words = words[:ends[0]] if ends else words
        if not words:
            return None
        return Name(f"person:{' '.join(words)}", words[-1], tuple(words[:-1]))
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return None
    return Name(f"{kind}:{' '.join(words)}", words[-1], ())


def _given_agrees(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """A side without a given name agrees with any; otherwise they share a given name, or its initial."""
    if not first or not second:
        return True

    def alike(a: str, b: str) -> bool:
        return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])

    return any(alike(a, b) for a in first for b in second)


def resolve(session: Session, name: str, kind: str) -> Speaker | None:
    """The desk speaker of a name as an article gives it, created when new (inside the caller's transaction)."""
    parsed = parse_name(name, kind)
    if parsed is None:
        return None
    with session.no_autoflush:  # the caller's pending rows are flushed with the rest of its transaction
        return _resolve(session, name, kind, parsed)


def _resolve(session: Session, name: str, kind: str, parsed: Name) -> Speaker:
    if kind != "person":
        found = session.scalar(select(Speaker).where(Speaker.key == parsed.key))
    else:
        same_surname = session.scalars(select(Speaker).where(Speaker.surname == parsed.surname,
                                                             Speaker.type == "person")).all()
        agreeing = [speaker for speaker in same_surname
                    if _given_agrees(parse_name(speaker.name, "person").given, parsed.given)]
        if not parsed.given and len(agreeing) > 1:
            # "Mr. Biden" with two Bidens in the archive: the one quoted most
            counts = {speaker.id: session.query(Quote).filter(Quote.speaker_id == speaker.id).count()
                      for speaker in agreeing}
            agreeing.sort(key=lambda speaker: -counts[speaker.id])
        found = agreeing[0] if agreeing else None
    if found is None:
        found = Speaker(name=name, key=parsed.key, surname=parsed.surname, type=kind)
        session.add(found)
        session.flush()
    elif len(parsed.key) > len(parse_name(found.name, kind).key):
        found.name = name  # the fullest form seen names the speaker ("Antony J. Blinken", not "Blinken")
    return found
