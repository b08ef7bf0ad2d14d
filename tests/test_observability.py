"""Metrics at /metrics, one JSON log line per request, and the X-Request-ID header."""
import json

from prometheus_client.parser import text_string_to_metric_families
from pythonjsonlogger.json import JsonFormatter
from test_api import ARTICLE

from web.observability import request_log


def metric(client, name: str, **labels) -> float:
    """The current value of one sample of /metrics (0 when it has not been recorded yet)."""
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_metrics_count_requests_latency_and_words(client):
    answered = dict(method="POST", endpoint="/v1/quotes", status="200")
    requests_before = metric(client, "quotes_http_requests_total", **answered)
    timed_before = metric(client, "quotes_http_request_duration_seconds_count", method="POST", endpoint="/v1/quotes")
    words_before = metric(client, "quotes_words_processed_total")
    rejected_before = metric(client, "quotes_http_requests_total", method="POST", endpoint="/v1/quotes", status="422")

    assert client.post("/v1/quotes", json={"text": ARTICLE}).status_code == 200
    assert client.post("/v1/quotes", json={"text": ""}).status_code == 422

    assert metric(client, "quotes_http_requests_total", **answered) == requests_before + 1
    assert metric(client, "quotes_http_requests_total", method="POST", endpoint="/v1/quotes",
                  status="422") == rejected_before + 1
    assert metric(client, "quotes_http_request_duration_seconds_count", method="POST",
                  endpoint="/v1/quotes") == timed_before + 2
    assert metric(client, "quotes_words_processed_total") == words_before + len(ARTICLE.split())


def test_a_batch_counts_the_words_of_the_documents_processed(client):
    before = metric(client, "quotes_words_processed_total")
    batch = {"documents": [{"id": "ok", "text": ARTICLE}, {"id": "bad", "text": " "}, {"html": f"<p>{ARTICLE}</p>"}]}
    assert client.post("/v1/quotes/batch", json=batch).status_code == 200
    assert metric(client, "quotes_words_processed_total") == before + 2 * len(ARTICLE.split())


def test_unknown_paths_share_one_label(client):
    before = metric(client, "quotes_http_requests_total", method="GET", endpoint="unmatched", status="404")
    client.get("/no/such/page/1")
    client.get("/no/such/page/2")
    assert metric(client, "quotes_http_requests_total", method="GET", endpoint="unmatched", status="404") == before + 2


def test_a_sane_request_id_is_echoed_and_a_missing_or_odd_one_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "cms-42.a"}).headers["X-Request-ID"] == "cms-42.a"
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32 and int(generated, 16) >= 0
    for odd in ("has spaces", "x" * 200, "<script>"):
        replaced = client.get("/healthz", headers={"X-Request-ID": odd}).headers["X-Request-ID"]
        assert replaced != odd and len(replaced) == 32
    error = client.post("/v1/quotes", json={"text": ""}, headers={"X-Request-ID": "bad-doc-1"})
    assert error.status_code == 422 and error.headers["X-Request-ID"] == "bad-doc-1"


def test_one_json_log_line_per_request(client, caplog):
    client.post("/v1/quotes?id=log-1", data=ARTICLE.encode(), content_type="text/plain",
                headers={"X-Request-ID": "log-test-1"})
    handler = next(handler for handler in request_log.handlers if isinstance(handler.formatter, JsonFormatter))
    (record,) = [record for record in caplog.records if record.name == "quotes.requests"]
    line = json.loads(handler.format(record))  # the line exactly as the service writes it
    assert "\n" not in handler.format(record)
    assert line["request_id"] == "log-test-1"
    assert (line["method"], line["path"], line["status"]) == ("POST", "/v1/quotes", 200)
    assert line["words"] == len(ARTICLE.split()) and line["duration_ms"] > 0
    assert line["timestamp"]
