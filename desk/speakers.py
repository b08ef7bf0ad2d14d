"""One speaker across articles. Each article names its speakers in its own way: "Antony J. Blinken",
"Antony Blinken" and "Secretary of State Blinken" are one person; "Joe Biden" and "Hunter Biden" are two.

A person is matched by surname, then by given name: the same given name (or initial), or a side that
has none ("Blinken") joins the speaker of that surname. Organisations and groups match by their whole name.
"""
from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models import Quote, Speaker
from desk.words import normal_words
from quotes.english import lexicons


class Name(NamedTuple):
    key: str  # the unique key of a new speaker
    surname: str
    given: str | None  # a person's first given name; None for one without, and for organisations


def parse_name(name: str, kind: str) -> Name | None:
    words = normal_words(name)
    if kind == "person":
        titles = lexicons.words(lexicons.HONORIFICS) | {word for phrase in lexicons.phrases(lexicons.TITLES)
                                                        for word in phrase} | {"of", "state"}
        while len(words) > 1 and words[0] in titles:
            words = words[1:]
        if not words:
            return None
        given = words[0] if len(words) > 1 else None
        return Name(f"person:{' '.join(words)}", words[-1], given)
    if words and words[0] == "the":
        words = words[1:]
    if not words:
        return None
    return Name(f"{kind}:{' '.join(words)}", words[-1], None)


def _given_agrees(first: str | None, second: str | None) -> bool:
    if first is None or second is None:
        return True
    return first == second or (min(len(first), len(second)) == 1 and first[0] == second[0])


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
        if parsed.given is None and len(agreeing) > 1:
            # "Mr. Biden" with two Bidens in the archive: the one quoted most
            counts = {speaker.id: session.query(Quote).filter(Quote.speaker_id == speaker.id).count()
                      for speaker in agreeing}
            agreeing.sort(key=lambda speaker: -counts[speaker.id])
        found = agreeing[0] if agreeing else None
    if found is None:
        found = Speaker(name=name, key=parsed.key, surname=parsed.surname, type=kind)
        session.add(found)
        session.flush()
    elif len(name) > len(found.name) and parse_name(found.name, kind).given in (None, parsed.given):
        found.name = name  # the fullest form seen names the speaker
    return found
