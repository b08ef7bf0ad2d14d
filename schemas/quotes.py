"""Request and response bodies of /v1/quotes (API contract v1)."""
from __future__ import annotations

from typing import NamedTuple

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from quotes.html_text import read_html

KINDS = ("direct", "mixed", "indirect", "post")
SPEAKER_TYPES = ("person", "organization", "group", "unknown")
NAMED = ("false for an unnamed source, which the article describes but does not name "
         "(\"top U.S. officials\", \"a State Department spokesman\"): `name` is then that description")


def field_messages(error: ValidationError) -> dict:
    """The messages of a failed load per field ("_schema" for the body as a whole)."""
    return error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}


def describe(error: ValidationError) -> str:
    """One line for people: "field: message; field: message"."""
    return "; ".join(f"{field}: {' '.join(map(str, problems))}" for field, problems in field_messages(error).items())


def check_article_text(text: str, max_chars: int | None, source: str = "text") -> None:
    """An article must have words and fit the configured length."""
    if not text.strip():
        raise ValidationError(f"{source} is empty." if source == "text" else f"{source} has no article text.")
    if max_chars and len(text) > max_chars:
        raise ValidationError(f"{source} has {len(text)} characters of text; the limit is {max_chars}.")


class QuoteRequestSchema(Schema):
    """`{"text": "..."}` or `{"html": "..."}`, with an optional client `id`; the maximum length comes from the
    app config. After loading, `text` is the article text (extracted from `html`), `html` says which it was,
    `posts` lists the social posts embedded in the HTML and `markup` is the HTML itself."""

    text = fields.String(metadata={"description": "the article, plain text"})
    html = fields.String(metadata={"description": "the article as HTML: a whole web page (with `<html>` or "
                                                  "`<body>`), whose main content is extracted, or a CMS body, "
                                                  "whose every paragraph is kept (pull quotes, captions and asides "
                                                  "dropped); the text is returned as `text` and indexed by every "
                                                  "offset, and an embedded social post is a quote of kind `post`"})
    id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                       metadata={"description": "a client id, echoed in the result"})

    def __init__(self, *args, max_chars: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars

    @validates("text")
    def _text_has_words(self, value: str, **_) -> None:
        check_article_text(value, self.max_chars)

    @validates_schema(skip_on_field_errors=True)
    def _text_or_html(self, data: dict, **_) -> None:
        if "text" in data and "html" in data:
            raise ValidationError('Send "text" or "html", not both.', "_schema")
        if "text" not in data and "html" not in data:
            raise ValidationError('Missing data for required field (or send "html").', "text")

    @post_load
    def _article_text(self, data: dict, **_) -> dict:
        if "html" in data:
            article = read_html(data["html"])
            try:
                check_article_text(article.text, self.max_chars, source="html")
            except ValidationError as error:
                raise ValidationError(error.messages, "html") from None
            return {**{key: value for key, value in data.items() if key != "html"}, "text": article.text, "html": True,
                    "posts": article.posts, "markup": data["html"]}
        return {**data, "html": False, "posts": [], "markup": None}


UTF16 = "in UTF-16 code units, as JavaScript's String.prototype.slice and DOM ranges count"
HTML_OFFSET = ("HTML input only: an offset into the submitted HTML (code points) such that the text content of "
               "html[html_start:html_end] (tags dropped, entities decoded) is the span's text; null where the "
               "extracted text cannot be traced back to the HTML")


class SpanSchema(Schema):
    """The offsets of a span in every unit a client counts in: `start`/`end` are code points of the text."""

    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(metadata={"description": f"`start` {UTF16}"})
    end_utf16 = fields.Integer(metadata={"description": f"`end` {UTF16}"})
    html_start = fields.Integer(allow_none=True, metadata={"description": HTML_OFFSET})
    html_end = fields.Integer(allow_none=True, metadata={"description": HTML_OFFSET})


class SelectorSchema(Schema):
    """A W3C Web Annotation selector (https://www.w3.org/TR/annotation-model/#selectors)."""

    type = fields.String(required=True, validate=validate.OneOf(("TextPositionSelector", "TextQuoteSelector")))
    start = fields.Integer(metadata={"description": "TextPositionSelector: code points"})
    end = fields.Integer(metadata={"description": "TextPositionSelector: code points"})
    exact = fields.String(metadata={"description": "TextQuoteSelector: the quote's words as the text gives them"})
    prefix = fields.String(metadata={"description": "TextQuoteSelector: up to 32 characters before"})
    suffix = fields.String(metadata={"description": "TextQuoteSelector: up to 32 characters after"})


class ContentSchema(SpanSchema):
    text = fields.String(required=True)


class SpeakerSchema(SpanSchema):
    id = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "canonical name: the fullest form the article gives"})
    named = fields.Boolean(required=True, metadata={"description": NAMED})
    mention = fields.String(required=True, metadata={"description": "text at start:end, the mention nearest the quote"})
    type = fields.String(required=True, validate=validate.OneOf(SPEAKER_TYPES))


