"""Request and response bodies of the quote desk: /v1/articles, /v1/quotes/search, /v1/speakers, /v1/alerts."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from desk.alarms import ALERTING, CLASSES, DEFAULT_MIN_SEVERITY, MISATTRIBUTED
from schemas.quotes import (
    QuoteRequestSchema,
    QuoteResultSchema,
    QuoteSchema,
    SpanSchema,
)

PAGE_LIMIT = 100


class ArticleRequestSchema(QuoteRequestSchema):
    """`{"id", "text" | "html", "url"?, "source"?, "published"?}`: an article for the archive."""

    id = fields.String(required=True, validate=validate.Length(min=1, max=200),
                       metadata={"description": "the article's id in the CMS; posting it again replaces the "
                                                "stored version when the text changed"})
    url = fields.Url(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    source = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                           metadata={"description": "the outlet or feed, e.g. a wire service"})
    published = fields.AwareDateTime(load_default=None, allow_none=True, default_timezone=None,
                                     metadata={"description": "ISO 8601 with a time zone"})


class ChangeSchema(Schema):
    from_ = fields.String(data_key="from", attribute="from", allow_none=True, required=True,
                          metadata={"description": "the copy's words (null: the quote added words)"})
    to = fields.String(allow_none=True, required=True, metadata={"description": "this quote's words (null: cut)"})
    class_ = fields.String(data_key="class", attribute="class", validate=validate.OneOf(CLASSES),
                           metadata={"description": "style, cut, editorial, minor, wording or meaning"})


class CopySchema(Schema):
    """A quote of another stored article that is the same statement."""

    article_id = fields.String(required=True)
    quote_id = fields.String(required=True)
    text = fields.String(required=True)
    similarity = fields.Float(required=True, validate=validate.Range(0.0, 1.0))
    altered = fields.Boolean(required=True, metadata={"description": "the words inside the marks differ"})
    change_class = fields.String(allow_none=True, required=True, validate=validate.OneOf(CLASSES),
                                 metadata={"description": "the most severe change's class; null: the same words"})
    alert = fields.String(allow_none=True, required=True, validate=validate.OneOf((*ALERTING, MISATTRIBUTED)),
                          metadata={"description": "the alert the pair raises: minor, wording, meaning, "
                                                   "misattributed, or null"})
    changes = fields.List(fields.Nested(ChangeSchema), required=True,
                          metadata={"description": "word by word, from the copy's words to this quote's"})


class DeskQuoteSchema(QuoteSchema):
    copies = fields.List(fields.Nested(CopySchema), required=True)


class VersionRefSchema(Schema):
    article_id = fields.String(required=True)
    quote_id = fields.String(required=True)
    text = fields.String(required=True)
    spans = fields.List(fields.Nested(SpanSchema), required=True)
    speaker = fields.String(allow_none=True, required=True, metadata={"description": "as that article names them"})
    changed = fields.List(fields.Nested(SpanSchema), required=True,
                          metadata={"description": "where the changed words sit in `text`, one range per word"})


class AlertSchema(Schema):
    """An altered quote: the same statement with different words inside the marks in two articles."""

    id = fields.Integer(required=True)
    found_at = fields.String(required=True, metadata={"format": "date-time"})
    similarity = fields.Float(required=True)
    type = fields.String(required=True, validate=validate.OneOf(("altered", "misattributed")),
                         metadata={"description": "altered: words inside the marks changed; misattributed: the "
                                                  "same words credited to two different speakers"})
    class_ = fields.String(data_key="class", attribute="class", allow_none=True, required=True,
                           validate=validate.OneOf(CLASSES),
                           metadata={"description": "the most severe change's class: minor, wording or meaning "
                                                    "(a misattribution's words may agree: null)"})
    speaker = fields.String(allow_none=True, required=True)
    speaker_id = fields.Integer(allow_none=True, required=True)
    versions = fields.List(fields.Nested(VersionRefSchema), required=True,
                           metadata={"description": "the earlier stored version first"})
    changes = fields.List(fields.Nested(ChangeSchema), required=True,
                          metadata={"description": "from the first version's words to the second's"})


class ArticleResultSchema(QuoteResultSchema):
    quotes = fields.List(fields.Nested(DeskQuoteSchema), required=True)
    alerts = fields.List(fields.Nested(AlertSchema), required=True,
                         metadata={"description": "POST: the altered copies this article's quotes were found to "
                                                  "have; empty on GET"})


class ArticleSummarySchema(Schema):
    id = fields.String(required=True)
    url = fields.String(allow_none=True, required=True)
    source = fields.String(allow_none=True, required=True)
    published = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    stored_at = fields.String(required=True, metadata={"format": "date-time"})
    quote_count = fields.Integer(required=True)


class PageSchema(Schema):
    next_cursor = fields.String(allow_none=True, required=True,
                                metadata={"description": "pass as `cursor` for the next page; null on the last"})


class ArticleListSchema(PageSchema):
    articles = fields.List(fields.Nested(ArticleSummarySchema), required=True)


class QuoteHitSchema(Schema):
    article_id = fields.String(required=True)
    quote_id = fields.String(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True)
    spans = fields.List(fields.Nested(SpanSchema), required=True)
    speaker = fields.String(allow_none=True, required=True)
    speaker_id = fields.Integer(allow_none=True, required=True)
    affiliation = fields.String(allow_none=True, required=True)
    role = fields.String(allow_none=True, required=True)
    said_at = fields.String(required=True, metadata={"format": "date-time",
                                                     "description": "the article's publication, else when it was stored"})


class SearchResultSchema(PageSchema):
    quotes = fields.List(fields.Nested(QuoteHitSchema), required=True)


class SpeakerSummarySchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)
    affiliations = fields.List(fields.String(), required=True)
    roles = fields.List(fields.String(), required=True)
    article_count = fields.Integer(required=True)
    quote_count = fields.Integer(required=True)


class SpeakerListSchema(PageSchema):
    speakers = fields.List(fields.Nested(SpeakerSummarySchema), required=True)


class SpeakerDetailSchema(SpeakerSummarySchema, PageSchema):
    quotes = fields.List(fields.Nested(QuoteHitSchema), required=True)


class AlertListSchema(PageSchema):
    alerts = fields.List(fields.Nested(AlertSchema), required=True)


# ---- query strings ---------------------------------------------------------------------------------

class PageQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE  # a query string may carry what a client adds (cache busters): not an error

    cursor = fields.String(load_default=None, validate=validate.Length(max=500))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, PAGE_LIMIT))


class ArticleListQuerySchema(PageQuerySchema):
    source = fields.String(load_default=None, validate=validate.Length(max=200))
    since = fields.AwareDateTime(load_default=None, metadata={"description": "ISO 8601 with a time zone"})


class SearchQuerySchema(PageQuerySchema):
    q = fields.String(load_default=None, validate=validate.Length(max=500), metadata={"description": "words to find"})
    speaker = fields.String(load_default=None, validate=validate.Length(max=300),
                            metadata={"description": "a speaker id, or part of a speaker's name"})
    since = fields.AwareDateTime(load_default=None)


class SpeakerQuerySchema(PageQuerySchema):
    q = fields.String(load_default=None, validate=validate.Length(max=300), metadata={"description": "part of a name"})


class AlertQuerySchema(PageQuerySchema):
    since = fields.AwareDateTime(load_default=None)
    min_severity = fields.String(load_default=DEFAULT_MIN_SEVERITY, validate=validate.OneOf(ALERTING),
                                 metadata={"description": "the least severe class shown: minor, wording (default) "
                                                          "or meaning; misattributions are always shown"})
