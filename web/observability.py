"""What operators see: Prometheus metrics at /metrics, one JSON log line per request, and a request id
(X-Request-ID) that ties a client's request to that line.

Under gunicorn each worker counts for itself. To scrape the sum of all workers, set
PROMETHEUS_MULTIPROC_DIR to an empty directory before starting: prometheus_client then keeps the
values in files there, /metrics adds them up, and gunicorn.conf.py clears a dead worker's files.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import time
import uuid

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# a client's id is echoed only if it is short and plain: it goes into headers and logs
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:+=-]{1,128}")

REQUESTS = Counter("quotes_http_requests", "HTTP requests answered", ["method", "endpoint", "status"])
LATENCY = Histogram("quotes_http_request_duration_seconds", "Time to answer a request", ["method", "endpoint"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120))
WORDS = Counter("quotes_words_processed", "Words of the articles the engine processed")

request_log = logging.getLogger("quotes.requests")
if not request_log.handlers:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter("{levelname}{name}{message}", style="{", timestamp=True))
    request_log.addHandler(handler)
    request_log.setLevel(logging.INFO)
    request_log.propagate = False  # exactly one line per request, whatever the root logger does

metrics = Blueprint("metrics", __name__)


def count_words(texts: list[str]) -> None:
    """Count the words of texts the engine processed for this request, for /metrics and its log line."""
    words = sum(len(text.split()) for text in texts)
    WORDS.inc(words)
    g.words = g.get("words", 0) + words


@metrics.get("/metrics")
def prometheus_metrics():
    """Prometheus metrics.
    ---
    get:
      summary: Prometheus metrics (request counts, latency histogram, words processed)
      responses:
        200: {description: the text exposition format, content: {text/plain: {schema: {type: string}}}}
    """
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return Response(generate_latest(registry), headers={"Content-Type": CONTENT_TYPE_LATEST})


def register(app: Flask) -> None:
    app.register_blueprint(metrics)

    @app.before_request
    def _start():
        g.started = time.perf_counter()
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers[REQUEST_ID_HEADER] = request_id
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"  # bounded label values
        REQUESTS.labels(request.method, endpoint, str(response.status_code)).inc()
        LATENCY.labels(request.method, endpoint).observe(seconds)
        request_log.info("request", extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1), "words": g.get("words", 0), "request_id": request_id,
            "key": g.get("api_key_name")})  # who wrote or deleted what (web.security)
        return response
