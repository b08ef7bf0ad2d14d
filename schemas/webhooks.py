"""Request and response bodies of /v1/webhooks (Standard Webhooks 1.0 endpoints)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

EVENTS = ("alert.created", "article.stored", "job.finished")


class WebhookRequestSchema(Schema):
    url = fields.Url(required=True, schemes={"http", "https"}, require_tld=False, validate=validate.Length(max=2000),
                     metadata={"description": "where to POST the events; a host that resolves to a loopback, "
                                              "private or link-local address is refused (422) unless "
                                              "QUOTES_WEBHOOK_ALLOW_PRIVATE=1"})
    events = fields.List(fields.String(validate=validate.OneOf(EVENTS)), required=True,
                         validate=validate.Length(min=1, max=len(EVENTS)))


class WebhookSchema(Schema):
    id = fields.String(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(validate=validate.OneOf(EVENTS)), required=True)
    created_at = fields.String(required=True, metadata={"format": "date-time"})
    enabled = fields.Boolean(required=True, metadata={"description": "false once the endpoint failed a whole "
                                                                     "retry schedule (QUOTES_WEBHOOK_RETRY_SCHEDULE)"})
    disabled_at = fields.String(allow_none=True, required=True, metadata={"format": "date-time"})
    disabled_reason = fields.String(allow_none=True, required=True)


class NewWebhookSchema(WebhookSchema):
    secret = fields.String(required=True, metadata={"description": "the signing secret (`whsec_…`), shown only "
                                                                   "in this response"})


class WebhookListSchema(Schema):
    webhooks = fields.List(fields.Nested(WebhookSchema), required=True)


class DeliverySchema(Schema):
    at = fields.String(required=True, metadata={"format": "date-time"})
    message_id = fields.String(required=True, metadata={"description": "the webhook-id header: the same on retries"})
    event = fields.String(required=True, validate=validate.OneOf(EVENTS))
    status_code = fields.Integer(allow_none=True, required=True, metadata={"description": "null: no answer"})
    error = fields.String(allow_none=True, required=True,
                          metadata={"description": "why no answer came (connection error, timeout)"})


class DeliveryListSchema(Schema):
    deliveries = fields.List(fields.Nested(DeliverySchema), required=True, metadata={"description": "oldest first"})
