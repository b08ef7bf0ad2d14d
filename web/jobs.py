"""/v1/jobs: backfills of many articles into the desk, run by the Celery workers (backfill).

The web layer validates the documents, queues them, and reads the job's state; the workers extract and store.
"""
from __future__ import annotations

import redis
from flask import Blueprint, current_app, request
from kombu.exceptions import OperationalError as BrokerError

from backfill import state
from backfill.tasks import submit
from desk import webhooks
from schemas.jobs import JobRequestSchema, JobSchema
from schemas.problems import invalid, problem, queue_unavailable
from schemas.quotes import InvalidDocument
from web.api import json_response, read_json_request
from web.errors import Problem, problem_response
from web.security import requires_scope

jobs_api = Blueprint("jobs", __name__)
job_schema = JobSchema()


@jobs_api.errorhandler(redis.RedisError)
@jobs_api.errorhandler(BrokerError)
def _queue_unavailable(error: Exception):
    current_app.logger.error("job queue error: %s", error)
    return problem_response(queue_unavailable(), headers={"Retry-After": "5"})


def broker() -> str | None:
    return current_app.config.get("BROKER_URL") or None


def job_or_404(job_id: str) -> dict:
    body = state.status(state.connect(broker()), job_id)
    if body is None:
        raise Problem(problem(404, f"There is no job {job_id!r}."))
    return body


@jobs_api.post("/v1/jobs")
@requires_scope("write")
def post_job():
    """Queue a backfill.
    ---
    post:
      summary: Queue up to QUOTES_MAX_JOB_DOCS articles for the workers to extract and store in the desk
      description: >-
        Each document is what POST /v1/articles takes. An invalid one fails alone (in the job's `failures`,
        with the problem POST /v1/articles would give); the others are queued. The body may be up to
        QUOTES_MAX_JOB_BYTES. Follow the job at its `Location`.
      requestBody:
        required: true
        content: {application/json: {schema: JobRequestSchema}}
      responses:
        202:
          description: queued
          headers: {Location: {description: the job, schema: {type: string}}}
          content: {application/json: {schema: JobSchema}}
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
    request.max_content_length = config["MAX_JOB_BYTES"]
    schema = JobRequestSchema(max_docs=config["MAX_JOB_DOCS"], max_chars=config["MAX_CHARS"])
    documents = [(document.id, invalid(document.error)) if isinstance(document, InvalidDocument)
                 else document for document in schema.load(read_json_request("job"))["documents"]]
    job_id = submit(documents, broker(), current_app.extensions["archive"].database)
    response = json_response(job_schema.dump(state.status(state.connect(broker()), job_id)), 202)
    response.headers["Location"] = f"/v1/jobs/{job_id}"
    return response


@jobs_api.get("/v1/jobs/<job_id>")
def get_job(job_id: str):
    """A job's progress.
    ---
    get:
      summary: How many documents of a job are queued, done (stored in the desk), failed and cancelled
      parameters: [{in: path, name: job_id, required: true, schema: {type: string}}]
      responses:
        200: {description: the job, content: {application/json: {schema: JobSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    return json_response(job_schema.dump(job_or_404(job_id)))


@jobs_api.delete("/v1/jobs/<job_id>")
@requires_scope("write")
def cancel_job(job_id: str):
    """Cancel a job.
    ---
    delete:
      summary: Cancel the documents of a job that no worker has started; the batches running finish
      parameters: [{in: path, name: job_id, required: true, schema: {type: string}}]
      responses:
        200: {description: the job after the cancellation, content: {application/json: {schema: JobSchema}}}
        401: {$ref: "#/components/responses/Problem"}
        404: {$ref: "#/components/responses/Problem"}
        429: {$ref: "#/components/responses/Problem"}
        503: {$ref: "#/components/responses/Problem"}
      security: [{BearerKey: []}, {HeaderKey: []}, {}]
    """
    job_or_404(job_id)
    store = state.connect(broker())
    if state.cancel(store, job_id):  # no worker had started it: the job is over now (its event, as the workers')
        webhooks.record_event_now(current_app.extensions["archive"].database, "job.finished",
                                  state.status(store, job_id))
    return json_response(job_schema.dump(job_or_404(job_id)))
