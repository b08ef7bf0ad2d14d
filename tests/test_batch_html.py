"""HTML input and POST /v1/quotes/batch, on the real models and a real article."""
import html

import pytest
from support import assert_problem
from test_api import ARTICLE

import quotes.batch
from quotes.html_text import html_to_text
from schemas import QuoteResultSchema


def as_cms_html(text: str) -> str:
    """The article as a CMS page stores it: one <p> per paragraph, among navigation, scripts and a footer."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return (f"<html><head><title>Story</title><style>p {{ margin: 0 }}</style></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article>{paragraphs}<script>track('read “all” of it')</script></article>"
            f"<footer>© The Paper</footer></body></html>")


def assert_offsets_index(text: str, result: dict) -> None:
    assert result["quotes"]
    for quote in result["quotes"]:
        assert quote["text"] == " ".join(text[span["start"]:span["end"]] for span in quote["spans"])
        if quote["speaker"]:
            assert text[quote["speaker"]["start"]:quote["speaker"]["end"]] == quote["speaker"]["mention"]
        if quote["cue"]:
            assert text[quote["cue"]["start"]:quote["cue"]["end"]] == quote["cue"]["text"]


@pytest.mark.parametrize("markup, text", [
    ("<p>One <b>bold</b> line.</p><p>Two<br>lines.</p>", "One bold line.\n\nTwo\nlines."),
    ('<?xml version="1.0" encoding="utf-8"?><p>Declared.</p>', "Declared."),
    ("<p>Before<!-- an ad slot -->after.</p>", "Beforeafter."),
    ("<p>Ta\x01b\x01s</p>", "Ta\x01b\x01s"),  # control characters are text, not structure
    ("<div>Outer<p>inner</p>tail</div>", "Outer\n\ninner\n\ntail"),
    ("<table><tr><td>Name</td><td>Role</td></tr></table>", "Name Role"),
    ("<nav>Menu</nav><main><p>Story.</p></main><aside>Related</aside>", "Story."),
    ("<article><p>Teaser one.</p></article><article><p>Teaser two.</p></article>", "Teaser one.\n\nTeaser two."),
    ("<!-- nothing -->", ""),
    ("Just &amp; text", "Just & text"),
])
def test_html_to_text_keeps_paragraphs_and_drops_furniture(markup, text):
    assert html_to_text(markup) == text


def test_html_input_returns_the_article_text_that_every_offset_indexes(client, seed_article):
    plain = client.post("/v1/quotes", json={"text": seed_article}).get_json()
    response = client.post("/v1/quotes", json={"html": as_cms_html(seed_article), "id": "cms-1"})
    assert response.status_code == 200
    body = response.get_json()
    assert QuoteResultSchema().validate(body) == {}
    paragraphs = [" ".join(line.split()) for line in seed_article.splitlines() if line.strip()]
    assert body["text"] == "\n\n".join(paragraphs)  # paragraph breaks kept, boilerplate gone
    assert "Home" not in body["text"] and "track(" not in body["text"] and "©" not in body["text"]
    assert body["id"] == "cms-1"
    assert_offsets_index(body["text"], body)
    assert [q["text"] for q in body["quotes"]] == [q["text"] for q in plain["quotes"]]
    assert "text" not in plain  # plain-text input: offsets index what the client sent


def test_text_html_body_with_id_in_the_query(client):
    page = as_cms_html(ARTICLE)
    response = client.post("/v1/quotes?id=cms-2", data=page.encode(), content_type="text/html; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "cms-2"
    assert body["text"].split("\n\n") == ARTICLE.split("\n")
    assert [q["speaker"]["name"] for q in body["quotes"]] == ["Maria Lopez", "Maria Lopez"]
    assert_offsets_index(body["text"], body)


@pytest.mark.parametrize("document, detail", [
    ({"html": "<script>alert(1)</script><nav>Home</nav>"}, "html has no article text"),
    ({"html": "   "}, "html has no article text"),
    ({"html": 5}, "html: not a valid string"),
    ({"text": "Words.", "html": "<p>Words.</p>"}, "not both"),
])
def test_invalid_html_documents_are_422(client, document, detail):
    assert_problem(client.post("/v1/quotes", json=document), 422, detail)


def test_a_batch_answers_each_document_in_order_with_bad_ones_in_their_slots(client, seed_article):
    documents = [
        {"id": "seed", "text": seed_article},
        {"id": "empty", "text": " "},
        {"id": "union", "html": as_cms_html(ARTICLE)},
        "not an object",
        {"id": "both", "text": "a", "html": "<p>a</p>"},
        {"text": ARTICLE},
    ]
    response = client.post("/v1/quotes/batch", json={"documents": documents})
    assert response.status_code == 200
    seed, empty, union, not_object, both, anonymous = response.get_json()["results"]

    assert seed["id"] == "seed" and "error" not in seed and "text" not in seed
    single = client.post("/v1/quotes", json={"text": seed_article}).get_json()
    assert [q["text"] for q in seed["quotes"]] == [q["text"] for q in single["quotes"]]
    assert_offsets_index(seed_article, seed)

    assert union["id"] == "union" and union["text"].split("\n\n") == ARTICLE.split("\n")
    assert_offsets_index(union["text"], union)
    assert anonymous["id"] is None and len(anonymous["quotes"]) == 2

    assert empty == {"id": "empty", "error": {"type": "about:blank", "title": "Unprocessable Content", "status": 422,
                                              "detail": "text: text is empty.", "errors": {"text": ["text is empty."]}}}
    assert not_object["id"] is None and not_object["error"]["status"] == 422
    assert both["id"] == "both" and "not both" in both["error"]["detail"]


def test_a_document_the_engine_fails_on_does_not_fail_the_others(client, monkeypatch):
    """Fault injection: the batch call fails, and so does one document when retried alone."""
    real_extract = quotes.batch.extract

    def batch_fails(*_args, **_kwargs):
        raise RuntimeError("a document broke the batch")

    def extract_unless_poisoned(text, doc_id=None, deadline=None):
        if doc_id == "poisoned":
            raise RuntimeError("this document breaks the engine")
        return real_extract(text, doc_id, deadline)

    monkeypatch.setattr(quotes.batch, "extract_many", batch_fails)
    monkeypatch.setattr(quotes.batch, "extract", extract_unless_poisoned)
    documents = [{"id": name, "text": ARTICLE} for name in ("before", "poisoned", "after")]
    before, poisoned, after = client.post("/v1/quotes/batch", json={"documents": documents}).get_json()["results"]
    assert len(before["quotes"]) == len(after["quotes"]) == 2
    assert poisoned["id"] == "poisoned" and poisoned["error"]["status"] == 500
    assert "traceback" not in str(poisoned).lower() and "breaks the engine" not in str(poisoned)


def test_batch_limits_and_envelope_errors(app, client):
    limit = app.config["MAX_BATCH_DOCS"]
    too_many = {"documents": [{"text": "Hello."}] * (limit + 1)}
    assert_problem(client.post("/v1/quotes/batch", json=too_many), 422, f"the limit is {limit}")
    (too_long,) = client.post("/v1/quotes/batch", json={"documents": [
        {"id": "long", "text": "a" * (app.config["MAX_CHARS"] + 1)}]}).get_json()["results"]
    assert too_long["id"] == "long" and "the limit is" in too_long["error"]["detail"]
    assert_problem(client.post("/v1/quotes/batch", json={"documents": []}), 422, "documents is empty")
    assert_problem(client.post("/v1/quotes/batch", json={}), 422, "documents: missing data")
    assert_problem(client.post("/v1/quotes/batch", json={"documents": "x"}), 422, "not a valid list")
    assert_problem(client.post("/v1/quotes/batch", json=[{"text": "x"}]), 422, "JSON object")
    assert_problem(client.post("/v1/quotes/batch", data="{", content_type="application/json"), 400, "not valid JSON")
    assert_problem(client.post("/v1/quotes/batch", data="x", content_type="text/plain"), 415, "application/json")
