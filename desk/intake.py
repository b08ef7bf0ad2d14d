"""Extract, then store: the one way an article enters the archive, for POST /v1/articles and the backfill workers.

A document the archive already holds with this very text is not extracted again; the others are extracted
together by the caller's `extract` (the web bounds one document by the request's deadline, a worker a batch by
its documents' deadlines) and each result is stored with its article. The engine itself stays outside the desk.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from desk.archive import Archive, Stored

# documents -> each one's engine result, or the exception the engine gave for it, in order
Extract = Callable[[list[dict]], list]


def extract_and_store(archive: Archive, documents: list[dict],
                      extract: Extract) -> Iterator[tuple[dict, Stored | Exception]]:
    """(document, what became of it) as each one is settled: held already (Stored, not created), stored, or the
    exception its extraction gave. A document: {"id", "text", "html", "url", "source", "published"}, as
    ArticleRequestSchema loads it; the held ones come first, before any extraction."""
    pending = []
    for document in documents:
        held = archive.find_unchanged(document["id"], document["text"])
        if held is None:
            pending.append(document)
        else:
            yield document, Stored(False, held)
    for document, result in zip(pending, extract(pending) if pending else []):
        if isinstance(result, Exception):
            yield document, result
        else:
            yield document, archive.store(document["id"], document["text"], result, from_html=document["html"],
                                          url=document["url"], source=document["source"],
                                          published=document["published"])
