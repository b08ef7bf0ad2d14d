"""schemathesis against the app's own OpenAPI document, in-process (WSGI, no network): generated
requests, valid and invalid, get no 5xx, and every response matches what the document says."""
import schemathesis
from hypothesis import HealthCheck, event, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from app import create_app

# Its own app, as collection needs the schema before any fixture exists; the models load once per
# process all the same (and now, so that /readyz is ready). No rate limit: every generated request
# comes from one address.
app = create_app({"TESTING": True, "RATELIMIT_ENABLED": False}, preload=True)
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_api_keeps_its_contract(case):
    response = case.call_and_validate(checks=CHECKS)
    event(f"{case.method} {case.path} {response.status_code}")


# The same contract when the service requires keys and none is sent: 401 problems on /v1, health open.
keyed_schema = schemathesis.openapi.from_wsgi("/openapi.json", create_app({"TESTING": True, "API_KEYS": "newsroom-key"}))


@keyed_schema.parametrize()
@settings(max_examples=10, deadline=None, database=None, suppress_health_check=[HealthCheck.filter_too_much])
def test_the_contract_holds_without_a_key(case):
    response = case.call_and_validate(checks=CHECKS)
    if case.path.startswith("/v1/") and case.method != "OPTIONS":  # a CORS preflight carries no key
        assert response.status_code == 401
