"""A stored article as schema.org JSON-LD (GET /v1/articles/{id} with `Accept: application/ld+json`): a
NewsArticle whose quotations are Quotation items, so that a CMS can embed it in its page for search engines."""
from __future__ import annotations

from marshmallow import Schema, fields

CONTEXT = "https://schema.org"
MEDIA_TYPE = "application/ld+json"
# schema.org has Person and Organization; a group of people ("protesters") or an unknown source is people
SPEAKER_TYPES = {"organization": "Organization"}


def speaker_node(quote: dict) -> dict | None:
    """The quote's speaker as a Person (with jobTitle and affiliation) or an Organization."""
    speaker = quote["speaker"]
    if speaker is None:
        return None
    node_type = SPEAKER_TYPES.get(speaker["type"], "Person")
    node = {"@type": node_type, "name": speaker["name"]}
    if node_type == "Person":
        if quote.get("role"):
            node["jobTitle"] = quote["role"]
        if quote.get("affiliation"):
            node["affiliation"] = {"@type": "Organization", "name": quote["affiliation"]["name"]}
    elif quote.get("affiliation"):
        node["parentOrganization"] = {"@type": "Organization", "name": quote["affiliation"]["name"]}
    return node


def news_article(body: dict, article_iri: str) -> dict:
    """The article (a stored body, as GET /v1/articles/{id} gives it) as a NewsArticle at `article_iri`."""
    article = {"@context": CONTEXT, "@type": "NewsArticle", "@id": article_iri, "identifier": body["id"]}
    optional = {"url": body.get("url"), "datePublished": body.get("published"),
                "publisher": {"@type": "Organization", "name": body["source"]} if body.get("source") else None}
    article.update({key: value for key, value in optional.items() if value})
    quotations = []
    for quote in body["quotes"]:
        quotation = {"@type": "Quotation", "@id": f"{article_iri}#{quote['id']}", "text": quote["text"],
                     "isPartOf": {"@id": article_iri}}
        if (speaker := speaker_node(quote)) is not None:
            quotation["spokenByCharacter"] = speaker
        quotations.append(quotation)
    article["hasPart"] = quotations
    return article


class OrganizationSchema(Schema):
    type = fields.String(data_key="@type", required=True, metadata={"enum": ["Organization"]})
    name = fields.String(required=True)


class SpeakerNodeSchema(Schema):
    type = fields.String(data_key="@type", required=True, metadata={"enum": ["Person", "Organization"]})
    name = fields.String(required=True)
    jobTitle = fields.String(metadata={"description": "Person: the speaker's role"})
    affiliation = fields.Nested(OrganizationSchema, metadata={"description": "Person: their organization"})
    parentOrganization = fields.Nested(OrganizationSchema)


class QuotationSchema(Schema):
    type = fields.String(data_key="@type", required=True, metadata={"enum": ["Quotation"]})
    id = fields.String(data_key="@id", required=True)
    text = fields.String(required=True)
    spokenByCharacter = fields.Nested(SpeakerNodeSchema)
    isPartOf = fields.Dict(required=True, metadata={"description": "the article, by its @id"})


class NewsArticleSchema(Schema):
    """schema.org NewsArticle (https://schema.org/NewsArticle) with its quotations as `hasPart`."""

    context = fields.String(data_key="@context", required=True, metadata={"enum": [CONTEXT]})
    type = fields.String(data_key="@type", required=True, metadata={"enum": ["NewsArticle"]})
    id = fields.String(data_key="@id", required=True, metadata={"description": "this article's URL in the service"})
    identifier = fields.String(required=True, metadata={"description": "the article's id in the CMS"})
    url = fields.String()
    datePublished = fields.String()
    publisher = fields.Nested(OrganizationSchema)
    hasPart = fields.List(fields.Nested(QuotationSchema), required=True)