class AffiliationSchema(SpanSchema):
    name = fields.String(required=True)


class CueSchema(SpanSchema):
    text = fields.String(required=True)
    lemma = fields.String(required=True)


class QuoteSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "quoted words; pieces of a split quote joined by a space"})
    spans = fields.List(fields.Nested(SpanSchema), required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS),
                         metadata={"description": "`post`: a social post embedded in HTML input, by its account"})
    speaker = fields.Nested(SpeakerSchema, allow_none=True, required=True)
    affiliation = fields.Nested(AffiliationSchema, allow_none=True, required=True)
    role = fields.String(allow_none=True, required=True)
    cue = fields.Nested(CueSchema, allow_none=True, required=True)
    content = fields.Nested(ContentSchema, allow_none=True, load_default=None,
                            metadata={"description": "the reported clause of mixed and indirect speech"})
    confidence = fields.Float(required=True, validate=validate.Range(0.0, 1.0))
    selectors = fields.List(fields.Nested(SelectorSchema),
                            metadata={"description": "W3C Web Annotation selectors of the quote from its first word "
                                                     "to its last: a TextPositionSelector and a TextQuoteSelector"})


class SpeakerEntrySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    named = fields.Boolean(required=True, metadata={"description": NAMED})
    type = fields.String(required=True, validate=validate.OneOf(SPEAKER_TYPES))
    affiliation = fields.String(allow_none=True, required=True)
    role = fields.String(allow_none=True, required=True)
    mentions = fields.List(fields.Nested(SpanSchema), required=True)
    quote_ids = fields.List(fields.String(), required=True)


class MetaSchema(Schema):
    models = fields.Dict(required=True)
    elapsed_ms = fields.Float(required=True)


class QuoteResultSchema(Schema):
    id = fields.String(allow_none=True, required=True)
    text = fields.String(metadata={"description": "HTML input only: the article text extracted from it, "
                                                  "which every offset indexes"})
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerEntrySchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)


class VersionSchema(Schema):
    service = fields.String(required=True)
    stanza = fields.String(required=True)
    packages = fields.Dict(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(metadata={"description": "field errors of a 422"})


class DocumentField(fields.Nested):
    """One document of a batch. An invalid one loads as an InvalidDocument in its slot instead of failing the
    whole batch, so the valid ones still get their results."""

    def _deserialize(self, value, attr, data, partial=None, **kwargs):
        try:
            return super()._deserialize(value, attr, data, partial=partial, **kwargs)
        except ValidationError as error:
            client_id = value.get("id") if isinstance(value, dict) else None
            return InvalidDocument(client_id if isinstance(client_id, str) else None, error)


class InvalidDocument(NamedTuple):
    id: str | None
    error: ValidationError


class BatchRequestSchema(Schema):
    """`{"documents": [{"id", "text"} or {"id", "html"}, ...]}`; the limits come from the app config."""

    documents = fields.List(DocumentField(QuoteRequestSchema), required=True,
                            metadata={"description": "one to the configured maximum (QUOTES_MAX_BATCH_DOCS)"})
    document_schema = QuoteRequestSchema  # of each document (a subclass may take other documents)
    unit = "batch"  # what the documents' limit is per

    def __init__(self, *args, max_docs: int | None = None, max_chars: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_docs = max_docs
        self.fields["documents"].inner.nested = self.document_schema(max_chars=max_chars)

    @pre_load
    def _document_count(self, data, **_):
        """Before any document is loaded: an oversized batch costs no HTML parsing."""
        documents = data.get("documents") if isinstance(data, dict) else None
        if isinstance(documents, list) and not documents:
            raise ValidationError("documents is empty.", "documents")
        if isinstance(documents, list) and self.max_docs and len(documents) > self.max_docs:
            raise ValidationError(f"{len(documents)} documents; the limit is {self.max_docs} per {self.unit}.", "documents")
        return data


class DocumentErrorSchema(Schema):
    """The slot of a document that failed: its id and the problem, as the single endpoint would report it."""

    id = fields.String(allow_none=True, required=True)
    error = fields.Nested(ProblemSchema, required=True)


class BatchResultSchema(Schema):
    # one of two schemas per slot: marshmallow has no such field, so the OpenAPI says it by name
    results = fields.List(fields.Raw(metadata={"oneOf": [{"$ref": "#/components/schemas/QuoteResult"},
                                                         {"$ref": "#/components/schemas/DocumentError"}]}),
                          required=True, metadata={"description": "one per document, in order: its result, or "
                                                                  "`{id, error}` for a document that failed"})
