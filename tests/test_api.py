"""The HTTP contract through Flask's test client, on the real models."""
import pytest

from schemas import QuoteResultSchema
from support import assert_offsets_index, assert_problem

ARTICLE = ("The union met the district on Tuesday.\n"
           "“We will not back down,” said Maria Lopez, a spokeswoman for the Chicago Teachers Union.\n"
           "“The district knows what it owes,” she added.")


def test_quotes_of_an_article(client):
    response = client.post("/v1/quotes", json={"text": ARTICLE, "id": "story-1"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert QuoteResultSchema().validate(body) == {}
    assert body["id"] == "story-1"
    first, second = body["quotes"]
    assert first["text"] == "We will not back down"
    assert ARTICLE[first["spans"][0]["start"]:first["spans"][0]["end"]] == first["text"]
    assert first["speaker"]["name"] == second["speaker"]["name"] == "Maria Lopez"
    assert second["speaker"]["mention"] == "she"
    assert first["affiliation"]["name"] == "Chicago Teachers Union"
    assert first["role"] == "spokeswoman"
    assert (first["cue"]["text"], second["cue"]["lemma"]) == ("said", "add")
    (speaker,) = body["speakers"]
    assert speaker["quote_ids"] == ["q1", "q2"]
    assert body["meta"]["models"]["packages"]["depparse"]


def test_plain_text_body_with_id_in_the_query(client):
    response = client.post("/v1/quotes?id=abc", data=ARTICLE.encode(), content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "abc" and len(body["quotes"]) == 2


def test_every_offset_indexes_the_submitted_seed_article(client, seed_article):
    body = client.post("/v1/quotes", json={"text": seed_article}).get_json()
    assert body["quotes"]
    assert_offsets_index(seed_article, body)


@pytest.mark.parametrize("body, status, detail", [
    ({"text": ""}, 422, "text is empty"),
    ({"text": "   \n "}, 422, "text is empty"),
    ({"text": 42}, 422, "not a valid string"),
    ({"text": ["a"]}, 422, "not a valid string"),
    ({}, 422, "missing data"),
    ({"text": "ok", "id": 7}, 422, "id"),
    (["text"], 422, "JSON object"),
])
def test_invalid_documents_are_422_with_field_errors(client, body, status, detail):
    assert_problem(client.post("/v1/quotes", json=body), status, detail)


def test_invalid_json_is_400(client):
    response = client.post("/v1/quotes", data='{"text": "unterminated', content_type="application/json")
    assert_problem(response, 400, "not valid JSON")


def test_wrong_content_type_is_415(client):
    response = client.post("/v1/quotes", data="<p>hi</p>", content_type="application/xml")
    assert_problem(response, 415, "application/json or text/plain")


def test_invalid_utf8_is_400(client):
    response = client.post("/v1/quotes", data=b"\xff\xfe bad", content_type="text/plain")
    assert_problem(response, 400, "UTF-8")


def test_text_over_the_character_limit_is_422(app, client):
    limit = app.config["MAX_CHARS"]
    assert_problem(client.post("/v1/quotes", json={"text": "a" * (limit + 1)}), 422, "limit")


def test_body_over_the_size_limit_is_413(app, client):
    data = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    assert_problem(client.post("/v1/quotes", data=data, content_type="text/plain"), 413, "")


def test_unknown_route_and_wrong_method_are_problems(client):
    assert_problem(client.get("/v2/nothing"), 404, "")
    assert_problem(client.get("/v1/quotes"), 405, "")


def test_health_readiness_and_version(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}
    version = client.get("/v1/version").get_json()
    assert version["service"] and version["stanza"]
    assert {"tokenize", "pos", "lemma", "depparse"} <= set(version["packages"])
