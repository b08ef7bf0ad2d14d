"""/v1 endpoints of the quote desk: the archive of articles, quote search, speakers and alerts.

The web layer validates, calls the engine (extraction) and the desk (storage, linking), and serialises.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, json, request
from sqlalchemy.exc import OperationalError

from desk.archive import Archive, BadCursor
from desk.intake import extract_and_store
from quotes.batch import extract_document
from schemas import jsonld
from schemas.desk import (
    AlertListSchema,
    AlertQuerySchema,
    ArticleListQuerySchema,
    ArticleListSchema,
    ArticleRequestSchema,
    ArticleResultSchema,
    SearchQuerySchema,
    SearchResultSchema,
    SpeakerDetailSchema,
    SpeakerListSchema,
    SpeakerQuerySchema,
)
from schemas.problems import archive_unavailable, problem
from web.api import json_response, read_json_request
from web.deadline import deadline_after
from web.errors import Problem, problem_response
from web.observability import count_words
from web.security import requires_scope

desk_api = Blueprint("desk", __name__)
article_schema = ArticleResultSchema()


@desk_api.errorhandler(BadCursor)
def _bad_cursor(error: BadCursor):
    return problem_response(problem(422, f"cursor: {error}", {"cursor": [str(error)]}))


@desk_api.errorhandler(OperationalError)
def _database_unavailable(error: OperationalError):
    current_app.logger.error("archive database error: %s", error)
    return problem_response(archive_unavailable(), headers={"Retry-After": "5"})


def archive() -> Archive:
    """The app's archive (Archive.init_app)."""
    return current_app.extensions["archive"]


def query(schema) -> dict:
    return schema.load(request.args.to_dict())


MAX_ROW_ID = 2**63 - 1  # the largest key a BIGINT (and SQLite's INTEGER) holds


def not_found(what: str) -> Problem:
    return Problem(problem(404, f"There is no {what}."))


@desk_api.post("/v1/articles")
@requires_scope("write")
def post_article():
    """Store an article.
    ---
    post:
      summary: Extract an article's quotes, store it, and link its quotes to the same statements in the archive
      description: >-
        `201` for a new id, `200` for an id already stored: the same text changes nothing, a new text
        replaces the stored version, its quotes and its links. Each quote carries its `copies` in other
        stored articles; `alerts` lists the altered copies this post found.
      requestBody:
        required: true
        content: {application/json: {schema: ArticleRequestSchema}}
      responses:
        200: {description: the id was stored already, content: {application/json: {schema: ArticleResultSchema}}}
        201: {description: a new article, content: {application/json: {schema: ArticleResultSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        413: {$ref: "#/components/responses/Problem"}
        415: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    document = ArticleRequestSchema(max_chars=current_app.config["MAX_CHARS"]).load(read_json_request("article"))
    [(_, stored)] = extract_and_store(archive(), [document], extract_within_deadline)
    if isinstance(stored, Exception):
        raise stored
    return json_response(article_schema.dump(stored.body), 201 if stored.created else 200)


def extract_within_deadline(documents: list[dict]) -> list[dict]:
    """The request's document extracted within the request's deadline (past it, quotes.DeadlineExceeded: a 503)."""
    with deadline_after(current_app.config["DEADLINE_SECONDS"]) as deadline:
        results = [extract_document(document, deadline) for document in documents]
    count_words([document["text"] for document in documents])
    return results


@desk_api.get("/v1/articles/<path:article_id>")
def get_article(article_id: str):
    """A stored article.
    ---
    get:
      summary: The stored result of an article, with its quotes' copies as they stand now
      parameters: [{in: path, name: article_id, required: true, schema: {type: string}}]
      responses:
      description: >-
        With `Accept: application/ld+json`, the article as schema.org JSON-LD: a `NewsArticle` whose
        quotations are `Quotation` items (`text`, `spokenByCharacter`: a `Person` with `jobTitle` and
        `affiliation`, or an `Organization`; the article as `isPartOf`), for a CMS to embed in its page.
      responses:
        200:
          description: the article
          content:
            application/json: {schema: ArticleResultSchema}
            application/ld+json: {schema: NewsArticleSchema}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    body = archive().get_article(article_id)
    if body is None:
        raise not_found(f"stored article {article_id!r}")
    if request.accept_mimetypes.best_match(["application/json", jsonld.MEDIA_TYPE]) == jsonld.MEDIA_TYPE:
        return Response(json.dumps(jsonld.news_article(body, request.base_url)), mimetype=jsonld.MEDIA_TYPE)
    return json_response(article_schema.dump(body))


