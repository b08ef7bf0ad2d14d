"""/v1 endpoints and health checks."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, json, request
from werkzeug.exceptions import RequestEntityTooLarge

import quotes
from quotes.batch import extract_document, extract_documents
from schemas import (
    BatchRequestSchema,
    DocumentErrorSchema,
    InvalidDocument,
    QuoteRequestSchema,
    QuoteResultSchema,
    VersionSchema,
)
from schemas.problems import engine_failed, invalid, problem
from web.deadline import deadline_after
from web.errors import Problem
from web.observability import count_words
from web.security import requires_scope

api = Blueprint("api", __name__)
health = Blueprint("health", __name__)

SERVICE_VERSION = "1.0.0"
result_schema = QuoteResultSchema()
TEXT_BODIES = {"text/plain": "text", "text/html": "html"}  # a body of this type is the article's field


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


def read_json_object() -> dict:
    try:
        body = json.loads(read_body())
    except ValueError:  # UnicodeDecodeError included
        raise Problem(problem(400, "The body is not valid JSON.")) from None
    except RecursionError:  # how json gives up on deep nesting ([[[[...]]]])
        raise Problem(problem(400, "The JSON body is nested too deeply.")) from None
    if not isinstance(body, dict):
        raise Problem(problem(422, "The body must be a JSON object."))
    return body


def read_json_request(what: str) -> dict:
    """The JSON object of a request that takes JSON only (415 otherwise); `what` names it in the problem."""
    if request.mimetype != "application/json":
        raise Problem(problem(415, f"Send the {what} as application/json."))
    return read_json_object()


def read_text_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        return read_body().decode(charset)
    except (UnicodeDecodeError, LookupError):  # LookupError: no such text encoding
        raise Problem(problem(400, f"The {request.mimetype} body is not valid {charset} text.")) from None


def read_document() -> dict:
    """The submitted article as `{"text"|"html", "id"}`, from a JSON, text/plain or text/html body."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        return read_json_object()
    if mimetype in TEXT_BODIES:
        return {TEXT_BODIES[mimetype]: read_text_body(), "id": request.args.get("id")}
    raise Problem(problem(415, "Send application/json or text/plain (or text/html), "
                               f"not {mimetype or 'a body without a content type'}."))


def serialise(document: dict, result: dict) -> dict:
    """The response body of one document: an HTML input also gets the text its offsets index."""
    return result_schema.dump({**result, "text": document["text"]} if document["html"] else result)


@api.post("/v1/quotes")
@requires_scope("extract")
def extract_quotes():
    """Quotes of one article.
    ---
    post:
      summary: Quotes, speakers and affiliations of one article
      description: >-
        A JSON body `{"text"}` or `{"html"}` (with an optional `id`), or a `text/plain` or `text/html`
        body with the id in the query. For HTML, the response's `text` is the extracted article text and
        every offset indexes it; otherwise offsets index the submitted text.
      parameters:
        - {in: query, name: id, schema: {type: string}, description: the client id of a text/plain or text/html body}
      requestBody:
        required: true
        content:
          application/json: {schema: QuoteRequestSchema}
          text/plain: {schema: {type: string}}
          text/html: {schema: {type: string}}
      responses:
        200: {description: the quotes, content: {application/json: {schema: QuoteResultSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        413: {$ref: "#/components/responses/Problem"}
        415: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    document = QuoteRequestSchema(max_chars=current_app.config["MAX_CHARS"]).load(read_document())
    with deadline_after(current_app.config["DEADLINE_SECONDS"]) as deadline:
        result = extract_document(document, deadline)
    count_words([document["text"]])
    return json_response(serialise(document, result))


@api.post("/v1/quotes/batch")
@requires_scope("extract")
def extract_batch():
    """Quotes of several articles, processed together.
    ---
    post:
      summary: Quotes of up to QUOTES_MAX_BATCH_DOCS articles, one result per document in order
      description: >-
        Each document is validated on its own; an invalid or failing document gets `{"id", "error"}` (a
        problem) in its slot and the others still get their results.
      requestBody:
        required: true
        content: {application/json: {schema: BatchRequestSchema}}
      responses:
        200: {description: one slot per document, content: {application/json: {schema: BatchResultSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        413: {$ref: "#/components/responses/Problem"}
        415: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    config = current_app.config
    request_schema = BatchRequestSchema(max_docs=config["MAX_BATCH_DOCS"], max_chars=config["MAX_CHARS"])
    documents = request_schema.load(read_json_request("batch"))["documents"]
    with deadline_after(config["DEADLINE_SECONDS"]) as deadline:
        results = extract_documents(documents, deadline)
    return json_response({"results": [batch_slot(document, result) for document, result in zip(documents, results)]})


def batch_slot(document: dict | InvalidDocument, result: dict | Exception | InvalidDocument) -> dict:
    """The response slot of one batch document: its result, or `{"id", "error"}`."""
    if isinstance(document, InvalidDocument):
        return error_slot(document.id, invalid(document.error))
    if isinstance(result, Exception):
        return error_slot(document["id"], engine_failed())
    count_words([document["text"]])
    return serialise(document, result)


def error_slot(document_id: str | None, problem_body: dict) -> dict:
    return DocumentErrorSchema().dump({"id": document_id, "error": problem_body})


@api.get("/v1/version")
def version():
    """Versions.
    ---
    get:
      summary: Service version, Stanza version and the model packages loaded
      responses:
        200: {description: versions, content: {application/json: {schema: VersionSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    info = quotes.model_info()
    return json_response(VersionSchema().dump({"service": SERVICE_VERSION, **info}))


@health.get("/healthz")
def healthz():
    """Liveness.
    ---
    get:
      summary: The process is alive
      responses:
        200:
          description: alive
          content: {application/json: {schema: {type: object, properties: {status: {type: string, enum: [ok]}}}}}
    """
    return json_response({"status": "ok"})


@health.get("/readyz")
def readyz():
    """Readiness.
    ---
    get:
      summary: The models are loaded (503 until then)
      responses:
        200:
          description: ready
          content: {application/json: {schema: {type: object, properties: {status: {type: string, enum: [ready]}}}}}
        503:
          description: still loading the models
          content: {application/json: {schema: {type: object, properties: {status: {type: string, enum: [loading]}}}}}
    """
    if not quotes.models_loaded():
        return json_response({"status": "loading"}, 503)
    return json_response({"status": "ready"})
