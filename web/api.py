"""/v1 endpoints and health checks."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, json, request
from werkzeug.exceptions import RequestEntityTooLarge

import quotes
from schemas import QuoteRequestSchema, QuoteResultSchema, VersionSchema
from web.deadline import deadline_after
from web.errors import Problem

api = Blueprint("api", __name__)
health = Blueprint("health", __name__)

SERVICE_VERSION = "1.0.0"
result_schema = QuoteResultSchema()


def json_response(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def read_body() -> bytes:
    """The request body, 413 past MAX_CONTENT_LENGTH.

    Werkzeug refuses a Content-Length over the limit, but stops reading a chunked body (no
    Content-Length) at the limit without an error: a byte left after it means the body is too large.
    """
    body = request.get_data(cache=True)
    limit = request.max_content_length
    if limit is not None and len(body) >= limit and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return body


def read_document() -> dict:
    """The submitted article as `{"text", "id"}`, from a JSON or a text/plain body."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        try:
            body = json.loads(read_body())
        except ValueError:  # UnicodeDecodeError included
            raise Problem(400, "Bad Request", "The body is not valid JSON.") from None
        except RecursionError:  # how json gives up on deep nesting ([[[[...]]]])
            raise Problem(400, "Bad Request", "The JSON body is nested too deeply.") from None
        if not isinstance(body, dict):
            raise Problem(422, "Unprocessable Content", 'The body must be a JSON object: {"text": "..."}.')
        return body
    if mimetype == "text/plain":
        charset = request.mimetype_params.get("charset", "utf-8")
        try:
            text = read_body().decode(charset)
        except (UnicodeDecodeError, LookupError):  # LookupError: no such text encoding
            raise Problem(400, "Bad Request", f"The text/plain body is not valid {charset} text.") from None
        return {"text": text, "id": request.args.get("id")}
    raise Problem(415, "Unsupported Media Type",
                  f"Send application/json or text/plain, not {mimetype or 'a body without a content type'}.")


@api.post("/v1/quotes")
def extract_quotes():
    document = QuoteRequestSchema(max_chars=current_app.config["MAX_CHARS"]).load(read_document())
    with deadline_after(current_app.config["DEADLINE_SECONDS"]) as deadline:
        result = quotes.extract(document["text"], document["id"], deadline=deadline)
    return json_response(result_schema.dump(result))


@api.get("/v1/version")
def version():
    info = quotes.model_info()
    return json_response(VersionSchema().dump({"service": SERVICE_VERSION, **info}))


@health.get("/healthz")
def healthz():
    return json_response({"status": "ok"})


@health.get("/readyz")
def readyz():
    if not quotes.models_loaded():
        return json_response({"status": "loading"}, 503)
    return json_response({"status": "ready"})
