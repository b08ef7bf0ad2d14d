"""marshmallow schemas for every request and response body of the API: the contract, in code."""
from schemas.quotes import (
    AffiliationSchema,
    BatchRequestSchema,
    BatchResultSchema,
    ContentSchema,
    CueSchema,
    DocumentErrorSchema,
    InvalidDocument,
    ProblemSchema,
    QuoteRequestSchema,
    QuoteResultSchema,
    QuoteSchema,
    SpanSchema,
    SpeakerEntrySchema,
    SpeakerSchema,
    VersionSchema,
)

__all__ = ["AffiliationSchema", "BatchRequestSchema", "BatchResultSchema", "ContentSchema", "CueSchema",
           "DocumentErrorSchema", "InvalidDocument", "ProblemSchema", "QuoteRequestSchema", "QuoteResultSchema",
           "QuoteSchema", "SpanSchema", "SpeakerEntrySchema", "SpeakerSchema", "VersionSchema"]
