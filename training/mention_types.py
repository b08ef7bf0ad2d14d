"""Mention types learned from GUM: the head noun of every typed mention, counted by entity type.

GUM types every mention (named or not) as person, organization, place, time, abstract, ...; the
head of a mention is its word whose syntactic head lies outside the mention. A common noun that
heads person mentions ("spokesman", "lawyer") names a person; in the plural ("analysts",
"officials") a group of people; "agency", "committee" an organisation; "city", "morning" never
a speaker. The table keeps nouns seen often enough with one clear type.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

# GUM's entity types folded to what a speaker can be; everything else is "other".
SPEAKER_TYPES = {"person": "person", "organization": "organization", "place": "place"}
MIN_COUNT = 2
MIN_SHARE = 0.6
_ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*\)|\((\d+)-([a-z]+)[^()]*|(\d+)\)")


def _sentences(path: Path):
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():  # skip multi-word token ranges and empty nodes
                rows.append(cols)
    if rows:
        yield rows


def entity_spans(rows: list[list[str]]):
    """(first, last, etype, entity id) token positions of every mention of one sentence."""
    open_at: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, cols in enumerate(rows):
        misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
        for match in _ENTITY.finditer(misc.get("Entity", "")):
            if match.group(1):
                yield i, i, match.group(2), match.group(1)
            elif match.group(3):
                open_at[match.group(3)].append((i, match.group(4)))
            elif open_at.get(match.group(5)):
                start, etype = open_at[match.group(5)].pop()
                yield start, i, etype, match.group(5)


def _mentions(rows: list[list[str]]):
    """(first, last, etype) token positions of every mention of one sentence."""
    for first, last, etype, _ in entity_spans(rows):
        yield first, last, etype


def _head(rows: list[list[str]], first: int, last: int) -> int:
    inside = range(first + 1, last + 2)  # CoNLL-U ids
    heads = [i for i in range(first, last + 1) if int(rows[i][6]) not in inside]
    return heads[0] if heads else last


def count_heads(directory: Path) -> dict[str, Counter]:
    """lemma → Counter of speaker types over the common-noun heads of GUM's mentions."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for path in sorted(directory.glob("*.conllu")):
        for rows in _sentences(path):
            for first, last, etype in _mentions(rows):
                head = rows[_head(rows, first, last)]
                if head[3] != "NOUN":
                    continue
                kind = SPEAKER_TYPES.get(etype, "other")
                if kind == "person" and "Number=Plur" in head[5]:
                    kind = "group"
                counts[head[2].lower()][kind] += 1
    return counts


def learn(directory: Path) -> list[tuple[str, str, int, float]]:
    """(lemma, type, count, share) for every noun with a clear type, sorted by lemma."""
    table = []
    for lemma, kinds in count_heads(directory).items():
        total = sum(kinds.values())
        # a person noun in the plural is a group, in the singular a person: one type "person or group"
        people = kinds["person"] + kinds["group"]
        kind, count = ("person", people) if people >= max(kinds.values()) else kinds.most_common(1)[0]
        share = count / total
        if total >= MIN_COUNT and share >= MIN_SHARE:
            table.append((lemma, kind, total, round(share, 2)))
    return sorted(table)


def write(table, path: Path) -> None:
    lines = ["# Learned by `./run train` (training/mention_types.py) from the GUM corpus (Zeldes 2017),",
             "# train split: the type of the mentions each common noun heads. lemma type count share",
             "# person nouns in the plural are groups of people."]
    lines += [f"{lemma}\t{kind}\t{count}\t{share}" for lemma, kind, count, share in table]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
