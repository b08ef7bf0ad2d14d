"""Many documents at once, where one bad document must not cost the others their results."""
from __future__ import annotations

import logging

from quotes.anchors import anchor
from quotes.embeds import with_posts
from quotes.pipeline import DeadlineExceeded, extract, extract_many

log = logging.getLogger(__name__)


def extract_each(texts: list[str], doc_ids: list | None = None,
                 deadline: float | None = None) -> list[dict | Exception]:
    """`extract_many`'s results in order, except that a document the engine fails on gets its exception in its
    slot. All documents go through Stanza together; only when that batch fails is each one retried alone,
    to find which failed."""
    if not texts:
        return []
    doc_ids = list(doc_ids) if doc_ids is not None else [None] * len(texts)
    try:
        return list(extract_many(texts, doc_ids, deadline))
    except DeadlineExceeded:
        raise
    except Exception:
        log.exception("a batch of %d documents failed; extracting them one by one", len(texts))
    results: list[dict | Exception] = []
    for text, doc_id in zip(texts, doc_ids):
        try:
            results.append(extract(text, doc_id, deadline))
        except DeadlineExceeded:
            raise
        except Exception as error:
            log.exception("document %r failed", doc_id)
            results.append(error)
    return results


def document_result(document: dict, result: dict | Exception) -> dict | Exception:
    """The engine's result for a document with the social posts its HTML embeds (read_html's `posts`), and
    every anchor (quotes.anchors; HTML offsets when the document has its `markup`)."""
    if isinstance(result, Exception):
        return result
    text = document["text"]
    return anchor(with_posts(result, text, document.get("posts") or []), text, document.get("markup"))


def extract_document(document: dict, deadline: float | None = None) -> dict:
    """The result of one document (a dict with "text", "id" and, from HTML, "posts" and "markup")."""
    return document_result(document, extract(document["text"], document["id"], deadline))


def extract_documents(slots: list, deadline: float | None = None) -> list:
    """For each slot holding a document (a dict with "text", "id" and, from HTML, "posts" and "markup"), its result or its
    exception; any other slot (a caller's record of an invalid document) comes back as it is. The documents go
    through together."""
    documents = [slot for slot in slots if isinstance(slot, dict)]
    texts, doc_ids = [document["text"] for document in documents], [document["id"] for document in documents]
    results = iter(extract_each(texts, doc_ids, deadline))
    return [document_result(slot, next(results)) if isinstance(slot, dict) else slot for slot in slots]
