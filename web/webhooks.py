"""/v1/webhooks: endpoints told of events (Standard Webhooks 1.0), for keys with the `admin` scope.

The web layer only manages the endpoints: events go to the archive's outbox with what they report
(desk.webhooks), and the workers deliver them (backfill.webhooks), never the web request.
"""
from __future__ import annotations

from flask import Blueprint, Response

from desk import webhooks
from schemas.problems import problem
from schemas.webhooks import (
    DeliveryListSchema,
    NewWebhookSchema,
    WebhookListSchema,
    WebhookRequestSchema,
)
from web.api import json_response, read_json_request
from web.desk import archive, not_found
from web.errors import Problem
from web.security import requires_scope

webhooks_api = Blueprint("webhooks", __name__)


def database() -> str | None:
    return archive().database


@webhooks_api.post("/v1/webhooks")
@requires_scope("admin")
def create_webhook():
    """Subscribe an endpoint to events.
    ---
    post:
      summary: Subscribe a URL to events; the answer holds the signing secret, shown this once
      description: >-
        Each event is POSTed as `{"type", "timestamp", "data"}` with the `webhook-id`, `webhook-timestamp`
        and `webhook-signature` headers of Standard Webhooks 1.0, by the workers, from an outbox written with
        what it reports. A failed delivery is retried on QUOTES_WEBHOOK_RETRY_SCHEDULE with the same
        webhook-id; an endpoint failing the whole schedule is disabled.
      requestBody:
        required: true
        content: {application/json: {schema: WebhookRequestSchema}}
      responses:
        201: {description: subscribed, content: {application/json: {schema: NewWebhookSchema}}}
        400: {$ref: "#/components/responses/Problem"}
        401: {$ref: "#/components/responses/Problem"}
        415: {$ref: "#/components/responses/Problem"}
        422: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    request = WebhookRequestSchema().load(read_json_request("webhook"))
    refused = webhooks.refused_destination(request["url"])
    if refused:
        raise Problem(problem(422, f"url: {refused}", {"url": [refused]}))
    created = webhooks.create_webhook(database(), request["url"], request["events"])
    return json_response(NewWebhookSchema().dump(created), 201)


@webhooks_api.get("/v1/webhooks")
@requires_scope("admin")
def list_webhooks():
    """Subscribed endpoints.
    ---
    get:
      summary: Every subscribed endpoint, whether it is enabled, and why not
      responses:
        200: {description: the endpoints, content: {application/json: {schema: WebhookListSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    return json_response(WebhookListSchema().dump({"webhooks": webhooks.list_webhooks(database())}))


@webhooks_api.delete("/v1/webhooks/<webhook_id>")
@requires_scope("admin")
def delete_webhook(webhook_id: str):
    """Unsubscribe an endpoint.
    ---
    delete:
      summary: Unsubscribe an endpoint; its undelivered events go with it
      parameters: [{in: path, name: webhook_id, required: true, schema: {type: string}}]
      responses:
        204: {description: deleted}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    if not webhooks.delete_webhook(database(), webhook_id):
        raise not_found(f"webhook {webhook_id!r}")
    return Response(status=204)


@webhooks_api.get("/v1/webhooks/<webhook_id>/deliveries")
@requires_scope("admin")
def list_deliveries(webhook_id: str):
    """Delivery attempts of an endpoint.
    ---
    get:
      summary: Each delivery attempt to an endpoint, oldest first, with its time, status code and error
      parameters: [{in: path, name: webhook_id, required: true, schema: {type: string}}]
      responses:
        200: {description: the attempts, content: {application/json: {schema: DeliveryListSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    attempts = webhooks.deliveries(database(), webhook_id)
    if attempts is None:
        raise not_found(f"webhook {webhook_id!r}")
    return json_response(DeliveryListSchema().dump({"deliveries": attempts}))
