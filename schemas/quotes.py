"""Request and response bodies of /v1/quotes (API contract v1)."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates

KINDS = ("direct", "mixed", "indirect")
SPEAKER_TYPES = ("person", "organization", "group", "unknown")


class QuoteRequestSchema(Schema):
    """`{"text": "...", "id": "optional client id"}`; the maximum length comes from the app config."""

    text = fields.String(required=True, metadata={"description": "the article, plain text"})
    id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200),
                       metadata={"description": "a client id, echoed in the result"})

    def __init__(self, *args, max_chars: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars

    @validates("text")
    def _text_has_words(self, value: str, **_) -> None:
        if not value.strip():
            raise ValidationError("text is empty.")
        if self.max_chars and len(value) > self.max_chars:
            raise ValidationError(f"text has {len(value)} characters; the limit is {self.max_chars}.")


class SpanSchema(Schema):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class ContentSchema(SpanSchema):
    text = fields.String(required=True)


class SpeakerSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "canonical name: the fullest form the article gives"})
    mention = fields.String(required=True, metadata={"description": "text at start:end, the mention nearest the quote"})
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
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
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    speaker = fields.Nested(SpeakerSchema, allow_none=True, required=True)
    affiliation = fields.Nested(AffiliationSchema, allow_none=True, required=True)
    role = fields.String(allow_none=True, required=True)
    cue = fields.Nested(CueSchema, allow_none=True, required=True)
    content = fields.Nested(ContentSchema, allow_none=True, load_default=None,
                            metadata={"description": "the reported clause of mixed and indirect speech"})
    confidence = fields.Float(required=True, validate=validate.Range(0.0, 1.0))


class SpeakerEntrySchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
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
