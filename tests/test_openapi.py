"""/openapi.json is a valid OpenAPI 3 document generated from the schemas; /docs works offline."""
import re

import pytest
from apispec.ext.marshmallow.common import get_fields
from openapi_spec_validator import validate

from schemas import BatchRequestSchema, QuoteRequestSchema, QuoteResultSchema


@pytest.fixture(scope="module")
def spec(app):
    response = app.test_client().get("/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_the_document_is_valid_openapi_3(spec):
    validate(spec)  # raises on any violation of the OpenAPI 3.0 schema
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "quotes"


def test_every_endpoint_is_documented(spec):
    operations = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert operations >= {("/v1/quotes", "post"), ("/v1/quotes/batch", "post"), ("/v1/version", "get"),
                          ("/healthz", "get"), ("/readyz", "get"), ("/metrics", "get")}


@pytest.mark.parametrize("name, schema", [("QuoteRequest", QuoteRequestSchema), ("QuoteResult", QuoteResultSchema),
                                          ("BatchRequest", BatchRequestSchema)])
def test_component_schemas_are_generated_from_the_marshmallow_schemas(spec, name, schema):
    properties = spec["components"]["schemas"][name]["properties"]
    assert set(properties) == set(get_fields(schema))


def test_operations_refer_to_the_schemas_and_the_problem_format(spec):
    quotes = spec["paths"]["/v1/quotes"]["post"]
    content = quotes["requestBody"]["content"]
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/QuoteRequest"}
    assert {"text/plain", "text/html"} <= set(content)
    assert quotes["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/QuoteResult"}
    assert quotes["responses"]["422"] == {"$ref": "#/components/responses/Problem"}
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    slot = spec["components"]["schemas"]["BatchResult"]["properties"]["results"]["items"]
    assert [one["$ref"].rsplit("/", 1)[1] for one in slot["oneOf"]] == ["QuoteResult", "DocumentError"]


def test_the_docs_page_loads_every_asset_from_the_service(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) == 3 and all(asset.startswith("/") for asset in assets)  # nothing from another host
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.data) > 100, asset
    assert 'data-spec-url="/openapi.json"' in html