@desk_api.delete("/v1/articles/<path:article_id>")
@requires_scope("write")
def delete_article(article_id: str):
    """Delete a stored article.
    ---
    delete:
      summary: Delete an article with its quotes and their links
      parameters: [{in: path, name: article_id, required: true, schema: {type: string}}]
      responses:
        204: {description: deleted}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    if not archive().delete_article(article_id):
        raise not_found(f"stored article {article_id!r}")
    return Response(status=204)


@desk_api.get("/v1/articles")
def list_articles():
    """Stored articles.
    ---
    get:
      summary: The stored articles, newest first, a page at a time
      parameters:
        - {in: query, name: source, schema: {type: string}}
        - {in: query, name: since, schema: {type: string, format: date-time}}
        - {in: query, name: cursor, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
      responses:
        200: {description: a page of articles, content: {application/json: {schema: ArticleListSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    args = query(ArticleListQuerySchema())
    page = archive().list_articles(args["source"], args["since"], args["cursor"], args["limit"])
    return json_response(ArticleListSchema().dump(page))


@desk_api.get("/v1/quotes/search")
def search_quotes():
    """Search the stored quotes.
    ---
    get:
      summary: Full-text search over the stored quotes, newest first, a page at a time
      parameters:
        - {in: query, name: q, schema: {type: string}, description: words the quote holds}
        - {in: query, name: speaker, schema: {type: string}, description: a speaker id or part of a name}
        - {in: query, name: since, schema: {type: string, format: date-time}}
        - {in: query, name: cursor, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
      responses:
        200: {description: a page of quotes, content: {application/json: {schema: SearchResultSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    args = query(SearchQuerySchema())
    page = archive().search_quotes(args["q"] or "", args["speaker"], args["since"], args["cursor"], args["limit"])
    return json_response(SearchResultSchema().dump(page))


@desk_api.get("/v1/speakers")
def list_speakers():
    """Speakers.
    ---
    get:
      summary: Speakers across the stored articles (one person in several articles is one speaker)
      parameters:
        - {in: query, name: q, schema: {type: string}, description: part of a name}
        - {in: query, name: cursor, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
      responses:
        200: {description: a page of speakers, content: {application/json: {schema: SpeakerListSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    args = query(SpeakerQuerySchema())
    return json_response(SpeakerListSchema().dump(archive().list_speakers(args["q"], args["cursor"], args["limit"])))


@desk_api.get("/v1/speakers/<int:speaker_id>")
def get_speaker(speaker_id: int):
    """One speaker.
    ---
    get:
      summary: A speaker's affiliations and roles, counts, and quotes (newest first, a page at a time)
      parameters:
        - {in: path, name: speaker_id, required: true, schema: {type: integer, minimum: 0, maximum: 9223372036854775807}}
        - {in: query, name: cursor, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
      responses:
        200: {description: the speaker, content: {application/json: {schema: SpeakerDetailSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    args = query(SpeakerQuerySchema(only=("cursor", "limit")))
    # an id past a 64-bit key is no speaker of any database (the drivers would refuse to send it)
    body = archive().get_speaker(speaker_id, args["cursor"], args["limit"]) if speaker_id <= MAX_ROW_ID else None
    if body is None:
        raise not_found(f"speaker {speaker_id}")
    return json_response(SpeakerDetailSchema().dump(body))


@desk_api.get("/v1/alerts")
def list_alerts():
    """Alarms.
    ---
    get:
      summary: Altered and misattributed quotes in the archive, newest first, a page at a time
      description: >-
        Each alert has a type (`altered`, `misattributed`) and the class of its most severe change. `style`,
        `cut` and `editorial` changes never raise an alert; `wording` and `meaning` ones are shown by default,
        `min_severity=minor` shows contractions, articles, fillers and inflections too.
      parameters:
        - {in: query, name: since, schema: {type: string, format: date-time}}
        - {in: query, name: min_severity, schema: {type: string, enum: [minor, wording, meaning], default: wording}}
        - {in: query, name: cursor, schema: {type: string}}
        - {in: query, name: limit, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
      responses:
        200: {description: a page of alerts, content: {application/json: {schema: AlertListSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    args = query(AlertQuerySchema())
    return json_response(AlertListSchema().dump(archive().list_alerts(args["since"], args["cursor"], args["limit"],
                                                                      args["min_severity"])))
