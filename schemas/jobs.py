"""Request and response bodies of /v1/jobs: backfills of many articles into the desk, run by the workers."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from schemas.desk import ArticleRequestSchema
from schemas.quotes import BatchRequestSchema, DocumentField, ProblemSchema

JOB_STATES = ("queued", "running", "cancelling", "done", "cancelled")


class JobRequestSchema(BatchRequestSchema):
    """`{"documents": [{"id", "text" | "html", "url"?, "source"?, "published"?}, ...]}`, each as POST /v1/articles
    takes it; the limits come from the app config. An invalid document fails alone (InvalidDocument)."""

    documents = fields.List(DocumentField(ArticleRequestSchema), required=True,
                            metadata={"description": "one to the configured maximum (QUOTES_MAX_JOB_DOCS)"})
    document_schema = ArticleRequestSchema
    unit = "job"


class JobFailureSchema(Schema):
    index = fields.Integer(required=True, metadata={"description": "the document's place in the job, from 0"})
    id = fields.String(allow_none=True, required=True)
    problem = fields.Nested(ProblemSchema, required=True,
                            metadata={"description": "what POST /v1/articles would have answered for it"})


class JobSchema(Schema):
    id = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(JOB_STATES),
                          metadata={"description": "done: every document is stored or failed"})
    total = fields.Integer(required=True)
    queued = fields.Integer(required=True, metadata={"description": "documents not yet stored, failed or cancelled"})
    done = fields.Integer(required=True, metadata={"description": "documents stored in the desk"})
    failed = fields.Integer(required=True)
    cancelled = fields.Integer(required=True)
    created = fields.String(required=True, metadata={"format": "date-time"})
    started = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    finished = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    failures = fields.List(fields.Nested(JobFailureSchema), required=True)
