"""Which nouns end a person's role, learned from the silver roles of news-train.

The news sets give each quotation the speaker's role as the article states it ("principal
investigator", "planetary scientist", "project manager for RS-25 testing"). A role is modifiers and a
head noun, and what it is of or for: the head ("investigator", "scientist", "manager") is what
marks the words before a person's name, or an apposition after it, as their role. Every gold role
counts for its head (its last word before "for", "of", "at", a comma or "and"); a head kept is one
that heads roles in at least MIN_ARTICLES articles, so that one article's odd title does not become
a role word everywhere. Learned from news-train only (both styles of an article count once).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from training import corpus

NEWS_TRAIN = corpus.CORPUS / "news-train" / "gold.jsonl"
MIN_ARTICLES = 2
# What ends the head of a role: what the role is of or for, a second role, or a clause.
HEAD_END = re.compile(r"\s+(?:for|of|at|with|in|on|and|to)\s|,|\(")


def role_head(role: str) -> str | None:
    """The head noun of a role ("planetary scientist for Io" gives "scientist")."""
    words = HEAD_END.split(role.lower(), maxsplit=1)[0].split()
    return words[-1].strip(".’'") if words else None


def learn(path: Path = NEWS_TRAIN) -> list[tuple[str, int]]:
    """(head, articles) of every role head in at least MIN_ARTICLES articles, most common first."""
    articles: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        head = role_head(gold["role"]) if gold.get("role") else None
        if head and head.isalpha():
            articles[head].add(gold["doc"].removesuffix(".txt").removesuffix("-british"))
    return sorted(((head, len(docs)) for head, docs in articles.items() if len(docs) >= MIN_ARTICLES),
                  key=lambda entry: (-entry[1], entry[0]))


def write(entries: list[tuple[str, int]], path: Path) -> None:
    lines = ["# Learned by `./run train` (training/roles.py) from the roles of news-train: the nouns that head a",
             "# person's role, with the number of articles whose roles they head. Do not edit by hand."]
    lines += [f"{head}\t{n}" for head, n in entries]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
