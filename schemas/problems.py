"""Problem details (RFC 9457, application/problem+json): the one builder of every error body the service gives.

The web layer answers with them (web.errors), a batch puts one in the slot of a document that failed, a backfill
job keeps one per failed document (backfill.tasks) and `quotes backfill` reports them: the same failure reads the
same wherever it is reported.
"""
from __future__ import annotations

from http import HTTPStatus

from marshmallow import ValidationError

from schemas.quotes import describe, field_messages

TYPE = "about:blank"  # no problem types of our own: the status and its title say what happened
# RFC 9110's names where Python's http module still has the older ones
TITLES = {413: "Content Too Large", 422: "Unprocessable Content"}


def problem(status: int, detail: str, errors: dict | None = None, title: str | None = None) -> dict:
    """A problem body; the title is the status's name unless given; `errors`: messages per field (a 422)."""
    body = {"type": TYPE, "title": title or TITLES.get(status) or HTTPStatus(status).phrase, "status": status,
            "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def invalid(error: ValidationError) -> dict:
    """The 422 of a body or a document that failed its schema, with the messages per field."""
    return problem(422, describe(error), field_messages(error))


def engine_failed() -> dict:
    """A document the engine failed on, in a batch's slot or a job's failures (alone, it is a plain 500)."""
    return problem(500, "The engine failed on this document.")


def too_slow(seconds: float) -> dict:
    return problem(503, f"The text was not processed within the {seconds:g}-second limit; retry later, "
                        "or send less text.")


def archive_unavailable() -> dict:
    return problem(503, "The archive database is unavailable; retry later.")


def queue_unavailable() -> dict:
    return problem(503, "The job queue is unavailable; retry later.")
