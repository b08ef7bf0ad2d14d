"""GET /v1/articles/{id} as schema.org JSON-LD, read back by a JSON-LD processor (pyld), on a real extraction."""
import pytest
from pyld import jsonld

from schemas.jsonld import NewsArticleSchema

SCHEMA = "https://schema.org/"
ARTICLE = ("The union met the district on Tuesday.\n"
           "“We will not back down,” said Maria Lopez, a spokeswoman for the Chicago Teachers Union.\n"
           "“The schedule is fine,” said the Chicago Public Schools in a statement.")


def offline_loader(url, options=None):
    """schema.org's context, without the network the tests may not use: its vocabulary is schema.org's."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def leaves(node) -> int:
    """The properties and values a document states (keywords like @context aside)."""
    if isinstance(node, list):
        return sum(leaves(item) for item in node)
    if isinstance(node, dict):
        if "@value" in node:
            return 1
        return sum(leaves(value) for key, value in node.items() if key not in ("@context", "@type", "@id")) + (
            "@type" in node) + ("@id" in node)
    return 1


@pytest.fixture(scope="module")
def stored(app):
    client = app.test_client()
    response = client.post("/v1/articles", json={"id": "jsonld-1", "text": ARTICLE, "source": "Gazette Wire",
                                                 "url": "https://news.example.org/union-talks",
                                                 "published": "2026-03-03T09:00:00+00:00"})
    assert response.status_code in (200, 201)
    return response.get_json()


def test_the_article_as_schema_org_json_ld_expands_without_loss(client, stored):
    response = client.get("/v1/articles/jsonld-1", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    document = response.get_json()
    assert document["@context"] == "https://schema.org" and document["@type"] == "NewsArticle"
    assert NewsArticleSchema().validate(document) == {}  # as the OpenAPI document describes it

    (expanded,) = jsonld.expand(document, {"documentLoader": offline_loader})
    assert leaves(expanded) == leaves(document)  # every term known to schema.org: none dropped
    assert expanded["@type"] == [f"{SCHEMA}NewsArticle"] and expanded["@id"] == document["@id"]
    assert expanded[f"{SCHEMA}publisher"][0][f"{SCHEMA}name"] == [{"@value": "Gazette Wire"}]
    quotations = expanded[f"{SCHEMA}hasPart"]
    assert [quotation["@type"] for quotation in quotations] == [[f"{SCHEMA}Quotation"]] * len(stored["quotes"])
    assert [quotation[f"{SCHEMA}text"][0]["@value"] for quotation in quotations] == [
        quote["text"] for quote in stored["quotes"]]
    assert all(quotation[f"{SCHEMA}isPartOf"] == [{"@id": document["@id"]}] for quotation in quotations)

    speakers = {quotation[f"{SCHEMA}text"][0]["@value"]: quotation[f"{SCHEMA}spokenByCharacter"][0]
                for quotation in quotations}
    lopez = speakers["We will not back down"]
    assert lopez["@type"] == [f"{SCHEMA}Person"] and lopez[f"{SCHEMA}name"] == [{"@value": "Maria Lopez"}]
    assert lopez[f"{SCHEMA}jobTitle"] == [{"@value": "spokeswoman"}]
    assert lopez[f"{SCHEMA}affiliation"][0][f"{SCHEMA}name"] == [{"@value": "Chicago Teachers Union"}]
    assert lopez[f"{SCHEMA}affiliation"][0]["@type"] == [f"{SCHEMA}Organization"]


def test_json_stays_the_default(client, stored):
    for accept in (None, "application/json", "*/*"):
        response = client.get("/v1/articles/jsonld-1", headers={"Accept": accept} if accept else {})
        assert response.mimetype == "application/json" and response.get_json()["id"] == "jsonld-1"
