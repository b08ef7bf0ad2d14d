"""API keys, rate limits and CORS, through the real app and engine."""
import hashlib
import re

import pytest
from support import SENTENCE, assert_problem

from web.security import KEYED_RATE_LIMIT, KeysFileError

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


def sha256(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@pytest.fixture()
def scoped_client(make_client, tmp_path, monkeypatch):
    """Keys as a newsroom hands them out: a public widget reads, the CMS writes, operators administer; an
    old line (a digest alone) keeps every scope."""
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"{sha256('widget-key')} read public widget\n"
                         f"{sha256('cms-key')} read,extract,write newsroom CMS\n"
                         f"{sha256('ops-key')} admin\n"
                         f"{sha256('old-key')}\n", encoding="utf-8")
    monkeypatch.setenv("API_KEYS_FILE", str(keys_file))
    return make_client()


def as_key(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_a_key_without_the_operations_scope_is_403_naming_it(scoped_client):
    client = scoped_client
    assert client.get("/v1/version", headers=as_key("widget-key")).status_code == 200
    assert_problem(client.post("/v1/quotes", json=ARTICLE, headers=as_key("widget-key")), 403, "'extract' scope")
    assert_problem(client.post("/v1/articles", json={"id": "scoped-1", **ARTICLE}, headers=as_key("widget-key")),
                   403, "'write' scope")
    assert_problem(client.delete("/v1/articles/scoped-1", headers=as_key("widget-key")), 403, "'write' scope")
    assert_problem(client.post("/v1/jobs", json={"documents": [{"id": "j", **ARTICLE}]}, headers=as_key("widget-key")),
                   403, "'write' scope")
    assert_problem(client.get("/v1/version", headers=as_key("ops-key")), 403, "'read' scope")
    assert_problem(client.post("/v1/quotes", json=ARTICLE, headers=as_key("ops-key")), 403, "'extract' scope")


def test_keys_with_the_scope_pass_and_a_digest_alone_has_every_scope(scoped_client, caplog):
    client = scoped_client
    for key in ("cms-key", "old-key"):
        assert client.post("/v1/quotes", json=ARTICLE, headers=as_key(key)).status_code == 200
        assert client.post("/v1/articles", json={"id": f"scoped-{key}", **ARTICLE},
                           headers=as_key(key)).status_code in (200, 201)
        assert client.get(f"/v1/articles/scoped-{key}", headers=as_key(key)).status_code == 200
        with caplog.at_level("INFO", logger="quotes.requests"):
            assert client.delete(f"/v1/articles/scoped-{key}", headers=as_key(key)).status_code == 204
    # writes and deletes are logged with the key's name (the file's, else the start of its digest)
    deletes = [record for record in caplog.records if record.name == "quotes.requests" and record.method == "DELETE"]
    assert [record.key for record in deletes] == ["newsroom CMS", f"key {sha256('old-key')[:8]}"]


@pytest.mark.parametrize("line, problem", [
    (f"{sha256('k')} read,publish cms", "unknown scopes ['publish']"),
    ("not-a-digest read", "not a sha256 hex digest"),
])
def test_a_keys_file_line_the_service_cannot_read_stops_it(make_client, tmp_path, monkeypatch, line, problem):
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# keys\n{line}\n", encoding="utf-8")
    monkeypatch.setenv("API_KEYS_FILE", str(keys_file))
    with pytest.raises(KeysFileError, match=re.escape(f"line 2: {problem}" if "scopes" in problem else problem)):
        make_client()


def test_the_openapi_document_names_each_operations_scope(client):
    spec = client.get("/openapi.json").get_json()
    scopes = {(path, method): operation.get("x-scope") for path, item in spec["paths"].items()
              for method, operation in item.items()}
    assert scopes[("/v1/quotes", "post")] == scopes[("/v1/quotes/batch", "post")] == "extract"
    assert scopes[("/v1/articles", "post")] == scopes[("/v1/articles/{article_id}", "delete")] == "write"
    assert scopes[("/v1/jobs", "post")] == scopes[("/v1/jobs/{job_id}", "delete")] == "write"
    assert {scopes[key] for key in scopes if key[1] == "get" and key[0].startswith("/v1/")
            and not key[0].startswith("/v1/webhooks")} == {"read"}
    assert {scopes[key] for key in scopes if key[0].startswith("/v1/webhooks")} == {"admin"}
    assert len([key for key in scopes if key[0].startswith("/v1/webhooks")]) == 4
    assert scopes[("/healthz", "get")] is None  # open
    assert spec["paths"]["/v1/quotes"]["post"]["responses"]["403"] == {"$ref": "#/components/responses/Problem"}
    assert "scope" in spec["components"]["securitySchemes"]["BearerKey"]["description"]
