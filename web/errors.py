"""One error format everywhere: RFC 9457 problem details as application/problem+json.

No HTML error page and no traceback ever leaves the service: every HTTP error and every
unexpected exception goes through these handlers.
"""
from __future__ import annotations

import logging
import math

from flask import Flask, Response, current_app, json, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

import quotes
from schemas.quotes import describe, field_messages

PROBLEM_TYPE = "about:blank"
log = logging.getLogger(__name__)


class Problem(Exception):
    """An error the API reports with a status, a title and a human-readable detail."""

    def __init__(self, status: int, title: str, detail: str, errors: dict | None = None):
        super().__init__(detail)
        self.status, self.title, self.detail, self.errors = status, title, detail, errors

    @classmethod
    def invalid(cls, error: ValidationError) -> Problem:
        """The 422 of a body that failed its schema, with the messages per field."""
        return cls(422, "Unprocessable Content", describe(error), field_messages(error))

    def body(self) -> dict:
        body = {"type": PROBLEM_TYPE, "title": self.title, "status": self.status, "detail": self.detail}
        if self.errors:
            body["errors"] = self.errors
        return body


def problem_response(status: int, title: str, detail: str, errors: dict | None = None,
                     headers: dict | None = None) -> Response:
    body = Problem(status, title, detail, errors).body()
    return Response(json.dumps(body), status=status, mimetype="application/problem+json", headers=headers)


def register(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(error: Problem):
        return problem_response(error.status, error.title, error.detail, error.errors)

    @app.errorhandler(ValidationError)
    def _invalid(error: ValidationError):
        return _problem(Problem.invalid(error))

    @app.errorhandler(quotes.DeadlineExceeded)
    def _too_slow(error: quotes.DeadlineExceeded):
        seconds = current_app.config["DEADLINE_SECONDS"]
        return problem_response(
            503, "Service Unavailable",
            f"The text was not processed within the {seconds:g}-second limit; retry later, or send less text.",
            headers={"Retry-After": str(math.ceil(seconds))})

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge):
        limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]  # /v1/jobs has its own
        return problem_response(413, "Content Too Large", f"The request body is over the {limit}-byte limit.")

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        # keep what the exception says about the request (Allow of a 405), never its HTML content type
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return problem_response(error.code or 500, error.name, error.description or error.name, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error")
        return problem_response(500, "Internal Server Error", "The server failed to process the request.")
