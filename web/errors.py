"""One error format everywhere: RFC 9457 problem details as application/problem+json.

No HTML error page and no traceback ever leaves the service: every HTTP error and every
unexpected exception goes through these handlers. The bodies come from schemas.problems.
"""
from __future__ import annotations

import logging
import math

from flask import Flask, Response, current_app, json, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

import quotes
from schemas.problems import invalid, problem, too_slow

log = logging.getLogger(__name__)


class Problem(Exception):
    """Raised to answer the request with this problem body (schemas.problems builds it)."""

    def __init__(self, body: dict):
        super().__init__(body["detail"])
        self.body = body


def problem_response(body: dict, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status=body["status"], mimetype="application/problem+json", headers=headers)


def register(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(error: Problem):
        return problem_response(error.body)

    @app.errorhandler(ValidationError)
    def _invalid(error: ValidationError):
        return problem_response(invalid(error))

    @app.errorhandler(quotes.DeadlineExceeded)
    def _too_slow(error: quotes.DeadlineExceeded):
        seconds = current_app.config["DEADLINE_SECONDS"]
        return problem_response(too_slow(seconds), headers={"Retry-After": str(math.ceil(seconds))})

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge):
        limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]  # /v1/jobs has its own
        return problem_response(problem(413, f"The request body is over the {limit}-byte limit."))

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        # keep what the exception says about the request (Allow of a 405), never its HTML content type
        headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
        return problem_response(problem(error.code or 500, error.description or error.name, title=error.name),
                                headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        log.exception("unhandled error")
        return problem_response(problem(500, "The server failed to process the request."))
