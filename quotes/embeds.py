"""Embedded social posts: a statement by the account that posted it, not a quotation of the text around it.

A CMS pastes a network's embed code into the story (`<blockquote class="twitter-tweet">` and the like).
Its words are the post; its byline names the account. Each becomes a record of kind `post` with that
account as speaker, and the engine's records inside the embed give way to it.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

# network: the class its embed code gives the blockquote
NETWORKS = {
    "twitter": "twitter-tweet",
    "instagram": "instagram-media",
    "bluesky": "bluesky-embed",
    "mastodon": "mastodon-embed",
    "threads": "text-post-media",
    "tiktok": "tiktok-embed",
}
# How each embed code names the account, tried in order: "— Jane Doe (@janedoe)" (X/Twitter, Bluesky),
# "A post shared by Jane Doe (@janedoe)" (Instagram), "Post by @jane@mastodon.social" (Mastodon).
BYLINES = (
    re.compile(r"[—–]\s*(?P<name>[^()\n—–]+?)\s*\(\s*@(?P<handle>[\w.@-]+)\s*\)"),
    re.compile(r"A post shared by\s+(?P<name>[^()\n]+?)\s*\(\s*@(?P<handle>[\w.]+)\s*\)"),
    re.compile(r"(?:Post|A post shared) by\s+@(?P<handle>[\w.@-]+)"),
)
# Lines of embed code that are the network's own words, not the post's
NETWORK_LINES = re.compile(r"^(View (this post|on) |Watch on |A post shared by |Post by @)", re.IGNORECASE)
POST_CONFIDENCE = 0.95  # the account is given by the embed's markup, not guessed from prose
BYLINE_REACH = 400  # characters after a post's words within which its byline is looked for


@dataclass
class Embed:
    """A social post as the markup gives it."""

    element: etree._Element
    network: str
    text: str
    byline: str  # the words naming the account, as the embed gives them
    account: str  # the display name, else the @handle


@dataclass
class Post:
    """A social post located in the article text: its words at start:end, its account at account_start:end."""

    network: str
    account: str
    start: int
    end: int
    account_start: int
    account_end: int
    block_end: int  # where the embed's text ends (its byline and date included)


def network(element: etree._Element) -> str | None:
    """The network whose embed code `element` is, if it is one."""
    if element.tag != "blockquote":
        return None
    classes = (element.get("class") or "").split()
    return next((name for name, css_class in NETWORKS.items() if css_class in classes), None)


def byline(text: str) -> tuple[str, str] | None:
    """(the byline, the account's name: its display name, else its @handle) of an embed's text."""
    for pattern in BYLINES:
        if match := pattern.search(text):
            return match[0], (match.groupdict().get("name") or f"@{match['handle']}").strip()
    return None


def find(document: etree._Element, element_text: Callable[[etree._Element], str]) -> list[Embed]:
    """The social posts embedded in `document`, in document order: those with words and a byline."""
    found = []
    for element in document.iter("blockquote"):
        name = network(element)
        if name is None:
            continue
        account = byline(element_text(element))
        paragraphs = [element_text(paragraph) for paragraph in element.iter("p")]
        words = [text for text in paragraphs if text and not NETWORK_LINES.match(text) and not byline(text)]
        if account and words:
            found.append(Embed(element, name, "\n\n".join(words), *account))
    return found


def simplify(found: list[Embed]) -> None:
    """Each embed as a plain blockquote of its words and byline: a page's main-content extractor keeps it as
    it keeps any blockquote of the story, whatever markup the network's embed code wraps it in."""
    for embed in found:
        plain = etree.Element("blockquote")
        for line in (*embed.text.split("\n\n"), embed.byline):
            etree.SubElement(plain, "p").text = line
        plain.tail = embed.element.tail
        embed.element.getparent().replace(embed.element, plain)


def locate(found: list[Embed], text: str) -> list[Post]:
    """The embeds whose words and account the article text holds (a page's main content may leave an embed
    out), in order; each searched after the one before."""
    posts, cursor = [], 0
    for embed in found:
        start = text.find(embed.text, cursor)
        if start < 0:
            continue
        end = start + len(embed.text)
        reach = text[end:end + BYLINE_REACH]
        account_at = reach.find(embed.account)
        if account_at < 0:
            continue
        account_start = end + account_at
        block_end = text.find("\n\n", account_start)
        posts.append(Post(embed.network, embed.account, start, end, account_start, account_start + len(embed.account),
                          len(text) if block_end < 0 else block_end))
        cursor = end
    return posts


def with_posts(result: dict, text: str, posts: list[Post]) -> dict:
    """The engine's result with each post as a record of kind `post`: the engine's records inside an embed
    give way, and the records are numbered again in text order."""
    if not posts:
        return result

    def inside_a_post(quote: dict) -> bool:
        return any(post.start <= span["start"] < post.block_end for post in posts for span in quote["spans"])

    kept = [quote for quote in result["quotes"] if not inside_a_post(quote)]
    speakers = {speaker["name"].lower(): {**speaker, "quote_ids": list(speaker["quote_ids"])}
                for speaker in result["speakers"]}
    records = [(quote, None) for quote in kept] + [(None, post) for post in posts]
    records.sort(key=lambda record: record[0]["spans"][0]["start"] if record[0] else record[1].start)
    renumbered = {quote["id"]: f"q{number + 1}" for number, (quote, _) in enumerate(records) if quote}
    for speaker in speakers.values():
        speaker["quote_ids"] = [renumbered[quote_id] for quote_id in speaker["quote_ids"] if quote_id in renumbered]
    quotes = []
    for number, (quote, post) in enumerate(records):
        quote_id = f"q{number + 1}"
        if quote is not None:
            quotes.append({**quote, "id": quote_id})
            continue
        mention = {"start": post.account_start, "end": post.account_end}
        speaker = speakers.setdefault(post.account.lower(), {
            "id": f"s{len(speakers) + 1}", "name": post.account, "named": True, "type": "unknown",
            "affiliation": None, "role": None, "mentions": [], "quote_ids": []})
        if mention not in speaker["mentions"]:
            speaker["mentions"].append(mention)
        speaker["quote_ids"].append(quote_id)
        quotes.append({
            "id": quote_id, "text": text[post.start:post.end], "spans": [{"start": post.start, "end": post.end}],
            "kind": "post",
            "speaker": {"id": speaker["id"], "name": speaker["name"], "named": speaker["named"],
                        "mention": text[post.account_start:post.account_end], **mention, "type": speaker["type"]},
            "affiliation": None, "role": None, "cue": None, "content": None, "confidence": POST_CONFIDENCE})
    for speaker in speakers.values():
        speaker["quote_ids"].sort(key=lambda quote_id: int(quote_id[1:]))
    return {**result, "quotes": quotes,
            "speakers": [speaker for speaker in speakers.values() if speaker["quote_ids"]]}
