"""The JSON-ready result of an analysed article: quote records and one entry per speaker."""
from __future__ import annotations

from quotes.article import Article, Attribution, Mention
from quotes.speaker.people import is_named

# How much to trust a speaker by the way it was found.
CONFIDENCE = {"parse": 0.9, "subject": 0.9, "inverted": 0.85, "between": 0.85, "according": 0.85, "before": 0.75,
              "nearby": 0.7, "continued": 0.75, "credit": 0.8, "none": 0.3}
KIND_FACTOR = {"direct": 1.0, "mixed": 0.9, "indirect": 0.8}


def _speaker_key(mention: Mention) -> tuple[str, str]:
    return mention.type, mention.name.lower()


def _quote_text(article: Article, attribution: Attribution) -> str:
    return " ".join(article.submitted_text[a:b] for a, b in attribution.content_spans)


def _confidence(attribution: Attribution) -> float:
    method = attribution.method if attribution.mention is not None else "none"
    return round(CONFIDENCE.get(method, 0.5) * KIND_FACTOR[attribution.kind], 2)


def build(article: Article, doc_id: str | None, meta: dict) -> dict:
    """The v1 result for one article."""
    speakers: dict[tuple[str, str], dict] = {}
    quotes = []
    for number, attribution in enumerate(article.attributions):
        quote_id = f"q{number + 1}"
        mention, cue = attribution.mention, attribution.cue
        speaker = None
        if mention is not None:
            entry = speakers.setdefault(_speaker_key(mention), {
                "id": f"s{len(speakers) + 1}", "name": mention.name, "named": is_named(mention), "type": mention.type,
                "affiliation": mention.affiliation[0] if mention.affiliation else None,
                "role": mention.role, "mentions": [], "quote_ids": []})
            if {"start": mention.start, "end": mention.end} not in entry["mentions"]:
                entry["mentions"].append({"start": mention.start, "end": mention.end})
            entry["quote_ids"].append(quote_id)
            speaker = {"id": entry["id"], "name": mention.name, "named": entry["named"],
                       "mention": article.submitted_text[mention.start:mention.end],
                       "start": mention.start, "end": mention.end, "type": mention.type}
        affiliation = mention.affiliation if mention is not None else None
        quotes.append({
            "id": quote_id,
            "text": _quote_text(article, attribution),
            "spans": [{"start": a, "end": b} for a, b in attribution.content_spans],
            "kind": attribution.kind,
            "speaker": speaker,
            "affiliation": {"name": affiliation[0], "start": affiliation[1], "end": affiliation[2]}
            if affiliation else None,
            "role": mention.role if mention is not None else None,
            "cue": {"text": cue.text, "lemma": cue.lemma, "start": cue.start, "end": cue.end} if cue else None,
            "content": {"start": attribution.content[0], "end": attribution.content[1],
                        "text": article.submitted_text[attribution.content[0]:attribution.content[1]]}
            if attribution.content else None,
            "confidence": _confidence(attribution),
        })
    return {"id": doc_id, "quotes": quotes, "speakers": list(speakers.values()), "meta": meta}
