"""API keys, rate limits and CORS, through the real app and engine."""
import hashlib

import pytest

from support import SENTENCE, assert_problem
from web.security import KEYED_RATE_LIMIT

ARTICLE = {"text": SENTENCE}
CMS = "https://cms.example-news.org"


def post(client, **headers):
    return client.post("/v1/quotes", json=ARTICLE, headers=headers)


def test_authentication_is_off_without_keys(make_client):
    assert post(make_client()).status_code == 200


@pytest.fixture()
def keyed_client(make_client):
    return make_client(API_KEYS="first-key, second-key")


def test_either_header_carries_the_key(keyed_client):
    assert post(keyed_client, Authorization="Bearer first-key").status_code == 200
    assert post(keyed_client, Authorization="bearer second-key").status_code == 200
    assert post(keyed_client, **{"X-API-Key": "second-key"}).status_code == 200


@pytest.mark.parametrize("headers, detail", [
    ({}, "Send your API key"),
    ({"Authorization": "Bearer"}, "Send your API key"),
    ({"Authorization": "Basic Zmlyc3Qta2V5Og=="}, "Send your API key"),
    ({"Authorization": "Bearer first-key-but-longer"}, "not valid"),
    ({"X-API-Key": "first"}, "not valid"),
    ({"X-API-Key": "\u00e9\udc80"}, "not valid"),
])
def test_missing_or_wrong_keys_are_401(keyed_client, headers, detail):
    response = keyed_client.post("/v1/quotes", json=ARTICLE, headers=headers)
    assert_problem(response, 401, detail)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_health_stays_open_and_the_rest_needs_a_key(keyed_client):
    assert keyed_client.get("/healthz").status_code == 200
    assert keyed_client.get("/readyz").status_code == 200
    assert_problem(keyed_client.get("/v1/version"), 401, "API key")
    assert keyed_client.get("/v1/version", headers={"X-API-Key": "first-key"}).status_code == 200


def test_keys_from_a_file_of_sha256_digests(make_client, tmp_path, monkeypatch):
    keys_file = tmp_path / "keys.sha256"
    keys_file.write_text("# newsroom CMS, rotated 2026-11\n" + hashlib.sha256(b"cms-key").hexdigest().upper() + "\n\n")
    monkeypatch.setenv("API_KEYS_FILE", str(keys_file))
    client = make_client()
    assert post(client, Authorization="Bearer cms-key").status_code == 200
    assert_problem(post(client, Authorization="Bearer " + hashlib.sha256(b"cms-key").hexdigest()), 401, "not valid")


def test_keys_from_the_environment(make_client, monkeypatch):
    monkeypatch.setenv("API_KEYS", "env-key")
    client = make_client()
    assert post(client, **{"X-API-Key": "env-key"}).status_code == 200
    assert_problem(post(client), 401, "API key")


def test_over_the_rate_limit_is_429_with_retry_after(make_client):
    client = make_client(RATE_LIMIT="2/minute")
    assert [post(client).status_code for _ in range(2)] == [200, 200]
    response = post(client)
    assert_problem(response, 429, "2 per 1 minute")
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.headers["X-RateLimit-Limit"] == "2" and response.headers["X-RateLimit-Remaining"] == "0"
    assert client.get("/healthz").status_code == 200  # never limited


def test_rate_limits_count_per_client_address_without_keys(make_client):
    client = make_client(RATE_LIMIT="1/minute")
    assert post(client).status_code == 200
    assert post(client).status_code == 429
    other = client.post("/v1/quotes", json=ARTICLE, environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200


def test_local_use_is_not_rate_limited(make_client):
    client = make_client()
    # past the per-key default, from one address (a short text: the limiter is the point)
    responses = [client.post("/v1/quotes", json={"text": "No quotes."}) for _ in range(int(KEYED_RATE_LIMIT.split("/")[0]) + 5)]
    assert {response.status_code for response in responses} == {200}
    assert "X-RateLimit-Limit" not in responses[-1].headers


def test_keys_alone_turn_on_the_default_limit_per_key(make_client):
    client = make_client(API_KEYS="first-key,second-key")
    response = post(client, **{"X-API-Key": "first-key"})
    assert response.status_code == 200 and response.headers["X-RateLimit-Limit"] == KEYED_RATE_LIMIT.split("/")[0]


def test_rate_limits_count_per_key(make_client):
    client = make_client(API_KEYS="first-key,second-key", RATE_LIMIT="1/minute")
    assert post(client, **{"X-API-Key": "first-key"}).status_code == 200
    assert post(client, Authorization="Bearer first-key").status_code == 429  # same key, other header
    assert post(client, **{"X-API-Key": "second-key"}).status_code == 200
    # a refused key does not use up anyone's allowance
    assert post(client, **{"X-API-Key": "wrong"}).status_code == 401


def test_cors_answers_only_the_configured_origins(make_client):
    client = make_client(CORS_ORIGINS=f"{CMS}, https://other-cms.example-news.org", API_KEYS="k")
    allowed = post(client, Origin=CMS, **{"X-API-Key": "k"})
    assert allowed.status_code == 200 and allowed.headers["Access-Control-Allow-Origin"] == CMS
    denied = post(client, Origin="https://attacker.example", **{"X-API-Key": "k"})
    assert "Access-Control-Allow-Origin" not in denied.headers
    # the browser's preflight carries no key: it must pass, and allow the key headers
    preflight = client.options("/v1/quotes", headers={
        "Origin": CMS, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == CMS
    assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
    # errors carry CORS headers too, so the CMS can read the problem body
    unauthorised = post(client, Origin=CMS)
    assert unauthorised.status_code == 401 and unauthorised.headers["Access-Control-Allow-Origin"] == CMS


def test_no_cors_by_default(make_client):
    response = post(make_client(), Origin=CMS)
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response.headers
